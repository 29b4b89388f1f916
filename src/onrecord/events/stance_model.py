"""The learned part of "about whom": which candidate a statement is mainly about, and the
speaker's stance toward each target.

Two logistic models over the sparse features of :mod:`.targets` and :mod:`.valence`, their
weights in ``data/whom.json`` (written by ``scripts/train_whom.py`` from
``corpus/whom/train.json``):

- **target**: which of a statement's candidates it is mainly about, or none of them.  Kind
  ``rank``: a conditional logit — one score per candidate and one for "about no one in
  particular" (from features of the statement), a softmax over them; the best is the choice.
  Kind ``binary`` (older weights): each candidate scored alone, the best one the main target
  when its probability reaches ``threshold``.  Either way, other candidates are listed after
  the main one when their probability reaches ``secondary``;
- **stance**: a three-class (critical, supportive, neutral) model; ``"features": "signals"``
  marks the compact model, a regularised logistic regression over the dozen signed signals of
  :mod:`.stance_signals` and the speaker's type (the other stance features are then not computed).

Without the weights file the stage still lists candidates in text order, all ``neutral``.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Optional

import numpy as np

DATA = Path(__file__).with_name("data") / "whom.json"
STANCES = ("critical", "supportive", "neutral")


@lru_cache(maxsize=1)
def load(path: Optional[str] = None) -> Optional[dict]:
    p = Path(path) if path else DATA
    if not p.exists():
        return None
    model = json.loads(p.read_text(encoding="utf-8"))
    for ws in [model["target"]["weights"], *model["stance"]["weights"].values()]:
        if DENSE in ws:
            ws[DENSE] = np.asarray(ws[DENSE], dtype="float32")
    return model


DENSE = "__dense__"
# the stance features of onrecord.events.stance_cues and VADER's compound scores: computed only
# for weights that use them (training always computes them)
CUE_FEATURES = ("pol_", "vader_", "sole|vader_", "act=", "own_", "own|", "speaker_type=")


def uses_cues(model: Optional[dict]) -> bool:
    """Does the model weigh any feature of :data:`CUE_FEATURES`?"""
    return weighs(model, CUE_FEATURES)


def compact(model: Optional[dict]) -> bool:
    """Is the stance model the compact one over the signals of :mod:`.stance_signals` only?"""
    return bool(model) and model["stance"].get("features") == "signals"


def weighs(model: Optional[dict], prefix: str | tuple[str, ...]) -> bool:
    """Does the stance model give any weight to a feature named ``prefix…`` (a feature it gives
    none adds nothing to its score, so :func:`.targets.stance_features` need not compute it)?"""
    if not model:
        return False
    cache = model.setdefault("_weighs", {})
    got = cache.get(prefix)
    if got is None:
        got = cache[prefix] = any(k.startswith(prefix) and (k == DENSE or w != 0.0)
                                  for ws in model["stance"]["weights"].values() for k, w in ws.items())
    return got


def _dot(weights: dict, feats: dict) -> float:
    z = 0.0
    for k, v in feats.items():
        if k == DENSE:
            w = weights.get(DENSE)
            if w is not None:
                z += float(np.dot(np.asarray(w, dtype="float32"), v))
        else:
            z += weights.get(k, 0.0) * v
    return z


def target_probability(model: Optional[dict], feats: dict[str, float]) -> float:
    if not model:
        return 0.5
    z = _dot(model["target"]["weights"], feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def choose(model: Optional[dict], cand_feats: list[dict], none_feats: dict) -> tuple[list[float], Optional[int]]:
    """(probability of each candidate, index of the main target or None)."""
    if not cand_feats:
        return [], None
    if not model:
        return [0.5] * len(cand_feats), 0
    t = model["target"]
    if t.get("kind") == "rank":
        zs = [_dot(t["weights"], f) for f in cand_feats]
        z0 = _dot(t["weights"], none_feats)
        m = max(max(zs), z0)
        ex = [math.exp(z - m) for z in zs]
        tot = sum(ex) + math.exp(z0 - m)
        ps = [e / tot for e in ex]
        best = max(range(len(zs)), key=lambda k: (zs[k], -k))
        return ps, (best if zs[best] > z0 else None)
    ps = [target_probability(model, f) for f in cand_feats]
    best = max(range(len(ps)), key=lambda k: (ps[k], -k))
    return ps, (best if ps[best] >= t["threshold"] else None)


def stance_probabilities(model: Optional[dict], feats: dict[str, float]) -> dict[str, float]:
    if not model:
        return {"critical": 0.0, "supportive": 0.0, "neutral": 1.0}
    ws = model["stance"]["weights"]
    zs = {c: _dot(ws[c], feats) for c in model["stance"]["classes"]}
    m = max(zs.values())
    ex = {c: math.exp(z - m) for c, z in zs.items()}
    tot = sum(ex.values())
    return {c: e / tot for c, e in ex.items()}
