"""What a quotation is — statement, title, name, term or slogan — on real sentences
(from the corpus pages, PolNeAR train and the issue's examples), and the record's
``rejected_quotations``."""
import json

import pytest

import onrecord
from onrecord.attribute.quote_kinds import KINDS, kind_of, load_model, probabilities


def _kinds(text: str) -> dict[str, str]:
    rec = onrecord.analyze(text)
    return {q.text: q.quote_kind for q in rec.rejected_quotations}


def _covered(rec, phrase: str) -> bool:
    s = rec.text.index(phrase)
    chars = set(range(s, s + len(phrase)))
    return any(len(chars & set(range(c.start, c.end))) >= 0.5 * len(chars)
               for a in rec.attributions for c in a.content)


def test_title_of_a_report_is_not_a_statement():
    text = ('The group published a report titled "The Price of Offshore Revisited" on Monday. '
            'It found that the elite hid billions abroad.')
    rec = onrecord.analyze(text)
    assert {q.text: q.quote_kind for q in rec.rejected_quotations} == {"The Price of Offshore Revisited": "title"}
    assert not _covered(rec, "The Price of Offshore Revisited")


def test_title_of_a_programme():
    text = 'Sanders said during an interview on CNN\'s "State of the Union" Sunday that he was healthy.'
    assert _kinds(text) == {"State of the Union": "title"}


def test_name_of_an_organisation():
    text = ('The Ted Cruz Super PAC "Keep the Promise" has now become the "Defeat Crooked Hillary PAC," '
            'with pollster Kellyanne Conway handing the reins.')
    rec = onrecord.analyze(text)
    assert set(_kinds(text).values()) == {"name"}
    assert not rec.attributions


def test_term_after_called():
    text = ('Russia is no longer dependent on revenues from the oil and gas sector. '
            'Russia can no longer be called a "gas station".')
    rec = onrecord.analyze(text)
    assert {q.text: q.quote_kind for q in rec.rejected_quotations} == {"gas station": "term"}
    assert not rec.attributions


def test_slogans_and_chants():
    assert _kinds('Trump supporters held signs high above their heads as they celebrated. '
                  'Some chanted "USA! USA!"') == {"USA! USA!": "slogan"}
    assert _kinds('Hillary Clinton\'s campaign slogan is "I\'m with her." But now she wants voters '
                  'to know that she is with them.') == {"I'm with her.": "slogan"}


def test_statements_stay_statements():
    rec = onrecord.analyze('"We\'re fighting a very politically correct war," he said in a different media appearance.')
    assert not rec.rejected_quotations
    assert [a.kind for a in rec.attributions] == ["direct"]
    rec = onrecord.analyze('Trump called the deal "a disaster" on Tuesday.')
    assert not rec.rejected_quotations
    assert [a.kind for a in rec.attributions] == ["mixed"]


def test_record_field():
    rec = onrecord.analyze('Some chanted "USA! USA!" as Trump spoke.')
    d = rec.to_dict()
    assert d["rejected_quotations"] == [
        {"start": 14, "end": 23, "text": "USA! USA!", "quote_kind": "slogan",
         "probability": d["rejected_quotations"][0]["probability"],
         "p_statement": d["rejected_quotations"][0]["p_statement"]}]
    q = d["rejected_quotations"][0]
    assert rec.text[q["start"]:q["end"]] == q["text"]
    assert 0.0 <= q["p_statement"] < load_model()["threshold"] <= 1.0
    json.dumps(d)


def test_model_is_plain_json_and_decision():
    model = load_model()
    assert model["classes"] == list(KINDS)
    p = probabilities(model, ["b", "p1=titled", "titlecase"])
    assert abs(sum(p) - 1.0) < 1e-9
    assert kind_of([0.9, 0.05, 0.02, 0.02, 0.01], 0.3).kind == "statement"
    k = kind_of([0.2, 0.1, 0.1, 0.5, 0.1], 0.3)
    assert (k.kind, k.probability, k.p_statement) == ("term", 0.5, 0.2)


@pytest.mark.parametrize("path", ["corpus/quote_kinds/polnear_train.json"])
def test_labelled_set_is_well_formed(path):
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    data = json.loads((root / path).read_text(encoding="utf-8"))
    classes = {q["class"] for q in data["quotations"]}
    assert classes == set(KINDS)
    assert all(q["end"] > q["start"] and len(q["text"]) == q["end"] - q["start"] for q in data["quotations"])
