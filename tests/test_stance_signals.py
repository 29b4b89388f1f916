"""The compact stance model's signals (onrecord.events.stance_signals) on real sentences of
the corpus's train pages and PolNeAR train."""
from __future__ import annotations

import pytest

_NO_SIDE = (frozenset(), frozenset())


def _signals(text: str, cue: str, name: str, roles: set, content_from_cue: bool = True):
    from onrecord.events import stance_signals
    from onrecord.pipeline import get_nlp

    doc = get_nlp()(text)
    c = next(t for t in doc if t.text == cue)
    head = next(t for t in doc if t.text == name)
    inside = set(range(c.i + 1, len(doc))) if content_from_cue else set(range(len(doc)))
    f = stance_signals.features(list(doc), inside.__contains__, head, c, roles, _NO_SIDE, "x", name, False)
    return {k: round(v, 3) for k, v in f.items() if v}


def test_condemning_attacks_on_a_target_is_on_its_side():
    # whitehouse-gov harris-munich-2024 (a tune page): the attacks are condemned, NATO defended
    f = _signals("During her third time representing the nation at the Munich Security Conference, the Vice "
                 "President condemned recent attacks on NATO, reaffirmed U.S. support for Ukraine.",
                 "condemned", "NATO", {"pobj"})
    assert f["sig_cue_other"] == 1.0 and "sig_cue_obj" not in f


def test_the_object_of_a_cue_of_praise_or_accusation():
    # PolNeAR train (breitbart, 2016): the cue's object is praised (+1.0); "illegal" in the same
    # sentence is an act of accusing no one in particular (−0.3)
    f = _signals("Espinoza praised Republican presidential candidate Donald Trump for speaking out against "
                 "illegal aliens.", "praised", "Trump", {"cue_obj"})
    assert f["sig_cue_obj"] == 1.0 and f["sig_act"] == 0.7
    # the accused of "accused X of …" (the seed's Zakharova sentence, shortened)
    g = _signals("Zakharova accused Washington of hypocrisy.", "accused", "Washington", {"cue_obj"})
    assert g["sig_cue_obj"] == -1.0 and g["sig_act"] == -1.3


@pytest.mark.parametrize("text, cue, report", [
    ("Mrs. Clinton has support from 52 percent of Democratic primary voters, a CBS News poll found.",
     "found", 1.0),                       # nyt 2015-11 (PolNeAR train): a poll reports
    ("Hillary Clinton attacked her opponent as a fraud and a scam artist.", "attacked", 0.0),
])
def test_a_plain_verb_of_reporting(text, cue, report):
    f = _signals(text, cue, "Clinton", {"subj_main"}, content_from_cue=False)
    assert f.get("sig_report", 0.0) == report
