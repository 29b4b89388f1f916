"""onrecord eval web: the scorer of the annotated corpus, checked with records made from the gold."""
from pathlib import Path

from onrecord.evaluate import bad_speaker_name, load_corpus, map_quotes, pages_of, score

ROOT = Path(__file__).resolve().parents[1] / "corpus"


def _record_from_gold(name, gold, page):
    atts, speakers = [], {}
    for q in gold["documents"][name]["quotes"]:
        if q["status"] != "required":
            continue
        key = q["speaker"]
        sid = key.split(":")[1].lower()
        speakers[sid] = {"id": sid, "name": gold["speakers"][key][0],
                         "type": {"organisation": "organization"}.get(gold["speaker_types"][key], gold["speaker_types"][key])}
        atts.append({"kind": "direct", "content": {"start": q["start"], "end": q["end"]},
                     "speaker": {"id": sid, "name": gold["speakers"][key][0]}})
    return {"text": page, "attributions": atts, "speakers": list(speakers.values()),
            "document": {"title": gold["documents"][name]["document"].get("title")}}


def test_split_is_by_site_and_covers_every_page():
    gold, split = load_corpus(ROOT)
    assert not set(split["tune"]) & set(split["report"])
    assert sorted(pages_of(gold, split, "tune") + pages_of(gold, split, "report")) == sorted(gold["documents"])


def test_gold_as_prediction_scores_perfectly_and_nothing_scores_zero():
    gold, _ = load_corpus(ROOT)
    name = next(n for n in sorted(gold["documents"]) if n.startswith("pclob-gov__")
                and any(q["status"] == "required" for q in gold["documents"][n]["quotes"]))
    with open(ROOT / "web" / "pages" / name, encoding="utf-8", newline="") as f:
        page = f.read()
    perfect = score(ROOT, {name: _record_from_gold(name, gold, page)}, [name])["overall"]
    assert perfect["quote_recall"] == 1.0 and perfect["speaker_accuracy_on_found"] == 1.0
    assert perfect["speaker_type_accuracy"] == 1.0 and perfect["title_ok"] == "1/1"
    empty = score(ROOT, {name: {"text": page, "attributions": []}}, [name])["overall"]
    assert empty["quote_recall"] == 0.0 and empty["required_quotes"] == perfect["required_quotes"] > 0


def test_html_gold_is_found_in_the_extracted_text():
    quotes = [{"start": 3, "end": 22, "text": "it&rsquo;s <b>over</b>"}]
    text = "Lavrov said: “it’s over”, and left."
    (s, e), = map_quotes("<p>it&rsquo;s <b>over</b></p>", text, quotes)
    assert text[s:e] == "it’s over"


def test_bad_speaker_names():
    assert bad_speaker_name("**ADL**") == "markup"
    assert bad_speaker_name("title") == "markup"
    assert bad_speaker_name("you") == "pronoun"
    assert bad_speaker_name("editors, who have also disrupted the relationship") == "clause"
    assert bad_speaker_name("Maria Zakharova") is None
