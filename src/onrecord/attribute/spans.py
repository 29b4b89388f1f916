"""Span helpers over one parse: token and character ranges, sentences, paragraphs.

Decides nothing about attribution; every other attribute module cuts, trims and looks up
its spans through these.  Sentence bounds and paragraph breaks are listed once per doc and
kept in ``doc.user_data`` (asking ``Token.sent`` per cue, or scanning for breaks per frame,
was quadratic on a quote-mark flood: one sentence of thousands of tokens).  A paragraph is
the package's one notion (:mod:`onrecord.text`).  One parse-shape test the source finder
asks (:func:`work_to_infinitive`: "joined “The Story …” to discuss" — the programme is no
speaker) lives here too.
"""
from __future__ import annotations

import bisect
import re
from typing import NamedTuple, Optional

import numpy as np
from spacy.attrs import IS_SPACE
from spacy.tokens import Doc, Token

from onrecord.parse import per_doc
from onrecord.text import hard_wrapped, original_text, parsed_text
from onrecord.text import is_para_break as _is_break

QUOTE_MARKS = frozenset("\u201c\u201d\"\u2018\u2019\u201e\u00ab\u00bb") | {"''", "``"}  # token texts
SENT_END = {".", "!", "?"}


def lemma_of(tok: Token) -> str:
    lem = tok.lemma_.lower()
    return lem if lem else tok.lower_


def tok_range(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """char range of tokens [i, j)"""
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1])


