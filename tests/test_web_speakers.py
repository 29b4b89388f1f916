"""Who speaks a quotation on real web pages: credit lines under testimonials and pull quotes,
HTML blockquotes introduced by "X said:", and interview labels written as initials.  The texts
are excerpts of pages of the web corpus's tune sites (corpus/web/pages: codeforamerica.org,
gov.uk, stormcloudsgathering.com); the interview with initials labels is written for the test in the
shape of a blog's interview transcript (no corpus page has such labels)."""
from __future__ import annotations

import onrecord
from onrecord.clean import clean
from onrecord.clean.html import tag_blockquotes


def said(text: str, how: str | None = None) -> list[tuple[str, str | None]]:
    """(first words of the content, speaker name) of every direct statement of the analysed text."""
    rec = onrecord.analyze_text(text).to_dict()
    return [(a["content"]["text"].strip("“”‘’\" ")[:30], (a.get("speaker") or {}).get("name"))
            for a in rec["attributions"] if a["kind"] != "indirect" and (how is None or a["how"] == how)]


# ------------------------------------------------------- credit lines after a quotation

TESTIMONIALS = (
    "Fellowship Program\n\n"
    "“It’s hard in any business, or government for that matter, to pull out dedicated resources just to "
    "focus on innovation, so this is an intentional way to do that.”  - Mayor Greg Fisher, City of "
    "Louisville (2013 Fellowship City)\n\n"
    "“The projects that they developed are transforming thousands of Detroiters lives, right now. This has "
    "been one of the most incredible experiences in my professional career.”         - Karla Henderson, "
    "former Group Executive of Planning and Facilities,                                City of Detroit, MI"
    "     (2012 Fellowship City)\n\n"
    "\"Peer Network members benefit from the efforts taking place across the country to make open data "
    "more useful and more powerful.\" - Mark Headd, Chief Data Officer, City of Philadelphia(2011 and 2012 "
    "Fellowship City)\n")


def test_a_credit_line_after_a_testimonial_names_its_speaker():
    # a spaced hyphen, blanked markup before it, the speaker's title and organisation after the name
    assert said(TESTIMONIALS, "signature") == [
        ("It’s hard in any business, or ", "Greg Fisher"),
        ("The projects that they develop", "Karla Henderson"),
        ("Peer Network members benefit f", "Mark Headd")]


def test_words_after_a_dash_that_make_a_clause_are_no_credit_line():
    t = ("“We will not back down,” the mayor said on Monday - Smith, who chairs the council, "
         "disagreed with her.\n")
    assert said(t, "signature") == []


# ------------------------------------------------------- HTML blockquotes

GOV_UK = (
    "<html><body><article><h1>Drug drive limits approved</h1>"
    "<p>The new rules will mean it will be an offence to be over the generally prescribed limits for each "
    "drug and drive a vehicle, as it is with drink driving.</p>\n\n"
    "<p>Road Safety Minister Robert Goodwill said:</p>\n\n<blockquote>\n  <p>The results of the "
    "consultation is sending the strongest possible message that you cannot take illegal drugs and drive. "
    "This new offence will make our roads safer for everyone by making it easier for the police to tackle "
    "those who drive after taking illegal drugs. It will also clarify the limits for those who take "
    "medication.</p>\n\n  <p class=\"last-child\">The next step is to take these limits to Parliament to "
    "see the offence come into force later this year.</p>\n</blockquote>\n\n"
    "<p>In March 2013, the department took expert advice from a medical panel on the potential drug limits "
    "that the government should consult on.</p></article></body></html>")


def test_html_blockquote_paragraphs_are_quotations():
    rec = clean(GOV_UK, name="drug-driving.html")
    got = [rec.text[b.start:b.end][:30] for b in rec.blockquotes]
    assert got == ["The results of the consultatio", "The next step is to take these"]


def test_every_paragraph_of_a_blockquote_after_x_said_is_his():
    rec = onrecord.analyze_text(GOV_UK, content_type="html").to_dict()
    text = rec["text"]
    for words in ("The results of the consultation", "The next step is to take"):
        pos = text.index(words)
        hits = [a for a in rec["attributions"] if a["kind"] != "indirect"
                and any(s["start"] <= pos < s["end"] for s in a["content"]["spans"])]
        assert [(a.get("speaker") or {}).get("name") for a in hits] == ["Robert Goodwill"]


