"""How far to trust a speaker: the calibrated ``speaker_confidence`` and ``needs_review``.

A speaker is found in one of several ways (its *basis*): a name in the source mention, an
alias the article defines, the learned ranker for a pronoun, description or document
(:mod:`.coref`, whose probability is calibrated on held-out folds already), the statement
before a floating quotation, a heading, a quoting statement …  Each non-ranked basis has the
accuracy measured on the tuning data (``data/speaker_calibration.json``, written by
``scripts/calibrate_speakers.py`` from the web corpus's tune sites and the resolution train
gold); that accuracy is the speaker's confidence.  A speaker whose confidence is below
:data:`REVIEW_BELOW` is flagged ``needs_review``: on held-out pages fewer than ~3 in 4 such
speakers are right, so a reader should check them.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Optional

DATA = Path(__file__).parent / "data"
REVIEW_BELOW = 0.75


@lru_cache(maxsize=1)
def table() -> dict[str, float]:
    path = DATA / "speaker_calibration.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8")).get("accuracy", {})


def calibrated(basis: Optional[str], raw: float) -> float:
    """The probability that a speaker found this way is right."""
    if basis is None:
        return raw
    if basis.startswith("ranked "):
        return raw   # the ranker's own held-out calibration
    return table().get(basis, raw)


def needs_review(confidence: Optional[float]) -> bool:
    return confidence is not None and confidence < REVIEW_BELOW
