"""How far to trust a speaker: the calibrated ``speaker_confidence`` and ``needs_review``.

A speaker is found in one of several ways (its *basis*): a name in the source mention, an
alias the article defines, the learned ranker for a pronoun, description or document
(:mod:`.coref`), the statement before a floating quotation, a turn of a narrative exchange
(:mod:`.dialogue`), a transcript's label, a heading …  How often each way is right depends on
the kind of page as much as on the way: a pronoun tag is resolved well in news and badly in
a novel's dialogue, where every turn's "he" has two men to choose from.

The confidence is a small logistic model over what is known when the speaker is chosen
(:func:`features`): the kind of assignment (a named tag, a pronoun, a description, a
document, the statement before, a turn of an exchange, a transcript label, a heading or
blockquote), the basis itself where it is common, what the source mention is written as (a
name, a pronoun, a description, nothing), whether the page is narrative dialogue
(:func:`.dialogue.is_dialogue`) or a transcript, and the ranker's own probability for a
ranked mention (for other ways, the prior confidence each starts with: it orders the ways
seen too rarely to learn, an alias the page defines above a misspelt one); and what the
statements around it tell (:func:`context`: where the tag stands and how far from the words,
how many speakers are nearby, whether two speakers alternate, the speaker's share of the
page's statements, how often the page quotes).  Weights:
``data/speaker_calibration.json``, fitted by ``scripts/calibrate_speakers.py`` on the web
corpus's tune sites (with the tune works of its dialogue pages) and the PolNeAR train articles
of the resolution gold, the L2 strength (and whether :func:`context` is read: ``"context"``)
chosen by cross-validation grouped by site; on narrative dialogue pages the probability is
then Platt-scaled where the fit stores a scaling (``"dialogue"`` with ``a``, ``b``: fitted to
the model's probabilities for each tune work from a model fitted without it, and kept only if
that helps a work held out of the scaling too); held-out
figures (report sites, PolNeAR dev): ``bench/calibration.py``.  A speaker whose confidence is
below :data:`REVIEW_BELOW` is flagged ``needs_review``: on held-out pages about half of such
speakers are right, so a reader should check them.

``ONRECORD_RAW_SPEAKER_CONFIDENCE=1`` leaves the uncalibrated confidence (for fitting).
"""
from __future__ import annotations

import bisect
import json
import math
import os
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Optional

DATA = Path(__file__).parent / "data"
REVIEW_BELOW = 0.75

# the kind of assignment each basis is
GROUPS = {
    "name": "named", "new name": "named", "misspelling": "named", "alias": "named", "alias slip": "named",
    "initials": "named", "quoted by": "named",
    "ranked pronoun": "pronoun", "pronoun": "pronoun", "pronoun turn": "pronoun",
    "ranked description": "description", "description": "description", "head noun": "description",
    "role": "description", "modifier": "description", "counted group": "description",
    "named group": "description", "introduced": "description",
    "title": "description",
    "ranked document": "document", "issuer": "document",
    "previous statement": "previous", "previous statement, far": "previous",
    "previous statement, list item": "previous", "quoting statement": "previous", "exchange": "previous",
    "continuing speaker": "previous",
    "alternating turn": "alternation", "turn of the tag": "alternation", "addressed before": "alternation",
    "narrator": "alternation", "action": "alternation",
    "heading": "layout", "blockquote introduction": "layout", "author": "layout",
}
_PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "i", "we", "you", "me", "us", "who",
             "which", "that", "whom", "one"}


def source_kind(words: Optional[str]) -> str:
    """What the source mention is written as: ``none``, ``pronoun``, ``description`` (a
    lower-case phrase: "the doctor", "a cheerful voice") or ``name``."""
    w = " ".join((words or "").split()).strip(" ,.;:\"“”'’")
    if not w:
        return "none"
    if w.lower() in _PRONOUNS:
        return "pronoun"
    first = re.sub(r"^(?:the|a|an|our|my|his|her|their|its|one of the)\s+", "", w, flags=re.I)
    return "name" if first[:1].isupper() else "description"


# one statement as the context features see it: content start and end, source start and end,
# cue start, speaker id, how the source was found
Item = tuple[int, int, Optional[int], Optional[int], Optional[int], Optional[str], Optional[str]]
NEAR = 600      # characters either side: the statements "nearby"


def _bucket(x: float, edges: tuple[float, ...], names: tuple[str, ...]) -> str:
    return next((n for e, n in zip(edges, names) if x <= e), names[-1])


