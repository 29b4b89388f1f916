"""Sources the parser hides: three places a cue's source is not its subject.

``by_object`` finds the agent of a noun cue ("estimates by the South Korean government");
``stray_agent`` the agent of a passive cue hung on a quoted noun of its complement ("was
dismissed as “a fantasy” by Maria Zakharova"); ``appos_subject`` the subject the parser hung
as an apposition at the end of a fronted phrase ("In an interview with Joe Scarborough, the
candidate stated …").  :func:`.frames.source_of` asks them before it gives up on a source.
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


def stray_agent(t: Token) -> Optional[tuple[int, int]]:
    """The agent of a passive cue that the parser hung on a quoted noun of its complement: "was
    dismissed as “a fantasy” by Maria Zakharova", "was described as “reckless,” by the
    ministry" (a "by" right after a closing mark or a comma, with no verb between it and the
    cue; "a ploy by Putin", unquoted, is the ploy's author and stays as parsed)."""
    if not any(c.dep_ == "auxpass" for c in t.children):
        return None
    doc = t.doc
    for k in range(t.i + 2, t.right_edge.i):
        b = doc[k]
        if b.lower_ != "by" or b.dep_ != "prep" or doc[k - 1].text not in ("\u201d", '"', "\u2019", ","):
            continue
        h = b.head
        while h.i != t.i and h.head.i != h.i and h.pos_ not in ("VERB", "AUX"):
            h = h.head
        pobj = next((c for c in b.children if c.dep_ == "pobj"), None)
        if h.i == t.i and pobj is not None and pobj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            return subtree_range(pobj)
    return None
