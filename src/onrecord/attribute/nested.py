"""Quotations nested inside a quoted excerpt, and who speaks them.

A release or op-ed that reprints a news excerpt keeps the excerpt in double marks, and the
excerpt's own quotations in single ones: “… ‘We will not stand for this,’ she said. …”.  The
excerpt as a whole stays its source's statement (the outlet or author introducing it, decided
by :mod:`.decide`); this module decides which single-quoted spans inside it are statements of
their own and gives them the tag that speaks them:

- a tag right after the closing mark: ``‘…,’ she said`` / ``‘…’ Jacobs said`` /
  ``‘…,’ said Rep. Jacobs``;
- a tag closing the same sentence after a quoted fragment: ``‘We shouldn’t …’ as an excuse
  because …, Jacobs said.``;
- no tag, after a tagged one in the same excerpt paragraph (``‘A,’ she said. ‘B.’``): the
  same speaker;
- a report verb before it whose that-clause holds it (``… Mr. Trump bragged to the Russians
  that he 'gets great intel' …``): that verb's subject.

Straight single marks count where the quotation has no curly ones ('…' opens after a space
and before a letter; an apostrophe in or after a word opens nothing).

A single-quoted span with no tag of its own and no tagged one before it (a scare quote, a
title inside the excerpt) stays part of the excerpt.  Only text inside the double-quoted
quotations already found is scanned, once, so the cost is linear in the quoted text.
"""
from __future__ import annotations

import re
from typing import Optional

from . import Candidate
from .quotes import OPEN_D, STRAIGHT, Quote

OPEN_S, CLOSE_S = "\u2018", "\u2019"
MIN_WORDS = 3   # a nested quotation shorter than this is a term, not a statement
TAG_WINDOW = 600  # a tag closing the sentence is looked for this far after the quotation at most

_VERBS = r"(?:said|says|added|adds|told \w+|argued|explained|noted|stated|continued|wrote|asked|warned|insisted)"
_NAME = r"(?:(?:Rep|Sen|Gov|Dr|Mr|Mrs|Ms|Gen|Sec|Amb)\.\s+)?[A-Z][\w\u2019'-]{0,40}(?:\s+[A-Z][\w\u2019'-]{0,40}){0,3}"
_SUBJ = rf"(?:she|he|they|I|we|{_NAME})"
# right after the closing mark and its spaces (an optional comma before it is inside the quote)
_TAG_AFTER = re.compile(rf"\b(?:(?P<s1>{_SUBJ})\s+(?P<v1>{_VERBS})\b|(?P<v2>said|says|added)\s+(?P<s2>{_NAME}))")
# closing the sentence: ", Jacobs said."
_TAG_END = re.compile(rf",\s+(?P<s1>{_SUBJ})\s+(?P<v1>{_VERBS})\s*[.!?]")
# before the quotation, in the that-clause of a report verb: "Mr. Trump bragged to the Russians
# that he '…'" (not "said something about ‘…’": a phrase the narrator picks out)
_BEFORE_VERBS = (r"(?:said|says|told|claimed|claims|bragged|boasted|insisted|argued|wrote|declared|warned|"
                 r"added|stated|noted|explained|asked|promised|vowed|admitted|acknowledged|conceded)")
_TAG_BEFORE = re.compile(rf"\b(?P<s>{_SUBJ})\s+(?P<v>{_BEFORE_VERBS})\b[^.!?\n\u201c\u201d\"']{{0,60}}"
                         rf"\bthat\s[^.!?\n\u201c\u201d\"']{{0,40}}$")
_STRAIGHT_PAIR = re.compile(r"(?<=[\s(\[])'(?=[A-Za-z])[^'\n]{1,300}?(?<=\S)'(?![A-Za-z])")
_SENT_END = re.compile(r"[.!?](?=[\u2019\u201d\"]|\s+[A-Z\u2018\u201c\"]|\s*$)")