def context(text: str, items: list[Item]) -> list[dict[str, float]]:
    """What the statements around each one tell of its speaker (features, in ``items``' order):
    where its tag stands (before or after the quotation, inside it, none) and in which order
    ("said X" or "X said"), how far the tag is from the words, how many speakers are nearby,
    whether its speaker alternates with another over the statements around it (an exchange),
    whether it repeats the speaker before it, how many of the page's statements its speaker
    has, how long the words are, how many speakers the page has, and how often
    its page quotes (quotations per 1,000 characters: a novel's or an interview's rate, a press
    release's)."""
    order = sorted(range(len(items)), key=lambda k: items[k][0])
    sp = [items[k][5] for k in order]
    starts = [items[k][0] for k in order]
    n_speakers = len({s for s in sp if s})
    rate = 1000 * len(items) / max(1, len(text))
    page = {f"speakers={_bucket(n_speakers, (1, 3, 8), ('1', '2-3', '4-8', '9+'))}": 1.0,
            f"rate={_bucket(rate, (0.5, 1.5, 3.0), ('low', 'mid', 'high', 'flood'))}": 1.0}
    counts = Counter(s for s in sp if s)
    out: list[dict[str, float]] = [{} for _ in items]
    for pos, k in enumerate(order):
        c0, c1, s0, s1, cue, spk, how = items[k]
        f = dict(page)
        if s0 is None or s1 is None:
            f["tag=none"] = 1.0
        else:
            where = "before" if s1 <= c0 else "after" if s0 >= c1 else "inside"
            inverted = cue is not None and cue < s0
            f[f"tag={where}{'|inverted' if inverted else ''}"] = 1.0
            gap = c0 - s1 if where == "before" else s0 - c1 if where == "after" else 0
            f[f"gap={_bucket(gap, (3, 40, 200), ('adjacent', 'clause', 'sentence', 'far'))}"] = 1.0
        lo = bisect.bisect_left(starts, c0 - NEAR)
        hi = bisect.bisect_right(starts, c1 + NEAR)
        near = {s for s in sp[lo:hi] if s}
        f[f"near={_bucket(len(near), (1, 2), ('1', '2', '3+'))}"] = 1.0
        prev = sp[pos - 1] if pos >= 1 else None
        prev2 = sp[pos - 2] if pos >= 2 else None
        nxt = sp[pos + 1] if pos + 1 < len(sp) else None
        if spk and prev and prev != spk and (prev2 == spk or nxt == prev):
            f["alternating"] = 1.0
            f[f"alternating|{'untagged' if s0 is None else 'tagged'}"] = 1.0
        if spk and prev == spk:
            f["same as before"] = 1.0
        if spk:
            mine = counts[spk]
            f[f"share={'one' if mine == 1 else _bucket(mine / len(sp), (0.1, 0.3), ('minor', 'some', 'main'))}"] = 1.0
        f[f"length={_bucket(c1 - c0, (60, 250), ('short', 'medium', 'long'))}"] = 1.0
        f[f"how={how}"] = 1.0
        out[k] = f
    return out


def items_of(atts: list[dict]) -> list[Item]:
    """:data:`Item` of each attribution of a record dict."""
    def at(d: Optional[dict], key: str) -> Optional[int]:
        return d.get(key) if d else None
    out: list[Item] = []
    for a in atts:
        c = a.get("content") or {}
        sp = a.get("speaker") or {}
        out.append((c.get("start", 0), c.get("end", 0), at(a.get("source"), "start"), at(a.get("source"), "end"),
                    at(a.get("cue"), "start"), sp.get("id"), a.get("how")))
    return out


def features(basis: Optional[str], raw: float, source: Optional[str], how: Optional[str],
             dialogue_page: bool, around: Optional[dict[str, float]] = None) -> dict[str, float]:
    """What the confidence is read from (module docstring)."""
    group = GROUPS.get(basis or "", "ranked" if (basis or "").startswith("ranked ") else "other")
    kind = source_kind(source)
    page = "dialogue" if dialogue_page else "transcript" if how == "turn" else "prose"
    p = min(0.999, max(0.001, raw))
    f = {"bias": 1.0, f"group={group}": 1.0, f"basis={basis}": 1.0, f"source={kind}": 1.0,
         f"page={page}": 1.0, f"group={group}|page={page}": 1.0, f"source={kind}|page={page}": 1.0}
    if (basis or "").startswith("ranked "):
        f["ranked_logit"] = math.log(p / (1 - p))
        f[f"ranked_logit|page={page}"] = f["ranked_logit"]
    else:   # (the prior each way of finding a speaker starts with: orders the rare ones)
        f["prior_logit"] = math.log(p / (1 - p))
    for k, v in (around or {}).items():
        f[k] = v
        if k.startswith(("alternating", "near=", "tag=", "rate=", "share=")):
            f[f"{k}|page={page}"] = v
    return f


@lru_cache(maxsize=1)
def model() -> dict:
    path = DATA / "speaker_calibration.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def probability(f: dict[str, float], weights: dict[str, float]) -> float:
    z = sum(weights.get(k, 0.0) * v for k, v in f.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def calibrated(basis: Optional[str], raw: float, source: Optional[str] = None, how: Optional[str] = None,
               dialogue_page: bool = False, around: Optional[dict[str, float]] = None) -> float:
    """The probability that a speaker found this way is right."""
    if os.environ.get("ONRECORD_RAW_SPEAKER_CONFIDENCE"):
        return raw
    weights = model().get("weights")
    if not weights:
        return raw
    if not model().get("context", True):
        around = None
    p = probability(features(basis, raw, source, how, dialogue_page, around), weights)
    shape = model().get("dialogue") if dialogue_page else None
    if shape and "a" in shape:   # (narrative dialogue: scaled to how the model does on a work it has not seen)
        p = min(0.999, max(0.001, p))
        p = 1.0 / (1.0 + math.exp(-(shape["a"] * math.log(p / (1 - p)) + shape["b"])))
    return p


def needs_review(confidence: Optional[float]) -> bool:
    return confidence is not None and confidence < REVIEW_BELOW
