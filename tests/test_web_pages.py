"""Real pages of sites nobody tuned to (corpus/web): Markdown front matter and syntax, HTML
saved as .txt, transcripts, labelled and heading-labelled quotations, non-names as speakers."""
from pathlib import Path

import pytest

from onrecord.clean import clean
from onrecord.clean.markdown import blank_markup, front_matter, looks_like_markdown

PAGES = Path(__file__).resolve().parents[1] / "corpus" / "web" / "pages"
SEED = Path(__file__).resolve().parents[1] / "examples" / "seeds" / "000_da6073b65d0faf15.txt"


def page(name: str) -> str:
    with open(PAGES / name, encoding="utf-8", newline="") as f:
        return f.read()


@pytest.fixture(scope="module")
def analyze(web_page_records):
    return web_page_records


def test_yaml_front_matter_is_metadata_and_chrome():
    text = page("silviosiefke-com__putin-annual-conference-2020.txt")
    fm = front_matter(text)
    assert fm.title == "Putin in the annual conference" and fm.date == "2020-12-21"
    rec = clean(text, "page", "text")
    d = rec.document
    assert rec.source.content_type == "markdown"
    assert d.title == "Putin in the annual conference"
    assert (d.published, d.published_basis) == ("2020-12-21", "explicit:front-matter")
    assert d.chrome[0].kind == "front-matter" and d.chrome[0].start == 0 and d.chrome[0].end == fm.end
    assert d.analyzed.start >= fm.end


def test_markup_is_blanked_with_offsets_kept():
    text = page("silviosiefke-com__putin-annual-conference-2020.txt")
    blank = blank_markup(text)
    assert len(blank) == len(text) and [i for i, c in enumerate(blank) if c == "\n"] == \
        [i for i, c in enumerate(text) if c == "\n"]
    assert "{{<" not in blank and "####" not in blank and "tags:" not in blank
    i = text.index("A journalist close to the government")
    assert blank[i:i + 36] == text[i:i + 36]


def test_link_label_over_a_line_break_keeps_its_words():
    text = page("whitehouse-gov__ukraine-peace-support-2025-03-01.txt")
    blank = blank_markup(text)
    i = text.index("[**Speaker Mike")
    assert " ".join(blank[i:i + 40].split()).startswith("Speaker Mike Johnson")
    assert "https://x.com/SpeakerJohnson" not in blank


def test_plain_pages_are_not_markdown():
    assert not looks_like_markdown(SEED.read_text(encoding="utf-8"))


def test_html_saved_as_txt_is_read_as_html():
    rec = clean(page("kremlin-ru__assad-meeting-2017.txt"), "page", "text")
    assert rec.source.content_type == "html"
    assert rec.document.title == "Meeting with President of Syria Bashar al-Assad"
    assert "<body" not in rec.text


def test_front_matter_keys_are_never_speakers(analyze):
    rec = analyze("whitehouse-gov__ukraine-peace-support-2025-03-01.txt")
    names = {a.speaker.name for a in rec.attributions if a.speaker}
    assert not names & {"title", "tags", "date", "---"}
    by_start = {rec.text[a.start:a.start + 30]: a.speaker.name if a.speaker else None for a in rec.attributions}
    johnson = next(v for k, v in by_start.items() if k.startswith("“Thanks to President Trump"))
    rubio = next(v for k, v in by_start.items() if k.startswith("“The\nonly person on the planet"))
    assert johnson == "Mike Johnson" and rubio == "Marco Rubio"


def test_quotations_under_a_heading_take_the_person_it_names(analyze):
    rec = analyze("whitehouse-gov__sunday-shows-peace-2025-08-17.txt")
    first = next(a for a in rec.attributions if rec.text[a.start:].startswith("“It was agreed to by all"))
    assert first.speaker is not None and first.speaker.name == "Marco Rubio"


def test_quotations_under_a_label_naming_one_person_take_that_person(analyze):
    # "Senator Kim’s Seven Guiding Principles:" over numbered topic lines and untagged
    # quotations; the statement before the label is "President Trump deeply escalated …"
    rec = analyze("kim-senate-gov__resilience-principles-2026.txt")
    label = rec.text.index("Senator Kim’s Seven Guiding Principles:")
    under = [a for a in rec.attributions if a.start > label and a.kind == "direct"]
    assert len(under) == 9
    assert {a.speaker.name for a in under if a.speaker} == {"Andy Kim"}
    assert {a.speaker_basis for a in under} == {"heading"}


