"""Events (who → whom, typed, dated) on the seeds and on real sentences; time expressions."""
from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.events.timex import resolve

from conftest import SEED_000 as S000, SEED_002 as S002


@pytest.fixture(scope="session")
def seeds(seeds_dir):
    """Both seeds; seed 000 gives no year and takes its author's from the profile given."""
    from onrecord.pipeline import analyze_many

    out = {}
    for o in analyze_many([S000, S002], author_years={"stephen lendman": 2020}):
        assert o.record is not None, o.error
        out[Path(o.item.path or o.item.name).name[:3]] = o.record
    return out


def _events(rec, type_):
    return [e for e in rec.events if e.type == type_]


def _names(rec, sid):
    sp = next((s for s in rec.speakers if s.id == sid), None)
    return " ".join([sp.name, *sp.aliases]) if sp else sid


def _ev(rec, e):
    return rec.text[e.evidence.start:e.evidence.end]


# ---------------------------------------------------------------- seed examples
def test_armenia_accuses_azerbaijan(seeds):
    r = seeds["000"]
    [e] = [e for e in _events(r, "accuse") if e.actor == "armenia"]
    assert e.target == "azerbaijan"
    assert e.date == "2020-10-31" and e.date_basis.startswith("relative:'On Saturday'")
    assert e.object == "using white phosphorous in the enclave"
    assert e.attribution is not None
    att = next(a for a in r.attributions if a.id == e.attribution)
    assert att.speaker.id == "armenia"


def test_baku_denies(seeds):
    r = seeds["000"]
    [e] = _events(r, "deny")
    assert e.actor == "azerbaijan" and e.target == "armenia"
    assert "Baku denied" in _ev(r, e)
    assert e.date == "2020-10-31" and e.date_basis.startswith("anaphoric:'On the same day'")
    assert e.attribution is not None   # linked to the quoted denial


def test_foreign_ministry_pledges_assistance_to_yerevan(seeds):
    r = seeds["000"]
    [e] = _events(r, "pledge")
    assert e.actor == "russian-foreign-ministry"
    assert _names(r, e.actor) == "Russian Foreign Ministry Russia’s Foreign Ministry"   # name and alias
    assert e.target == "armenia"             # Yerevan: the capital for the government
    assert e.object == "all necessary assistance"
    assert e.date == "2020-10-31"
    assert e.attribution is not None


def test_ministers_meet_minsk_group_in_geneva(seeds):
    r = seeds["000"]
    e = next(e for e in _events(r, "meet") if e.date == "2020-10-30")
    assert e.actor == "foreign-ministers"
    assert e.target == "osce-minsk-group"
    assert e.location == "Geneva"
    assert e.date_basis.startswith("absolute:'On October 30'")


def test_embassy_demands_explanation_from_state_department(seeds):
    r = seeds["000"]
    e = next(e for e in _events(r, "demand") if e.target)
    assert e.actor == "russia-s-embassy-in-washington"
    assert e.target == "us-state-department"
    assert e.object == "an explanation from the US State Department"
    assert e.attribution is not None
    assert _ev(r, e) == "“We demand an explanation from the US State Department.”"


def test_seed_002_november_15(seeds):
    r = seeds["002"]
    e = next(e for e in r.events if e.date == "2020-11-15")
    assert e.type == "protest"
    assert e.date_basis.startswith("absolute:'on November 15'")


def test_seed_000_alone_has_no_date_and_says_why():
    from onrecord import pipeline

    r = pipeline.analyze(S000)
    assert r.document.published is None
    e = next(e for e in r.events if e.type == "accuse" and e.actor == "armenia")
    assert e.date is None
    assert "publication date is unknown" in e.date_basis


def test_events_are_linear_offsets_and_json(seeds):
    for r in seeds.values():
        for e in r.events:
            d = e.to_dict()
            assert d["trigger"]["text"] == r.text[d["trigger"]["start"]:d["trigger"]["end"]]
            assert d["evidence"]["start"] <= d["trigger"]["start"] < d["evidence"]["end"]
            assert d["date_basis"]


