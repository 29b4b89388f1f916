"""Frame candidates: every way a clause could report what someone said, over the parse.

``propose(doc)`` generates every *frame candidate*: a cue token, a frame (how the content
hangs off the cue: ``ccomp``, ``dobj``, ``xcomp``, ``prep:of``, ``prep:as+obj`` ("cast
himself as an outsider"), ``xcomp+obj`` ("told reporters to leave"), ``tail`` ("…, a source
said."), ``para`` ("X, he said, is …"), ``acc`` ("according to X, …"), ``colon`` ("NAME:
text" at the start of a line), ``insrc`` ("In a CNN poll, …") …), its content ranges (cut
to the cue's paragraph) and its source span (the subject, climbing through xcomp/advcl/conj;
the agent; the head of a relative clause; a possessive).  It decides nothing: the classifier
(:mod:`.classifier`) and the rules (:mod:`.decide`) choose among the candidates.  Each token
looks at its own children or a bounded window, so the whole is linear in the tokens.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, LOWER, ORTH, POS
from spacy.symbols import csubj as _CSUBJ
from spacy.symbols import nsubj as _NSUBJ
from spacy.symbols import nsubjpass as _NSUBJPASS
from spacy.tokens import Doc, Token

from .source_parse import appos_subject, by_object, stray_agent
from .spans import (
    QUOTE_MARKS,
    after_dateline,
    in_paragraph,
    lemma_of,
    line_bounds,
    ranges_excluding,
    sent_of,
    subtree_range,
    tok_range,
    trim,
    work_to_infinitive,
)

# frames whose content is a child subtree of the cue
CHILD_FRAMES = {"ccomp", "dobj", "xcomp", "advcl", "oprd", "nsubjpass", "acomp", "attr", "conj", "parataxis"}
PREP_FRAME_DEPS = {"prep", "agent"}
REPORT_VERBS = {"say", "warn", "add", "tell", "urge", "insist", "note", "argue", "claim", "accuse", "ask",
                 "deny", "suggest", "demand", "vow", "promise", "describe", "praise", "criticize", "call",
                 "predict", "acknowledge", "admit", "explain", "announce", "declare", "complain", "reply",
                 "respond", "stress", "repeat", "condemn", "blame", "caution", "threaten", "pledge"}


PASSIVE_FRAMES = {"xcomp", "oprd", "prep:as", "prep:for"}


@dataclass
class Frame:
    cue: Token
    frame: str
    content: list[tuple[int, int]]
    source: Optional[tuple[int, int]]
    cue_span: tuple[int, int]
    key: str = ""
    extra: dict = field(default_factory=dict)


def _inverted_subject(tok: Token) -> Optional[tuple[int, int]]:
    """An inverted tag right after a quotation — “…,” murmured Holmes / “…,” continued our
    strange visitor / “…” said he — whose speaker the parse made the verb's object: that noun
    phrase (token range), or None when the verb does not follow a closing quotation mark."""
    doc = tok.doc
    k = tok.i - 1
    while k >= 0 and (doc[k].is_space or doc[k].text == ",") and "\n\n" not in doc[k].text:
        k -= 1
    if k < 0 or doc[k].text not in ("”", "\"", "’", "'") or doc[k].i < tok.i - 3:
        return None
    np = noun_phrase_after(tok)
    if np is None:
        return None
    # (where the parse made the quotation itself the verb's subject — “Good-day, Lord St.
    # Simon,” said Holmes, rising — the noun phrase after the verb is the speaker whatever
    # its role in the parse)
    quoted_subject = any(c.dep_ in ("nsubj", "csubj", "ccomp") and c.i < tok.i
                         and any(t.text in ("“", "”", "\"") for t in c.subtree) for c in tok.children)
    if not quoted_subject and (doc[np[1] - 1].dep_ not in ("dobj", "nsubj", "attr", "npadvmod", "dative", "oprd")
                               or doc[np[1] - 1].head.i != tok.i):
        return None
    return np


def noun_phrase_after(verb: Token) -> Optional[tuple[int, int]]:
    """The noun phrase right after a verb (token range), as an inverted tag has it: "said
    Scrooge's nephew", "retorted the doctor", "continued our strange visitor"; or None."""
    doc = verb.doc
    j = verb.i + 1
    while j < len(doc) and (doc[j].is_space or doc[j].pos_ in ("DET", "ADJ", "PART")) \
            and "\n\n" not in doc[j].text:
        j += 1
    if j >= len(doc) or doc[j].pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    t = doc[j]
    while t.head.i > t.i and t.head.pos_ in ("PROPN", "NOUN") and t.dep_ in ("poss", "compound", "amod", "case"):
        t = t.head
    lo = max(verb.i + 1, t.left_edge.i)
    while doc[lo].is_space:
        lo += 1
    return lo, t.i + 1


