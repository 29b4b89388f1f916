"""The learned choice of an event's recipient (onrecord.events.recipient), on sentences of the
tune-site pages whose recipient the rules missed or took wrong."""
from __future__ import annotations

import pytest

SENTENCES = [
    # reed-senate-gov: the first "on" is a date's, the second the one called on
    "Today, on the one year anniversary of President Trump\u2019s disastrous \u201cLiberation Day\u201d "
    "declaration, U.S. Senator Jack Reed is calling on the Trump Administration to abandon its chaotic "
    "tariff scheme for good.",
    # whitehouse-gov: a day owns the takeover, it is not what is condemned
    "President Biden has condemned Monday's military takeover in Myanmar, calling for a quick "
    "restoration of democracy.",
    # warren-senate-gov: "called for X to …": X is asked
    "Washington, D.C. \u2014 U.S. Senator Elizabeth Warren (D-Mass.) released a new video and called for "
    "Majority Leader Thune to hold a vote on the war powers resolution.",
    # an investigation of crimes acts on no one
    "The U.S. government is currently investigating multiple crimes committed in evacuee facilities.",
]


@pytest.fixture(scope="module")
def records():
    from onrecord.ingest import InputItem
    from onrecord.pipeline import analyze_items

    items = [InputItem(name=f"r{i}", data=(t + "\n").encode()) for i, t in enumerate(SENTENCES)]
    return [o.record for o in analyze_items(items)]


def _recipients(r, plover):
    return {e.target_name for e in r.events if e.plover == plover}


def test_the_options_carry_their_path_and_the_rules_pick(records):
    [ev] = [e for e in records[1].event_candidates if e.plover == "ACCUSE"]
    paths = {o["name"]: {k for k in o["features"] if k.startswith("path=")} for o in ev.recipients}
    assert paths["military takeover"] == {"path=dobj"}
    assert paths["Monday"] == {"path=dobj>poss"}
    assert paths["Myanmar"] == {"path=dobj>prep:in"}
    # the rules took the day that owns the takeover
    assert [o["name"] for o in ev.recipients if o["features"].get("rule_pick")] == ["Monday"]


def test_the_learned_choice_finds_whom_the_rules_missed(records):
    from onrecord.events import recipient

    assert recipient.load() is not None
    assert _recipients(records[0], "REQUEST") == {"Trump Administration"}
    assert _recipients(records[2], "REQUEST") == {"Thune"}


def test_the_learned_choice_leaves_a_date_and_a_thing(records):
    assert _recipients(records[1], "ACCUSE") == {"Myanmar"}
    assert _recipients(records[3], "ACCUSE") == {None}


def test_without_weights_the_rules_pick_stands():
    from onrecord.events.recipient import choose

    opts = [{"name": "A", "id": "a", "features": {"path=dobj": 1.0}},
            {"name": "B", "id": "b", "features": {"path=prep:on": 1.0, "rule_pick": 1.0}}]
    assert choose(None, opts)["name"] == "B"
    assert choose(None, opts[:1]) is None