# ---------------------------------------------------------------- each type, real sentences
SENTENCES = [
    ("accuse", "On Saturday, Armenia accused Azerbaijan of using white phosphorous in the enclave.",
     "armenia", "azerbaijan"),
    ("accuse", "MZ slammed US “intimidation, pressure and harassment of journalists.”", None, "united-states"),
    ("deny", "Armenia accused Azerbaijan of shelling. On the same day, Baku denied the accusation.",
     "azerbaijan", "armenia"),
    ("demand", "“We demand an explanation from the US State Department,” the embassy said.",
     None, "us-state-department"),
    ("call_for", "Russia renewed its call to NATO to announce a moratorium on missile deployment.",
     "russia", "nato"),
    ("call_for", "Lavrov said: “We call on all outside players to do their best to prevent war.”",
     None, "outside-players"),
    ("propose", "Vladimir Putin proposed steps to deescalate tensions with the West.", "vladimir-putin", None),
    ("pledge", "Russia’s Foreign Ministry said Moscow “will render Yerevan all necessary assistance.”",
     None, "armenia"),
    ("meet", "On October 30, foreign ministers met with OSCE Minsk Group representatives in Geneva.",
     None, "osce-minsk-group"),
    ("agree", "Armenia agreed with Azerbaijan on a ceasefire in Nagorno-Karabakh.", "armenia", "azerbaijan"),
    ("warn", "Iran warned Israel against any attack on its nuclear sites.", "iran", "israel"),
    ("threaten", "North Korea threatened South Korea with retaliation.", "north-korea", "south-korea"),
    ("attack", "Days earlier, Turkish F-16s attacked a maternity hospital and school in the enclave.",
     "turkey", None),
    ("detain", "US intelligence services interrogated Konstantin Rozhkov for several hours.",
     "united-states", None),
    ("protest", "Only 3,000 to 5,000 people turned out on November 15.", None, None),
]


@pytest.fixture(scope="module")
def sentence_records():
    from onrecord.ingest import InputItem
    from onrecord.pipeline import analyze_items

    items = [InputItem(name=f"s{i}", data=(s + "\n").encode()) for i, (_, s, _, _) in enumerate(SENTENCES)]
    return [o.record for o in analyze_items(items)]


@pytest.mark.parametrize("i", range(len(SENTENCES)))
def test_event_type_on_real_sentence(sentence_records, i):
    type_, text, actor, target = SENTENCES[i]
    r = sentence_records[i]
    assert r is not None
    got = [e for e in r.events if e.type == type_]
    assert got, f"no {type_} in {text!r}: {[e.to_dict() for e in r.events]}"
    if actor:
        assert any(e.actor == actor for e in got), [e.actor for e in got]
    if target:
        assert any(e.target and target in e.target for e in got), [e.target for e in got]


def test_negated_event_is_not_counted():
    from onrecord import pipeline

    r = pipeline.analyze("Russia did not accuse Ukraine of anything.\n")
    assert [e for e in r.events if e.type == "accuse"] == []
    [c] = [e for e in r.event_candidates if e.type == "accuse"]
    assert c.negated and c.not_happened == "negated"


# ---------------------------------------------------------------- PLOVER on the seeds
def test_seed_events_in_plover_types(seeds):
    r = seeds["000"]
    got = {(e.plover, e.actor, e.target, e.date) for e in r.events}
    assert ("ACCUSE", "armenia", "azerbaijan", "2020-10-31") in got
    assert any(p == "REJECT" and a == "azerbaijan" for p, a, _, _ in got)
    assert ("REQUEST", "russia-s-embassy-in-washington", "us-state-department", None) in {
        (e.plover, e.actor, e.target, None) for e in r.events}
    assert any(p == "CONSULT" and d == "2020-10-30" for p, _, _, d in got)
    # an intent to give aid is AGREE in the PLOVER codebook (CAMEO 033 → AGREE), context aid
    [pledge] = [e for e in r.events if e.type == "pledge"]
    assert (pledge.plover, pledge.context, pledge.actor, pledge.target) == \
        ("AGREE", "aid", "russian-foreign-ministry", "armenia")
    d = pledge.to_dict()
    assert d["stated_by"] in ("author", "reported") and d["actor_type"] == "government"


