"""Where a statement's words can come from: no sentence runs across a paragraph break (a
heading is not the clause of the paragraph under it), a blockquote that tags its own quotation
keeps that tag, a passive cue's agent after a quoted characterisation is its speaker, and
Jekyll's Liquid tags are markup.  Sentences are real: pages of the web corpus's tune sites and
PolNeAR train articles."""
import re
from pathlib import Path

import onrecord
from onrecord.clean.markdown import blank_markup

PAGES = Path(__file__).resolve().parents[1] / "corpus" / "web" / "pages"


def statements(text: str) -> list[tuple[str | None, str]]:
    rec = onrecord.analyze_text(text).to_dict()
    return [((a.get("speaker") or {}).get("name"), a["content"]["text"]) for a in rec["attributions"]]


def test_no_sentence_runs_across_a_blank_line(nlp_loaded):
    # a Markdown page with headings ("## Why it matters") over paragraphs: every sentence
    # starts in the paragraph it ends in, unless the paragraph before ends with ":" or ","
    text = blank_markup((PAGES / "18f-gsa-gov__the-new-fec-2017.md").read_text(encoding="utf-8"))
    doc = nlp_loaded(text)
    crossing = [s.text for s in doc.sents
                if re.search(r"[^:,\s]\s*\n[ \t]*\n\s*\S", s.text.strip())]
    assert crossing == []
    assert len(list(doc.sents)) > 20


def test_a_heading_naming_a_speaker_does_not_take_the_paragraph_under_it():
    # the heading "What the Kremlin said" over a paragraph with a tag of its own
    text = ("## What the Kremlin said\n\nThis feature of the movement has been called “strategic "
            "ambiguity” by Joshua Hendrick, a professor at Loyola University Maryland.\n\n"
            "“Some people are going to look at that document called the Constitution,” Woodward "
            "says in his CBS interview.\n")
    got = statements(text)
    assert [s for s, _ in got] == ["Joshua Hendrick", "Woodward"]
    assert not any("Kremlin" in c for _, c in got)


def test_a_passive_cue_with_its_agent_after_a_quoted_term():
    # PolNeAR train: "has been called “strategic ambiguity” by Joshua Hendrick, a professor …"
    got = statements("This feature of the Gülen movement has been called \"strategic ambiguity\" by "
                     "Joshua Hendrick, a professor at Loyola University Maryland, and it makes it "
                     "impossible to trace the root source of funding for any Gülen activities.\n")
    assert got[0][0] == "Joshua Hendrick"
    assert "Hendrick" not in got[0][1]   # the source is not part of what is said


def test_a_blockquote_with_its_own_tag_is_the_tagged_speakers_words():
    # a blog quoting a Reuters paragraph (PolNeAR train) as a blockquote, after a line of prose
    # that names other persons
    text = ("# Adelson and the candidates\n\n"
            "Sheldon Adelson has not said whom he backs, Donald Trump told [Reuters](https://www.reuters.com/).\n\n"
            "> “We like a lot of the candidates, some more than the others,” Adelson said during the "
            "interview in Macau, the world’s largest gambling hub, ahead of the formal opening of his new "
            "hotel.\n")
    got = statements(text)
    said = [(s, c) for s, c in got if "candidates, some" in c]
    assert [s for s, _ in said] == ["Sheldon Adelson"]
    assert "Macau" not in said[0][1]


def test_liquid_tags_are_markup_not_quotations():
    # a Jekyll include's caption attribute is no statement
    text = ("---\ntitle: 'Senators press State Department'\n---\n"
            "“The delays are unacceptable,” Senator Maria Cantwell said in the letter.\n\n"
            "{% include figure.html src=\"x.png\" caption=\"Senator Cantwell speaks\" %}\n")
    got = statements(text)
    assert [s for s, _ in got] == ["Maria Cantwell"]