def source_of(tok: Token) -> Optional[tuple[int, int]]:
    """token range of the cue's source: subject (climbing through xcomp/advcl/conj), agent, relcl
    head; for an inverted tag after a quotation, the noun phrase after the verb."""
    inverted = _inverted_subject(tok)
    if inverted is not None:
        return inverted
    t = tok
    if tok.pos_ == "VERB" and lemma_of(tok) in ("quote", "cite"):
        # "quoting Bruce Schneier's essay: “…”", "He quoted Lincoln": the words are the object's
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ in ("PROPN", "NOUN")), None)
        if obj is not None:
            poss = next((c for c in obj.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
            if poss is not None:
                return subtree_range(poss)
            if obj.pos_ == "PROPN":
                return subtree_range(obj)
    for step in range(4):
        # a passive subject is the source only of a clause we climbed to ("After saying …, she
        # was whisked off"); the cue's own passive subject is what is said.  Of two subjects
        # (a timestamp glued on: "12:15 p.m. \n\n Donald Trump says"), the one nearest the verb.
        subjs = [c for c in t.children if (d := c.dep) == _NSUBJ or d == _CSUBJ or (step and d == _NSUBJPASS)]
        if subjs:
            before = [c for c in subjs if c.i < t.i]
            return subtree_range(before[-1] if before else subjs[0])
        if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            # "postings that included one saying that …", "Cooper, …, called Friday for …"
            h = t.head
            return (h.left_edge.i, h.i + 1)
        if t.pos_ in ("NOUN", "PROPN"):
            # "Trump's claim that …", "his criticism of …"; "estimates by the government"
            for c in t.children:
                if c.dep_ == "poss":
                    return subtree_range(c)
            by = by_object(t)
            if by is not None:
                return by
            if t.dep_ == "ROOT" and any(c.dep_ == "ccomp" for c in t.children):
                # a verb parsed as a noun: "Trump claims that he …" (compound Trump)
                names = [c for c in t.children if c.dep_ == "compound" and c.i < t.i and c.pos_ == "PROPN"]
                if names:
                    return (names[0].left_edge.i, names[-1].i + 1)
            if t.dep_ == "dobj" and t.head is not t:
                # "World leaders expressed outrage over …": the noun cue's verb has the source
                t = t.head
                continue
            if t.dep_ == "attr" and t.head is not t and lemma_of(t.head) == "be":
                # "Rhonda Hughes is a fervent supporter of …", "he's been an outspoken critic
                # of …": the copula's subject holds the view the noun names
                t = t.head
                continue
        for c in t.children:
            if c.dep_ == "agent":
                for cc in c.children:
                    if cc.dep_ == "pobj":
                        return subtree_range(cc)
        if step == 0:
            stray = stray_agent(t)
            if stray is not None:
                return stray
        if t.dep_ == "relcl" and t.head.pos_ in ("NOUN", "PROPN", "PRON"):
            h = t.head
            if work_to_infinitive(t, h):
                # "Thune joined “The Story with Martha MacCallum” on Fox News to discuss …": a
                # programme, outlet or event the subject joins does not speak; its subject does
                t = h.head if h.dep_ == "dobj" else h.head.head
                continue
            return (h.left_edge.i, h.i + 1)
        if step == 0 and t.pos_ == "VERB":
            fronted = appos_subject(t)
            if fronted is not None:
                return fronted
        if step == 0 and t.dep_ == "conj" and t.head.dep_ == "ccomp" and lemma_of(t) in REPORT_VERBS:
            # "China said it was opposed … and warned …" (parsed as a conj inside the ccomp):
            # the subject of "said"
            t = t.head.head
            continue
        if t.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acomp") and t.head is not t:
            t = t.head
            if t.dep_ == "prep":
                t = t.head
            continue
        break
    for c in tok.children:
        if c.dep_ == "nsubjpass":
            return None
    return None


def propose(doc: Doc) -> list[Frame]:
    """All frame candidates of a parsed doc (unfiltered).  The tests on every token read the
    doc's attribute arrays (one ``to_array``), so only the tokens that can be a cue become
    Token objects."""
    out: list[Frame] = []
    n = len(doc)
    if n == 0:
        return out
    sid = doc.vocab.strings

    def ids(*names: str) -> np.ndarray:   # (uint64, as the array: no float comparison)
        return np.array([sid[x] for x in names], dtype=np.uint64)

    arr = doc.to_array([POS, DEP, LOWER, ORTH, ENT_TYPE]).astype(np.uint64)
    pos, dep, low = arr[:, 0], arr[:, 1], arr[:, 2]
    head = np.arange(n) + doc.to_array(HEAD).astype(np.int64)   # (HEAD is relative)
    # a cue: a verb, auxiliary or noun with a letter (not a dash or a number the tagger took
    # for a verb; an adjective has frames only as "according").  A noun has frames only with
    # a "that"-clause, a prepositional phrase after it, or as a parenthetical (see _frames_of)
    idx = np.arange(n)
    framed = np.zeros(n, dtype=bool)
    framed[head[np.isin(dep, ids("ccomp")) & (head != idx)]] = True
    framed[head[np.isin(dep, ids("prep", "agent")) & (idx > head)]] = True
    cue = np.isin(pos, ids("VERB", "AUX")) | np.isin(pos, ids("NOUN")) & (framed | np.isin(dep, ids("parataxis")))
    according = np.isin(low, ids("according"))
    colon = np.isin(arr[:, 3], ids(":"))
    # the object of a fronted "in"/"for" phrase
    insrc = np.isin(dep, ids("pobj")) & np.isin(low[head], ids("in", "for")) & (
        np.isin(pos, ids("NOUN")) | np.isin(pos, ids("PROPN")) & np.isin(arr[:, 4], ids("", "PERSON", "ORG", "NORP")))
    flags = cue.astype(np.int8) | according.astype(np.int8) << 1 | colon.astype(np.int8) << 2 \
        | insrc.astype(np.int8) << 3
    for i in np.flatnonzero(flags).tolist():
        fl = int(flags[i])
        tok = doc[i]
        if fl & 2 or (fl & 1 and any(ch.isalpha() for ch in tok.text)):
            out.extend(_frames_of(doc, tok))
        elif fl & 4:
            f = _colon_frame(doc, tok)
            if f:
                out.append(f)
        if fl & 8:
            f = _in_source_frame(doc, tok)
            if f:
                out.append(f)
    return out


def _in_source_frame(doc: Doc, noun: Token) -> Optional[Frame]:
    """"In a CNN national poll, Clinton held a 24-point lead", "In his eyes, only …": a
    fronted "in"/"for" phrase that names where (or for whom) the clause holds.  The content
    is the clause, the source the phrase's object; the cue token is the object's noun, so
    the classifier learns which nouns ("poll", "statement", "view") make a source."""
    prep = noun.head
    head = prep.head
    sent = sent_of(prep)
    if head.i == prep.i or head.pos_ not in ("VERB", "AUX") or prep.i > head.i:
        return None
    lo, hi = subtree_range(prep)
    if hi >= len(doc) or doc[hi].text != "," or lo > sent.start + 1:
        return None  # only a phrase that opens the sentence, set off by a comma
    a, b = subtree_range(head)
    a, b = max(a, sent.start), min(b, sent.end)
    f = _mk(doc, noun, "insrc", ranges_excluding(doc, a, b, [(lo, hi + 1)]), (prep.i + 1, hi))
    if f:
        f.cue_span = (prep.idx, prep.idx + len(prep))
        f.key = f"{lemma_of(noun)}|insrc:{prep.lower_}"
    return f


def _colon_frame(doc: Doc, tok: Token) -> Optional[Frame]:
    """"NAME: text" at the start of a line (headlines "Caddell: Voters Worried …",
    transcripts "PENCE: …", "Lavrov: “…”"): content is the rest of the line."""
    ls = line_bounds(doc, tok.i, 8)
    if ls is None:
        return None
    turn = False
    while ls < tok.i and (doc[ls].is_space or doc[ls].text in QUOTE_MARKS):
        turn = turn or doc[ls].text in QUOTE_MARKS  # transcripts quoted paragraph by paragraph: "WALLACE: …
        ls += 1
    seg = doc[ls:tok.i]
    if not (1 <= len(seg) <= 6) or any(t.pos_ in ("VERB", "AUX") and not t.text.isupper() for t in seg):
        return None
    j = tok.i + 1
    n = len(doc)
    while j < n and "\n" not in doc[j - 1].text_with_ws[len(doc[j - 1].text):] and "\n" not in doc[j].text:
        j += 1
    if j <= tok.i + 1:
        return None
    if not any(t.pos_ in ("VERB", "AUX") or t.text in QUOTE_MARKS for t in doc[tok.i + 1:j]):
        return None   # "Patrick Breyer: Memes, explainers, maps": a description, nothing said
    kind = "upper" if seg.text.isupper() else ("propn" if any(t.pos_ == "PROPN" for t in seg) else "other")
    f = _mk(doc, tok, "colon", [(tok.i + 1, j)], (seg.start, seg.end), {"turn": turn and kind == "upper"})
    if f:
        f.key = f":|colon-{kind}"
        f.source = (seg[0].idx, seg[-1].idx + len(seg[-1]))
    return f


def _mk(doc, tok, frame, token_ranges, src, extra=None) -> Optional[Frame]:
    rs = []
    first = None
    if src and any(i <= src[0] and src[1] <= j for i, j in token_ranges):
        # a source is never part of what it says ("… as “a fantasy” by Maria Zakharova")
        hole = (src[0] - 1 if src[0] and doc[src[0] - 1].lower_ == "by" else src[0], src[1])
        token_ranges = [r for i, j in token_ranges for r in ranges_excluding(doc, i, j, [hole])]
    for i, j in token_ranges:
        i, j = trim(doc, *in_paragraph(doc, tok, i, j))
        if j > i:
            rs.append(tok_range(doc, i, j))
            if first is None:
                first = i
    if not rs:
        return None
    if src:
        # a source stays in the cue's paragraph too (datelines, timestamps and headlines that
        # the sentence splitter glued to the sentence: "12:15 p.m.\n\nDonald Trump says …")
        a, b = in_paragraph(doc, tok, *src)
        while a < b and doc[a].is_space:
            a += 1
        a = after_dateline(doc, a, b)
        src = (a, b) if a < b else None
    source = tok_range(doc, *src) if src else None
    sc = "none"
    if src:
        w = doc[src[0]].lower_ if src[1] - src[0] == 1 else ""
        sc = "1p" if w in ("i", "we", "you") else "x"
    return Frame(tok, frame, rs, source, (tok.idx, tok.idx + len(tok)),
                 key=f"{lemma_of(tok)}|{frame}", extra={"subj": sc, "src_tok": src, "first": first, **(extra or {})})


def _according_root(doc: Doc, tok: Token, to: Token, sent) -> Optional[Frame]:
    """"According to X, CLAUSE." / "CLAUSE, according to X." when the parser made
    "according" the root: the source runs from "to" to the next comma, the content is the
    rest of the sentence on the other side."""
    end = sent.end
    while end > sent.start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if tok.i == sent.start or (tok.i == sent.start + 1 and doc[sent.start].is_punct):
        comma = next((t.i for t in doc[to.i + 1:end] if t.text == ","), None)
        if comma is None or comma - to.i > 12 or end - comma < 3:
            return None
        src, content = (to.i + 1, comma), [(comma + 1, end)]
    elif tok.i > sent.start and doc[tok.i - 1].text == ",":
        src, content = (to.i + 1, end), [(sent.start, tok.i - 1)]
        if end - to.i - 1 > 12:
            return None
    else:
        return None
    f = _mk(doc, tok, "acc", content, src)
    if f:
        f.cue_span = (tok.idx, to.idx + len(to))
        f.key = "according|acc"
    return f


_TIME_ENTS = {"DATE", "TIME"}


def _is_time_phrase(doc: Doc, i: int, j: int) -> bool:
    """Tokens [i, j) are a date or a duration and nothing else ("several hours", "last week")."""
    any_word = False
    for k in range(i, j):   # (stops at the first word that is no date: most phrases are none)
        t = doc[k]
        if t.is_punct or t.is_space:
            continue
        if t.ent_type_ not in _TIME_ENTS:
            return False
        any_word = True
    return any_word


def _frames_of(doc: Doc, tok: Token) -> list[Frame]:
    out = []
    if tok.lower_ == "according":
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if pobj is None:
            return out
        head = tok.head
        sent = sent_of(tok)
        if head.i == tok.i:
            # misparsed as the root ("According to X, the move reeks of …" with the clause
            # hanging off X as an apposition): split the sentence at the comma after X
            f = _according_root(doc, tok, to, sent)
            if f:
                out.append(f)
            return out
        lo, hi = subtree_range(head)
        # the whole sentence (content of "according to" is the clause it modifies)
        lo, hi = min(lo, sent.start), max(hi, sent.end)
        # (never beyond the cue's paragraph: _mk cuts it)
        f = _mk(doc, tok, "acc", ranges_excluding(doc, lo, hi, [subtree_range(tok)]), subtree_range(pobj))
        if f:
            f.cue_span = (tok.idx, to.idx + len(to))
            f.key = "according|acc"
            out.append(f)
        return out
    pos = tok.pos_
    if pos not in ("VERB", "AUX", "NOUN"):
        return out
    memo: list = []

    def src() -> Optional[tuple[int, int]]:
        """source_of(tok), found when a frame first needs it (most tokens make none)"""
        if not memo:
            memo.append(source_of(tok))  # (a noun cue: "X has questions about", "X's claim that")
        return memo[0]

    children = list(tok.children)
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    for c in children:
        dep = c.dep_
        if dep in CHILD_FRAMES and c.i > tok.i or dep == "ccomp":
            if pos == "NOUN" and dep not in ("ccomp", "acl"):
                continue
            lo, hi = subtree_range(c)
            ranges = [(lo, hi)]
            if dep == "dobj":
                s0 = src()
                if s0 is not None and lo <= s0[0] and s0[1] <= hi:
                    continue   # an inverted tag's speaker (“…,” returned the King) is not what is said
                # "called X “deplorables”": the object and its predicate
                for s in children:
                    if s.dep_ in ("oprd", "xcomp", "ccomp") and s.i > c.i:
                        hi = max(hi, subtree_range(s)[1])
                ranges = [(lo, hi)]
            if lo <= tok.i < hi:
                ranges = ranges_excluding(doc, lo, hi, [(tok.i, tok.i + 1)])
            f = _mk(doc, tok, dep, ranges, src())
            if f:
                out.append(f)
            if dep in ("xcomp", "oprd") and obj is not None and obj.i < c.i and pos != "NOUN":
                # "told a woman to smile", "called him a talented guy"
                f = _mk(doc, tok, dep + "+obj", [(obj.left_edge.i, hi)], src())
                if f:
                    out.append(f)
        elif dep in PREP_FRAME_DEPS and c.i > tok.i:
            lo, hi = subtree_range(c)
            f = _mk(doc, tok, "prep:" + c.lower_, [(lo + 1, hi)], src())
            if f:
                if _is_time_phrase(doc, lo + 1, hi):
                    # "interrogated for several hours", "said on Monday": when, not what.  Kept
                    # as a candidate (the classifier's features count a cue's frames) but never chosen
                    f.extra["when"] = True
                out.append(f)
            if obj is not None and obj.i < c.i and pos != "NOUN":
                # "cast himself as an outsider", "accused X of Y": the object with the phrase
                f = _mk(doc, tok, "prep:" + c.lower_ + "+obj", [(obj.left_edge.i, hi)], src())
                if f:
                    out.append(f)
    subjpass = next((c for c in children if c.dep_ == "nsubjpass" and c.i < tok.i), None)
    # "The Democratic nominee has been endorsed by …", "His views were echoed by …": what is
    # endorsed or echoed is the passive subject; the agent is the source
    if subjpass is not None and pos == "VERB":
        agent = next((c for c in children if c.dep_ == "agent"), None)
        apobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        lo, hi = subtree_range(subjpass)
        f = _mk(doc, tok, "subjpass", [(lo, hi)], subtree_range(apobj) if apobj is not None else None)
        if f:
            out.append(f)
    # "Obama's veto is expected to come …", "peacekeepers have been blamed for introducing …":
    # what is said is about the passive subject, which the annotators include in the content
    if subjpass is not None:
        lo, hi = subtree_range(subjpass)
        for f in out:
            if f.frame in PASSIVE_FRAMES and f.extra.get("first") is not None and f.extra["first"] > tok.i:
                a, b = in_paragraph(doc, tok, lo, hi)
                a, b = trim(doc, a, b)
                if b > a:
                    f.content.insert(0, tok_range(doc, a, b))
    # "…, a source said." / "“…,” said X." : content is what precedes the cue clause
    sent = sent_of(tok) if pos == "VERB" else None
    if sent is not None and src() is not None and tok.i > sent.start:
        first_cl = min(src()[0], tok.i)
        # only when the cue clause closes the sentence
        rest = 0
        for k in range(tok.i + 1, sent.end):  # (stops early: a quote-mark flood is one huge sentence)
            rest += not doc[k].is_punct
            if rest > 6:
                break
        tail_ok = rest <= 6 and first_cl > sent.start + 1
        prev = doc[first_cl - 1]
        if tail_ok and (prev.text in (",",) or prev.text in QUOTE_MARKS):
            f = _mk(doc, tok, "tail", [(sent.start, first_cl)], src())
            if f:
                out.append(f)
    # "Climate change, Mr. Obama often says, is …"
    if tok.dep_ in ("parataxis",) and src() is not None:
        h = tok.head
        lo, hi = subtree_range(h)
        f = _mk(doc, tok, "para", ranges_excluding(doc, lo, hi, [subtree_range(tok)]), src())
        if f:
            out.append(f)
    return out
