"""The scorers behind `onrecord eval web` and the calibration figures, on pages and records made
by hand (every count below follows from the hand-made inputs)."""
from __future__ import annotations

from collections import Counter

import pytest

from onrecord.evaluate import (figures, outcomes_resolution, pages_of, reliability, score_page,
                               speaker_ok)

PAGE = ('Mayor Ann Lee said "the bridge will open in May" on Monday. '
        'The report, titled "Bridges of Tomorrow", was released. '
        '"We are not convinced," said Tom Reed of the council. '
        'Lee added that "costs are under control".')


def _span(text: str, s: str) -> dict:
    i = text.index(s)
    return {"start": i, "end": i + len(s), "text": s}


def _gold() -> dict:
    q = []
    for s, status, speaker, cls in [
        ("the bridge will open in May", "required", "LEE", "statement"),
        ("Bridges of Tomorrow", "not_a_quote", None, "title"),
        ("We are not convinced,", "required", "REED", "statement"),
        ("costs are under control", "required", "LEE", "statement"),
    ]:
        d = _span(PAGE, s)
        q.append({"start": d["start"], "end": d["end"], "text": s, "status": status,
                  "speaker": speaker, "class": cls})
    return {"quotes": q, "document": {"title": "Bridge to open in May"}}


ALIASES = {"LEE": ["Ann Lee", "Mayor Ann Lee", "Lee"], "REED": ["Tom Reed", "Reed"]}
TYPES = {"LEE": "person", "REED": "person"}


def _record() -> dict:
    lee = {"id": "ann-lee", "name": "Ann Lee"}
    return {
        "text": PAGE,
        "document": {"title": "Bridge To Open In May."},
        "speakers": [{"id": "ann-lee", "type": "person"}, {"id": "the-council", "type": "organization"}],
        "attributions": [
            # found, right speaker and type
            {"kind": "direct", "content": _span(PAGE, '"the bridge will open in May"'),
             "speaker": lee, "speaker_confidence": 0.95, "speaker_basis": "name"},
            # found, wrong speaker (the council, not Tom Reed)
            {"kind": "direct", "content": _span(PAGE, '"We are not convinced,"'),
             "speaker": {"id": "the-council", "name": "the council"},
             "speaker_confidence": 0.4, "speaker_basis": "description"},
            # the title taken as a statement, by a pronoun-named speaker
            {"kind": "direct", "content": _span(PAGE, '"Bridges of Tomorrow"'),
             "speaker": {"id": "it", "name": "It"}},
            # 'costs are under control' is not found: this content covers only part of it
        ],
    }


def test_score_page_counts_every_case():
    tot, misses, outcomes = Counter(), [], []
    score_page(tot, "p.txt", PAGE, _record(), _gold(), ALIASES, misses, TYPES, outcomes)
    f = figures(tot)
    assert f == {
        "pages": 1, "required_quotes": 3, "quote_recall": 0.6667,
        "speaker_accuracy_on_found": 0.5, "end_to_end_recall": 0.3333,
        "direct_precision": 0.6667, "non_statements": 1, "non_statements_taken": 1,
        "non_statements_taken_rate": 1.0, "bad_speaker_names": {"pronoun": 1},
        "title_ok": "1/1", "speaker_type_accuracy": 1.0, "unmapped_gold": 0}
    assert outcomes == [(0.95, "name", True), (0.4, "description", False)]
    assert misses == [
        "p.txt: non-statement (title) taken: 'Bridges of Tomorrow'",
        "p.txt: speaker 'the council' != REED for 'We are not convinced,'",
        "p.txt: quotation not found: 'costs are under control'",
        "p.txt: direct statement matches no gold quotation: '\"Bridges of Tomorrow\"'",
        "p.txt: speaker name is pronoun: 'It'",
    ]