def test_a_colon_label_heads_quotations_only_when_it_names_one_person_and_says_nothing(nlp_loaded):
    from onrecord.attribute.headings import person_headings
    text = ("Senator Kim’s Seven Guiding Principles:\n\n"
            "Key quotes from Secretary Blinken:\n\n"
            "Trump wrote to Biden on Monday:\n\n"
            "Senator Warren said at the hearing:\n\n"
            "On President Biden’s “invitation” to Republicans:\n\n"
            "Dear Secretary Mayorkas:\n\n"
            "Secretary of State Marco Rubio on Meet the Press\n")
    doc = nlp_loaded(text)
    heads = [text[a:b].strip() for a, b, _ in person_headings(doc)]
    assert heads == ["Senator Kim’s Seven Guiding Principles:", "Key quotes from Secretary Blinken:",
                     "Secretary of State Marco Rubio on Meet the Press"]


def test_transcript_turns_are_statements_of_their_speakers(analyze):
    rec = analyze("kremlin-ru__zelensky-passports-2019.txt")
    turns = [a for a in rec.attributions if a.how == "turn"]
    assert [a.speaker.name for a in turns] == ["Question", "Vladimir Putin", "Question", "Vladimir Putin"]
    assert all(a.kind == "direct" for a in turns)
    last = turns[-1]
    assert rec.text[last.start:last.start + 22] == "But why? Everything is"
    assert "sooner or later we will inevitably come" in rec.text[last.start:last.end]


def test_bare_q_turns_of_a_white_house_gaggle(analyze):
    rec = analyze("whitehouse-gov__jean-pierre-gaggle-2021-05-19.txt")
    q = [a for a in rec.attributions if a.how == "turn" and a.source and a.source.text == "Q"]
    assert q and rec.text[q[0].start:].startswith("Did you get any assurances from Netanyahu?")


def test_section_headings_with_colons_are_not_a_transcript():
    from onrecord.attribute.turns import find_turns
    text = ("Success on Signature Issue: Mr. Ban focused on climate change.\n"
            "Little Relief for Refugees: The refugee crisis is the sort of issue.\n"
            "Veto Power Impedes Peace Efforts: Eliminating war is one of the goals.\n")
    assert find_turns(text) == []


def test_pronouns_that_name_nobody_are_not_speakers(analyze):
    rec = analyze("privacyguides__chat-control.txt")
    names = {a.speaker.name.lower() for a in rec.attributions if a.speaker}
    assert not names & {"you", "this", "who", "anyone"}


def test_scare_quotes_in_the_authors_sentence_are_not_statements(analyze):
    rec = analyze("privacyguides__encryption-not-crime.txt")
    for phrase in ("the good guys", "Protecting the children"):
        hits = [a for a in rec.attributions if a.how == "floating"
                and phrase in rec.text[a.start:a.end] and a.end - a.start < len(phrase) + 6]
        assert not hits, phrase


def test_a_quoted_figure_is_still_a_statement():
    import onrecord
    rec = onrecord.analyze(str(SEED.parent / "002_075d34a81711b9ee.txt"))
    i = rec.text.index("3,000 to 5,000")
    a = next(a for a in rec.attributions if a.start <= i < a.end)
    assert a.kind == "direct" and a.speaker is not None and a.speaker.name == "Sergey Lavrov"


BOMB = "---\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")) + \
    "author: [*i, *i]\ntitle: *i\n---\n# Hello\n\nThe minister said that the talks would resume.\n"


@pytest.mark.slow
def test_front_matter_alias_bomb_ends_at_once():
    import time
    t = time.time()
    rec = clean(BOMB, "bomb", "text")
    assert time.time() - t < 10           # str() of the expanded alias ran without end
    assert rec.source.content_type == "markdown" and rec.document.author is None
    assert rec.document.title != "---"


