"""An attribution's ``content`` has one shape everywhere: ``start``, ``end`` and ``text``
of the stretch from its first span to its last, and ``spans`` (one when continuous).

On the old code a continuous content was ``{start, end, text}`` and a discontinuous one
``{spans}`` only, and a record stored in either shape came back from the store, the API
and the export as it was put.
"""
from __future__ import annotations

import json
import warnings

from onrecord.store import open_store

TEXT = ("“The talks failed,” Lavrov said on Monday, “and we will not return to them.”\n\n"
        "The minister said the sanctions would hurt Europe.")


def _check(content: dict, text: str) -> None:
    assert list(content) == ["start", "end", "text", "spans"]
    assert content["text"] == text[content["start"]:content["end"]]
    assert content["start"] == content["spans"][0]["start"]
    assert content["end"] == content["spans"][-1]["end"]
    for s in content["spans"]:
        assert s["text"] == text[s["start"]:s["end"]]


def test_continuous_and_discontinuous_contents_have_one_shape(nlp_loaded):
    from onrecord.pipeline import analyze_text

    rec = analyze_text(TEXT).to_dict()
    contents = [a["content"] for a in rec["attributions"]]
    for c in contents:
        _check(c, rec["text"])
    assert [[s["text"] for s in c["spans"]] for c in contents] == [
        ["“The talks failed,”", "“and we will not return to them.”"],
        ["the sanctions would hurt Europe"]]
    # the whole stretch of the discontinuous one holds the words between its spans
    assert contents[0]["text"] == TEXT[:76] and "Lavrov said on Monday" in contents[0]["text"]


def _old_shape_record():
    from conftest_pg import record_treaty

    rec = record_treaty().to_dict()
    a1, a2 = rec["attributions"][0], rec["attributions"][1]
    a1["content"] = {k: a1["content"][k] for k in ("start", "end", "text")}
    c = a2["content"]
    mid = c["start"] + 10
    a2["content"] = {"spans": [{"start": c["start"], "end": mid, "text": rec["text"][c["start"]:mid]},
                               {"start": mid + 1, "end": c["end"]}]}
    return rec


def test_a_record_stored_in_an_older_shape_is_read_in_the_one_shape(tmp_path):
    rec = _old_shape_record()
    url = str(tmp_path / "s.db")
    with open_store(url) as store:
        _, doc_id = store.put(rec)
        got = store.document(doc_id)["record"]
        for a in got["attributions"]:
            _check(a["content"], got["text"])
        a2 = got["attributions"][1]["content"]
        assert [(s["start"], s["end"]) for s in a2["spans"]] == \
            [(s["start"], s["end"]) for s in rec["attributions"][1]["content"]["spans"]]
        exported = [r["record"] for r in store.iter_rows("documents", with_record=True)]
    assert exported == [got]

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from onrecord.serve.app import create_app

    with TestClient(create_app(url, create_store=False)) as c:
        served = c.get(f"/api/documents/{doc_id}").json()["record"]
    assert [a["content"] for a in served["attributions"]] == \
        [a["content"] for a in got["attributions"]]


def test_the_analyze_endpoint_sends_the_one_shape(tmp_path, nlp_loaded):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from onrecord.serve.app import create_app

    with TestClient(create_app(str(tmp_path / "a.db"), analyze_workers=1)) as c:
        r = c.post("/api/analyze", json={"text": TEXT})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    rec = json.loads(r.content)
    assert rec["schema"] == "onrecord/1" and len(rec["attributions"]) == 2
    for a in rec["attributions"]:
        _check(a["content"], rec["text"])


# a congressional press release: a one-sentence lead-in before the tag, then a passage five
# times as long (the page's third paragraph, as published)
PAGE = "corpus/web/pages/malliotakis-house-gov__covid-origins-addendum-2021.txt"


def test_a_short_lead_in_before_a_long_passage_is_a_statement_of_its_own(nlp_loaded):
    from onrecord.pipeline import analyze_text

    from pathlib import Path

    para = (Path(__file__).resolve().parents[1] / PAGE).read_text(encoding="utf-8").split("\n\n")[1]
    assert para.startswith('"The details outlined') and len(para) > 1200
    rec = analyze_text(para)
    direct = [a for a in rec.attributions if a.kind == "direct"]
    assert [len(a.content) for a in direct] == [1, 1], [[c.text[:30] for c in a.content] for a in direct]
    assert direct[0].content[0].text.startswith('"The details') and direct[1].content[0].text.startswith('"We know')
    assert len({a.speaker.name for a in direct}) == 1 and "Malliotakis" in direct[0].speaker.name
    assert direct[0].cue is not None and direct[0].cue.start == direct[1].cue.start


def test_a_quotation_of_two_even_parts_stays_one_statement(nlp_loaded):
    from onrecord.pipeline import analyze_text

    rec = analyze_text(TEXT)
    assert len(rec.attributions[0].content) == 2
