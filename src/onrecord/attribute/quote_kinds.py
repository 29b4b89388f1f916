"""What a quotation is: a statement, or the title of a work, a name, a term or a slogan.

Every quotation of the page is classified here before it can become (or make) an
attribution.  ``data/quote_kinds.json`` is a multinomial logistic regression over the
features of :mod:`.quote_features` (cue words before the quotation, its shape, its grammar
and its place), trained by ``scripts/train_quote_kinds.py`` on labelled quotations
(``corpus/quote_kinds/polnear_train.json`` and the tune sites of ``corpus/web``); it is
scored here with plain Python (no scikit-learn at inference).

:func:`classify_quotes` gives each quotation a :class:`QuoteKind`: its class and the
probability of that class.  A quotation is a statement unless the probability that it is
one falls below the model's ``threshold`` (chosen by cross-validation: a statement wrongly
refused loses a quotation, a title taken puts words in nobody's mouth); it then takes the
most probable of the other classes.  Right after a word that says it names something
("so-called", "titled", "entitled", "dubbed", "nicknamed"), or when it is one link and
nothing else, a quotation is never a statement.  :mod:`.decide`
gives a non-statement no cue, no
speaker and no floating attribution, and does not let it make a frame direct or mixed; the
record lists it with its class (``rejected_quotations``).
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from onrecord.errors import OnrecordError
from onrecord.text import break_pattern
from onrecord.text import original_text as doc_text

from .quote_features import QK_FEATURE_VERSION, quote_features
from .quotes import Quote

DATA = Path(__file__).parent / "data"
KINDS = ("statement", "title", "name", "term", "slogan")


@dataclass(frozen=True)
class QuoteKind:
    kind: str            # statement | title | name | term | slogan
    probability: float   # of that kind
    p_statement: float   # of "statement"

    @property
    def is_statement(self) -> bool:
        return self.kind == "statement"


STATEMENT = QuoteKind("statement", 1.0, 1.0)


class QuoteKindModelMismatch(OnrecordError):
    """The quote-kind model was trained with other features than this code computes."""


def check_model(model: dict, where: str = "quote-kind model") -> dict:
    fv = model.get("feature_version")
    if fv != QK_FEATURE_VERSION:
        raise QuoteKindModelMismatch(
            f"{where}: trained with quote-feature version {fv}, this code computes version "
            f"{QK_FEATURE_VERSION}; retrain it (python scripts/train_quote_kinds.py)")
    if list(model.get("classes", ())) != list(KINDS):
        raise QuoteKindModelMismatch(f"{where}: classes {model.get('classes')} are not {list(KINDS)}")
    return model


@lru_cache(maxsize=1)
def load_model() -> dict:
    """The classifier shipped in ``data/quote_kinds.json`` (a missing file is an error:
    :class:`QuoteKindModelMismatch`; a caller that wants no classifier passes ``False``)."""
    path = DATA / "quote_kinds.json"
    if not path.is_file():
        raise QuoteKindModelMismatch(f"{path} is missing: reinstall onrecord, or train it "
                                     "(python scripts/train_quote_kinds.py)")
    return check_model(json.loads(path.read_text(encoding="utf-8")), str(path))


def probabilities(model: dict, feats: list[str]) -> list[float]:
    """P(class) for each of :data:`KINDS` (softmax over per-class linear scores)."""
    w = model["w"]
    z = list(model["bias"])
    for x in set(feats):
        row = w.get(x)
        if row is not None:
            for k, v in enumerate(row):
                z[k] += v
    m = max(z)
    ex = [math.exp(v - m) for v in z]
    s = sum(ex)
    return [v / s for v in ex]


def kind_of(probs: list[float], threshold: float) -> QuoteKind:
    """The decision: a statement unless P(statement) < threshold."""
    ps = probs[0]
    if ps >= threshold:
        return QuoteKind("statement", round(ps, 3), round(ps, 3))
    k = max(range(1, len(KINDS)), key=lambda i: probs[i])
    return QuoteKind(KINDS[k], round(probs[k], 3), round(ps, 3))


def classify_quotes(doc: Doc, quotes: list[Quote], model=None) -> list[QuoteKind]:
    """The kind of every quotation (``model``: the shipped one by default; ``False``: none,
    every quotation a statement)."""
    if model is None:
        model = load_model()
    if not model:
        return [STATEMENT] * len(quotes)
    th = model.get("threshold", 0.5)
    text = doc_text(doc)
    out = []
    for q in quotes:
        probs = probabilities(model, quote_features(doc, q))
        before = text[max(0, q.start - 25):q.start].lower().split()
        if before and before[-1].strip(",:") in DEFINING or linked(text[q.inner_start:q.inner_end]):
            probs = [0.0] + probs[1:]  # the word itself says the quotation names something
        out.append(kind_of(probs, th))
    return out


# words that by their meaning introduce a name, title or term, never a statement ("the so-called
# “reset”", "a report titled “…”"): too rare in the labelled data for the model to learn alone
DEFINING = frozenset({"so-called", "titled", "entitled", "dubbed", "nicknamed"})


# a quotation that is one link and nothing else — `"[great firewall](https://…)"`, `“<a
# href=…>…</a>”`, or the same with the Markdown syntax blanked (one blank where "[" was, at
# least three where "](…)" was) — points at a work, a name or a term: no one's words (of the
# corpus's 12 quotations holding a link, the four that are one link whole are none a statement)
_LINKED = re.compile(r"\A(?:\[[^\[\]\n]+\]\([^)\s]*\)[.,;:!?]?|<a\b[^>]*>[^<]+</a>[.,;:!?]?"
                     r"| [^ \n][^\n]*?[^ \n] {3,}[.,;:!?]?)\Z", re.S)


def linked(inner: str) -> bool:
    """Is the quoted text one link whole (see ``_LINKED``)?"""
    return _LINKED.fullmatch(inner) is not None


SHORT_FRAGMENT = 8  # words


def can_float(doc: Doc, q: Quote) -> bool:
    """A statement with no cue and no statement to continue stands alone as a *floating*
    quote only when it can: at least three words (fewer when it is a short sentence that is a
    paragraph of its own: a turn of a dialogue, "“None.”"), and inside the author's sentence a clause
    (a finite verb or closing punctuation), a figure or at least eight words — a short
    verbless fragment there ("for a good cause") is nobody's statement we could show; a
    paragraph of its own written like a heading (title case, no closing punctuation) does not
    float either."""
    text = doc_text(doc)
    inner = text[q.inner_start:q.inner_end].strip()
    words = inner.split()
    if len(words) < 3:
        # a turn of a dialogue: a short sentence that is a paragraph of its own ("“None.”")
        return bool(re.search(r"[A-Za-z]", inner)) and bool(re.search(r"[.!?…—-]$", inner)) \
            and _alone(text, q.start, q.end)
    ps = text.rfind("\n", 0, q.start) + 1
    pe = text.find("\n", q.end)
    pe = len(text) if pe < 0 else pe
    if not text[ps:q.start].strip() and not text[q.end:pe].strip(" \t\u00a0."):
        # a whole paragraph — unless it is written like a heading: every word capitalised
        # and no sentence punctuation at its end (a list of book titles)
        words = re.findall(r"[A-Za-z][\w'’-]*", inner)
        heading = all(w[0].isupper() or w.lower() in _SMALL for w in words) \
            and not re.search(r"[.!?…]$", inner.rstrip("\u201d\"’ "))
        return not heading
    if len(words) >= SHORT_FRAGMENT or re.search(r"[.!?…]$|\d", inner):
        return True
    span = doc.char_span(q.inner_start, q.inner_end, alignment_mode="contract")
    return span is not None and any(t.tag_ in _FINITE for t in span)


def _alone(text: str, s: int, e: int) -> bool:
    """Is text[s:e] the only thing in its paragraph (a full stop after it aside)?"""
    brk = break_pattern(text)
    head = text[max(0, s - 200):s]
    ms = list(brk.finditer(head))
    before = head[ms[-1].end():] if ms else (head if s <= 200 else "x")
    tail = text[e:e + 200]
    m = brk.search(tail)
    after = tail[:m.start()] if m else (tail if e + 200 >= len(text) else "x")
    return not before.strip() and not after.strip(" \t\u00a0.")


_FINITE = {"VBD", "VBP", "VBZ", "MD"}
_SMALL = {"a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "with", "at", "by", "from", "vs"}