def test_front_matter_that_does_not_parse_is_text_not_an_error():
    for text in ("---\ntitle: [unclosed\n---\nThe minister said so.\n",
                 "+++\ntitle = \n+++\nThe minister said so.\n",
                 "---\n" + "x" * 100_000):
        rec = clean(text, "bad", "text")
        assert rec.text == text and rec.document.body is not None


def test_toml_front_matter():
    text = '+++\ntitle = "Talks resume"\ndate = 2024-03-01\nauthor = "Jane Roe"\n+++\n\nThe minister said so.\n'
    d = clean(text, "toml", "text").document
    assert (d.title, d.author, d.published) == ("Talks resume", "Jane Roe", "2024-03-01")


def test_a_label_wrapped_over_two_lines_names_the_whole_person(analyze):
    # "[IDF Chief of Staff Lt. Gen. Eyal\nZamir](https://…): “…”" and a link whose target the
    # writer's wrapping counted: the speaker is the whole name, not the word after the break
    rec = analyze("whitehouse-gov__iran-strikes-experts-2025-06-26.txt")
    by_start = {" ".join(a.content[0].text.lstrip("“").split())[:15]: a.speaker.name for a in rec.attributions if a.speaker}
    assert by_start["Given the power"] == "Rafael Grossi"
    assert by_start["I am confident "] == "Norman Roule"
    # (the model tags "National Intelligence Tulsi Gabbard" as an organisation; the title stays)
    assert by_start["New intelligenc"].endswith(" Tulsi Gabbard")


def test_blockquote_paragraphs_are_statements_of_the_person_introduced_before_them(analyze):
    # "Maria Sacharova is the spokeswoman … I would like to make the [contribution](…)
    # available to you." then ten "> …" paragraphs of her briefing, with no marks
    rec = analyze("silviosiefke-com__russia-criticizes-western-censorship-2020.txt")
    blocks = [a for a in rec.attributions if a.how == "blockquote"]
    assert len(blocks) == 10
    assert {a.speaker.name for a in blocks} == {"Maria Sacharova"}
    assert blocks[0].content[0].text.startswith("On August 20, the US’s Google blocked")
    assert all(a.speaker_basis == "blockquote introduction" for a in blocks)
    # the quoted heading "> #### Blocking of Cuban government media accounts by Google" is none
    assert not any(a.content[0].text.startswith("Blocking of Cuban") for a in rec.attributions)


def test_an_excerpt_introduced_by_according_to_is_that_sources(analyze):
    # "In July 2021, a Catholic priest by the name of Jeffrey Burrill lost his job … [According](…)
    # to the *Washington Post*:" then "> …" paragraphs: the Post's words, not the priest's
    rec = analyze("privacyguides__hide-nothing.txt")
    blocks = {a.content[0].text[:30]: a for a in rec.attributions if a.how == "blockquote"}
    assert blocks["The Pillar story says app data"].speaker.name == "Washington Post"
    assert blocks["“The data obtained and analyze"].speaker.name == "Washington Post"
    assert all(a.speaker.name != "Jeffrey Burrill" for a in blocks.values())


def test_an_excerpt_under_its_source_label_is_the_sources(analyze):
    # "> Aljazeera\n>\n> [Eight foreign hostages freed](…)\n>\n> An Iraqi group says …"
    rec = analyze("joi-ito-com__hostages-update-2004.txt")
    by_text = {a.content[0].text[:30]: a for a in rec.attributions if a.how == "blockquote"}
    assert by_text["An Iraqi group says it has rel"].speaker.name == "Aljazeera"
    assert by_text["Fox TV is reporting that at le"].speaker.name == "Command Post"
    # the label and the linked headline are no statements
    assert not any(a.content[0].text.startswith(("Aljazeera", "Eight foreign hostages")) for a in rec.attributions)


def test_blockquote_paragraphs_of_markdown():
    from onrecord.clean.markdown import blockquotes
    text = page("joi-ito-com__whom-did-bush-consult-2004.txt")
    got = [(text[b.start:b.end][:25], text[b.label[0]:b.label[1]] if b.label else None) for b in blockquotes(text)]
    assert ("Woodward said he found th", "The Sun Herald") in got
    assert not any(t.startswith(("MATTHEWS:", "RUMSFELD:")) for t, _ in got)   # turns are the turn finder's


