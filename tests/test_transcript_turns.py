"""Transcript turns on real transcript text (excerpts of corpus/provenance/transcripts, the
2015-16 debates): where a turn's label is, and that every turn is the statement of the person
its label names — the surname of a person the transcript introduces in full, never a person
named by a first name alone or of another surname; a note after a label, a stage direction
before it and a heading above it are no part of it; a one-letter slip is the speaker it misspells."""
from __future__ import annotations

from collections import defaultdict

from provenance_data import TRANSCRIPTS

import onrecord
from onrecord.attribute.turns import find_turns


def excerpt(name: str, *ranges: tuple[int, int]) -> str:
    """The title and date lines of a transcript and the given line ranges (1-based, inclusive)."""
    lines = (TRANSCRIPTS / name).read_text(encoding="utf-8").split("\n")
    out = lines[:3]
    for a, b in ranges:
        out += lines[a - 1:b] + [""]
    return "\n".join(out)


def speakers(text: str) -> dict[str, set]:
    """Each label of the analysed text's turns -> the names of their speakers."""
    rec = onrecord.analyze_text(text).to_dict()
    out = defaultdict(set)
    for a in rec["attributions"]:
        if a.get("how") == "turn":
            out[a["source"]["text"]].add((a.get("speaker") or {}).get("name"))
    return dict(out)


def labels(text: str) -> list[str]:
    """The turn labels of a transcript excerpt (its "Transcript:" title line left out)."""
    return [text[t.label[0]:t.label[1]] for t in find_turns(text) if text[t.label[0]:t.label[1]] != "Transcript"]


# ---------------------------------------------------------------- where the labels are
MIAMI = excerpt("democratic-2016-03-09-miami.txt", (4, 50), (446, 451))


def test_a_note_after_a_label_and_a_direction_before_it_are_no_part_of_it():
    # "MARÍA ELENA SALINAS (through translator):", "… with the Washington Post.RAMOS (through
    # translator):" (run into the line before, no space), "(APPLAUSE) SALINAS:", "QUESTION
    # (through translator):"
    assert labels(MIAMI) == ["JORGE RAMOS", "MARÍA ELENA SALINAS", "RAMOS", "SALINAS", "SALINAS", "SALINAS",
                             "RAMOS", "SALINAS", "RAMOS", "CLINTON", "SALINAS", "CLINTON", "SALINAS", "SANDERS",
                             "SALINAS", "QUESTION", "QUESTION"]


def test_a_heading_above_a_label_and_a_heading_line_are_no_labels():
    # " OUR ANALYSIS" over "CLINTON: But we have to restore policing …", and "Democratic
    # Debate: Analysis" (a video's title the page left in)
    text = excerpt("democratic-2016-02-11-milwaukee.txt", (8, 12), (150, 166))
    assert labels(text) == ["IFILL", "WOODRUFF", "CLINTON", "IFILL", "SANDERS", "SANDERS", "CLINTON", "CLINTON",
                            "SANDERS"]
    k = text.index("But we have to restore policing")
    t = next(t for t in find_turns(text) if t.content[0] <= k < t.content[1])
    assert text[t.label[0]:t.label[1]] == "CLINTON" and t.content[0] == k


# ---------------------------------------------------------------- who speaks them
def test_a_surname_label_is_never_a_person_named_by_a_first_name_alone():
    # Durham: Chuck Todd is never named in full; "CLINTON: Well, Chuck..." must not make TODD "Chuck"
    got = speakers(excerpt("democratic-2016-02-04-durham.txt", (4, 12), (168, 180)))
    assert got == {"TODD": {"TODD"}, "MADDOW": {"MADDOW"}, "SANDERS": {"Bernie Sanders"},
                   "CLINTON": {"Hillary Clinton"}}


def test_a_surname_label_is_the_person_who_introduces_himself():
    # Charleston: "TODD: And we are back. I’m Chuck Todd." (nobody else names him in full)
    name = "democratic-2016-01-17-charleston.txt"
    got = speakers(excerpt(name, _around(name, "I’m Chuck Todd", 20)))
    assert got == {"HOLT": {"HOLT"}, "CLINTON": {"Hillary Clinton"}, "TODD": {"Chuck Todd"},
                   "MITCHELL": {"Andrea Mitchell"}}


