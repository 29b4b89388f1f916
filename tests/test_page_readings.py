"""Misreadings of real pages: a rule said by nobody, markup inside a statement, a stray mark, a
dateline taken for the speaker, a quotation running over paragraphs, a numbered heading.

Sentences from the corpus's tune pages (corpus/web/pages) and of the pages the open-web issue
quotes; each test names what a reader would see wrong."""
import pytest

from onrecord.attribute.quotes import find_quotes
from onrecord.text import readable


@pytest.fixture(scope="module")
def analyze():
    import onrecord
    return onrecord.analyze


# agentless passives of permission, obligation and prohibition: facts the author reports
RULES = [
    "Those on the list will also not be allowed to hold assets here.",
    "This could cause massive layoffs, while organizations move to jurisdictions where they are "
    "allowed to keep their data protected and unobserved.",
    "Instead, when Republicans have been forced to vote, they have voted repeatedly to continue "
    "Trump’s war.",
    "Companies will not be required to disclose the data.",
]


@pytest.mark.parametrize("sentence", RULES)
def test_a_rule_in_the_passive_is_no_statement(analyze, sentence):
    rec = analyze(sentence)
    cues = [rec.text[a.cue.start:a.cue.end] for a in rec.attributions if a.cue is not None]
    assert not any(c in ("allowed", "forced", "required") for c in cues), cues


def test_a_report_beside_the_rule_is_kept(analyze):
    rec = analyze("The ministry said the individuals will not be allowed to enter the country.")
    assert [(rec.text[a.cue.start:a.cue.end], a.negated) for a in rec.attributions] == [("said", False)]


def test_markup_is_not_shown_inside_a_statement():
    # a tag whose attributes wrap a line (a site's XHTML source), cut by the content's start
    assert readable('/activities/deviceneutrality/index">Device Neutrality</a>, ensuring that '
                    'users') == "Device Neutrality, ensuring that users"
    assert readable('We will not accept that <a \nhref="https://www.apple.com/ios">Apple</a> '
                    'keeps its platform closed') == "We will not accept that Apple keeps its platform closed"
    assert readable("see [the report](https://example.org/r) here") == "see the report here"
    assert readable('He said "yes" > no, and a -> b') == 'He said "yes" > no, and a -> b'


def test_marks_of_a_wrapped_tag_open_no_quotation(analyze):
    text = ('The FSFE\'s intervention is fundamental for <a \nhref="/activities/deviceneutrality/index">'
            "Device Neutrality</a>, ensuring that users are not locked in, said Lucas Lasota.")
    rec = analyze(text)
    assert rec.rejected_quotations == []
    assert all(a.kind == "indirect" for a in rec.attributions)


def test_a_mark_glued_to_a_word_closes():
    # warren.senate.gov: a stray “ after "Iran" ran a quotation to the end of the paragraph
    t = ("released a new video condemning President Trump’s threat to wipe out the “whole "
         "civilization” of Iran“ and called for Majority Leader Thune to bring the Senate back.")
    assert [t[q.inner_start:q.inner_end] for q in find_quotes(t)] == ["whole civilization” of Iran"]
    t = "Sie sagte: „Wir schaffen das“, und ging."
    assert [t[q.inner_start:q.inner_end] for q in find_quotes(t)] == ["Wir schaffen das"]


def test_a_dateline_is_not_the_speaker(analyze):
    rec = analyze(
        "CASPER, WY – Today, U.S. Senator John Barrasso (R-Wyo.), appeared on NBC’s Meet The Press "
        "to discuss Republicans’ historic election wins.\n\nBelow are key excerpts from the "
        "interview:\n\n“What you saw there really was an earthquake election. The biggest comeback "
        "politically in the history of our country.”\n")
    names = {a.speaker.name for a in rec.attributions if a.speaker is not None}
    assert names == {"John Barrasso"}


def test_a_quotation_over_paragraphs_keeps_its_speaker(analyze):
    # reed.senate.gov: each paragraph opens with a mark, only the last closes
    rec = analyze(
        "PROVIDENCE, RI – After President Donald Trump posted a reckless threat on social media "
        "today ominously warning Iran that \"a whole civilization will die tonight\", U.S. Senator "
        "Jack Reed (D-RI) strongly condemned the president’s irresponsible rhetoric, stating:\n\n"
        "“President Trump’s social media post goes beyond what any president should say or do.\n\n"
        "“Unfortunately, he’s put our professional military officers in a very difficult "
        "situation. They cannot carry out an illegal order.\n\n"
        "“I think the president’s behavior is setting back our chances of a peaceful ceasefire.\n\n"
        "“So now you seem to have two groups of fanatic leaders battling each other.”\n")
    direct = [a.speaker.name if a.speaker else None for a in rec.attributions if a.kind == "direct"]
    assert direct == ["Jack Reed"] * 4


def test_a_numbered_heading_is_no_speaker(analyze):
    # kim.senate.gov: principles as numbered headings over excerpts of a speech
    rec = analyze(
        "Senator Andy Kim outlined seven principles for building a more resilient nation.\n\n"
        "1. Economic security is national security:\n\n"
        "“We should protect the economic security of American families with the same intensity "
        "as we do our nation’s physical security.”\n\n"
        "4. Resilience demands that we modernize our defense capabilities and posture as we build "
        "new infrastructure for diplomacy:\n\n"
        "“We must break down the artificial barrier between foreign policy and domestic policy.”\n")
    sources = {rec.text[a.source.start:a.source.end] for a in rec.attributions if a.source is not None}
    assert not any(s.startswith(("Economic security", "Resilience")) for s in sources), sources
    assert [a.speaker.name if a.speaker else None for a in rec.attributions if a.kind == "direct"] \
        == ["Andy Kim", "Andy Kim"]


def test_a_quotation_that_is_one_link_is_no_statement(analyze):
    # privacyguides.org (Markdown): a linked name in quotation marks
    rec = analyze(
        "---\ntitle: The RESTRICT Act\n---\n\nIn reality, this act would grant the government broad "
        "powers to restrict access to any site or service they claim could pose a threat to "
        "national security, akin to China's \"[great firewall](https://en.wikipedia.org/wiki/"
        "Great_Firewall).\"\n")
    assert [rec.text[r.start:r.end] for r in rec.rejected_quotations] == [
        "[great firewall](https://en.wikipedia.org/wiki/Great_Firewall)."]
    assert all(a.kind == "indirect" for a in rec.attributions)