# ---------------------------------------------------------------- what is no happening
EXCLUDED = [
    # a mention of a war, not an act (a corpus page's words)
    ("Dave Harden said: “Biden has been a great leader during this war in Gaza and the Ukrainian war.”\n",
     "attack", "mention"),
    # future and conditional
    ("Later today, the Vice President will meet with foreign leaders in Munich.\n", "meet", "future"),
    ("Japan could respond if China attacked Taiwan.\n", "attack", "conditional"),
    # threatened to: THREATEN, not ASSAULT
    ("North Korea threatened to attack South Korea.\n", "attack", "unrealised"),
    # a question
    ("Did Russia attack Ukraine on Monday?\n", "attack", "question"),
    # a headline line (no closing punctuation)
    ("Rumsfeld bans phone cameras\n\nThe Pentagon said on Monday that reports were inaccurate.\n",
     "coerce", "headline"),
    # a caption (a credit line: chrome since the cleaning stage)
    ("Photo: Russian troops invaded Ukraine in February.\n", "attack", "chrome"),
    # front matter
    ("title: Russia attacked Ukraine\n\nThe text of the page.\n", "attack", "front matter"),
    # the deed inside an accusation is the accusation's, not a happening
    ("Armenia accused Azerbaijan of shelling Stepanakert.\n", "attack", None),
]


@pytest.fixture(scope="module")
def excluded_records():
    from onrecord.ingest import InputItem
    from onrecord.pipeline import analyze_items

    items = [InputItem(name=f"x{i}", data=t.encode()) for i, (t, _, _) in enumerate(EXCLUDED)]
    return [o.record for o in analyze_items(items)]


@pytest.mark.parametrize("i", range(len(EXCLUDED)))
def test_no_event_from_what_did_not_happen(excluded_records, i):
    text, type_, reason = EXCLUDED[i]
    r = excluded_records[i]
    assert [e for e in r.events if e.type == type_] == []
    assert reason is None and [e.plover for e in r.events] == ["ACCUSE"] or reason in [c.not_happened for c in r.event_candidates if c.type == type_], \
        [(c.type, c.not_happened) for c in r.event_candidates]


def test_threatened_to_attack_is_threaten(excluded_records):
    r = excluded_records[3]
    [e] = r.events
    assert (e.plover, e.actor, e.mode) == ("THREATEN", "north-korea", "violence")


def test_one_event_per_happening():
    from onrecord import pipeline

    r = pipeline.analyze("On June 20, police raided five homes in Dresden. The police raided the homes "
                         "of all three board members at six in the morning.\n")
    [e] = [e for e in r.events if e.plover == "COERCE"]
    assert len(e.evidences) == 2 and e.mode == "seize" and e.actor_type == "police"


# ---------------------------------------------------------------- date forms
@pytest.mark.parametrize("expr,published,date,basis", [
    ("On October 30", "2020-10-31", "2020-10-30", "absolute:"),
    ("November 15", "2020-11-17", "2020-11-15", "absolute:"),
    ("November 17, 2020", None, "2020-11-17", "absolute:"),
    ("December 28", "2021-01-03", "2020-12-28", "absolute:"),       # the previous year
    ("On Saturday", "2020-10-31", "2020-10-31", "relative:"),       # published on a Saturday
    ("On Monday", "2020-10-31", "2020-10-26", "relative:"),
    ("yesterday", "2020-10-31", "2020-10-30", "relative:"),
    ("two days ago", "2020-10-31", "2020-10-29", "relative:"),
    ("On Saturday", None, None, "relative:'On Saturday' but the publication date is unknown"),
    ("October 30", None, None, "absolute:'October 30' without a year"),
    ("mid-October", "2020-10-31", None, "vague:"),
    ("Days earlier", "2020-10-31", None, "vague:"),
])
def test_date_forms(expr, published, date, basis):
    w = resolve(expr, published)
    assert w.date == date
    assert w.basis.startswith(basis)