def test_score_page_finds_gold_by_its_words_in_another_text():
    # the record's text is the page with its markup taken out: the gold is found again by words
    page = "<p>" + PAGE.replace("Tom Reed", "<b>Tom Reed</b>") + "</p>"
    gold = _gold()
    for q in gold["quotes"]:
        q["start"], q["end"] = page.index(q["text"]), page.index(q["text"]) + len(q["text"])
    gold["quotes"].append({"start": 0, "end": 3, "text": "Words that are nowhere",
                           "status": "required", "speaker": "LEE", "class": "statement"})
    tot, misses = Counter(), []
    score_page(tot, "p.html", page, _record(), gold, ALIASES, misses)
    assert (tot["required"], tot["found"], tot["unmapped"]) == (4, 2, 1)
    assert "p.html: gold quotation not found in the record text: 'Words that are nowhere'" in misses


def test_a_non_statement_inside_a_statement_is_not_counted():
    page = 'He said "we will never read \'Bridges\' again" today.'
    outer = _span(page, "we will never read 'Bridges' again")
    inner = _span(page, "Bridges")
    gold = {"quotes": [dict(outer, status="required", speaker="LEE", **{"class": "statement"}),
                       dict(inner, status="not_a_quote", speaker=None, **{"class": "title"})]}
    tot = Counter()
    score_page(tot, "n.txt", page, {"text": page, "attributions": []}, gold, ALIASES, [])
    assert (tot["non_statements"], tot["required"], tot["found"]) == (0, 1, 0)


def test_speaker_ok_matches_aliases_as_words():
    assert speaker_ok("Mayor Ann Lee", ["Ann Lee"])
    assert speaker_ok("ann lee.", ["Ann Lee"])
    assert not speaker_ok("Lee", ["Ann Lee"])            # a part of the alias is not the person
    assert not speaker_ok("Leeds council", ["Lee"])     # 'Lee' (3 letters) only as the whole name
    assert not speaker_ok(None, ["Ann Lee"])


def test_reliability_bins_and_expected_calibration_error():
    outcomes = [(0.95, "name", True), (0.92, "name", True), (0.9, "name", False),
                (0.35, "pronoun", True), (0.3, "pronoun", False), (1.0, "name", True),
                (None, "none", False)]
    got = reliability(outcomes, bins=10)
    # bins 0.3-0.4: confidence 0.325, accuracy 0.5; 0.9-1.0 (1.0 included): 0.9425, 0.75
    assert got["bins"] == [
        {"bin": "0.3-0.4", "n": 2, "confidence": 0.325, "accuracy": 0.5},
        {"bin": "0.9-1.0", "n": 4, "confidence": 0.943, "accuracy": 0.75},
    ]
    assert got["n"] == 7
    assert got["ece"] == pytest.approx(2 / 7 * 0.175 + 4 / 7 * 0.1925, abs=1e-4)


def test_outcomes_of_resolution_gold():
    gold = {"articles": {"a": [
        {"start": 10, "end": 13, "canonical": "Ann Lee", "aliases": ["Lee"]},
        {"start": 40, "end": 42, "canonical": "Tom Reed"},
        {"start": 60, "end": 65, "canonical": None},           # no named referent: not scored
        {"start": 80, "end": 84, "canonical": "Ann Lee"},      # no prediction overlaps it
    ]}}
    records = {"a": {"attributions": [
        {"source": {"start": 9, "end": 12}, "speaker": {"name": "Ann Lee"},
         "speaker_confidence": 0.8, "speaker_basis": "ranked pronoun"},
        {"source": {"start": 40, "end": 42}, "speaker": {"name": "Ann Lee"},
         "speaker_confidence": 0.5, "speaker_basis": "previous statement"},
        {"source": {"start": 60, "end": 65}, "speaker": {"name": "Tom Reed"}},
    ]}, "missing": {}}
    assert outcomes_resolution(gold, records) == [(0.8, "ranked pronoun", True),
                                                  (0.5, "previous statement", False)]


def test_pages_of_a_split():
    gold = {"documents": {"b-site__x.txt": {}, "a-site__y.txt": {}, "a-site__z.txt": {}}}
    split = {"tune": ["a-site"], "report": ["b-site"]}
    assert pages_of(gold, split, "all") == ["a-site__y.txt", "a-site__z.txt", "b-site__x.txt"]
    assert pages_of(gold, split, "tune") == ["a-site__y.txt", "a-site__z.txt"]
    assert pages_of(gold, split, "report") == ["b-site__x.txt"]
