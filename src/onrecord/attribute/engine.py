"""The attribution engine: rules over one spaCy parse + a lexicon learned from PolNeAR.

``propose(doc)`` generates every *frame candidate*: a cue token, a frame (how
the content hangs off the cue: ``ccomp``, ``dobj``, ``xcomp``, ``prep:of``,
``tail`` ("…, a source said."), ``para`` ("X, he said, is …"), ``acc``
("according to X, …") …), a content span set and a source span.  Which
(lemma, frame) pairs are real attributions is learned from PolNeAR train
(``scripts/train_attribution.py`` writes ``data/lexicon.json``: per pair the
fraction of candidates that matched a gold attribution).  ``extract(doc)``
keeps the candidates the lexicon trusts, then attaches every quotation found
by :mod:`.quotes` to a cue (quote-first, cue-first, colon-led, "adding:" +
quoted paragraph) or emits it as a floating quote.

Everything works from the one parse and is linear in the number of tokens
(each token looks at a bounded window or its own children).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

from spacy.tokens import Doc, Span, Token

from . import Candidate
from .quotes import Quote, find_quotes

DATA = Path(__file__).parent / "data"

# frames whose content is a child subtree of the cue
CHILD_FRAMES = {"ccomp", "dobj", "xcomp", "advcl", "oprd", "nsubjpass", "acomp", "attr", "conj", "parataxis"}
PREP_FRAME_DEPS = {"prep", "agent"}
SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
PUNCT_STRIP = set(",;:—–-()[]. ")
QUOTE_MARKS = "\u201c\u201d\"\u2018\u2019\u201e\u00ab\u00bb"
SENT_END = {".", "!", "?"}
_TAG_RE = re.compile(r"<[^<>\n]{1,800}>")


@dataclass
class Frame:
    cue: Token
    frame: str
    content: list[tuple[int, int]]
    source: Optional[tuple[int, int]]
    cue_span: tuple[int, int]
    key: str = ""
    extra: dict = field(default_factory=dict)


# ----------------------------------------------------------------- lexicon

@lru_cache(maxsize=1)
def load_lexicon() -> dict:
    path = DATA / "lexicon.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return {"frames": {}, "quote_cues": {}, "threshold": 0.5}


def lemma_of(tok: Token) -> str:
    lem = tok.lemma_.lower()
    return lem if lem else tok.lower_


# ----------------------------------------------------------------- spans

def _tok_range(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """char range of tokens [i, j)"""
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1])


def _trim(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """strip punctuation/space tokens (not quote marks) from both ends of token range [i,j)"""
    while i < j and (doc[i].is_space or (doc[i].is_punct and doc[i].text not in QUOTE_MARKS) or doc[i].lower_ in ("and", "but")):
        i += 1
    while j > i and (doc[j - 1].is_space or (doc[j - 1].is_punct and doc[j - 1].text not in QUOTE_MARKS)):
        j -= 1
    return i, j


def _ranges_excluding(doc: Doc, lo: int, hi: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
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
        i, j = _trim(doc, i, j)
        if j > i:
            res.append((i, j))
    return res


def _subtree_range(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def _source_of(tok: Token) -> Optional[tuple[int, int]]:
    """token range of the cue's source: subject (climbing through xcomp/advcl/conj), agent, relcl head."""
    t = tok
    for _ in range(4):
        for c in t.children:
            if c.dep_ in ("nsubj", "csubj"):
                return _subtree_range(c) if c.pos_ != "PRON" or True else None
        for c in t.children:
            if c.dep_ == "agent":
                for cc in c.children:
                    if cc.dep_ == "pobj":
                        return _subtree_range(cc)
        if t.dep_ == "relcl" and t.head.pos_ in ("NOUN", "PROPN", "PRON"):
            h = t.head
            return (h.left_edge.i, h.i + 1)
        if t.dep_ in ("xcomp", "advcl", "conj", "pcomp") and t.head is not t:
            t = t.head
            if t.dep_ == "prep":
                t = t.head
            continue
        break
    for c in tok.children:
        if c.dep_ == "nsubjpass":
            return None
    return None


