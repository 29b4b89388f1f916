"""Who a turn of narrative dialogue names beside its tag (onrecord.resolve.dialogue_parties), on
pages of the corpus's tune works (The Adventures of Sherlock Holmes, Treasure Island; public
domain) and on a passage written for these tests: an action sentence before the words, a tag
of the next paragraph, a "he" resolved to a name the words hold, "she" unresolved, a generic
description."""
from pathlib import Path

import pytest

from onrecord.pipeline import analyze

PAGES = Path(__file__).resolve().parents[1] / "corpus" / "web" / "pages"


def _page(name: str) -> str:
    with open(PAGES / name, encoding="utf-8", newline="") as f:
        return f.read()


def _turn(rec, opening: str):
    """The statement holding the quotation that opens with ``opening`` (a turn's quotations
    may be one statement: “Three years!” I cried. “Were you shipwrecked?”)."""
    return next(a for a in rec.attributions
                if any(rec.text[c.start:c.end].startswith(opening) or rec.text[c.start:c.end].startswith(opening[1:])
                       for c in a.content) or rec.text[a.start:a.end].startswith(opening))


@pytest.fixture(scope="module")
def island():
    return analyze(_page("gutenberg-treasure-island__the-man-of-the-island.txt"))


def test_an_action_sentence_before_the_words_is_a_turn_of_its_subject():
    rec = analyze(_page("gutenberg-sherlock-holmes__noble-bachelor-lord-st-simon.txt"))
    turn = _turn(rec, "“Yes, it is correct, as far as it")   # "Lord St. Simon glanced over it. “Yes, …”"
    assert (turn.speaker.name, turn.speaker_basis) == ("Robert St. Simon", "action")
    # and the untagged turns after it are counted from it
    assert _turn(rec, "“But it needs a great deal").speaker.name == "Holmes"
    assert _turn(rec, "“Pray do so.”").speaker.name == "Robert St. Simon"
    assert _turn(rec, "“When did you first meet").speaker.name == "Holmes"


def test_a_tag_of_the_next_paragraph_is_not_the_turns(island):
    # “Three years!” I cried. “Were you shipwrecked?” / “Nay, mate,” said he; “marooned.”
    assert _turn(island, "“Were you shipwrecked?”").speaker.name == "Jim"
    assert _turn(island, "“Nay, mate,”").speaker.name == "Ben Gunn"


def test_he_is_not_a_name_the_words_hold(island):
    turn = _turn(island, "“If you was sent by Long John,”")
    assert turn.source.text == "he"
    assert (turn.speaker.name, turn.speaker_basis) == ("Ben Gunn", "pronoun turn")


VISIT = ('Martin Holloway came in from the rain, and his cousin Agnes looked up from her book.\n\n'
         '"You are late again," said Agnes.\n\n'
         '"The road was flooded," said Martin, as he took off his coat.\n\n'
         '"Did you see the doctor?" asked she.\n\n'
         '"I did. He says the fever has turned."\n\n'
         '"Thank heaven," said she.\n\n'
         '"Then I will stay to dinner," replied the young man, smiling.\n')


def test_she_and_the_young_man_are_the_parties_of_their_sex():
    rec = analyze(VISIT)
    got = [(a.speaker.name if a.speaker else None, a.speaker_basis) for a in rec.attributions]
    assert [s for s, _ in got] == ["Agnes", "Martin Holloway"] * 3
    assert [b for _, b in got][2:] == ["pronoun turn", "alternating turn", "pronoun turn", "description"]
