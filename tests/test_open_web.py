"""Speakers on real pages of the web corpus's tune sites: labels opening a quotation's line,
quotations inside blockquotes, absolute clauses, lede roles, credits and markup in names."""
from pathlib import Path

import pytest

from onrecord.clean import clean
from onrecord.clean.markdown import blank_markup
from onrecord.clean.plaintext import is_credit_line
from onrecord.text import clean_name

PAGES = Path(__file__).resolve().parents[1] / "corpus" / "web" / "pages"


@pytest.fixture(scope="module")
def analyze(web_page_records):
    return web_page_records


def statement(rec, words: str):
    """The attribution whose content holds ``words`` (exactly one)."""
    text = rec.text
    got = [a for a in rec.attributions if any(words in text[c.start:c.end] for c in a.content)]
    assert len(got) == 1, [(a.speaker and a.speaker.name, a.how) for a in got]
    return got[0]


def test_a_label_opening_the_line_speaks_the_quotation_not_the_sentence_above(analyze):
    # "See what they are saying below:" / "Organizations:" / "**ADL**: “We applaud …”"
    rec = analyze("whitehouse-gov__israel-visit-reactions-2023.txt")
    a = statement(rec, "We applaud")
    assert (a.speaker.name, a.how) == ("ADL", "colon")
    # a label of 20 words wrapped over two lines: the name before its comma
    a = statement(rec, "was poignant, powerful")
    assert (a.speaker.name, a.how) == ("Dennis Ross", "colon")


def test_labels_with_a_retired_rank_or_a_nickname(analyze):
    rec = analyze("whitehouse-gov__iran-strikes-experts-2025-06-26.txt")
    a = statement(rec, "went off magnificently")        # "… Gen. Philip Breedlove (Ret.):"
    assert (a.speaker.name, a.how) == ("Philip Breedlove", "colon")
    a = statement(rec, "Initial battle damage assessments")   # "… Dan “Razin” Caine:"
    assert a.how == "colon" and a.speaker.name.endswith("Caine") and "Razin" not in a.speaker.name


def test_quoting_someones_essay_gives_the_essays_author(analyze):
    rec = analyze("privacyguides__uk-apple-adp.txt")
    a = statement(rec, "The companies need to resist")
    assert a.speaker.name == "Bruce Schneier"


def test_picture_credits_are_chrome_and_name_nobody(analyze):
    rec = analyze("privacyguides__uk-apple-adp.txt")
    credit = rec.text.index("Illustration: Em / Privacy Guides")
    assert any(c.kind == "caption" and c.start <= credit < c.end for c in rec.document.chrome)
    line = (credit, rec.text.index("\n", credit))
    assert not [a for a in rec.attributions
                if any(line[0] <= sp.start < line[1] for sp in [*a.content, *([a.source] if a.source else [])])]
    assert not [s for s in rec.speakers if s.name.startswith("/")]
    assert is_credit_line("Photo: Reuters") and is_credit_line("(Photo by John Smith/AFP)")
    assert not is_credit_line("Photographs show the damage.")


def test_credit_lines_are_each_their_own_chrome_span():
    text = page_text("privacyguides__chat-control.txt")
    rec = clean(text, "page", "text")
    captions = [c for c in rec.document.chrome if c.kind == "caption"]
    assert len(captions) == 9 and all(c.end - c.start < 160 for c in captions)   # 7 "Image:", "Screenshot:", "Still image from video:"


def page_text(name: str) -> str:
    with open(PAGES / name, encoding="utf-8", newline="") as f:
        return f.read()


def test_markup_is_not_part_of_a_name():
    assert clean_name("@POTUS Biden") == "Biden"
    assert clean_name("Joe Biden @JoeBiden") == "Joe Biden"
    assert clean_name("@POTUS") == "@POTUS"          # a handle alone is all there is
    assert clean_name("/ Privacy") == "Privacy"
    assert blank_markup("- [x] Use social media to promote it.\n") == "      Use social media to promote it.\n"


def test_a_handle_beside_a_name_is_not_the_speakers_name(analyze):
    rec = analyze("whitehouse-gov__israel-visit-reactions-2023.txt")
    assert not [s for s in rec.speakers if "@" in s.name]


def test_a_quotation_set_as_a_blockquote_goes_to_the_person_introducing_it(analyze):
    # "… as the demented Biden recognized." / > "I can say that the United States …"
    rec = analyze("silviosiefke-com__afghanistan-balance-sheet-2021.txt")
    a = statement(rec, "I can say that the United States has achieved")
    assert (a.speaker.name, a.how, a.speaker_basis) == ("Biden", "blockquote", "blockquote introduction")


def test_an_absolute_clause_is_a_statement_of_its_own_subject(analyze):
    # "The West has widely condemned …, with French Foreign Minister Jean-Yves Le Drian saying …"
    rec = analyze("voanews__newscast-20210125.txt")
    a = statement(rec, "an intolerable affront")
    assert a.speaker.name == "Jean-Yves Le Drian" and a.cue.text == "saying"
    west = [b for b in rec.attributions if b.cue and b.cue.text == "condemned"]
    assert west and all("intolerable" not in rec.text[c.start:c.end] for b in west for c in b.content)


def test_a_government_body_keeps_its_country(analyze):
    rec = analyze("voanews__newscast-20210126.txt")
    a = statement(rec, "incite radical elements")
    assert a.speaker.name == "Russia's Foreign Ministry"


