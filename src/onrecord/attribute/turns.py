"""Transcript turns: ``NAME: words …`` lines, each turn a direct statement of its speaker.

Briefings, interviews, calls and meeting records (``MR. PRICE:``, ``QUESTION:``, ``Vladimir
Putin:``, ``President of Syria Bashar al-Assad (re-translated):``) are recognised from their
shape, not their site: a page is a transcript when at least three lines open with a speaker
label, at least two labels differ (or all are "Q"/"Question") and some speaker speaks twice.  A label is one
to nine words before a colon at the start of a line, each word
capitalised (small words like "of", "the", "al-" allowed), optionally a bracketed note, with
no sentence punctuation; "Q"/"Question"/"Answer" count, and "Q" with no colon before a run of
spaces; a label over two lines whose last line is a label of its own elsewhere is that last
line (a heading left above it: " OUR ANALYSIS" over "CLINTON:"); where the labels are in
capitals, a line opened by a label that is not, before a line with no sentence end, is a
heading ("Fact Check: N.H. Democratic Debate").  A turn runs from its label to the
next label (in a transcript, also a label it already uses that was run into the line before,
after a sentence's end, with or without a space: "… the Washington Post.RAMOS (through
translator): …"), over as many paragraphs as it has (on a page that only lists a few labelled
quotations among paragraphs of prose, to the end of its own paragraph).  A turn is a ``direct`` statement
whose source is its label's name (a note after it, "SALINAS (through translator)", is no part
of it) and whose cue is the label's colon; statements reported inside a turn stay statements of their own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

from onrecord.text import next_break, paragraphs

_SMALL = r"(?:of|the|and|for|de|von|van|der|al|bin|la|le|du|da|dos|del|on|to|at|in)"
_WORD = r"(?:[A-Z][\w'’.\-]*|[A-Z]{1,3}\.|[a-z]{1,3}-[A-Z][\w'’.\-]*|" + _SMALL + r")"
_GAP = r"(?:[ \t\u00a0]*\n(?![ \t\u00a0]*\n)[ \t\u00a0]*|[ \t\u00a0]+)"  # (a label may wrap a line)
_LABEL = re.compile(
    r"^[ \t\u00a0]*(?P<label>(?:" + _WORD + r"(?:" + _GAP + r"|(?=[ \t\u00a0]*[:(]))){1,9}?"
    r"(?:\([^()\n]{1,40}\))?)[ \t\u00a0]*:[ \t\u00a0]+(?=\S)", re.M)
# the White House convention: "Q    Did you …" (the questioner's label without a colon)
_BARE_Q = re.compile(r"^[ \t\u00a0]*(?P<label>Q)(?:[ \t\u00a0]{2,}|\t)(?=\S)", re.M)
_GENERIC = {"q", "a", "question", "answer", "questions"}
_NOT_LABELS = re.compile(r"^(?:Note|Notes|Source|Sources|Photo|Image|Video|Update|Updated|Editor|Read more|"
                         r"See also|Related|Tags?|Category|Categories|Posted|Published|Date|Title|Subject|"
                         r"From|To|Cc|Re|Fwd|Caption|Credit|Screenshot|Warning|Example|Step \d+|Part \d+|Chapter \d+)$",
                         re.I)


# among prose, a labelled line is a statement only when it reads as one: a sentence's end
# or a quotation mark (a resource list's "Name: description" has neither)
_SAYS = re.compile(r"[.!?…\"“”]")


@dataclass
class Turn:
    label: tuple[int, int]       # the speaker's name (without the colon or a note after it)
    colon: tuple[int, int]
    content: tuple[int, int]     # the turn's words, to the next label


def _labels(text: str, is_name) -> list[re.Match]:
    out = []
    found = list(_LABEL.finditer(text)) + list(_BARE_Q.finditer(text))
    found.sort(key=lambda m: m.start())
    for m in found:
        lab = m.group("label")
        if "\n" in lab.strip():
            # a heading above a label in capitals is no part of it ("Israel Presidency" over
            # "PRESIDENT HERZOG:"): the label is its last line
            last = lab.rstrip().rsplit("\n", 1)[1]
            head = lab.rstrip().rsplit("\n", 1)[0]
            letters = re.sub(r"[^A-Za-z]", "", last)
            if len(letters) > 1 and letters.isupper() and not re.sub(r"[^A-Za-z]", "", head).isupper():
                m2 = _LABEL.match(text, m.start("label") + lab.rstrip().rindex("\n") + 1)
                if m2 is not None:
                    m = m2
        lab = m.group("label").strip()
        core = re.sub(r"\([^()]*\)", "", lab).strip()
        if not core or _NOT_LABELS.match(core) or core.lower() == "http":
            continue
        if not core[0].isupper():
            continue
        # (the speaker is judged by the name, not by a note after it: "SALINAS (through translator)")
        if is_name is not None and not is_name(m.start("label"), m.start("label") + len(core)):
            continue
        out.append(m)
    return _unwrapped(text, out)


def _core(label: str) -> str:
    """A label without its bracketed notes ("SALINAS (through translator)" -> "SALINAS")."""
    return " ".join(re.sub(r"\([^()]*\)", " ", label).split())


def _unwrapped(text: str, labels: list[re.Match]) -> list[re.Match]:
    """A label over two lines whose last line is a label the transcript uses on a line of its
    own is that label: the line above is a heading the page left in (" OUR ANALYSIS" over
    "CLINTON:")."""
    single = {_core(m.group("label")) for m in labels if "\n" not in m.group("label").strip()}
    out = []
    for m in labels:
        lab = m.group("label").rstrip()
        if "\n" in lab.strip():
            k = m.start("label") + lab.rindex("\n") + 1
            m2 = _LABEL.match(text, k)
            if m2 is not None and _core(m2.group("label")) in single:
                m = m2
        out.append(m)
    return out


def _inline_labels(text: str, labels: list[re.Match]) -> list[re.Match]:
    """Labels run into the line before, as transcripts pasted without their line breaks have
    them ("… agrees with Ted Cruz on this. RUBIO: … no, I understand"): a capitals label the
    transcript already uses at the start of a line, right after a sentence's end."""
    names = {_core(m.group("label")) for m in labels}
    names = sorted((n for n in names if re.fullmatch(r"[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+)?", n)
                    and len(n) > 2), key=len, reverse=True)
    if not names:
        return []
    starts = {m.start("label") for m in labels}
    # (also with no space after the sentence ("… Washington Post.RAMOS (through translator): …")
    # and with a note after the name)
    inline = re.compile(r"(?<=[.?!…)\]\-])[ \t]*(?P<label>(?:" + "|".join(map(re.escape, names)) +
                        r")(?:[ \t]*\([^()\n]{1,40}\))?)[ \t]*:[ \t]+(?=\S)")
    return [m for m in inline.finditer(text) if m.start("label") not in starts]


