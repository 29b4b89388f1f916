"""Who a blockquote quotes: the person the prose before it introduces.

A blog or newsletter quotes a statement at length by setting it as a blockquote (Markdown
``>`` lines) after a sentence that introduces it: "In an official statement, Maria Zakharova
took a completely different view." / "There was also an interview with Lavrov:".  The
quotation has no cue of its own.  Decided here: its source is the label an excerpt opens
with ("> Aljazeera", found by :func:`onrecord.clean.markdown.blockquotes`), else the person a
credit line right under it names (a pull quote: "CIO Jeffrey Stovall, City of Charlotte"), else
a mention in the introducing line — the last line of prose before the run of blockquotes it belongs to (blank lines,
blanked markup such as image shortcodes, quoted headings and the run's earlier paragraphs
are passed over; the line before it when it names nobody) — the source its last sentence
names ("According to the Washington Post:", "as reported by Reuters:"), else the subject of
that sentence when it is a person or an organisation, else the last person the line names,
else the last organisation or country.  No
introducing line within reach, or none that names anyone: no source (the resolver's
statement passes decide, as for any quotation without a tag).
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc

from onrecord.text import original_text as doc_text

from .quotes import Quote

REACH_LINES = 40          # lines searched back for the introducing one
PROSE_LINES = 2           # the introducing line, or the one before when it names nobody
HEADING_WORDS = 12        # a shorter line with no full stop is a heading, passed over
_SPEAKERS = ("PERSON", "ORG", "NORP", "GPE")


def _introducing_lines(text: str, start: int, blocks: list[Quote]) -> list[tuple[int, int]]:
    """(start, end) of the lines of prose before the blockquote starting at start, nearest
    first (at most PROSE_LINES of them)."""
    spans = [(q.start, q.end) for q in blocks]
    out: list[tuple[int, int]] = []
    pos = text.rfind("\n", 0, start)
    for _ in range(REACH_LINES):
        if pos <= 0 or len(out) >= PROSE_LINES:
            break
        ls = text.rfind("\n", 0, pos) + 1
        line = text[ls:pos]
        end, pos = pos, ls - 1
        words = line.split()
        if not words or any(s < end and e > ls for s, e in spans):
            continue
        if len(words) <= HEADING_WORDS and not line.rstrip().endswith((".", ":", "!", "?")):
            continue
        out.append((ls + (len(line) - len(line.lstrip())), end))
    return out


def blockquote_source(doc: Doc, q: Quote, blocks: list[Quote]) -> Optional[tuple[int, int]]:
    """The source mention (start, end) of blockquote q; ``blocks``: the doc's blockquotes."""
    if q.label is not None:
        return q.label    # an excerpt under its source's label ("> Aljazeera")
    credit = _credit_line(doc, q, blocks)
    if credit is not None:
        return credit     # a pull quote over its credit line ("CIO Jeffrey Stovall, City of Charlotte")
    for line in _introducing_lines(doc_text(doc), q.start, blocks):
        span = doc.char_span(line[0], line[1], alignment_mode="expand")
        got = _named_in(span) if span is not None else None
        if got is not None:
            return got
    return None


# "According to the Washington Post:", "as reported by Reuters:": the line names its source
_SOURCE_BEFORE = re.compile(r"\b(?:according to|reported by|written by|quoted by)(?: the)? ?$", re.I)


def _named_in(span) -> Optional[tuple[int, int]]:
    ents = [e for e in span.ents if e.label_ in _SPEAKERS]
    if not ents:
        return None
    last_sent = list(span.sents)[-1]
    for e in reversed(ents):
        before = " ".join(span.doc.text[max(0, e.start_char - 400):e.start_char].split())  # (blanked link targets)
        if e.start >= last_sent.start and _SOURCE_BEFORE.search(before):
            return e.start_char, e.end_char
    for e in reversed(ents):
        if e.start >= last_sent.start and e.label_ in ("PERSON", "ORG") \
                and any(t.dep_ in ("nsubj", "nsubjpass") for t in e):
            return e.start_char, e.end_char
    persons = [e for e in ents if e.label_ == "PERSON"]
    best = persons[-1] if persons else ents[-1]
    return best.start_char, best.end_char


CREDIT_WORDS = 20         # a credit line under a pull quote is at most this long
_BLANK_LINES = re.compile(r"(?:[ \t\u00a0]*\n)*")
_CREDIT_DASH = re.compile(r"[ \t\u00a0]*(?:[\u2015\u2014\u2013-]+|--)?[ \t\u00a0]*")


def _credit_line(doc: Doc, q: Quote, blocks: list[Quote]) -> Optional[tuple[int, int]]:
    """The speaker a credit line right under a blockquote names ("CIO Jeffrey Stovall, City of
    Charlotte", "— ANNE MILGRAM, VICE PRESIDENT FOR CRIMINAL JUSTICE, ARNOLD FOUNDATION"): the
    next line with words, when it is no sentence (short, no closing punctuation, no quotation
    mark, no finite verb), opened by a dash or holding a comma, and not itself quoted; its
    speaker is the person it names, else the words before its first comma when they are two
    to five capitalised words.  None otherwise."""
    text = doc_text(doc)
    pos = q.end
    nl = text.find("\n", pos)
    if nl < 0:
        return None
    ls = _BLANK_LINES.match(text, nl + 1).end()   # (the lines after it that are blank)
    le = text.find("\n", ls)
    le = len(text) if le < 0 else le
    line = text[ls:le]
    words = line.split()
    if not words or len(words) > CREDIT_WORDS or line.rstrip().endswith((".", "!", "?", ":", ";")) \
            or re.search(r"[\"\u201c\u201d]", line) or any(b.start < le and b.end > ls for b in blocks):
        return None
    lead = _CREDIT_DASH.match(line)
    start = ls + (lead.end() if lead else 0)
    if "," not in line and not line[:start - ls].strip():
        return None   # neither "— Name" nor "Name, Title": a heading or a line of prose
    span = doc.char_span(start, len(line.rstrip()) + ls, alignment_mode="expand")
    if span is None or len(span) == 0 or any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in span):
        return None
    persons = [e for e in span.ents if e.label_ == "PERSON"]
    if persons:
        return persons[0].start_char, persons[0].end_char
    head = text[start:le].split(",")[0].strip()
    names = head.split()
    if "," in text[start:le] and 2 <= len(names) <= 5 and all(w[:1].isupper() for w in names):
        return start, start + len(head)
    return None
