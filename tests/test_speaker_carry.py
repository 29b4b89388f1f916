"""Speakers carried from one statement to the next, on paragraphs of web-corpus pages of tune
sites: a statement running over several paragraphs with quotations nested in one of them
(corpus/web/pages/ansari-house-gov__us-iran-ceasefire-statement-2026.txt), a pronoun that goes
on from the statement before (``He continued:``, stormcloudsgathering-com, quoting The
Guardian), and an indefinite description that names someone new (weber-house-gov)."""
from __future__ import annotations

import onrecord
from onrecord.attribute.quotes import find_quotes

ANSARI = (
    "PHOENIX – Today, Representative Yassamin Ansari (AZ-03) released the following statement on the "
    "temporary U.S.-Iran Ceasefire:\n\n"
    "“I am momentarily relieved for the 90 million Iranians who just spent the worst 24 hours of their "
    "lives thinking they were about to face nothing short of a nuclear catastrophe—not the regime, but "
    "innocent civilians who have nothing to do with their government, and long for freedom.\n\n"
    "“But this doesn’t change anything. Donald Trump threatened genocide and war crimes against Iranians "
    "this morning. His statements that “a whole civilization will die” and that he’ll take Iran “back to "
    "the stone ages” confirm that he is mentally unstable, unhinged, and unfit for office or any position "
    "of authority.\n\n"
    "“It’s now day 39 of Trump’s illegal regional war that has had deadly and catastrophic consequences. "
    "There has been no clear plan or rationale, no strategy, and no Congressional authorization or input "
    "as required by the Constitution.\n\n"
    "“I pray this ceasefire holds, and I pray for peace and freedom for the Iranian people.”\n")


def _holding(rec, fragment):
    hits = [a for a in rec.attributions if fragment in rec.text[a.start:a.end]]
    assert hits, f"no attribution holds {fragment!r}"
    return min(hits, key=lambda a: a.end - a.start)


def test_quotations_nested_in_a_paragraph_of_a_running_quotation_stay_inside_it():
    inner = [ANSARI[q.inner_start:q.inner_end] for q in find_quotes(ANSARI)]
    para = next(t for t in inner if t.startswith("But this doesn’t change anything."))
    # the paragraph is one quotation to its last word, its two nested quotations inside it
    assert para.endswith("unfit for office or any position of authority.")
    assert "“a whole civilization will die”" in para and "“back to the stone ages”" in para
    assert not any(t.startswith("a whole civilization") for t in inner)
    # a closed quotation of the same marks nested in it is still one quotation
    closed = "“The senator said “no” and left.”"
    assert [closed[q.inner_start:q.inner_end] for q in find_quotes(closed)] == ["The senator said “no” and left."]


def test_paragraphs_after_the_nested_quotations_keep_the_statements_speaker():
    rec = onrecord.analyze(ANSARI)
    for words in ("But this doesn’t change anything.", "It’s now day 39", "I pray this ceasefire holds"):
        assert _holding(rec, words).speaker.name == "Yassamin Ansari", words


def test_a_pronoun_going_on_is_the_speaker_before_not_a_name_inside_his_words(web_page_records):
    # <blockquote>"… We should not be focusing on Syria," Trump told The Guardian. "You're going to end
    # up in World War III over Syria if we listen to Hillary Clinton."
    # He continued: "You're not fighting Syria anymore, …"</blockquote>
    rec = web_page_records("stormcloudsgathering-com__stealth-partition-of-syria-2017.txt")
    a = _holding(rec, "You're not fighting Syria anymore")
    assert (a.speaker.name, a.speaker_basis) == ("Trump", "continuing speaker")
    assert a.source.text == "He"


WEBER = (
    "\"However, the tragic collapse we are seeing right now is not a result of any prior administration - "
    "Democrat or Republican. President Biden made the decision to disregard military advice.\"\n\n"
    "\"[U.S.] leaders were told by the military it would take no time at all for the Taliban to take "
    "everything,\" an anonymous U.S. intelligence official told ABC News.\n")


def test_an_indefinite_description_is_someone_new_not_a_person_named_before():
    rec = onrecord.analyze(WEBER)
    a = _holding(rec, "leaders were told by the military")
    assert a.source.text == "an anonymous U.S. intelligence official"
    assert "Biden" not in a.speaker.name and "intelligence official" in a.speaker.name


LIFE = (
    "According to Putin's opinion of the SPIEGEL \"investigation\", no Kremlin critic asked, but a journalist "
    "from the pro-government internet portal Life.ru. The journalist asked the entirely objective question, "
    "\"why has no proceedings been initiated so far for his poisoning and who poisoned him\".\n\n"
    "Putin replied that the material presented by SPIEGEL and others was the legalization of intelligence "
    "information.\n")


def test_a_definite_description_takes_up_the_indefinite_phrase_before_it():
    # (silviosiefke-com, Putin's annual press conference of 2020)
    rec = onrecord.analyze(LIFE)
    a = _holding(rec, "why has no proceedings been initiated")
    assert (a.source.text, a.speaker_basis) == ("The journalist", "introduced")
    assert a.speaker.name.startswith("journalist from the pro-government internet portal")
    # a description with no indefinite phrase before it is left to the other readings
    rec = onrecord.analyze(LIFE.replace("but a journalist from", "but someone from"))
    assert _holding(rec, "why has no proceedings been initiated").speaker_basis != "introduced"


def test_a_signature_first_name_is_not_the_place_apposed_to_it(web_page_records):
    # “My dad missed parts of my childhood being deployed for one pointless war …” — Emily, Stafford
    # (the parser reads the place, Stafford, as a name in apposition to Emily)
    rec = web_page_records("vindman-house-gov__hegseth-iran-survey-2026.txt")
    a = _holding(rec, "My dad missed parts of my childhood")
    assert (a.source.text, a.speaker.name) == ("Emily", "Emily")
    assert not any(s.name == "Stafford" for s in rec.speakers)
    # “My wife and I both served in multiple war zones. …” — Nate, Prince William: Nate is no role
    # of Prince William's
    b = _holding(rec, "My wife and I both served in multiple war zones")
    assert (b.source.text, b.speaker.name) == ("Nate", "Nate")