def test_a_role_in_the_lede_is_the_person_named_after_it(analyze):
    # "“If we only look inward …,” said the Vice President" above "Vice President Kamala Harris"
    rec = analyze("whitehouse-gov__harris-munich-2024.txt")
    a = statement(rec, "If we only look inward")
    assert (a.speaker.name, a.speaker_basis) == ("Kamala Harris", "role")


def test_a_resource_list_is_no_transcript(analyze):
    # "- [**Patrick Breyer**: Memes, explainers, maps, and other graphics](…)" among prose
    rec = analyze("privacyguides__chat-control.txt")
    for words in ("Memes, explainers", "Video discussing why privacy matters", "fightchatcontrol.eu"):
        assert not [a for a in rec.attributions if any(words in rec.text[c.start:c.end] for c in a.content)]


def test_the_last_turn_of_a_transcript_ends_where_the_page_goes_on(analyze):
    rec = analyze("stormcloudsgathering-com__leaked-phone-call-snipers-2014.txt")
    a = statement(rec, "Same type of bullets")
    assert (a.speaker.name, a.how) == ("Urmas Paet", "turn")
    assert rec.text[a.content[-1].start:a.content[-1].end].endswith("somebody from the new coalition.\"")


def test_a_description_before_a_name_is_not_part_of_it(analyze):
    # "the civil and human rights association European Digital Rights (EDRi) … demanding"
    rec = analyze("privacyguides__chat-control.txt")
    a = statement(rec, "that the European Parliament invest instead")
    assert a.speaker.name == "European Digital Rights"
    assert is_credit_line("Still image from  video                 : Stop Scanning Me / EDRi")


def test_a_press_release_header_is_head_chrome_and_the_headline_the_title():
    text = page_text("cotton-senate-gov__mayorkas-whipping-claims-2022.txt")
    d = clean(text, "page", "text").document
    assert d.title == "Cotton Questions Mayorkas About Border Patrol ‘Whipping’ Claims"
    assert (d.published, d.published_basis) == ("2022-10-12", "explicit")
    assert [c.kind for c in d.chrome[:3]] == ["press-header", "dateline", "title"]   # (the two header lines: one span)


def test_excerpts_under_topic_lines_are_the_speakers_of_the_speech(analyze):
    # "Below are excerpts from Sen. Sullivan's speech." / "On voter registration:" / "“My state …”"
    rec = analyze("sullivan-senate-gov__jim-crow-smear-2022.txt")
    for words in ("My state, in essence", "New York actually doesn't want", "My invitation to the President"):
        a = statement(rec, words)
        assert (a.speaker.name, a.how) == ("Dan Sullivan", "floating")
    assert not [s for s in rec.speakers if s.name in ("voter registration", "Senate Republicans")
                and any(a.speaker and a.speaker.id == s.id for a in rec.attributions)]


# ---- what is no attribution: predicates that report nothing, sources that cannot speak ----

def _said(text: str):
    import onrecord
    rec = onrecord.analyze(text)
    return rec, [(a.kind, a.speaker.name if a.speaker else None, a.cue.text if a.cue else None)
                 for a in rec.attributions]


def test_a_copula_or_an_obligation_reports_no_statement():
    # silviosiefke.com: "The reason for the price increases is that …" and "companies are obliged
    # to employ …" are the author's facts, not anyone's statement
    _, got = _said("The reason for the price increases is that Russian exporters set their prices for "
                   "cereals, sugar and other staples according to the world market price. The Russian "
                   "government must counteract this by increasing tariffs.")
    assert not [g for g in got if g[2] == "is"], got
    _, got = _said("The main theme of the event was the Corona Virus pandemic. In Moscow, companies are "
                   "obliged to employ 30 percent of their employees from home.")
    assert got == []


def test_a_quotation_after_a_copula_stays_the_speakers():
    # "But it is “safe to say that …”": the copula is no cue; the quotation goes on with Putin
    rec, got = _said('Putin said there was "a sea of problems" because of the coronavirus. But it is "safe to '
                     'say that we have solved these problems in a dignified and partly better way than other '
                     'countries in the world that are rightly proud of a stable economy and a developed '
                     'social and health system."')
    assert not [g for g in got if g[2] == "is"], got
    a = statement(rec, "safe to say")
    assert a.kind == "direct" and a.speaker.name == "Putin"


def test_a_source_that_cannot_speak_makes_no_attribution():
    # money, an appeal, a chance: nothing that can say or hold a view
    for text in ("Why the money did not seem to have reached everywhere must be clarified.",
                 "This appeal to reason does not seem to have been heard by most EU Member States."):
        assert _said(text)[1] == [], text
    # a real speaker still speaks
    _, got = _said("Public health officials warned that even if funding were to pass Congress within the "
                   "next week, much of it wouldn't get to states before September at the earliest.")
    assert got == [("indirect", "Public health officials", "warned")]


@pytest.mark.parametrize("page", ["sullivan-senate-gov__arctic-strategy-2022.txt",
                                  "kremlin-ru__kohl-journalists-questions-2017.txt"])
def test_no_speaker_name_is_a_clause(analyze, page):
    # "DOD and individual service-specific strategies for the Arctic" (nine words),
    # "his conversation with St Petersburg Mayor Anatoly Sobchak": a speaker is shown by its
    # head phrase, never by a clause or a long phrase
    from onrecord.evaluate import bad_speaker_name
    rec = analyze(page)
    names = {a.speaker.name for a in rec.attributions if a.speaker}
    assert names and not [n for n in names if bad_speaker_name(n)], names
    assert not [s.name for s in rec.speakers if bad_speaker_name(s.name)]
