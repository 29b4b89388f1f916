"""Sources the parser hides: two places a cue's source is not its subject.

``by_object`` finds the agent of a noun cue ("estimates by the South Korean government");
``appos_subject`` the subject the parser hung as an apposition at the end of a fronted phrase
("In an interview with Joe Scarborough, the candidate stated …").  :func:`.frames.source_of`
asks them before it gives up on a source.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .spans import subtree_range


def by_object(noun: Token) -> Optional[tuple[int, int]]:
    """"estimates by the South Korean government", "a statement by the campaign": the
    object of the noun cue's "by" (token range), or None."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "by" and c.i > noun.i:
            for cc in c.children:
                if cc.dep_ == "pobj" and cc.pos_ in ("PROPN", "NOUN", "PRON"):
                    return subtree_range(cc)
    return None


def appos_subject(verb: Token) -> Optional[tuple[int, int]]:
    """"In an interview with Joe Scarborough, the Democratic candidate stated that …": a
    subjectless verb whose subject the parser hung as an apposition at the end of a fronted
    phrase: that noun phrase (token range), or None."""
    doc = verb.doc
    k = verb.i - 1
    if k < 1 or doc[k].pos_ not in ("NOUN", "PROPN") or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    t = doc[k]
    while t.head.i > t.i and t.head.i < verb.i and t.dep_ in ("compound", "amod"):
        t = t.head
    if t.dep_ != "appos" or t.right_edge.i != k or t.left_edge.i < 1 or doc[t.left_edge.i - 1].text != ",":
        return None
    h = t
    while h.head.i != h.i and h.i < verb.i:
        h = h.head
        if h.i == verb.i:
            break
    if h.i != verb.i:
        return None
    return t.left_edge.i, k + 1