def find_turns(text: str, is_name: Optional[Callable[[int, int], bool]] = None) -> list[Turn]:
    """The turns of a transcript (none when the text does not have a transcript's shape).
    ``is_name(start, end)`` may veto a label that is no speaker ("Important:", "Screenshot:")."""
    labels = _labels(text, is_name)
    if len(labels) < 3:
        return []
    names = [re.sub(r"\([^()]*\)", "", m.group("label")).strip().lower().rstrip(".") for m in labels]
    if len(set(names)) < 2 and not all(n in _GENERIC for n in names):
        return []
    if len(set(names)) == len(names):
        return []  # nobody speaks twice: section headings ("Veto Power Impedes Peace Efforts: …")
    # a transcript is mostly turns; a page that only lists a few labelled quotations ("Name:
    # “…”") before going on in prose keeps each turn to its own paragraph
    first = labels[0].start()
    paras = sum(1 for a, b in paragraphs(text[first:]) if text[first + a:first + b].strip())
    dense = len(labels) >= 0.3 * paras
    # labels in capitals ("MR. MEAGHER:", "SECRETARY RAIMONDO:") are a transcript's, whose
    # turns run on over paragraphs however few they are
    caps = [re.sub(r"[^A-Za-z]", "", n) for n in (m.group("label") for m in labels)]
    in_caps = sum(1 for c in caps if len(c) > 1 and c.isupper()) >= 0.6 * len(labels)
    dense = dense or in_caps
    if in_caps:
        labels = [m for m in labels if not _heading(text, m)]
    if dense:
        labels = sorted(labels + _inline_labels(text, labels), key=lambda m: m.start())
    turns = []
    for k, m in enumerate(labels):
        end = labels[k + 1].start() if k + 1 < len(labels) else len(text)
        if not dense:
            nb = next_break(text, m.end(), end)
            end = end if nb < 0 else nb
        elif k + 1 == len(labels):
            end = _last_turn_end(text, m.end(), end)
        s, e = m.end(), end
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s:
            continue
        if not dense and not _SAYS.search(text, s, e):
            continue   # "Louis Rossmann: Video discussing why privacy matters" — a list's entry
        lab = m.group("label")
        ls = m.start("label")
        colon = text.find(":", ls + len(lab.rstrip()), s)
        cut = lab.find("(")
        le = ls + len(lab[:cut].rstrip() if cut > 0 else lab.rstrip())   # (the name without its note)
        turns.append(Turn((ls, le), (colon, colon + 1) if colon >= 0 else (ls, le), (s, e)))
    return turns


def _heading(text: str, m: re.Match) -> bool:
    """In a transcript whose labels are in capitals, a line such as "New Hampshire Clash:
    Clinton vs. Sanders" or "Fact Check: N.H. Democratic Debate" — a label not in capitals
    (nor "Q"/"Question"/"Answer") before a line with no sentence end — is a heading the page
    left in (a video's title), not a speaker's turn."""
    core = _core(m.group("label"))
    letters = re.sub(r"[^A-Za-z]", "", core)
    if letters.isupper() or core.lower().rstrip(".") in _GENERIC:
        return False
    nl = text.find("\n", m.end())
    line = text[m.end():nl if nl >= 0 else len(text)].strip()
    return not re.search(r"[.!?…\"”)]$", line)


def _last_turn_end(text: str, start: int, end: int) -> int:
    """Where the last turn of a transcript ends: at the first heading after its first
    paragraph (a short line with no sentence end: "The long version:"), where the page goes
    on after the transcript; else at ``end``."""
    first = True
    for a, b in paragraphs(text[start:end]):
        para = text[start + a:start + b].strip()
        if not para:
            continue
        if not first and len(para.split()) <= 12 and not re.search(r"[.!?…\"”)]$", para):
            return start + a
        first = False
    return end
