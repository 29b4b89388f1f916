"""What the speaker-confidence model reads from the statements around a speaker
(onrecord.resolve.calibration.context), on a passage of A Christmas Carol."""
from __future__ import annotations

from onrecord.resolve.calibration import context, features, items_of

TEXT = ('"A merry Christmas, uncle! God save you!" cried\na cheerful voice. It was the voice of '
        "Scrooge's\nnephew, who came upon him so quickly that this was\nthe first intimation he had "
        'of his approach.\n\n"Bah!" said Scrooge, "Humbug!"\n\n"Christmas a humbug, uncle!" said '
        "Scrooge's\nnephew. \"You don't mean that, I am sure?\"\n\n\"I do,\" said Scrooge.")


def _at(s: str, after: int = 0) -> tuple[int, int]:
    i = TEXT.index(s, after)
    return i, i + len(s)


def _statements() -> list[dict]:
    """The passage's statements as a record lists them (content, cue, source, speaker)."""
    def att(content: tuple[int, int], cue, source, speaker: str, how: str = "cue") -> dict:
        return {"content": {"start": content[0], "end": content[1]},
                "cue": {"start": cue[0], "end": cue[1]} if cue else None,
                "source": {"start": source[0], "end": source[1]} if source else None,
                "speaker": {"id": speaker}, "how": how}
    bah = _at('"Bah!"')
    nephew_says = _at('"Christmas a humbug')
    return [
        # (in another order than the text's: the features follow the text)
        att(_at('"I do,"'), _at("said", _at('"I do,"')[0]), _at("Scrooge", _at('"I do,"')[0]), "scrooge"),
        att(_at('"A merry Christmas, uncle! God save you!"'), _at("cried"), _at("a cheerful voice"), "nephew"),
        att((bah[0], _at('"Humbug!"')[1]), _at("said", bah[0]), _at("Scrooge", bah[0]), "scrooge"),
        att(_at('"Christmas a humbug, uncle!"'), _at("said", nephew_says[0]),
            _at("Scrooge's\nnephew", nephew_says[0]), "nephew"),
        att(_at("\"You don't mean that, I am sure?\""), None, None, "nephew", "floating"),
    ]


def test_context_of_an_exchange_of_quotations():
    got = context(TEXT, items_of(_statements()))
    page = {"speakers=2-3": 1.0, "rate=flood": 1.0}     # 5 statements in 333 characters
    assert len(TEXT) == 333
    # "Bah!" said Scrooge, "Humbug!": the tag inside the quotation, verb first; his turn
    # between two of his nephew's
    assert got[2] == dict(page, **{"tag=inside|inverted": 1.0, "gap=adjacent": 1.0, "near=2": 1.0,
                                  "alternating": 1.0, "alternating|tagged": 1.0, "share=main": 1.0,
                                  "length=short": 1.0, "how=cue": 1.0})
    # the nephew answers: tag after the words, 6 characters on; the same two speakers alternate
    assert got[3] == dict(page, **{"tag=after|inverted": 1.0, "gap=clause": 1.0, "near=2": 1.0,
                                  "alternating": 1.0, "alternating|tagged": 1.0, "share=main": 1.0,
                                  "length=short": 1.0, "how=cue": 1.0})
    # his second sentence has no tag of its own and repeats the speaker before it
    assert got[4] == dict(page, **{"tag=none": 1.0, "near=2": 1.0, "same as before": 1.0,
                                  "share=main": 1.0, "length=short": 1.0, "how=floating": 1.0})
    # the first line, "cried a cheerful voice": after, verb first, the source 7 characters on
    assert got[1]["tag=after|inverted"] == 1.0 and got[1]["gap=clause"] == 1.0
    assert "alternating" not in got[1] and "same as before" not in got[1]
    # "I do," said Scrooge: Scrooge after his nephew, who spoke twice in a row: no alternation
    assert "alternating" not in got[0] and got[0]["tag=after|inverted"] == 1.0


def test_context_features_join_the_page_kind():
    around = context(TEXT, items_of(_statements()))[2]
    f = features("name", 0.95, "Scrooge", "cue", True, around)
    assert f["alternating|page=dialogue"] == 1.0 and f["tag=inside|inverted|page=dialogue"] == 1.0
    assert f["near=2|page=dialogue"] == 1.0 and f["share=main|page=dialogue"] == 1.0
    assert "gap=adjacent|page=dialogue" not in f and f["gap=adjacent"] == 1.0
    # no statements around it (a statement on its own): only the speaker's own features
    assert not any(k.startswith(("tag=", "near=", "alternating")) for k in features("name", 0.95, "Scrooge", "cue",
                                                                                     False))
