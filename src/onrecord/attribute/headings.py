"""Whose words a quotation with no speech tag of its own continues: the speaker of the
statement before it, or the person a heading between them names — a short paragraph holding a
person's name and no sentence ("### Marco Rubio on Meet the Press"), or a label ending with a
colon that names one person and says nothing itself ("Senator Kim's Seven Guiding Principles:",
"Key quotes from Secretary Blinken:")."""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc

from onrecord.text import original_text as doc_text
from onrecord.text import paragraphs

from . import Candidate

FLOAT_REACH = 2500  # characters back to the statement whose source a floating quote takes


def person_headings(doc: Doc) -> list[tuple[int, int, tuple[int, int]]]:
    """Headings that name a person ("Secretary of State Marco Rubio on Meet the Press"):
    (start, end, the person's name span) of every short paragraph (at most 14 words, no
    sentence-final punctuation; a colon only as a label, :func:`_label_heading`) holding a
    PERSON entity."""
    text = doc_text(doc)
    persons = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
    if not persons:
        return []
    starts = [p[0] for p in persons]
    out = []
    for a, b in paragraphs(text):
        para = text[a:b].strip()
        if not para or len(para.split()) > 14 or para[-1] in ".!?\u201d\"'\u2019;,\u2026":
            continue
        k = bisect.bisect_left(starts, a)
        if k < len(persons) and persons[k][1] <= b and (
                para[-1] != ":" or _label_heading(doc, text, a, b, persons[k], persons[k + 1:k + 2])):
            out.append((a, b, persons[k]))
    return out


_POSSESSIVE = re.compile(r"[\u2019']s\b")
# a topic or an addressee, not a speaker: "On President Biden's …:", "Dear Secretary Mayorkas:"
_TOPIC_WORD = re.compile(r"(?:On|About|Regarding|Re|Asked about|Dear|To|Attn)\b")   # (after markup and spaces)
_LEAD = " \t\u00a0*_#>"


def _label_heading(doc: Doc, text: str, a: int, b: int, person: tuple[int, int],
                   after: list[tuple[int, int]]) -> bool:
    """A short paragraph ending with a colon heads what follows as one person's words when it
    names one person and says nothing itself: a possessive ("Senator Kim's Seven Guiding
    Principles:", "Highlights of President Biden's speech:") or no verb ("Key quotes from
    Secretary Blinken:") — not "Trump wrote to Biden:", nor a topic or an addressee ("On
    President Biden's veto:", "Dear Secretary Mayorkas:")."""
    if after and after[0][1] <= b:
        return False   # two persons: whose words is unclear
    k = a
    while k < len(text) and text[k] in _LEAD:
        k += 1
    if _TOPIC_WORD.match(text, k):
        return False   # "On President Biden’s “invitation” to Republicans:": about him, not by him
    if _POSSESSIVE.match(text, person[1]):
        return True
    span = doc.char_span(a, b, alignment_mode="expand")
    return span is not None and not any(t.pos_ in ("VERB", "AUX") for t in span)


def floating_sources(cands: list[Candidate], headings=(), reach: int = FLOAT_REACH) -> None:
    """A floating quote's source is the mention that introduced the statement before it (the
    speaker the resolver gives it): the source of the nearest earlier statement with one —
    or the person a heading between them names (a roundup of quotations under "### Marco
    Rubio on Meet the Press")."""
    last = None
    hs = list(headings)
    h = 0
    for c in cands:
        while h < len(hs) and hs[h][1] <= c.content[0][0]:
            if last is None or hs[h][0] >= last.content[-1][1]:
                last = Candidate("direct", [(hs[h][0], hs[h][1])], None, hs[h][2], 0.0, "heading")
            h += 1
        if c.how == "floating" and c.source is None:
            if last is not None and c.content[0][0] - last.content[-1][1] <= reach:
                c.source = last.source
                last = c   # (a run of excerpts goes on with one speaker, however long)
        elif c.source is not None and not (
                last is not None and last.kind != "indirect" and c.cue is not None
                and any(a <= c.cue[0] < b for a, b in last.content)):
            # (a statement reported inside the last quotation is not the one a later
            # quotation continues: "“… 61 Senators wrote …, saying …”" / "“My state …”")
            last = c