def test_anaphoric_date():
    first = resolve("On Saturday", "2020-10-31")
    w = resolve("On the same day", "2020-10-31", first)
    assert w.date == "2020-10-31" and w.basis.startswith("anaphoric:")
    assert resolve("that day", "2020-10-31", None).date is None


# ---------------------------------------------------------------- actors and recipients (dependency paths)
ARGUMENTS = [
    # a relative clause's actor is the noun it is about, through an apposition to the name
    # (PolNeAR train, nyt 2016-03-22): not "Texas" of "a Texas real estate developer"
    ("Beyond the Rickettses, who own the Chicago Cubs baseball team and collectively provided an additional "
     "$2 million to the group, Our Principles raised $500,000 from William E. Oberndorf, a California investor "
     "who had previously backed Jeb Bush, and $100,000 from Harlan Crow, a Texas real estate developer, who had "
     "supported Senator Marco Rubio of Florida.\n",
     {("SUPPORT", "William E. Oberndorf", "Jeb Bush"), ("SUPPORT", "Harlan Crow", "Marco Rubio")}),
    # what is acted on belongs to the recipient: "condemned North Korea's claim" (politico 2016-01-05)
    ("Presidential candidates in both parties condemned North Korea's claim to have conducted the successful "
     "test of a hydrogen bomb on Wednesday, with Republicans taking shots at the current White House.\n",
     {("ACCUSE", "Presidential candidates in both parties", "North Korea")}),
    # "hailed Qureshi's nomination" (huff-post 2016-09-06)
    ("Muslim advocates hailed Qureshi's nomination.\n", {("SUPPORT", "Muslim advocates", "Qureshi")}),
]


@pytest.mark.parametrize("i", range(len(ARGUMENTS)))
def test_actor_and_recipient_follow_the_dependency_path(i):
    from onrecord import pipeline

    text, want = ARGUMENTS[i]
    r = pipeline.analyze(text)
    assert {(e.plover, e.actor_name, e.target_name) for e in r.events} == want


def test_released_a_document_is_no_retreat():
    """The learned step (trained with the tune sites' "released its strategy" lines) keeps a
    document's release out, though no rule names it."""
    from onrecord import pipeline
    from onrecord.events import happening_model

    r = pipeline.analyze("In June 2019, the DOD released its Arctic strategy document.\n")
    [c] = [e for e in r.event_candidates if e.plover == "RETREAT"]
    assert c.not_happened is None and c.p_happened is not None
    assert c.p_happened < happening_model.load()["threshold"]
    assert r.events == []


# ---------------------------------------------------------------- actors and the learned step's cues
# sentences of the training pages (tune sites, PolNeAR train articles) and of the issue
CUES = [
    "The venture capitalist Marc Andreessen, who backed Mr. Romney in 2012, said on Twitter that he "
    "was supporting Mrs. Clinton.",
    "Clinton also has called on Sanders to join her in supporting new legislation.",
    "The agency also met with the director of the film, Michael Bay, and cited a list of concerns.",
    "That's one reason the new Richard Nixon who ran for president in 1968 turned out to be a lot like "
    "the old Nixon.",
    "Armenia accused Azerbaijan of shelling Stepanakert.",
    "The minister said: \u201cRussia attacked Ukraine on Monday.\u201d",
    "The Campus Free Speech Resolution of 2021 urges greater First Amendment protection at public "
    "universities.",
    "Senator Cotton urges greater First Amendment protection at public universities.",
    "Ukrainian M.P. Gennady Moskal, has a history of criticizing the Berkut police force.",
]


