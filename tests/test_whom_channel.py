"""Channel patterns read from the parse, on real sentences of PolNeAR train and dev articles of
the whom train half (breitbart, huff-post, nyt) and of tune sites: social media as the medium, a phrase of
occasion the content's span swallows (on the cue, on its object, after the quotation's closing
mark), a call sign's programme, a quoted programme the tagger reads as a date, a programme set
by an earlier sentence through an adverb, an editorial board meeting, "a memo from X, who
argued", a phrase running on after the programme; and what is no channel: a tenure on a
network, a topic spoken on, a figurative testimony, a quoted word followed by its own phrase,
the occasion of a clause with its own subject, a "nuclear program".
"""
from __future__ import annotations

import pytest
from test_whom import _one


@pytest.mark.parametrize("text, needle, kind, name", [
    # breitbart_2016-07-29: "taken to social media to complain" — a post, no platform named
    ("Fans of Bradley Cooper’s performance in American Sniper have taken to social media to complain "
     "about the actor attending the Democratic National Convention on Wednesday in Philadelphia.",
     "the actor attending", "post", None),
    # breitbart_2015-12-21: "in speeches" on the cue's object, inside the content's span
    ("The presidential candidate often mentions her granddaughter in speeches, a reference point for "
     "addressing current problems to benefit future generations.", "granddaughter", "speech", None),
    # huff-post_2015-12-30: the town hall of the question the speaker answers
    ("“I think I was asked this a couple months ago, and I said that term carries with it legal import, it is "
     "a very important concept and label for behavior that deserves that name,” Clinton said answering a "
     "question at a town hall in Berlin, New Hampshire.", "legal import", "speech", None),
    # breitbart_2016-07-05: a radio station's call sign owns the programme (tagged a time: "Midday")
    ("Tuesday on WTMJ’s “Midday with Charlie Sykes,” while discussing a controversial tweet from presumptive "
     "Republican presidential nominee Donald Trump featuring an image of Hillary Clinton, money and a "
     "six-pointed star likened to the Star of David, Speaker of the House Rep. Paul Ryan (R-WI) said "
     "“anti-Semitic images, they’ve got no place in a presidential campaign.”", "no place", "broadcast", None),
    # nyt_2015-12-22: a quoted programme the tagger reads as a date
    ("''Obama doesn't get along with Putin,'' he said on ABC's ''This Week.''", "get along", "broadcast", None),
    # nyt_2015-12-22: the programme an earlier sentence sets, hung on its adverb ("Later on …")
    ("Later on ''This Week,'' Senator Bernie Sanders questioned Mr. Trump's veracity. He called him a "
     "''pathological liar'' for continuing to insist the debunked accounts of thousands of Muslims "
     "celebrating in New Jersey on Sept. 11.", "pathological liar", "broadcast", "This Week"),
    # huff-post_2016-09-10: a meeting with an editorial board is an interview
    ("In a March 2016 meeting with the editorial board of the Washington Post Trump said that U.S. "
     "involvement in NATO may need to be significantly diminished in the coming years.",
     "significantly diminished", "interview", None),
    # breitbart_2016-02-08: the interview phrase after the quotation's closing mark, inside the span
    ("Sanders  has denounced supporters that level sexist attacks, saying his campaign doesn’t want “that "
     "crap,” in an interview with CNN on Sunday.", "that crap", "interview", "CNN"),
    # nyt_2016-02-25: "a memo from X, who argued": the memo, not the other speaker's interview
    ("In an interview, Mr. Coleman said Mr. Kasich should leave the race for the good of the party, echoing "
     "a memo from Mr. Rubio's campaign manager, who argued a few days ago that Mr. Kasich has no realistic "
     "pathway to the Republican nomination.", "no realistic pathway", "letter", None),
    # breitbart_2016-05-27: the phrase runs on after the programme ("broadcast of HBO's “Real Time.”")
    ("Democratic presidential candidate Senator Bernie Sanders (I-VT) stated that the story on rival "
     "Democratic candidate former Secretary of State Hillary Clinton’s emails has moved on Friday’s "
     "broadcast of HBO’s “Real Time.”", "has moved", "broadcast", None),
])
def test_channel_from_the_parse(text, needle, kind, name):
    _, a = _one(text, needle)
    assert a.channel is not None and a.channel.type == kind, a.channel
    if name:
        assert a.channel.name == name, a.channel


def test_a_programme_named_before_its_network():   # thune-senate-gov (corpus/web, a tune site)
    _, a = _one("U.S. Sen. John Thune (R-S.D.) today joined “The Story with Martha MacCallum” on Fox News to "
                "discuss the Democrats’ latest push to eliminate the legislative filibuster in order to pass a "
                "partisan federal takeover of state elections.", "the Democrats")
    assert a.channel is not None and a.channel.type == "broadcast", a.channel


def test_a_date_before_the_letter_is_not_its_name():   # breitbart_2016-05-14
    _, a = _one("President Barack Obama’s DOJ had issued a threat to both Gov. McCrory and the state of North "
                "Carolina in a May 4 letter concerning HB2.", "a threat")
    assert a.channel is not None and a.channel.type == "letter" and a.channel.name is None, a.channel


@pytest.mark.parametrize("text, needle", [
    # nyt_2016-09-19 (PolNeAR dev): a tenure on a network is no occasion of this saying
    ("Mr. Schultz generally supported Democrats during his time on MSNBC, which let him go in 2015, and said "
     "he did not support Mr. Trump, the presumed Putin favorite.", "did not support"),
    # breitbart_2016-07-27: a figurative testimony, no hearing
    ("Having fought his own angst-ridden primary against Clinton eight years ago, Obama could offer a potent "
     "testimony about how a rival became an ally and evenhanded advisor.", "a rival became"),
    # breitbart_2016-02-08: a quoted word, then what he did in the debate (not where he said it)
    ("Marco Rubio says he feels he did “great” in the last Republican presidential debate and is optimistic "
     "that he will do well in Tuesday’s New Hampshire primary.", "he feels"),
    # reed-senate-gov (corpus/web, a tune site): the post is the president's, the condemnation Reed's
    ("After President Donald Trump posted a reckless threat on social media today ominously warning Iran "
     "that \"a whole civilization will die tonight\" unless Iran does “something revolutionarily wonderful,” "
     "U.S. Senator Jack Reed (D-RI), the top Democrat on the Senate Armed Services Committee, strongly "
     "condemned the president’s irresponsible rhetoric.", "irresponsible rhetoric"),
    # voanews (corpus/web, a tune site): a nuclear programme is no programme on the air
    ("Iran, Israel's arch foe, agreed in 2015 to a deal on its nuclear program with Britain, China, France, "
     "Germany, Russia and the United States.", "a deal"),
])
def test_no_channel_from_the_parse(text, needle):
    _, a = _one(text, needle)
    assert a.channel is None, a.channel
