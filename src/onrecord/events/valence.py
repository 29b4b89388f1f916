"""How positive or negative the words around a target are: features for the stance model.

Decides nothing by itself: it reads word valences from the VADER lexicon (``vaderSentiment``,
MIT; 7,500 words and their mean human rating from −4 to +4, read from the package's data
file, no network) and sums them over parts of one statement, with the negation the
dependency parse shows ("is *not* a good deal" counts "good" reversed, as VADER does, ×−0.74)
and the parse's parts of speech (a preposition "like" is no liking):

- the whole content, the clause that holds the target and the few words around its mention;
- the word that governs the target (the verb whose subject or object it is, the noun it
  modifies: "*attack* on Washington", "Germany's *restraint*") and the predicate of the
  clause when the target is its subject ("Trump *failed*", "she is *dishonest*");
- the cue word itself ("*praised* Germany", "*accused* Washington");
- VADER's own compound score (its rules for negation scope, "but", intensifiers) of the
  content and of the clause that holds the target.

:mod:`.stance_model` weighs them with everything else (``scripts/train_whom.py``).
"""
from __future__ import annotations

import importlib.resources
import logging
from functools import lru_cache
from typing import Callable, Iterable

log = logging.getLogger(__name__)

NEGATION = frozenset({"not", "n't", "never", "no", "nothing", "nobody", "none", "neither", "nor",
                      "without", "hardly", "barely"})
_NEG_SCALAR = -0.74   # VADER's factor for a negated word
NEAR = 5              # words each side of a target's mention
# verbs of an attitude: their subject holds it ("the US and its allies, *supporting* Washington";
# "Washington *accused* Moscow"), so their valence says nothing of the subject
ATTITUDE = frozenset("""support back endorse defend praise thank welcome applaud commend hail laud
    congratulate accuse blame criticize criticise condemn denounce attack fault oppose reject""".split())
# function words carry no valence of their own, whatever the lexicon says of their form
# ("sounds *like* a chronicle from a war zone": a preposition)
_FUNCTION = frozenset({"ADP", "SCONJ", "CCONJ", "DET", "PRON", "AUX", "PART"})


@lru_cache(maxsize=1)
def _analyzer():
    """VADER's own scorer (its rules: negation scope, "but", intensifiers, caps, "!"), or None."""
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        return None
    return SentimentIntensityAnalyzer()


def compound(toks: Iterable) -> float:
    """VADER's compound score (−1 … +1) of the text of some tokens; 0 without the package."""
    return _compound("".join(t.text_with_ws for t in toks).strip())


@lru_cache(maxsize=512)
def _compound(text: str) -> float:
    # (cached: a statement's content is scored once whatever the number of its targets)
    sia = _analyzer()
    if sia is None or not text:
        return 0.0
    return float(sia.polarity_scores(text)["compound"])


@lru_cache(maxsize=1)
def lexicon() -> dict[str, float]:
    """Word → mean valence (−4 … +4); empty, with a warning, if the package is missing."""
    try:
        text = importlib.resources.files("vaderSentiment").joinpath("vader_lexicon.txt") \
            .read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        log.warning("vaderSentiment is not installed: stance features without word valence")
        return {}
    out: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            try:
                out[parts[0]] = float(parts[1])
            except ValueError:
                continue
    return out


def word(tok) -> float:
    """The valence of one token (its form, else its lemma), 0 for words the lexicon lacks."""
    lex = lexicon()
    if not tok.is_alpha or tok.pos_ in _FUNCTION:
        return 0.0
    v = lex.get(tok.lower_)
    if v is None:
        v = lex.get(tok.lemma_.lower(), 0.0)
    return v


def negated(tok) -> bool:
    """Is the token under a negation: its own ("not good"), its head's ("did not praise X"),
    or, for a predicate noun or adjective, its copula's ("is not a success")?"""
    for t in (tok, tok.head):
        if any(c.dep_ == "neg" or (c.lower_ in NEGATION and c.dep_ in ("det", "advmod"))
               for c in t.children):
            return True
        if t.dep_ not in ("acomp", "attr", "amod", "dobj", "xcomp", "oprd"):
            break
    return False


def signed(tok) -> float:
    v = word(tok)
    return v * _NEG_SCALAR if v and negated(tok) else v


def _sum(toks: Iterable) -> tuple[float, float, int]:
    pos = neg = 0.0
    n = 0
    for t in toks:
        n += 1
        v = signed(t)
        if v > 0:
            pos += v
        elif v < 0:
            neg -= v
    return pos, neg, n


def _clause(tok):
    c = tok
    while c.head.i != c.i and c.pos_ not in ("VERB", "AUX") and c.dep_ != "ROOT":
        c = c.head
    return c


def _governor(tok):
    """The word a mention is an argument or modifier of: the verb, or the noun it qualifies."""
    h = tok.head
    if tok.dep_ == "pobj" and h.dep_ in ("prep", "agent"):
        h = h.head
    return h


def features(tokens: list, inside: Callable[[int], bool], head, cue, scores: bool = True) -> dict[str, float]:
    """Valence features of one statement toward one candidate (``head``: its mention token,
    or None), scaled to a few units; ``scores``: also VADER's compound scores."""
    f: dict[str, float] = {}
    if not lexicon():
        return f
    words = [t for t in tokens if inside(t.i)]
    pos, neg, n = _sum(words)
    scale = max(n, 1) ** 0.5
    f["val_content_pos"] = pos / scale
    f["val_content_neg"] = neg / scale
    if cue is not None:
        v = signed(cue)
        if v:
            f["val_cue"] = v / 2
    if scores:
        c = compound(words)
        f["vader_content_pos"], f["vader_content_neg"] = max(c, 0.0), max(-c, 0.0)
    if head is None:
        return f
    doc = head.doc
    clause = _clause(head)
    if scores:
        c = compound(t for t in clause.subtree if inside(t.i))
        f["vader_clause_pos"], f["vader_clause_neg"] = max(c, 0.0), max(-c, 0.0)
    own = range(head.left_edge.i, head.i + 1)     # the mention itself and what precedes it in its phrase
    cp, cn, cnum = _sum(t for t in clause.subtree if t.i not in own)
    f["val_clause_pos"] = cp / max(cnum, 1) ** 0.5
    f["val_clause_neg"] = cn / max(cnum, 1) ** 0.5
    lo, hi = max(head.i - NEAR, 0), min(head.i + NEAR + 1, len(doc))
    np_, nn, _ = _sum(doc[i] for i in range(lo, hi) if i != head.i)
    f["val_near_pos"], f["val_near_neg"] = np_ / 3, nn / 3
    gov = _governor(head)
    holder = head.dep_ in ("nsubj", "agent") and gov.lemma_.lower() in ATTITUDE
    if gov.i != head.i and not holder:
        v = signed(gov)
        if v:
            f["val_gov"] = v / 2
            f[f"val_gov|dep={head.dep_}"] = v / 2
    if head.dep_ in ("nsubj", "nsubjpass") and not holder:
        # what is said of the subject: the predicate's own words (not the whole clause)
        pred = [t for t in head.head.children if t.dep_ in ("acomp", "attr", "dobj", "xcomp", "oprd")]
        pv = sum(signed(t) + sum(signed(c) for c in t.children if c.dep_ in ("amod", "advmod"))
                 for t in pred) + signed(head.head)
        if pv:
            f["val_pred_of_subj"] = pv / 2
    # a mention that modifies a charged noun: "Russia's aggression", "US intimidation"
    if head.dep_ in ("poss", "compound", "amod", "nmod"):
        v = signed(head.head)
        if v:
            f["val_modified"] = v / 2
    return f
