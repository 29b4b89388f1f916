"""Is a quotation nobody is said to have spoken a statement, or a title, term or scare quote?

A quotation with no cue and no statement to continue becomes a *floating* quote only when
:func:`quote_is_statement` says it reads as something said: not after a word that names a
title or term ("titled", "so-called", "the book", "the phrase"), not in title case without
closing punctuation, at least three words — and, inside the author's sentence, a clause (a
finite verb or closing punctuation) or at least eight words: a short verbless phrase there is
a term or scare quote ("the good guys", "for a good cause").
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from onrecord.text import original_text as doc_text

from .quotes import Quote

_TITLE_PREV = {"titled", "entitled", "dubbed", "so-called", "book", "film", "documentary", "show", "program",
               "column", "album", "song", "headline", "term", "word", "phrase", "slogan", "label", "nicknamed",
               "called"}


def preceded_by_term_word(text: str, q: Quote) -> bool:
    before = text[max(0, q.start - 25):q.start].lower().split()
    return bool(before) and before[-1].strip(",:") in ("so-called", "titled", "entitled", "dubbed", "nicknamed")


def _looks_title(text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    if not words:
        return False
    small = {"a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "with", "at", "by", "from", "vs"}
    caps = sum(1 for w in words if w[0].isupper() or w.lower() in small)
    return caps == len(words) and sum(1 for w in words if w[0].isupper()) >= 1


def quote_is_statement(doc: Doc, q: Quote) -> bool:
    """Without a cue: is this quotation a statement (floating quote) rather than a
    title, term or scare quote?"""
    text = doc_text(doc)
    inner = text[q.inner_start:q.inner_end].strip()
    words = inner.split()
    # the quote is a whole paragraph
    ps = text.rfind("\n", 0, q.start) + 1
    pe = text.find("\n", q.end)
    pe = len(text) if pe < 0 else pe
    whole = not text[ps:q.start].strip() and not text[q.end:pe].strip(" \t\u00a0.")
    before = text[max(0, q.start - 30):q.start].lower().split()
    if before and before[-1].strip(",:") in _TITLE_PREV:
        return False
    if _looks_title(inner) and not re.search(r"[.!?…]$", inner.rstrip("”\"’ ")) :
        return False
    if whole:
        return len(words) >= 3
    if len(words) < 3:
        return False
    # inside the author's sentence: a short phrase with no finite verb is a term or scare
    # quote ("the good guys", "for a good cause"); a clause, or a long stretch, was said
    # (a quoted figure is a claim someone made: only “3,000 to 5,000” turned out)
    return len(words) >= SHORT_FRAGMENT or _has_finite_verb(doc, q) or bool(re.search(r"[.!?…]$|\d", inner))


SHORT_FRAGMENT = 8  # words


def _has_finite_verb(doc: Doc, q: Quote) -> bool:
    span = doc.char_span(q.inner_start, q.inner_end, alignment_mode="contract")
    return span is not None and any(t.tag_ in _FINITE for t in span)


_FINITE = {"VBD", "VBP", "VBZ", "MD"}
