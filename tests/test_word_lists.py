"""Word lists live in data files, each entry saying where it comes from."""
import json
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "onrecord"


def test_chrome_phrases_say_where_each_comes_from():
    from onrecord.clean import plaintext

    data = json.loads((SRC / "clean" / "data" / "chrome_phrases.json").read_text(encoding="utf-8"))
    assert data["kinds"] == ["comments", "footer", "contact", "promo"]
    assert all(p["source"] and p["kind"] in data["kinds"] and set(p["matches"]) ==
               {"seed_pages", "web_corpus_pages", "polnear_train_articles"} for p in data["phrases"])
    assert [k for k, _ in plaintext._TAIL_KIND] == data["kinds"]
    assert plaintext._tail_kind("Leave a Reply", None) == "comments"
    assert plaintext._tail_kind("Visit my website at stephenlendman.org", None) == "contact"


def test_demonyms_say_where_each_comes_from():
    from onrecord.events import actors

    data = json.loads((SRC / "events" / "data" / "demonyms.json").read_text(encoding="utf-8"))
    assert all(d["source"] and d["country"] for d in data["demonyms"])
    assert actors._DEMONYMS["azeris"] == "Azerbaijan"
    assert len(actors._DEMONYMS) == len(data["demonyms"]) == 14