@pytest.fixture(scope="module")
def cue_records():
    from onrecord.ingest import InputItem
    from onrecord.pipeline import analyze_items

    items = [InputItem(name=f"c{i}", data=(t + "\n").encode()) for i, t in enumerate(CUES)]
    return [o.record for o in analyze_items(items)]


def _triples(r):
    return {(e.plover, e.actor_name, e.target_name) for e in r.events}


def test_a_name_in_the_clause_of_a_source_is_not_its_speaker(cue_records):
    """Romney, inside the relative clause of the source "Marc Andreessen, who backed …", is
    the recipient, not the speaker Andreessen."""
    assert ("SUPPORT", "Marc Andreessen", "Romney") in _triples(cue_records[0])


def test_who_is_asked_and_who_is_met(cue_records):
    # "called on(particle) Sanders"; "the director of the film, Michael Bay": the apposed name
    assert _triples(cue_records[1]) == {("REQUEST", "Clinton", "Sanders")}
    assert ("CONSULT", "agency", "Michael Bay") in _triples(cue_records[2])


def test_turned_out_to_be_is_no_protest(cue_records):
    assert [c for c in cue_records[3].event_candidates if c.plover == "PROTEST"] == []


def test_features_say_how_the_actor_was_named(cue_records):
    def feats(i, trigger):
        [c] = [c for c in cue_records[i].event_candidates if c.trigger.text == trigger]
        return c.features

    assert feats(4, "accused")["actor_how=country"] == 1.0
    assert feats(0, "backed")["actor_how=source"] == 1.0
    assert feats(6, "urges")["subj_document"] == 1.0          # a text's standing content
    assert feats(8, "criticizing")["gov_noun=history"] == 1.0  # a habit


def test_reported_or_stated_by_the_author(cue_records):
    [said] = cue_records[5].events
    d = said.to_dict()
    assert (said.plover, said.actor_name, said.target_name, d["stated_by"], said.reported_by["name"]) == \
        ("ASSAULT", "Russia", "Ukraine", "reported", "minister")
    [stated] = cue_records[4].events
    assert (stated.plover, stated.to_dict()["stated_by"]) == ("ACCUSE", "author")


def test_a_documents_standing_content_weighs_less_than_a_persons_appeal(cue_records):
    """ "The … Resolution urges …" (a tune-site line) says what a text says; the same words
    from a senator are an appeal.  No rule tells them apart; the learned step gives the text's
    line the lower probability (at the kept threshold it still counts it: docs/benchmarks.md)."""
    [text] = [c for c in cue_records[6].event_candidates if c.plover == "REQUEST"]
    [person] = [c for c in cue_records[7].event_candidates if c.plover == "REQUEST"]
    assert text.not_happened is None and person.not_happened is None
    assert text.p_happened < person.p_happened - 0.1
    assert [e.plover for e in cue_records[7].events] == ["REQUEST"]


# ---------------------------------------------------------------- the trigger's sense (feature version 4)
# sentences of PolNeAR train articles whose triggers are no happening of their type
SENSES = [
    "A senior Donald Trump adviser who requested anonymity to speak candidly said the draft was "
    "different.",                                                         # wash-post 2016-07-20
    "Clinton clinched an outright majority of regular, pledged delegates.",  # wash-post 2016-06-09 ("She")
    "The party chairman, Kelly Armstrong, called for a voice vote, and then a visual vote, declaring "
    "after both that the request was denied.",                            # politico 2016-04-03
]


@pytest.fixture(scope="module")
def sense_records():
    from onrecord.ingest import InputItem
    from onrecord.pipeline import analyze_items

    items = [InputItem(name=f"s{i}", data=(t + "\n").encode()) for i, t in enumerate(SENSES)]
    return [o.record for o in analyze_items(items)]


