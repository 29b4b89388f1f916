"""The pipeline as a whole: ordering, per-document limits, worker processes."""
from __future__ import annotations

import time

import pytest

from onrecord.ingest import InputItem
from onrecord.pipeline import get_nlp
from onrecord import pipeline
from onrecord.pipeline import analyze_items


def _items(n, slow=None):
    out = []
    for i in range(n):
        text = f"Report {i}\n\nThe minister said that taxes would rise in {i + 2} weeks.\n"
        if i == slow:
            text += "\nSLOWDOWN marker paragraph.\n"
        out.append(InputItem(name=f"doc{i}.txt", data=text.encode(), content_type="text"))
    return out


class _Slow:
    """Wraps the attribution component; sleeps on documents with a marker."""

    def __init__(self, inner):
        self.inner = inner

    def __call__(self, doc):
        if "SLOWDOWN" in doc.text:
            time.sleep(3)
        return self.inner(doc)


@pytest.fixture
def slow_pipeline():
    nlp = get_nlp()
    name, comp = nlp._components[-1]
    nlp._components[-1] = (name, _Slow(comp))
    try:
        yield nlp
    finally:
        nlp._components[-1] = (name, comp)


def test_a_document_over_the_time_limit_is_skipped_and_the_run_goes_on(slow_pipeline):
    t0 = time.time()
    outs = list(analyze_items(_items(4, slow=1), doc_timeout=1))
    assert time.time() - t0 < 3
    assert [o.item.name for o in outs] == ["doc0.txt", "doc1.txt", "doc2.txt", "doc3.txt"]
    assert not outs[1].ok and "longer than 1 s" in outs[1].error
    for i in (0, 2, 3):
        rec = outs[i].record
        assert rec is not None
        assert any(f"{i + 2} weeks" in a.content[0].text for a in rec.attributions)


def test_errors_keep_their_place_in_the_stream():
    items = _items(3)
    items.insert(1, InputItem(name="empty.txt", data=b"   \n"))
    outs = list(analyze_items(items))
    assert [o.ok for o in outs] == [True, False, True, True]
    assert outs[1].error.startswith("empty.txt:")


def test_two_worker_processes_give_the_same_records():
    one = [o.record.to_dict() for o in analyze_items(_items(5))]
    items = _items(5)
    outs = list(analyze_items(items, jobs=2, batch_size=2))
    assert [o.record.to_dict() for o in outs] == one
    # the outcomes carry the caller's own items (callers key their bookkeeping on them)
    assert all(o.item is i for o, i in zip(outs, items))


def test_how_documents_are_grouped_for_the_parser_changes_no_record(monkeypatch):
    items = _items(6)
    together = [o.record.to_dict() for o in analyze_items(items)]
    monkeypatch.setattr(pipeline, "PIPE_CHARS", 1)   # one document per nlp.pipe call
    assert [o.record.to_dict() for o in analyze_items(items)] == together
    assert list(pipeline._groups(["ab", "cd", "efgh", "i"], 4)) == [["ab", "cd"], ["efgh"], ["i"]]
