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
nothing else, a quotation is never a statement; a quoted amount with no noun after it
(“only “3,000 to 5,000” turned out”: :func:`figure_given`) is always one.  :mod:`.decide`
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

from .quote_features import QK_FEATURE_VERSION, _tok_at, quote_features
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
        elif figure_given(doc, text, q):
            probs = [1.0] + [0.0] * (len(probs) - 1)
        out.append(kind_of(probs, th))
    return out


# a quoted amount: a range, a sum of money, a share or a count of three digits or more, with at
# most a hedge before it ("only “3,000 to 5,000” turned out", accepted “about $200,000”)
_FIGURE = re.compile(r"(?:(?:only|about|around|nearly|almost|some|over|under|up to|more than|less than|fewer than)\s+)?"
                     r"[$£€]?\d[\d,.]*(?:\s*(?:to|-|–|or)\s*[$£€]?\d[\d,.]*)?"
                     r"(?:\s*(?:%|percent|per cent|thousand|million|billion|trillion))?[.,]?", re.I)


_AMOUNT = re.compile(r"[$£€%.]\d|\d\s*(?:to|-|–|or)\s*[$£€]?\d|percent|cent|thousand|illion")


def figure_given(doc: Doc, text: str, q: Quote) -> bool:
    """Is the quotation a figure someone gave (a count, a range, an amount) rather than a
    figure named as such?  Its words are an amount (:data:`_FIGURE`: a range, money, a unit, a
    decimal, or three digits or more) and no noun follows the closing mark: “the “90 to 95
    percent” figure”, “its first “400” list” are the figure named (terms, titles); two digits
    alone ("24", dial “1”) are too often a title or a key.  Of the labelled quotations that are
    such a figure, every one is a statement; the classifier, which sees few figures, is not
    asked."""
    inner = text[q.inner_start:q.inner_end].strip()
    if not _FIGURE.fullmatch(inner):
        return False
    digits = re.sub(r"\D", "", inner)
    if not (len(digits) >= 3 or _AMOUNT.search(inner)):
        return False
    nxt = _tok_at(doc, q.end, before=False)
    return not (nxt is not None and nxt.idx - q.end <= 2 and nxt.pos_ in ("NOUN", "PROPN"))


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