def test_features_give_the_triggers_complement_with_its_type(sense_records):
    def feats(i, trigger):
        [c] = [c for c in sense_records[i].event_candidates if c.trigger.text == trigger]
        return c.plover, c.features

    p, f = feats(0, "requested")
    assert f[f"plover|comp={p}|obj|anonymity"] == 1.0
    assert f["comp_kind=abstract"] == 1.0                 # a procedural noun, no person or state
    p, f = feats(1, "pledged")
    assert f[f"plover|comp={p}|obj|delegate"] == 1.0      # parsed as the verb's object
    assert f["lemma|comp=pledge|obj|delegate"] == 1.0
    p, f = feats(2, "called")
    assert f[f"plover|comp={p}|prep:for|vote"] == 1.0
    assert f["lemma|comp=call|prep:for|vote"] == 1.0
    assert f[f"plover|subj_kind={p}|noun"] == 1.0          # "The party chairman"


# ---------------------------------------------------------------- exclusions and frames (feature version 5)
# sentences of PolNeAR train articles and tune-site pages
FRAMES = [
    "Trump has avoided directly criticizing Comey, a Republican appointed as deputy attorney general "
    "by President George W. Bush.",                                       # politico 2016-07-06
    "The Sanders campaign has endorsed none of this - but it hasn't tamped it down.",  # wash-post 2016-05-19
    "Mr. Lord said: \u201cI really have made no inquiries on the subject.\u201d",  # after noble-bachelor
    "GOP Candidates Resoundingly Reject The Idea Of A Minimum Wage Hike.",  # huff-post 2015-11-11
    "Gov. Nathan Deal has vowed to block other Syrian refugees from coming to the state.",  # usa-today
    "Trump pledged to put New York, which has not voted Republican in a presidential election in 32 "
    "years, in play.",                                                    # nyt 2016-07-21 ("he")
    "\"And the Union workhouses?\" demanded Scrooge.",                    # christmas-carol
    "Obama supported Medicare and Social Security cuts for years.",       # huff-post 2016-02-12 ("He")
    "On Wednesday night, Mr. Obama insisted that despite the political divisions that remain, the "
    "country remains a hopeful one.",                                     # nyt 2016-07-29
    "The DNC said that the committee would continue to investigate the incident.",  # huff-post 2015-12-20
]


@pytest.fixture(scope="module")
def frame_records():
    from onrecord.ingest import InputItem
    from onrecord.pipeline import analyze_items

    items = [InputItem(name=f"f{i}", data=(t + "\n").encode()) for i, t in enumerate(FRAMES)]
    return [o.record for o in analyze_items(items)]


def _cand(rec, trigger):
    [c] = [c for c in rec.event_candidates if c.trigger.text == trigger]
    return c


def test_a_negated_object_or_an_avoided_act_is_no_event(frame_records):
    assert _cand(frame_records[0], "criticizing").not_happened == "negated"
    assert _cand(frame_records[1], "endorsed").not_happened == "negated"
    assert _cand(frame_records[2], "inquiries").not_happened == "negated"
    assert frame_records[0].events == [] and frame_records[1].events == [] and frame_records[2].events == []


def test_a_title_case_line_is_a_headline_though_it_closes(frame_records):
    c = _cand(frame_records[3], "Reject")
    assert c.not_happened == "headline"
    assert frame_records[3].events == []


def test_a_promise_to_block_others_is_a_threat(frame_records):
    assert _cand(frame_records[4], "vowed").plover == "THREATEN"
    assert _cand(frame_records[5], "pledged").plover == "AGREE"    # a boast, no one acted on


def test_frame_features(frame_records):
    assert _cand(frame_records[6], "demanded").features["after_quote"] == 1.0   # a speech tag
    assert _cand(frame_records[7], "supported").features["habit_span"] == 1.0    # "for years"
    c = _cand(frame_records[8], "insisted")
    assert c.features[f"plover|says_that={c.plover}"] == 1.0     # a statement, no demand
    c = _cand(frame_records[9], "investigate")
    assert c.features["anc_modal"] == 1.0 and c.features["anc1=xcomp|continue"] == 1.0
