"""Speaker types (onrecord.resolve.types) on real sentences: one or more per type, and the
"cannot speak" signal.  The sentences are from PolNeAR train articles and the corpus's tune-site
pages (VOA, silviosiefke.com, privacyguides), as they stand."""
from __future__ import annotations

import json

import pytest

import onrecord
from onrecord.resolve import assign, types


def _types(text: str) -> dict[str, str]:
    return {s.name: s.type for s in onrecord.analyze(text).speakers}


@pytest.mark.parametrize("text, name, want", [
    # person: a name with an apposition
    ('"This is the ultimate playing politics with the public\'s health and it\'s really shameful and just '
     'unfortunate," said Irwin Redlener, a pediatrician and director of the National Center for Disaster '
     'Preparedness at Columbia University.', "Irwin Redlener", "person"),
    # organization: named group with an apposition that says what it is
    ("In a recent study of working-class voters in Ohio and Pennsylvania based on over 1,500 interviews, "
     "Working America, a labor-affiliated group, found considerable support for Mr. Trump among union members.",
     "Working America", "organization"),
    # media: a newspaper that "reported"
    ("Earlier in the day, Clinton held a roundtable meeting with Orlando community leaders and pledged to "
     "“promote the kinds of changes that will prevent this from happening to other people, other families "
     "and other communities,\" the Orlando Sentinel reported.", "Orlando Sentinel", "media"),
    ("Rubio’s comments came on Sunday, The Hill reported.", "Hill", "media"),
    # government: the Kremlin, a ministry
    ("The Kremlin in Russia on Sunday accused the United States of interfering in Russia's domestic affairs "
     "after the mission distributed a demonstration alert to U.S. citizens in Russia.", "Kremlin", "government"),
    ("Russia's Foreign Ministry issued a statement charging that the United States efforts to, in its words, "
     "\"incite radical protests\" were unacceptable.", "Russia's Foreign Ministry", "government"),
    # group or role: unnamed people
    ("Public health officials warned that even if funding were to pass Congress within the next week, much of "
     "it wouldn't get to states and municipalities before September at the earliest.",
     "Public health officials", "group"),
    ("A journalist close to the government asked whether the investigation was genuine.",
     "journalist close to the government", "group"),
    # document: a law, polling (a document whose issuer the text names is resolved to the issuer)
    ("Terrible acronym aside, the RESTRICT Act claims to...\n\n> empower the United States government to "
     "prevent certain foreign governments from exploiting technology services operating in the United States "
     "in a way that poses risks to Americans’ sensitive data and our national security.",
     "RESTRICT Act", "document"),
    ("Recent polling shows that Bill Clinton's favorability rating among working-class white Democrats is "
     "roughly equivalent to his rating among African-Americans.", "Recent polling", "document"),
])
def test_type_of_speaker(text, name, want):
    got = _types(text)
    assert got.get(name) == want, got


def test_money_is_no_speaker(monkeypatch):
    """silviosiefke.com: "Why the money did not seem to have reached everywhere must be clarified." —
    can_speak() is False for "money", so the record has no attribution and no speaker; a real
    speaker can speak and keeps its statement."""
    verdicts = {}
    real = assign.can_speak

    def spy(ent, doc, offset, record=None, threshold=0.7):
        verdicts[ent.name] = real(ent, doc, offset, record, threshold)
        return verdicts[ent.name]

    monkeypatch.setattr(assign, "can_speak", spy)
    rec = onrecord.analyze("Why the money did not seem to have reached everywhere must be clarified.")
    assert verdicts == {"money": False}
    assert (rec.attributions, rec.speakers) == ([], [])
    verdicts.clear()
    rec = onrecord.analyze("Public health officials warned that even if funding were to pass Congress within "
                           "the next week, much of it wouldn't get to states before September at the earliest.")
    assert verdicts == {"Public health officials": True}
    assert [(a.speaker.name, a.cue.text) for a in rec.attributions] == [("Public health officials", "warned")]


def test_shipped_model_is_plain_json():
    m = json.loads(types.MODEL_FILE.read_text(encoding="utf-8"))
    assert sorted(m["classes"]) == sorted(types.TYPES)
    assert len(m["coef"]) == len(m["classes"]) and all(len(r) == len(m["features"]) for r in m["coef"])
    p = types.probabilities({"bias": 1.0, "rule=person": 1.0, "key=person": 1.0, "ner=PERSON": 1.0,
                             "pos=PROPN": 1.0, "first_name": 1.0, "surname": 1.0, "has_first": 1.0,
                             "name_title": 1.0, "nwords=2": 1.0, "doc_ner=PERSON": 1.0})
    assert abs(sum(p.values()) - 1) < 1e-9 and max(p, key=p.get) == "person"


def test_features_of_a_name_alone():
    """Features need no parse: a name's shape, word lists, first-name and surname lists."""
    class Ent:
        key, name, type, role, mentions, aliases, first, sid = "org:x", "Secretary of State Hillary Clinton", \
            "organization", None, [], set(), None, "x"
    f = types.entity_features(Ent(), None, 0)
    assert f["first_last"] == 1.0 and f["surname"] == 1.0 and f["head_role"] == 1.0
    assert f["no_mentions"] == 1.0
