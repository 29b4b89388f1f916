"""Quotations nested in a quoted excerpt: a release reprints a news article in double marks,
and the article's own quotations in single ones, each with its tag.  The nested quotation is
the tagged person's statement; the excerpt stays its author's.  The texts are paragraphs of a
page of the web corpus's tune sites (corpus/web/pages/sarajacobs-house-gov__foreign-assistance-
reform-2026.txt, a Devex article reprinted by a congressional office) and of a tune novel
(Treasure Island, Ben Gunn retelling what his shipmates said)."""
from __future__ import annotations

import onrecord
from onrecord.attribute.nested import nested_statements
from onrecord.attribute.quotes import find_quotes
from onrecord.evaluate import score_page, new_totals

EXCERPT = (
    "In case you missed it, last week, Rep. Sara Jacobs (CA-51) passed her bipartisan Locally Led "
    "Development and Humanitarian Response Act through the House Foreign Affairs Committee.\n\n"
    "Devex’s Adva Saldinger wrote: “In a sign that there is still room for bipartisan consensus on "
    "foreign aid-related legislation, the U.S. House Foreign Affairs Committee last week passed the "
    "Locally Led Development and Humanitarian Response Act.\n\n"
    "“This bill has been in the works for some time, Jacobs told Devex. During the Biden administration, "
    "Jacobs worked with former USAID Administrator Samantha Power to discern what policies and "
    "regulations were stopping the agency from working more with local partners and how Congress could "
    "address the problems.\n\n"
    "“‘What this bill does is try and lower the barrier to entry so [the U.S. government can] have the "
    "ability, have the flexibility they need to work with local organizations,’ she said. ‘We know that "
    "excessive red tape and regulations make the process to apply for federal funding so burdensome that "
    "really only large implementing organizations have the resources to apply.’\n\n"
    "“‘We shouldn’t use the fact that it doesn’t have the capacity right now’ as an excuse because the "
    "State Department still needs to get money out the door, and not being able to do so could revive "
    "the cycle of relying primarily on large U.S. or international organizations, Jacobs said. ‘We have "
    "to use this moment to change how we do foreign assistance, and that’s part of what this bill "
    "does,’ she said.\n\n"
    "“This year, the House Foreign Affairs Committee will focus on updating the Foreign Service Act, "
    "which Jacobs said she hopes will address some of the personnel challenges at the State "
    "Department.\n\n"
    "“‘What we’re hoping is to get the statutory language in this year so that next year, when "
    "[Democrats] are hopefully in the majority, we have the regulations in place,’ Jacobs said.”\n")


def nested(text: str) -> list[tuple[str, str, str]]:
    """(first words, source, cue) of every nested statement the finder gives."""
    return [(text[c.content[0][0] + 1:c.content[0][0] + 25], text[slice(*c.source)], text[slice(*c.cue)])
            for c in nested_statements(text, find_quotes(text))]


def test_tagged_quotations_inside_an_excerpt_are_found_with_their_tag():
    assert nested(EXCERPT) == [
        ("What this bill does is t", "she", "said"),
        ("We know that excessive r", "she", "said"),        # ‘A,’ she said. ‘B.’: the same tag
        ("We shouldn’t use the fac", "Jacobs", "said"),     # the tag closes the sentence
        ("We have to use this mome", "she", "said"),
        ("What we’re hoping is to ", "Jacobs", "said"),
    ]


def test_a_tag_after_the_mark_may_name_the_speaker_after_the_verb():
    text = "He wrote: “The plan failed. ‘Nobody asked the towns what they needed,’ said Rep. Young Kim.”"
    assert nested(text) == [("Nobody asked the towns w", "Rep. Young Kim", "said")]


def test_untagged_single_quoted_words_in_an_excerpt_are_no_statements():
    # a scare quote and an untagged quotation with no tagged one before it stay the excerpt's
    text = ("Saldinger wrote: “The department calls it ‘localization’ and says ‘the money goes where it "
            "is needed most’ in its plan.”")
    assert nested(text) == []
    # single quotes outside any double-quoted excerpt are found by the quotation finder itself
    assert nested("‘We will not stand for this,’ she said.") == []


