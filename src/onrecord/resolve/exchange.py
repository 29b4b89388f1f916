"""Who speaks an untagged quotation that follows an exchange: the last speaker going on, or the
other party answering.

A quotation with no cue of its own takes the speaker of the statement before it — right in a
news story ("“…,” Lavrov said." and a paragraph of quotation under it), wrong in a two-party
exchange, where untagged paragraphs alternate ("“Where is it?” asked Holmes." / "“In the box,”
said the King." / "“Show me.”" — Holmes again). When the two statements before it have two
different speakers, a small logistic model decides between them from the layout and wording
cues a reader uses: whether each is a paragraph of its own and nothing but quotation, a
question answered, an inverted tag ("said Holmes") and how often the page inverts its tags,
the quotation addressing one of the two by name, its length, and how much of the page is
paragraphs of quoted speech.  Weights:
``data/exchange.json``, trained by ``scripts/train_exchange.py`` on the web corpus's tune
sites and PolNeAR train records (cross-validated by site); an answer needs the model's
threshold, set so that no news quotation of the training data is switched wrongly.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

from onrecord.text import BLANK_LINE as PARA

DATA = Path(__file__).parent / "data"
OPEN_QUOTES = "“\"‘'"


def _para(text: str, pos: int) -> tuple[int, int]:
    """The paragraph (start, end) holding ``pos``."""
    s = max((m.end() for m in PARA.finditer(text, max(0, pos - 6000), pos)), default=0)
    m = PARA.search(text, pos)
    return s, (m.start() if m else len(text))


def _quote_share(text: str, span: tuple[int, int], quoted: Sequence[tuple[int, int]]) -> float:
    s, e = span
    inside = sum(max(0, min(e, qe) - max(s, qs)) for qs, qe in quoted)
    body = sum(1 for ch in text[s:e] if not ch.isspace())
    return min(1.0, inside / max(1, len(text[s:e].strip())) if body else 0.0)


def _names_in(words: str, names: Sequence[str]) -> bool:
    keys = {w for n in names for w in re.findall(r"[A-Z][\w'’-]{2,}", n)}
    return any(re.search(rf"\b{re.escape(k)}\b", words) for k in keys)


@lru_cache(maxsize=4)   # (asked once per quotation of one page: the last pages' answers)
def dialogue_share(text: str) -> float:
    """The share of the page's paragraphs that open with a quotation mark."""
    paras = [p.strip() for p in PARA.split(text) if p.strip()]
    return sum(1 for p in paras if p[:1] in OPEN_QUOTES) / len(paras) if paras else 0.0


def inverted_share(tags: Sequence[tuple[tuple[int, int], tuple[int, int], tuple[int, int]]]) -> float:
    """The share of the page's tagged quotations whose tag follows them inverted ("…,” said
    Holmes" rather than "…,” Holmes said"): a storyteller's habit more than a reporter's.
    ``tags``: (content, cue, source) spans of the statements whose cue follows the content;
    0.5 when fewer than three."""
    after = [(c, s) for q, c, s in tags if c[0] >= q[1]]
    return sum(s[0] > c[0] for c, s in after) / len(after) if len(after) >= 3 else 0.5


def features(text: str, a: tuple[int, int], b: tuple[int, int], b_cue: Optional[tuple[int, int]],
             b_source: Optional[tuple[int, int]], p: tuple[int, int], quoted: Sequence[tuple[int, int]],
             names_a: Sequence[str], names_b: Sequence[str], inverted: float = 0.5) -> dict[str, float]:
    """Cues for "the quotation ``a`` is the other party's answer" — ``b`` the statement before
    it (speaker B), ``p`` the one before that (speaker A, not B); spans are (start, end)."""
    pa, pb, pp = _para(text, a[0]), _para(text, b[0]), _para(text, p[0])
    words = text[a[0]:a[1]]
    f = {
        "bias": 1.0,
        "own_paragraph": float(pa != pb),
        "b_own_paragraph": float(pb != pp),
        "a_all_quote": float(_quote_share(text, pa, quoted) > 0.9),
        "b_all_quote": float(_quote_share(text, pb, quoted) > 0.9),
        "b_question": float(text[b[0]:b[1]].rstrip(" ”\"’'").endswith("?")),
        "a_question": float(words.rstrip(" ”\"’'").endswith("?")),
        "b_inverted_tag": float(b_cue is not None and b_source is not None and b_cue[0] < b_source[0]
                                and b_cue[0] >= b[1]),
        "b_tagged": float(b_cue is not None),
        "a_names_b": float(_names_in(words, names_b)),
        "a_names_a": float(_names_in(words, names_a)),
        "a_short": float(len(words) < 120),
        "gap_paragraphs": min(3.0, float(len(PARA.findall(text, b[1], a[0])))),
        "dialogue_page": dialogue_share(text),
        "inverted_tags": inverted,
    }
    f["inverted_tags*own_paragraph"] = inverted * f["own_paragraph"]
    f["own_paragraph*dialogue"] = f["own_paragraph"] * f["dialogue_page"]
    f["b_question*own_paragraph"] = f["b_question"] * f["own_paragraph"]
    f["all_quote*dialogue"] = f["a_all_quote"] * f["b_all_quote"] * f["dialogue_page"]
    return f


@lru_cache(maxsize=1)
def load_model() -> Optional[dict]:
    path = DATA / "exchange.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def is_answer(f: dict[str, float], model: Optional[dict] = None) -> bool:
    """Whether the quotation is read as the other party's answer (the model's threshold)."""
    model = model if model is not None else load_model()
    return model is not None and p_answer(f, model) > model.get("threshold", 0.5)


def p_answer(f: dict[str, float], model: Optional[dict] = None) -> float:
    """The probability that the quotation is the other party's answer."""
    model = model if model is not None else load_model()
    if model is None:
        return 0.0
    z = sum(model["weights"].get(k, 0.0) * v for k, v in f.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