def test_surname_labels_of_a_republican_debate():
    # Manchester: BUSH once went to "Martha", HAM to "Mary Katharine"; Jeb Bush is named by
    # his first name more often than George W. Bush
    got = speakers(excerpt("republican-2016-02-06-manchester.txt", (219, 245), (425, 427), (485, 489),
                           (565, 571), (597, 599), (691, 705)))
    assert got == {"MUIR": {"David Muir"}, "BUSH": {"Jeb Bush"}, "RADDATZ": {"Martha Raddatz"},
                   "HAM": {"Mary Katherine Ham"}, "TRUMP": {"Donald Trump"}, "STEPHANOPOULOS": {"STEPHANOPOULOS"},
                   "KARL": {"KARL"}}


def test_a_surname_label_is_not_a_name_a_letter_away_and_a_slip_is_its_speaker():
    # Detroit: KELLY (Megyn Kelly, never named in full) once went to "John Kerry"; TRUMO is a slip for TRUMP
    got = speakers(excerpt("republican-2016-03-03-detroit.txt", (76, 102), (385, 399), (441, 447)))
    assert got == {"BAIER": {"BAIER"}, "KELLY": {"KELLY"}, "CRUZ": {"Cruz"}, "TRUMP": {"Donald Trump"},
                   "WALLACE": {"WALLACE"}, "TRUMO": {"Donald Trump"}}


def test_the_speakers_of_a_transcript_through_a_translator():
    # Miami: SALINAS once went to "(APPLAUSE) SALINAS" and the label kept "(through translator)"
    assert speakers(MIAMI) == {"JORGE RAMOS": {"JORGE RAMOS"}, "RAMOS": {"JORGE RAMOS"},
                               "MARÍA ELENA SALINAS": {"MARÍA ELENA SALINAS"}, "SALINAS": {"MARÍA ELENA SALINAS"},
                               "CLINTON": {"Hillary Rodham Clinton"}, "SANDERS": {"Bernie Sanders"},
                               "QUESTION": {"QUESTION"}}


def _around(name: str, words: str, n: int) -> tuple[int, int]:
    """The line range of ``n`` lines either side of the line holding ``words``."""
    lines = (TRANSCRIPTS / name).read_text(encoding="utf-8").split("\n")
    k = next(i for i, line in enumerate(lines) if words in line) + 1
    return (max(4, k - n), k + n)


def test_a_label_one_edit_from_another_label_is_that_speaker():
    # Miami: "KAISCH: Well look, I believe in immigration …" among KASICH's turns
    got = speakers(excerpt("republican-2016-03-10-miami.txt", (55, 62), (98, 102), (170, 180), (259, 263)))
    assert got["KAISCH"] == got["KASICH"] == {"Kasich"}
    assert got["DINAN"] == {"DINAN"}   # (whose "Governor Kasich, I want to come to you next" once made him Kasich)
    # Des Moines: "WALLLACE: Sir, just 30 seconds to answer my specific..."
    name = "republican-2016-01-28-des-moines.txt"
    got = speakers(excerpt(name, _around(name, "WALLLACE:", 30)))
    assert got["WALLLACE"] == got["WALLACE"] == {"WALLACE"}


def test_a_label_in_capitals_is_no_cue_of_the_turn_before():
    # (tune page lgraham-senate-gov, corpus/web: a hearing exchange as labelled quoted turns; the
    # parser once read "GRAHAM" as a verb whose subject was the turn before, Garland's)
    text = ("WASHINGTON — U.S. Senator Lindsey Graham (R-South Carolina) today questioned Attorney General "
            "Merrick Garland in a Senate Judiciary Committee hearing.\n\n"
            "GRAHAM: “Do you trust the Taliban to police al-Qaeda and ISIS on our behalf?\n\n"
            "GARLAND: “I do not trust the Taliban.”\n\n"
            "GRAHAM: “Matter of fact, they have openly told us they will not work with us regarding "
            "containing the al-Qaeda/ISIS threat. Are you aware that?”\n\n"
            "GARLAND: “I think there has been inconsistent statements.”\n")
    rec = onrecord.analyze_text(text).to_dict()
    said = [(a["speaker"]["name"], a["how"]) for a in rec["attributions"]
            if "Matter of fact" in text[a["content"]["start"]:a["content"]["end"]]]
    assert said == [("Lindsey Graham", "turn")]