def test_pelican_metadata_lines_are_front_matter():
    text = page("torservers-net__rsf-partnership-2014.txt")
    rec = clean(text, "page", "text")
    d = rec.document
    assert d.title == "Reporters Without Borders and Torservers.net, partners against online surveillance and censorship"
    assert (d.published, d.published_basis, d.author) == ("2014-04-25", "explicit:front-matter", "RSF")
    assert d.chrome[0].kind == "front-matter" and text[d.chrome[0].end - 1] == "\n"
    # an e-mail's headers are no front matter
    assert front_matter("From: a@b.org\nTo: c@d.org\nSubject: hello\n\nBody.") is None


def test_front_matter_author_keeps_no_inline_markup():
    # author: <strong>Katherine Fuchs</strong> (a Jekyll campaign blog's front matter)
    text = page("internet2016-net__trumps-war-on-the-press-2016.md")
    assert "author: <strong>Katherine Fuchs</strong>" in text
    d = clean(text, "page", "markdown").document
    assert (d.title, d.author) == ("Trump's War on the Press", "Katherine Fuchs")


def test_a_source_holding_a_clause_is_named_by_its_head(analyze):
    rec = analyze("privacyguides__age-verification.txt")
    names = {a.speaker.name for a in rec.attributions if a.speaker}
    assert any(n.startswith("several legislators") for n in names)
    assert not any("," in n or " who " in n for n in names)


def test_a_call_transcript_in_capitals_has_whole_turns_of_the_right_people(analyze):
    # "MR. MEAGHER:  Thank you for joining us …" — five labels among many paragraphs: a
    # transcript's turns run on to the next label; "MR." alone is nobody
    rec = analyze("whitehouse-gov__steel-aluminum-call-2021.txt")
    turns = [a for a in rec.attributions if a.how == "turn"]
    assert [a.speaker.name for a in turns] == ["MEAGHER", "Jake Sullivan", "Gina Raimondo", "Katherine Tai", "MEAGHER"]
    text = page("whitehouse-gov__steel-aluminum-call-2021.txt")
    assert turns[1].content[0].end > text.index("SECRETARY RAIMONDO:") - 40    # Sullivan's whole turn
    assert "MR" not in {s.name for s in rec.speakers}


def test_a_hyphenated_name_in_a_label_stays_whole(analyze):
    rec = analyze("whitehouse-gov__jean-pierre-gaggle-2021-05-19.txt")
    assert "Karine JEAN-PIERRE" in {a.speaker.name for a in rec.attributions if a.speaker and a.how == "turn"}


def test_a_heading_above_a_label_in_capitals_is_no_part_of_it(analyze):
    # "Israel Presidency\nPRESIDENT HERZOG:  So shalom, welcome …" (a State Department page)
    rec = analyze("state-gov__blinken-herzog-before-meeting-2022.txt")
    turns = [a for a in rec.attributions if a.how == "turn"]
    assert turns[0].source.text == "PRESIDENT HERZOG" and "HERZOG" in turns[0].speaker.name
    # his "we congratulate you …" inside the turn is his, not nobody's
    we = next(a for a in rec.attributions if a.how != "turn" and a.source and a.source.text == "we")
    assert (we.speaker.name, we.speaker_basis) == (turns[0].speaker.name, "quoting statement")


def test_html_titles_lose_the_site_name():
    from onrecord.clean.html import without_site_name
    assert without_site_name("Tower Politics • Rob Dyke", None, "Rob Dyke") == "Tower Politics"
    assert without_site_name("Apple vs. EU: FSFE intervenes - FSFE", "FSFE", None) == "Apple vs. EU: FSFE intervenes"
    assert without_site_name("Biden: We will not back down - The Guardian", None, None,
                             "https://www.theguardian.com/world/x") == "Biden: We will not back down"
    # a headline's own colon or dash stays
    assert without_site_name("Lavrov: the West – and the rest", "TASS", None) == "Lavrov: the West – and the rest"
    rec = clean(page("robdyke__tower-politics.txt"), "page", "text")
    assert rec.document.title == "Tower Politics"