def trim(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """strip punctuation/space tokens (not quote marks) from both ends of token range [i,j)"""
    while i < j and (doc[i].is_space or (doc[i].is_punct and doc[i].text not in QUOTE_MARKS)
                     or doc[i].lower_ in ("and", "but")):
        i += 1
    while j > i and (doc[j - 1].is_space or (doc[j - 1].is_punct and doc[j - 1].text not in QUOTE_MARKS)):
        j -= 1
    return i, j


def ranges_excluding(doc: Doc, lo: int, hi: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """token ranges of [lo,hi) minus the given token ranges, trimmed."""
    out = []
    cur = lo
    for hs, he in sorted(holes):
        if hs > cur:
            out.append((cur, min(hs, hi)))
        cur = max(cur, he)
    if cur < hi:
        out.append((cur, hi))
    res = []
    for i, j in out:
        i, j = trim(doc, i, j)
        if j > i:
            res.append((i, j))
    return res


def subtree_range(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def line_bounds(doc: Doc, i: int, limit: int) -> tuple[int, int] | None:
    """token index of the start of the line containing token i (None if > limit tokens back)"""
    k = i - 1
    while k >= 0 and i - k <= limit:
        if "\n" in doc[k].text_with_ws:
            return k + 1
        k -= 1
    return 0 if k < 0 else None


_SENTS_KEY = ("onrecord", "sent_bounds")


class _Sent(NamedTuple):
    start: int
    end: int


def sent_of(tok: Token) -> _Sent:
    """Token bounds of tok's sentence.  ``Token.sent`` scans the doc for the boundaries on
    every call; over a sentence of thousands of tokens (a quote-mark flood) asking it for
    every cue was quadratic.  The doc's sentences are listed once and kept in user_data."""
    starts, ends, of = per_doc(tok.doc, _SENTS_KEY, _sentence_bounds)
    k = of[tok.i]
    return _Sent(starts[k], ends[k])


def _sentence_bounds(doc) -> tuple[list[int], list[int], list[int]]:
    """(starts, ends, the sentence of each token) of the doc's sentences."""
    starts, ends, of = [], [], [0] * len(doc)
    for k, sp in enumerate(doc.sents):
        starts.append(sp.start)
        ends.append(sp.end)
        of[sp.start:sp.end] = [k] * (sp.end - sp.start)
    return starts, ends, of


_BREAKS_KEY = ("onrecord", "para_breaks")


def _wrapped(doc: Doc) -> bool:
    return hard_wrapped(original_text(doc))  # (computed once per text: onrecord.text caches it)


def is_para_break(tok: Token) -> bool:
    """True when tok is a paragraph break (a line break; on a hard-wrapped page a blank line)."""
    return tok.is_space and _is_break(tok, _wrapped(tok.doc))


def para_breaks(doc: Doc) -> list[int]:
    """Indices of the paragraph-break tokens of doc, in order (computed once, kept in user_data)."""
    br = doc.user_data.get(_BREAKS_KEY)
    if br is None:
        wrapped = _wrapped(doc)
        spaces = np.flatnonzero(doc.to_array([IS_SPACE]).reshape(-1)) if len(doc) else ()
        br = doc.user_data[_BREAKS_KEY] = [int(i) for i in spaces if _is_break(doc[int(i)], wrapped)]
    return br


def in_paragraph(doc: Doc, tok: Token, i: int, j: int) -> tuple[int, int]:
    """Token range [i, j) cut to the paragraph of tok (a parse that runs over a paragraph break
    glued two sentences together; quotations running over paragraphs are added later).
    Looked up in the doc's sorted break list: a scan token by token made one sentence of
    thousands of tokens (a quote-mark flood) quadratic."""
    br = para_breaks(doc)
    if not br:
        return i, j
    k = bisect.bisect_left(br, min(j, tok.i)) - 1  # the last break before tok (and before j)
    if k >= 0 and br[k] >= i:
        i = br[k] + 1
    k = bisect.bisect_left(br, max(i, tok.i + 1))  # the first break after tok ...
    while k < len(br) and br[k] < j:
        b = br[k]
        if not (b > 0 and doc[b - 1].text == ":"):  # (... not after "explaining the following:")
            j = b
            break
        k += 1
    return i, j


def word_after(doc: Doc, j: int) -> Optional[Token]:
    """the first non-space token at or after token index j"""
    while j < len(doc) and doc[j].is_space:
        j += 1
    return doc[j] if j < len(doc) else None


def overlap(a: list[tuple[int, int]], b: tuple[int, int]) -> int:
    return sum(max(0, min(e, b[1]) - max(s, b[0])) for s, e in a)


_WORK_ENTS = {"WORK_OF_ART", "ORG", "FAC", "EVENT", "PRODUCT"}
_MARKS = ("\u201c", '"')


def work_to_infinitive(verb: Token, head: Token) -> bool:
    """An infinitive with no subject of its own ("to discuss") hung on the object of another
    verb that is a named work, organisation, place or event, or a quoted title ("joined
    “The Story …” to discuss", "appeared on Fox News to talk about"): the other verb's subject
    is who speaks, not the object."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    if head.dep_ == "dobj":
        gov = head.head
    elif head.dep_ == "pobj" and head.head.dep_ == "prep":
        gov = head.head.head
    else:
        return False
    if gov.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "nsubj" for c in gov.children):
        return False
    le = head.left_edge.i
    quoted = le > 0 and head.doc[le - 1].text in _MARKS \
        or any(c.dep_ == "punct" and c.text in _MARKS and c.i < head.i for c in head.children)
    return quoted or head.ent_type_ in _WORK_ENTS


_W = r"{1,25}"   # (a word of a dateline: bounded, so that a search stays linear)
_DATELINE = re.compile(rf"(?:[A-Z][A-Z.'’]{_W}(?: [A-Z][A-Z.'’]{_W}){{0,3}}"
                       rf"(?:, [A-Z][A-Za-z.]{_W}(?: [A-Z][A-Za-z.]{_W}){{0,2}})?"
                       rf"|[A-Z][a-z]{_W}(?: [A-Z][a-z]{_W}){{0,2}}, [A-Z][A-Za-z.]{_W}(?: [A-Z][A-Za-z.]{_W}){{0,2}})"
                       r"(?: \([^)\n]{1,30}\))?[ \t\u00a0]*[–—-]{1,2}[ \t\u00a0]*"
                       r"(?:(?:Today|Yesterday|Tonight|This (?:morning|afternoon|evening|week)|On \w{1,6}day"
                       r"|\w{1,6}day),[ \t\u00a0]*)?")




def after_dateline(doc: Doc, a: int, b: int) -> int:
    """The first token of a source span after a dateline the parse glued to the subject
    ("CASPER, WY – Today, U.S. Senator John Barrasso (R-Wyo.), appeared …": the speaker is the
    senator, not the city); ``a`` when the span opens with none."""
    start = doc[a].idx
    text = parsed_text(doc)   # (Doc.text joins every token: built once per doc, not per frame)
    k = start
    while k > 0 and text[k - 1] in " \t\u00a0":
        k -= 1
    if k > 0 and text[k - 1] != "\n":
        return a   # (a dateline opens its paragraph)
    m = _DATELINE.match(text, start, doc[b - 1].idx + len(doc[b - 1]))
    if m is None or m.end() == start:
        return a
    k = a
    while k < b and doc[k].idx < m.end():
        k += 1
    return k if k < b else a