def _clip(rng: tuple[int, int], lo: int, hi: int):
    return max(rng[0], lo), min(rng[1], hi)


# ----------------------------------------------------------------- candidates

def propose(doc: Doc) -> list[Frame]:
    """All frame candidates of a parsed doc (unfiltered)."""
    out: list[Frame] = []
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX", "NOUN", "ADJ") or tok.lower_ == "according":
            out.extend(_frames_of(doc, tok))
    return out


def _mk(doc, tok, frame, token_ranges, src, extra=None) -> Optional[Frame]:
    rs = []
    for i, j in token_ranges:
        i, j = _trim(doc, i, j)
        if j > i:
            rs.append(_tok_range(doc, i, j))
    if not rs:
        return None
    source = _tok_range(doc, *src) if src else None
    return Frame(tok, frame, rs, source, (tok.idx, tok.idx + len(tok)),
                 key=f"{lemma_of(tok)}|{frame}", extra=extra or {})


def _frames_of(doc: Doc, tok: Token) -> list[Frame]:
    out = []
    if tok.lower_ == "according":
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if pobj is None:
            return out
        head = tok.head
        if head is tok:
            return out
        sent = tok.sent
        if head.i == tok.i:
            return out
        lo, hi = _subtree_range(head)
        # the whole sentence (content of "according to" is the clause it modifies)
        lo, hi = min(lo, sent.start), max(hi, sent.end)
        f = _mk(doc, tok, "acc", _ranges_excluding(doc, lo, hi, [_subtree_range(tok)]), _subtree_range(pobj))
        if f:
            f.cue_span = (tok.idx, to.idx + len(to))
            f.key = "according|acc"
            out.append(f)
        return out
    if tok.pos_ not in ("VERB", "AUX", "NOUN"):
        return out
    src = _source_of(tok) if tok.pos_ != "NOUN" else None
    children = list(tok.children)
    for c in children:
        dep = c.dep_
        if dep in CHILD_FRAMES and c.i > tok.i or dep == "ccomp":
            if tok.pos_ == "NOUN" and dep not in ("ccomp", "acl"):
                continue
            lo, hi = _subtree_range(c)
            ranges = [(lo, hi)]
            if dep == "dobj":
                # "called X “deplorables”": the object and its predicate
                for s in children:
                    if s.dep_ in ("oprd", "xcomp", "ccomp") and s.i > c.i:
                        hi = max(hi, _subtree_range(s)[1])
                ranges = [(lo, hi)]
            if lo <= tok.i < hi:
                ranges = _ranges_excluding(doc, lo, hi, [(tok.i, tok.i + 1)])
            f = _mk(doc, tok, dep, ranges, src)
            if f:
                out.append(f)
        elif dep in PREP_FRAME_DEPS and c.i > tok.i:
            lo, hi = _subtree_range(c)
            f = _mk(doc, tok, "prep:" + c.lower_, [(lo + 1, hi)], src)
            if f:
                out.append(f)
        elif dep == "acl" and tok.pos_ == "NOUN":
            pass
    # "…, a source said." / "“…,” said X." : content is what precedes the cue clause
    if tok.pos_ in ("VERB",) and src is not None and tok.i > tok.sent.start:
        sent = tok.sent
        first_cl = min(src[0], tok.i)
        # only when the cue clause closes the sentence
        rest = [t for t in doc[tok.i + 1: sent.end] if not t.is_punct]
        tail_ok = len(rest) <= 6 and first_cl > sent.start + 1
        prev = doc[first_cl - 1]
        if tail_ok and (prev.text in (",",) or prev.text in QUOTE_MARKS):
            f = _mk(doc, tok, "tail", [(sent.start, first_cl)], src)
            if f:
                out.append(f)
    # "Climate change, Mr. Obama often says, is …"
    if tok.dep_ in ("parataxis",) and src is not None:
        h = tok.head
        lo, hi = _subtree_range(h)
        f = _mk(doc, tok, "para", _ranges_excluding(doc, lo, hi, [_subtree_range(tok)]), src)
        if f:
            out.append(f)
    return out
