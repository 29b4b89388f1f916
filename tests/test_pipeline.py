"""The pipeline as a whole: ordering, per-document limits, worker processes."""
from __future__ import annotations

import time

import pytest

from onrecord.ingest import InputItem
from onrecord.parse import get_nlp
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
    two = [o.record.to_dict() for o in analyze_items(_items(5), jobs=2, batch_size=2)]
    assert one == two
