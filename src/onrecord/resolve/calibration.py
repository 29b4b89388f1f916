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
seen too rarely to learn, an alias the page defines above a misspelt one).  Weights:
``data/speaker_calibration.json``, fitted by ``scripts/calibrate_speakers.py`` on the web
corpus's tune sites (with the tune works of its dialogue pages) and the PolNeAR train articles
of the resolution gold, the L2 strength chosen by cross-validation grouped by site; held-out
figures (report sites, PolNeAR dev): ``bench/calibration.py``.  A speaker whose confidence is
below :data:`REVIEW_BELOW` is flagged ``needs_review``: on held-out pages about half of such
speakers are right, so a reader should check them.

``ONRECORD_RAW_SPEAKER_CONFIDENCE=1`` leaves the uncalibrated confidence (for fitting).
"""
from __future__ import annotations

import json
import math
import os
import re
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
    "title": "description",
    "ranked document": "document", "issuer": "document",
    "previous statement": "previous", "previous statement, far": "previous",
    "previous statement, list item": "previous", "quoting statement": "previous", "exchange": "previous",
    "alternating turn": "alternation", "turn of the tag": "alternation", "addressed before": "alternation",
    "narrator": "alternation",
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


def features(basis: Optional[str], raw: float, source: Optional[str], how: Optional[str],
             dialogue_page: bool) -> dict[str, float]:
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
               dialogue_page: bool = False) -> float:
    """The probability that a speaker found this way is right."""
    if os.environ.get("ONRECORD_RAW_SPEAKER_CONFIDENCE"):
        return raw
    weights = model().get("weights")
    if not weights:
        return raw
    return probability(features(basis, raw, source, how, dialogue_page), weights)


def needs_review(confidence: Optional[float]) -> bool:
    return confidence is not None and confidence < REVIEW_BELOW
