"""The cues of :mod:`onrecord.attribute.quote_features` a reader uses to tell a quoted
statement from a quoted title, name, term or slogan, on real sentences (PolNeAR train
articles and a tune-site page of corpus/web)."""
import pytest

from onrecord.attribute.quote_cues import doc_quotes
from onrecord.attribute.quote_features import quote_features
from onrecord.parse import load_base


@pytest.fixture(scope="module")
def nlp():
    return load_base()


def _feats(nlp, text: str, quoted: str) -> set[str]:
    doc = nlp(text)
    for q in doc_quotes(doc):
        if text[q.inner_start:q.inner_end].strip() == quoted:
            return set(quote_features(doc, q))
    raise AssertionError(f"{quoted!r} not found as a quotation")


def test_possessive_before_and_noun_after(nlp):
    # a term between a possessive and the noun it modifies
    text = ("According to Putin's opinion of the SPIEGEL \"investigation\", no Kremlin critic asked, "
            "but a journalist from the pro-government internet portal Life.ru.")
    f = _feats(nlp, text, "investigation")
    assert {"ppos=PROPN", "ppos=PROPN|short", "verb=n|short", "capshare=0", "low_mid|short",
            "no_say_near|short"} <= f
    text = ("Inspired by McCain's late-2007 turnaround, Bush crisscrossed New Hampshire last week on a "
            "three-day \"Jeb Can Fix It\" bus tour, with plans to return regularly.")
    f = _feats(nlp, text, "Jeb Can Fix It")
    assert {"apos=NOUN", "ppos=NOUN", "in_noun_phrase", "cap_mid|mid", "capshare=all"} <= f


def test_programme_of_an_outlet(nlp):
    text = ("Sanders said on ABC's \"This Week With George Stephanopoulos\" that he would \"take a look\" "
            "at such legislation.")
    f = _feats(nlp, text, "This Week With George Stephanopoulos")
    assert {"ppos=POSS", "powner=ORG", "cap_mid|mid", "capshare=all", "say_before"} <= f
    f = _feats(nlp, text, "take a look")
    assert {"ppos=AUX", "verb=y|short", "low_mid|short"} <= f
    assert "powner=ORG" not in f


def test_named_as_and_what_some_call(nlp):
    text = ("Walsh's predecessor, the late Mayor Tom Menino, contributed to Clinton's New Hampshire "
            "primary win against Barack Obama by sending what has been described as a \"political army\" "
            "into the first-in-the-nation primary state to fight for Clinton.")
    assert "named_as" in _feats(nlp, text, "political army")
    text = ("Clinton also has called on Sanders to join her in supporting new legislation to close what "
            "some call the \"Charleston loophole,\" which allows gun buyers who would fail a background "
            "check to still purchase a gun.")
    f = _feats(nlp, text, "Charleston loophole,")
    assert "what_calls" in f and "named_as" not in f


def test_answer_option_of_a_poll(nlp):
    text = ("In a national CNN/ORC poll released Monday, 31% of Republicans and Republican-leaning voters "
            "said they were \"extremely enthusiastic\" about voting, compared with 23% of Democrats.")
    assert {"poll_sent", "say_before", "verb=n|short"} <= _feats(nlp, text, "extremely enthusiastic")


def test_the_same_words_quoted_again(nlp):
    text = ("The State Department less than two weeks ago said for the first time that \u201ctop secret\u201d "
            "intelligence had passed through Clinton\u2019s personal email server. State has also told "
            "lawmakers privately that the department is also launching their own internal probe into how "
            "such \u201ctop secret\u201d information wound up on Clinton\u2019s server.")
    f = _feats(nlp, text, "top secret")
    assert {"quoted_again|short", "apos=NOUN"} <= f


def test_a_statement_with_its_tag(nlp):
    text = "\u201cIt\u2019s downright ludicrous,\u201d Sinovic said in a statement."
    f = _feats(nlp, text, "It\u2019s downright ludicrous,")
    assert {"say_after", "verb=y|short", "ppos=^"} <= f
    assert not f & {"between_det_noun", "named_as", "what_calls", "poll_sent", "quoted_again|short",
                    "low_mid|short", "cap_mid|short"}