def test_a_blockquote_holding_tagged_quotations_is_left_to_them():
    # stormcloudsgathering.com: the excerpt's own quotations carry their tags
    page = ('<p>Foreign policy analysts, however, are viewing this as potential flashpoint.</p>\n\n'
            '<blockquote>"I do think that it presents escalation risks," Melissa Dalton, a senior fellow at '
            'the Center for Strategic and International Studies, told Business Insider.</blockquote>\n\n'
            '<blockquote>Urmas Paet: "All the evidence shows that the people who were killed by snipers from '
            'both sides were the same snipers."<br/>\nCathy Ashton: "Well that\'s, yeah..."</blockquote>\n')
    assert tag_blockquotes(page) == []


def test_a_credit_line_under_a_pull_quote_names_its_speaker():
    # codeforamerica.org (Jekyll): a pull quote over "Name, Title" with no dash
    page = ("---\nlayout: default\ntitle: Charlotte\n---\n\n<section>\n<div class=\"highlight\">\n"
            "                <blockquote>\n                    <p>Our engagement with Code for America provides "
            "a unique opportunity to directly support and quickly demonstrate Charlotte’s emerging strategy "
            "for citizen engagement.</p>\n                </blockquote>\n\n"
            "                <p class=\"attribute\">CIO Jeffrey Stovall, City of Charlotte</p>\n</div>\n</section>\n")
    assert said(page) == [("Our engagement with Code for A", "Jeffrey Stovall")]


# ------------------------------------------------------- interview labels

INTERVIEW = (
    "A conversation with the Harbour Minister\n\n"
    "Last week I sat down with the Minister for Harbours, Jane Kowalski, to ask about the dredging "
    "plan. What follows is the transcript, lightly edited.\n\n"
    "Me: Good morning, Minister. Thank you for making the time.\n\n"
    "Jane Kowalski:  Happy to be here.\n\n"
    "Me:  Will the dredging go ahead this year?\n\n"
    "JK:  We expect the consents in March. After that it depends on the weather more than on "
    "anything we decide.\n\n"
    "Me:  And the oyster beds?\n\n"
    "JK:  Look, nobody wants to lose them, and the plan keeps the work well clear of the beds.\n")


def test_initials_label_is_the_person_named_in_full():
    turns = said(INTERVIEW, "turn")
    assert turns == [("Good morning, Minister. Thank ", None), ("Happy to be here.", "Jane Kowalski"),
                     ("Will the dredging go ahead thi", None), ("We expect the consents in Marc", "Jane Kowalski"),
                     ("And the oyster beds?", None), ("Look, nobody wants to lose the", "Jane Kowalski")]


# ------------------------------------------------------- names the model cuts short

def test_a_surname_with_particles_is_read_whole():
    # voanews.com newscast: the model tags "Ursula von" a person and "der Leyen" apart
    t = ("This as the two sides warned that chances of a post-Brexit trade deal by a year-end deadline is "
         "slipping away. European Commission President Ursula von der Leyen tweeted Tuesday that she looks "
         "forward to welcoming U.K. Prime Minister Boris Johnson Wednesday evening. She added, \"We will "
         "continue our discussion on the Partnership.\" Johnson's office confirmed the two leaders would meet.\n")
    rec = onrecord.analyze_text(t).to_dict()
    by = {a["content"]["text"][:12]: (a.get("speaker") or {}).get("name") for a in rec["attributions"]}
    assert by["that she loo"] == "Ursula von der Leyen"
    assert by['"We will con'] == "Ursula von der Leyen"
    assert not any(s["name"] == "Leyen" for s in rec["speakers"])


# ------------------------------------------------------- quotations over several paragraphs

def test_a_single_quoted_statement_over_two_paragraphs_is_the_speakers():
    # gov.uk: ‘ opens each paragraph, only the last closes; the second paragraph was given to
    # "FRANK", the subject of a sentence inside the first
    t = ("Home office crime prevention minister Jeremy Browne said:\n"
         "‘Distorted information from their peers and popular culture can lead young people to feel confused "
         "about drugs and the risks they pose. FRANK aims to give them the skills and confidence they need to "
         "reject drugs and offers parents information to help them talk to their children about drugs.\n"
         "‘We know FRANK works, 67 per cent of young people say they would use it if they needed drugs "
         "advice.’\n"
         "One advert depicts a group of butchers passing around a joint.\n")
    assert said(t) == [("Distorted information from the", "Jeremy Browne"),
                       ("We know FRANK works, 67 per ce", "Jeremy Browne")]
