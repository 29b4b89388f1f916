"""Turns of a narrative exchange (onrecord.resolve.dialogue), on pages of the corpus's tune works
(The Adventures of Sherlock Holmes, Treasure Island; public domain) and on news text."""
from pathlib import Path

import pytest

from onrecord.pipeline import analyze
from onrecord.resolve.dialogue import is_dialogue

PAGES = Path(__file__).resolve().parents[1] / "corpus" / "web" / "pages"
SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"


def _page(name: str) -> str:
    with open(PAGES / name, encoding="utf-8", newline="") as f:
        return f.read()


@pytest.fixture(scope="module")
def st_simon():
    return analyze(_page("gutenberg-sherlock-holmes__noble-bachelor-lord-st-simon.txt"))


@pytest.fixture(scope="module")
def king():
    return analyze(_page("gutenberg-sherlock-holmes__scandal-in-bohemia-king.txt"))


def _turn(rec, opening: str):
    return next(a for a in rec.attributions if rec.text[a.start:a.end].startswith(opening))


def test_dialogue_pages_are_told_from_news():
    assert is_dialogue(_page("gutenberg-sherlock-holmes__scandal-in-bohemia-king.txt"))
    assert is_dialogue(_page("gutenberg-treasure-island__powder-and-arms.txt"))
    # news with paragraphs of untagged quotation (a speech going on) is not dialogue
    for seed in sorted(SEEDS.glob("*.txt")):
        assert not is_dialogue(seed.read_text(encoding="utf-8")), seed.name


def test_a_short_reply_on_its_own_line_is_a_statement(king):
    replies = [a for a in king.attributions if king.text[a.start:a.end] in ("“None.”", "“Stolen.”", "“Bought.”")]
    assert len(replies) == 4   # "None." twice, "Stolen.", "Bought."


def test_the_party_addressed_answers_the_next_untagged_turn(st_simon):
    greeting = _turn(st_simon, "“Good-day, Lord St. Simon,”")
    assert greeting.speaker.name == "Holmes"
    answer = _turn(st_simon, "“A most painful matter to me")
    assert answer.speaker.name == "Robert St. Simon"
    assert answer.speaker_basis == "addressed before"
    # and the turn after it is Holmes's again
    assert _turn(st_simon, "“No, I am descending.”").speaker.name == "Holmes"


def test_an_inverted_tag_whose_parse_takes_the_quotation_for_subject(st_simon):
    greeting = _turn(st_simon, "“Good-day, Lord St. Simon,”")
    assert greeting.kind == "direct"
    assert greeting.source.text == "Holmes"


def test_an_inverted_tag_speaker_is_not_what_is_said(king):
    turn = _turn(king, "“But a very serious one to me,”")
    assert turn.kind == "direct"
    assert turn.source.text == "the King"


def test_a_description_written_as_a_title_is_that_person():
    rec = analyze(_page("gutenberg-treasure-island__powder-and-arms.txt"))
    turn = _turn(rec, "“One more,”")
    assert turn.source.text == "the captain"
    assert turn.speaker.name == "Smollett"
    assert turn.speaker_basis == "head noun"   # (the resolver ties "the captain" to "Captain Smollett")


def test_a_first_person_narrator_is_the_name_the_others_call_him():
    rec = analyze(_page("gutenberg-treasure-island__the-man-of-the-island.txt"))
    turn = _turn(rec, "“Who are you?”")
    assert turn.source.text == "I"
    assert turn.speaker.name == "Jim"
    assert turn.speaker_basis == "narrator"
    # reported speech of the narrator outside a turn is left as it was
    assert all(a.speaker is None for a in rec.attributions if a.kind == "indirect" and a.source is not None
               and a.source.text == "I")


def test_a_description_with_nothing_of_the_person_it_was_linked_to_is_its_own_party():
    rec = analyze(_page("gutenberg-christmas-carol__counting-house.txt"))
    turn = _turn(rec, '"Plenty of prisons,"')
    assert turn.source.text == "the gentleman"
    # not Scrooge, whom he is speaking to
    assert turn.speaker.name == "the gentleman"
    assert turn.speaker_basis == "description"