def _straight_spans(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """(opening, closing) offsets of the '…' pairs in text[s:e]: an opening mark after a space
    or a bracket and before a letter, a closing one after a non-space and before no letter (an
    apostrophe inside a word or after a plural's s opens nothing)."""
    return [(m.start(), m.end() - 1) for m in _STRAIGHT_PAIR.finditer(text, s, e)]


def _single_spans(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """(opening, closing) offsets of the ‘…’ pairs in text[s:e] (’ inside a word is an apostrophe)."""
    if OPEN_S not in text[s:e]:
        return _straight_spans(text, s, e)
    out = []
    i = s
    while True:
        o = text.find(OPEN_S, i, e)
        if o < 0:
            return out
        j = o + 1
        c = -1
        while True:
            j = text.find(CLOSE_S, j, e)
            if j < 0:
                break
            nxt = text[j + 1] if j + 1 < len(text) else " "
            if not nxt.isalnum():
                c = j
                break
            j += 1
        if c < 0:
            return out
        if o + 1 < c and not text[o + 1].isspace():
            out.append((o, c))
        i = c + 1


def _tag(text: str, close: int, limit: int) -> Optional[tuple[tuple[int, int], tuple[int, int]]]:
    """(source span, cue span) of the tag speaking a nested quotation that closes at ``close``."""
    limit = min(limit, close + 1 + TAG_WINDOW)   # (bounded: no rescan of a long excerpt per quotation)
    k = close + 1
    while k < limit and text[k] in " \t":   # (stepped over here: a search of the pattern stays linear)
        k += 1
    m = _TAG_AFTER.match(text, k, limit)
    if m is not None:
        sg, vg = ("s1", "v1") if m.group("s1") else ("s2", "v2")
        return m.span(sg), m.span(vg)
    # no tag at once: a tag that closes the sentence the fragment is part of
    end = _SENT_END.search(text, close + 1, limit)
    stop = end.end() if end is not None else limit
    m = _TAG_END.search(text, close + 1, stop)
    if m is not None and m.end() == stop and OPEN_S not in text[close + 1:m.start()]:
        return m.span("s1"), m.span("v1")
    return None


def _tag_before(text: str, o: int, start: int) -> Optional[tuple[tuple[int, int], tuple[int, int]]]:
    """(source span, cue span) of a report verb and its subject that open the sentence part
    right before a nested quotation ("… Mr. Trump bragged to the Russians that he '…'")."""
    lo = max(start, o - 160)
    m = _TAG_BEFORE.search(text, lo, o)
    if m is None or m.group("s")[0].islower() and m.group("s") not in ("he", "she", "they", "we", "I"):
        return None
    return m.span("s"), m.span("v")


def nested_statements(text: str, quotes: list[Quote]) -> list[Candidate]:
    """Direct statements of the tagged single-quoted quotations inside double-quoted ones."""
    out: list[Candidate] = []
    for q in quotes:
        if q.single or q.block or q.start >= len(text) or text[q.start] not in OPEN_D + STRAIGHT:
            continue
        if OPEN_S not in text[q.inner_start:q.inner_end] and "'" not in text[q.inner_start:q.inner_end]:
            continue
        last: Optional[Candidate] = None
        for o, c in _single_spans(text, q.inner_start, q.inner_end):
            if len(text[o + 1:c].split()) < MIN_WORDS:
                continue
            tag = _tag(text, c, q.inner_end) or _tag_before(text, o, q.inner_start)
            if tag is not None:
                src, cue = tag
                last = Candidate("direct", [(o, c + 1)], cue, src, 0.6, "nested", {"key": "nested"})
                out.append(last)
            elif last is not None and "\n" not in text[last.content[-1][1]:o]:
                # ‘A,’ she said. ‘B.’ — the same speaker goes on
                out.append(Candidate("direct", [(o, c + 1)], last.cue, last.source, 0.5, "nested",
                                     {"key": "nested"}))
    return out