def test_nested_speakers_and_the_excerpt_keep_their_own_sources():
    rec = onrecord.analyze_text(EXCERPT).to_dict()
    got = [(a["content"]["text"].strip("“”‘’ ")[:20], a["how"], (a.get("speaker") or {}).get("name"))
           for a in rec["attributions"] if a["kind"] == "direct"]
    assert got == [
        ("In a sign that there", "cue", "Adva Saldinger"),
        ("This bill has been i", "floating", "Adva Saldinger"),
        ("What this bill does ", "floating", "Adva Saldinger"),
        ("What this bill does ", "nested", "Sara Jacobs"),
        ("We know that excessi", "nested", "Sara Jacobs"),
        ("We shouldn’t use the", "floating", "Adva Saldinger"),
        ("We shouldn’t use the", "nested", "Sara Jacobs"),
        ("We have to use this ", "nested", "Sara Jacobs"),
        ("This year, the House", "floating", "Adva Saldinger"),
        ("What we’re hoping is", "floating", "Adva Saldinger"),
        ("What we’re hoping is", "nested", "Sara Jacobs"),
    ]


def test_the_scorer_matches_a_nested_gold_quotation_to_its_own_statement():
    text = "X wrote: “‘We act now,’ she said.”"
    outer = {"kind": "direct", "content": {"start": 9, "end": 34}, "speaker": {"name": "X"}}
    inner = {"kind": "direct", "content": {"start": 10, "end": 22}, "speaker": {"name": "Kim"}}
    gold = {"quotes": [{"start": 11, "end": 21, "text": "We act now", "speaker": "s:KIM",
                        "status": "required", "class": "statement"}]}
    tot, misses = new_totals(), []
    score_page(tot, "p", "p", {"text": text, "attributions": [outer, inner]}, gold, {"s:KIM": ["Kim"]}, misses)
    assert (tot["found"], tot["speaker_ok"]) == (1, 1), misses


def test_a_retold_speech_in_a_novel_gives_the_retold_words_to_their_tag():
    text = open_page_lines("gutenberg-treasure-island__the-man-of-the-island.txt", 172, 184)
    # ‘Ah,’ says he: too short to be a statement of its own
    assert nested(text) == [("you can go ashore, if yo", "he", "says"),
                            ("but as for the ship, she", "he", "says")]


def open_page_lines(name: str, first: int, last: int) -> str:
    from pathlib import Path
    lines = (Path(__file__).parent.parent / "corpus" / "web" / "pages" / name).read_text().splitlines()
    return "\n".join(lines[first - 1:last])


def test_straight_single_marks_after_a_report_verb_in_the_statement():
    # (tune page wilson-house-gov, corpus/web: the newspaper's report of the President's words,
    # quoted in the member's statement with straight marks)
    text = ("Congresswoman Frederica Wilson issued the following statement:\n\n\"According to the "
            "Washington Post report, Mr. Trump bragged to the Russians that he 'gets great intel' and then "
            "proceeded to share information about the Islamic State.\n\n\"Making matters worse, Russia's "
            "state press was allowed in the meeting.\"")
    assert nested(text) == [("gets great intel' and th", "Mr. Trump", "bragged")]


def test_an_apostrophe_of_a_plural_opens_no_nested_quotation():
    text = "He said: \"The Democrats' plan failed, and the voters' verdict was clear.\""
    assert nested(text) == []


# a congressional statement (corpus/web/pages/bacon-house-gov__afghanistan-final-message-2021.txt,
# a tune site): the paragraph's quotation is continued in the next paragraph and never closed in
# its own, and quotes a term with a mark typed the wrong way round ("“Final Message’")
UNCLOSED = (
    "“Our administration is leaving potentially thousands of citizens to be held hostage, trapped "
    "and even murdered in less than six days. Their “Final Message’ as they call it, for American "
    "citizens to be at a certain location by midnight tonight with their spouse and children under "
    "21 is more like a ‘last call for their lives.’ How are we going to guarantee their safety?\n\n"
    "“This has been a colossal failure of epic proportions brought on by the Administration,” said "
    "Rep. Bacon.")


def test_a_mark_inside_a_paragraph_quotation_that_never_closes_does_not_cut_it():
    quotes = find_quotes(UNCLOSED)
    first = quotes[0]
    assert first.start == 0 and UNCLOSED[first.inner_start:first.inner_end].endswith("guarantee their safety?")
    assert not any(0 < q.start < first.end for q in quotes)
    rec = onrecord.analyze_text(UNCLOSED)
    direct = [a for a in rec.attributions if a.kind == "direct"]
    assert direct[0].content[0].text.startswith("“Our administration")
    assert direct[0].content[0].text.endswith("guarantee their safety?")
