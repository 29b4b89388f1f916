"""The learned step of "did it happen": the probability that a candidate event is a real
happening of its PLOVER type, from many weak cues the rules of :mod:`.happening` do not weigh.

A logistic model over sparse features of the candidate (the rules' own reason, the PLOVER and
project type, the trigger's lemma, part of speech and dependency, a modal or negation, whether
it is an attribution's cue or inside its content, the actor's kind and the shape of its name,
a recipient, the sentence's shape, link text, a list line).  Its weights are in
``data/events.json``, written by ``scripts/train_events.py`` from the tune-site labels of
``corpus/events/gold.jsonl`` (cross-validated by site, figures in ``bench/results/``).  A
candidate counts when the model's probability reaches the file's ``threshold``; without the
file, the rules alone decide.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

DATA = Path(__file__).with_name("data") / "events.json"
FEATURE_VERSION = 1
_LINK = re.compile(r"\[[^\]]*$|<a\b[^>]*>[^<]*$", re.I)
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s")


@lru_cache(maxsize=1)
def load(path: Optional[str] = None) -> Optional[dict]:
    p = Path(path) if path else DATA
    if not p.exists():
        return None
    model = json.loads(p.read_text(encoding="utf-8"))
    if model.get("feature_version") != FEATURE_VERSION:
        return None
    return model


def features(tok, head, kind: str, plover: Optional[str], reason: Optional[str], is_cue: bool,
             in_content: bool, actor_name: str, actor_type: Optional[str], has_target: bool,
             text: str, start: int, trigger_at: int) -> dict[str, float]:
    """The sparse features of one candidate (``start`` its evidence's record offset,
    ``trigger_at`` its trigger's)."""
    f: dict[str, float] = {"bias": 1.0}
    f["reason=" + (reason or "none")] = 1.0
    f["plover=" + (plover or "none")] = 1.0
    f["kind=" + kind] = 1.0
    f["lemma=" + tok.lemma_.lower()] = 1.0
    f["pos=" + tok.pos_] = 1.0
    f["dep=" + tok.dep_] = 1.0
    f["tag=" + head.tag_] = 1.0
    if head is not tok:
        f["light"] = 1.0
    if any(c.dep_ == "aux" and c.lower_ in ("will", "would", "could", "should", "may", "might", "must",
                                              "can", "’ll", "'ll") for c in head.children):
        f["modal"] = 1.0
    if any(c.dep_ == "neg" for c in head.children):
        f["neg"] = 1.0
    f["cue" if is_cue else ("in_content" if in_content else "author")] = 1.0
    f["actor_type=" + (actor_type or "none")] = 1.0
    words = actor_name.split()
    if actor_name[:1].islower():
        f["actor_lower"] = 1.0
    if len(words) > 4:
        f["actor_long"] = 1.0
    if has_target:
        f["target"] = 1.0
    sent = tok.sent
    n = len(sent)
    f["sent_len=" + ("short" if n < 10 else "mid" if n < 30 else "long")] = 1.0
    if any(t.lower_ in ("we", "i") and t.dep_ in ("nsubj", "nsubjpass") for t in sent):
        f["first_person"] = 1.0
    line_start = text.rfind("\n", 0, start) + 1
    if _BULLET.match(text[line_start:start + 4]):
        f["bullet"] = 1.0
    if _LINK.search(text[max(line_start, trigger_at - 200):trigger_at]):
        f["link_text"] = 1.0
    if any(c.dep_ in ("dobj", "dative") for c in head.children):
        f["has_object"] = 1.0
    return f


def probability(model: Optional[dict], feats: dict[str, float]) -> Optional[float]:
    if not model:
        return None
    w = model["weights"]
    z = sum(w.get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
