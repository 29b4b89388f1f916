"""Did it happen? Whether a candidate event's words tell a real happening.

An event is counted only when the text says it took place (or, for the verbal types, that it
was said).  :func:`not_happened` gives the reason a candidate is not one, or ``None``:

- ``negated``: "did not attack", "refused to meet", "failed to agree", "has avoided
  criticizing", "endorsed none of this", "made no inquiries";
- ``habitual``: "consistently reject calls for …", "generally use the same excuses";
- ``future``/``conditional``/``question``/``unrealised``: "will attack", "would strike",
  "if China attacked Taiwan", "Did Russia attack?", "wants to meet", "threatened to invade"
  (the threat is the event, the invasion is not), "to attack" of a purpose clause;
- ``alleged``: the deed inside an accusation's object ("accused Baku of shelling …": the
  accusation is the event);
- ``caption``/``headline``/``front matter``/``chrome``: a line that is no prose sentence
  (no closing punctuation: titles, lists of headlines, photo captions, "key: value" lines;
  a whole line in title case, closed or not: "GOP Candidates Resoundingly Reject The Idea …."),
  a caption marker ("Photo:", "Image credit"), or a span the clean stage marked as chrome;
- ``mention``: an action noun that only names a happening ("the war in Gaza", "Russia's
  invasion") rather than telling it (nouns count only as the object of a light verb:
  "launched an attack", "held talks").

The decision reads the trigger token of the one parse and the page's own line; it never
parses again.
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

_MODALS = {"will", "would", "shall", "should", "could", "might", "may", "must", "can", "'ll",
           "’ll", "wo", "ca", "'d", "’d"}
_IRREALIS_HEADS = {"want", "plan", "intend", "seek", "try", "hope", "aim", "expect", "consider",
                   "refuse", "fail", "decline", "threaten", "vow", "pledge", "promise", "propose",
                   "urge", "call", "ask", "demand", "need", "prepare", "attempt", "wish",
                   "prefer", "offer", "agree", "plot", "scheme", "allow", "permit",
                   "encourage", "invite", "push", "press", "appeal", "like", "love", "dare",
                   "order", "tell", "warn", "advise", "be", "able", "ready", "willing", "likely",
                   "unlikely", "going", "about", "suppose", "mean", "decide", "choose", "help", "get",
                   "persuade", "convince", "pressure", "beg",
                   "enable", "forbid", "prevent", "stop", "avoid", "deny", "reject", "oppose",
                   "recommend", "suggest", "insist", "require"}
_HABITUAL = {"consistently", "routinely", "always", "usually", "often", "regularly", "generally",
             "typically", "habitually", "frequently"}
_NEG_HEADS = {"fail", "refuse", "decline", "avoid", "prevent", "stop", "deny", "reject",
              "forbid", "oppose"}
_CONDITIONAL_MARKS = {"if", "unless", "whether", "lest", "should"}
_CAPTION = re.compile(r"^\s*(?:!\[|\[!\[|photo\b|image\b|picture\b|caption\b|credit\b|figure\b|"
                      r"file photo|pictured\b|video\b|watch\b|read more|related\b|see also)|"
                      r"(?:\(photo(?:graph)?\b|photo:|image:|credit:|/ ?(?:ap|afp|reuters|getty)\b|"
                      r"\| ?getty|via getty|photo by )", re.I)
_KEY_LINE = re.compile(r"^\s*[a-z_][a-z0-9_-]{0,30}\s*[:=]\s+\S")   # "title: …" (not "MZ: …", a turn)
# tags, [link text](address) and emphasis marks, bounded (linear on "[[[[…" and "<<<<…")
_MARKS = re.compile(r"<[^<>]{1,300}>|\[([^\[\]]{0,300})\]\([^()\s]{0,500}\)|[*_#>`]+")
_CLOSING = re.compile(r"[.!?…:;\"”’')\]]\s*$")
# nouns that tell a happening as the object of these verbs
LIGHT_VERBS = {"launch", "carry", "conduct", "stage", "hold", "make", "issue", "deliver",
               "mount", "begin", "start", "commit", "unleash", "order", "lodge", "file",
               "announce", "sign", "reach", "have", "declare", "impose", "send", "give",
               "provide", "offer", "extend", "level", "hurl", "voice", "express", "repeat",
               "renew", "reiterate", "reaffirm", "step"}


def _line(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, (len(text) if b < 0 else b)


def line_reason(text: str, start: int, end: int, chrome: list[tuple[int, int]]) -> Optional[str]:
    """Why the sentence ``text[start:end]`` (an event's evidence, cut to its paragraph) tells
    no happening (or ``None``)."""
    i = bisect.bisect_right(chrome, (start, 1 << 60)) - 1
    if i >= 0 and chrome[i][0] <= start < chrome[i][1]:
        return "chrome"
    a, _ = _line(text, start)
    line = text[a:end].strip()
    if _CAPTION.search(line):
        return "caption"
    if _KEY_LINE.match(line) and not re.match(r"^\s*[A-Z][a-z]+ [A-Z]", line):
        return "front matter"
    # a prose sentence closes; titles, headline lists and captions do not
    bare = _MARKS.sub(r" \1 ", text[start:end]).strip()
    if bare and not _CLOSING.search(bare):
        return "headline"
    if bare == line and _title_case(bare):
        return "headline"        # "GOP Candidates Resoundingly Reject The Idea Of A … Hike."
    return None


_SMALL = {"a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "with", "at", "by", "as",
          "from", "vs", "but", "nor", "via"}


def _title_case(line: str) -> bool:
    """A whole line in title case (every word but the small ones capitalised, at least five
    capitalised words, a few of them common words): a headline, closed or not."""
    words = re.findall(r"[^\W\d_][\w’'-]*", line)
    if len(words) < 5 or any(w[:1].islower() and w.lower() not in _SMALL for w in words):
        return False
    caps = [w for w in words if w[:1].isupper()]
    # a row of names alone ("Hillary Clinton, Bernie Sanders and …") is no headline by itself
    return len(caps) >= 5 and sum(1 for w in caps if w.lower() in _SMALL) >= 1 or len(caps) >= 7


_MARKUP = re.compile(r"[*#|<>\[\]{}=_]")


def no_actor(name: str) -> Optional[str]:
    """``"no actor"`` when the actor's name is markup or no name ("/ Privacy", "* Starmer")."""
    ok = any(ch.isalpha() for ch in name) and not _MARKUP.search(name) and (name[:1].isalnum() or name[:1] == "@")
    return None if ok else "no actor"


def negated(tok) -> bool:
    """Is the trigger ``tok`` negated ("did not attack") or the complement of a failure or
    refusal ("refused to meet")?"""
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    h = tok.head
    return tok.dep_ == "xcomp" and h.lemma_ in ("fail", "refuse", "decline") or \
        any(c.dep_ == "neg" for c in h.children) and tok.dep_ == "xcomp"


def not_happened(tok, future_pledge: bool) -> Optional[str]:
    """Why the verb (or light-verb noun) ``tok`` tells no happening, or ``None``."""
    head = tok
    if tok.pos_ in ("NOUN", "PROPN"):
        if tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in LIGHT_VERBS:
            head = tok.head
        else:
            return "mention"
    if tok.sent.text.rstrip(" \"”’'").endswith("?"):
        return "question"
    kids = list(head.children)
    if any(c.dep_ == "neg" for c in kids) or any(c.lower_ in ("never", "no") and c.dep_ in ("neg", "advmod", "det")
                                                 for c in kids):
        return "negated"
    if any(c.dep_ in ("dobj", "nsubjpass") and (c.lower_ in ("none", "nothing", "nobody", "neither") or any(
            d.dep_ == "det" and d.lower_ in ("no", "neither") for d in c.children)) for c in kids):
        return "negated"         # "has endorsed none of this", "made no inquiries"
    if head.dep_ == "xcomp" and head.tag_ == "VBG" and head.head.lemma_.lower() in _NEG_HEADS:
        return "negated"         # "has avoided directly criticizing Comey"
    if any(c.dep_ == "advmod" and c.lower_ in _HABITUAL for c in kids):
        return "habitual"        # "consistently reject calls for …": a habit, not a happening
    aux = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
    if aux & _MODALS and not future_pledge:
        return "future"
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in kids) and head.dep_ not in ("xcomp", "ccomp", "conj") \
            and head.dep_ != "ROOT" and not (head.dep_ in ("acl", "relcl") and any(
                c.lower_ in ("first", "last", "only") for c in head.head.children)):
        return "unrealised"   # ("the first head of state to telephone him" did telephone)
    if tok.tag_ == "VBG" and tok.dep_ in ("pcomp",) and tok.head.lower_ in ("of", "for") and \
            tok.head.head.lemma_.lower() in ("accuse", "blame", "charge", "suspect", "allegation",
                                             "accusation", "condemn", "criticize", "criticise"):
        return "alleged"
    t = head
    for _ in range(6):
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in t.children):
            return "conditional"
        if any(c.dep_ == "advmod" and c.lower_ in ("when", "whenever") for c in t.children) and \
                t.tag_ in ("VBZ", "VBP"):
            return "conditional"     # "when law enforcement requests access": generic
        if t.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) and \
                not any(c.dep_ == "prt" and c.lower_ == "on" for c in t.head.children):
            return "unrealised"      # a purpose: "… to continue to provide support" ("went on to": done)
        if t.dep_ == "advcl" and t.tag_ in ("VBD", "VBN") and any(
                c.dep_ == "mark" and c.lower_ in ("as", "after", "since", "because", "when", "before", "while")
                for c in t.children):
            return None              # "as we agreed at the meeting": told as past, whatever follows
        if t.dep_ in ("xcomp", "ccomp") and (t.head.lemma_.lower() in _IRREALIS_HEADS or t.head.lower_ == "going") and \
                any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
            lemma = t.head.lemma_.lower()
            return "negated" if lemma in _NEG_HEADS else "unrealised"
        if t.dep_ == "pcomp" and t.head.head.lemma_.lower() in ("accuse", "blame", "charge", "suspect"):
            return "alleged"
        if t.dep_ in ("conj",) and t.head.i != t.i:
            t = t.head
            continue
        if t.dep_ in ("ccomp", "xcomp", "advcl") and t.head.i != t.i:
            hk = {c.lower_ for c in t.head.children if c.dep_ in ("aux",)}
            if hk & _MODALS and not future_pledge:
                return "future"
            if any(c.dep_ == "neg" for c in t.head.children) and t.dep_ == "xcomp":
                return "negated"
            t = t.head
            continue
        break
    return None
