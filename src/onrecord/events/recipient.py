"""Whom an event acts on: the learned choice of a candidate event's recipient among the noun
phrases its parse offers.

The rules of :mod:`.extract` pick one recipient per trigger by its type ("accused X", "called
on X", "met with X"); they miss a recipient two steps away ("called for Thune to hold a vote",
"urged the DOJ to …" through a clause) and take a wrong one where a type's usual slot holds a
date or a thing ("condemned Monday's takeover").  :func:`options` lists every noun phrase the
parse ties to the trigger — its object, dative and passive subject, the object of each of its
prepositions, the possessor of its object and the object's own prepositional objects, the
subject and object of its complement clause, a co-ordinated actor — each with its path from
the trigger, its resolved name and the rules' own pick; :func:`choose` scores them with a
logistic model (weights in ``data/recipient.json``, written by ``scripts/train_events.py``
from the recipients of ``corpus/events/gold.jsonl``'s training lines, cross-validated by site)
and keeps the best when it reaches the file's threshold, else no recipient.  Without the file
the rules' pick stands.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Optional

DATA = Path(__file__).with_name("data") / "recipient.json"
VERSION = 1
_MAX_PATHS = 12


@lru_cache(maxsize=1)
def load(path: Optional[str] = None) -> Optional[dict]:
    p = Path(path) if path else DATA
    if not p.exists():
        return None
    model = json.loads(p.read_text(encoding="utf-8"))
    return model if model.get("version") == VERSION else None


def _pobjs(prep) -> list:
    return [o for o in prep.children if o.dep_ == "pobj"]


def paths(tok, head) -> list[tuple[Any, str]]:
    """The noun phrases the parse ties to the trigger ``tok`` (``head`` its light verb or
    itself), each with its path ("dobj", "prep:on", "xcomp>nsubj", "dobj>poss" …)."""
    out: list[tuple[Any, str]] = []
    for c in head.children:
        d = c.dep_
        if d in ("dobj", "dative", "nsubjpass", "attr", "oprd") and c.i != tok.i:
            out.append((c, d))
            for g in c.children:
                if g.dep_ == "poss":
                    out.append((g, d + ">poss"))
                elif g.dep_ == "prep":
                    out += [(o, f"{d}>prep:{g.lower_}") for o in _pobjs(g)]
                elif g.dep_ == "conj":
                    out.append((g, d + ">conj"))
        elif d in ("prep", "prt", "dative"):
            for o in _pobjs(c):
                out.append((o, f"prep:{c.lower_}"))
                out += [(g, f"prep:{c.lower_}>poss") for g in o.children if g.dep_ == "poss"]
        elif d in ("ccomp", "xcomp"):
            for g in c.children:
                if g.dep_ in ("nsubj", "dobj", "dative"):
                    out.append((g, f"{d}>{g.dep_}"))
                elif g.dep_ == "prep":
                    out += [(o, f"{d}>prep:{g.lower_}") for o in _pobjs(g)]
    if head is not tok:     # a light verb's noun: "launched an attack on X", "held talks with X"
        for c in tok.children:
            if c.dep_ == "prep":
                out += [(o, f"noun>prep:{c.lower_}") for o in _pobjs(c)]
    subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subj is not None:
        out += [(g, "actor>conj") for g in subj.children if g.dep_ == "conj"]
    return out[:_MAX_PATHS]


def options(tok, head, plover: Optional[str], resolve: Callable, actor, rule_target) -> list[dict]:
    """The recipient candidates of a trigger: ``{"name", "id", "features"}`` each, the rules'
    pick (``rule_target``, a :class:`.actors.Who` or ``None``) marked or added; ``resolve``
    names a token as an actor (``None``: it names none)."""
    p = plover or "none"
    lemma = tok.lemma_.lower()
    seen: dict[str, dict] = {}
    for c, path in paths(tok, head):
        who = resolve(c)
        if who is None or (actor is not None and who.id == actor.id) or who.id in seen:
            continue
        dist = abs(c.i - tok.i)
        f = {"bias": 1.0, "path=" + path: 1.0, f"plover|path={p}|{path}": 1.0,
             f"lemma|path={lemma}|{path.split('>')[0]}": 1.0,
             "ent=" + (c.ent_type_ or c.pos_): 1.0, f"plover|ent={p}|{c.ent_type_ or c.pos_}": 1.0,
             "how=" + (getattr(who, "how", "") or "thing"): 1.0,
             "dist=" + ("1" if dist <= 1 else "2-3" if dist <= 3 else "4-8" if dist <= 8 else "far"): 1.0,
             "left" if c.i < tok.i else "right": 1.0}
        if c.lower_ in ("he", "she", "they", "him", "her", "them", "it", "his", "its", "their"):
            f["pronoun"] = 1.0
        seen[who.id] = {"name": who.name, "id": who.id, "features": f}
    if rule_target is not None:
        hit = seen.get(rule_target.id)
        if hit is None:
            hit = seen[rule_target.id] = {"name": rule_target.name, "id": rule_target.id,
                                          "features": {"bias": 1.0, "path=rule_only": 1.0,
                                                       f"plover|path={p}|rule_only": 1.0}}
        hit["features"]["rule_pick"] = 1.0
        hit["features"][f"plover|rule_pick={p}"] = 1.0
    return list(seen.values())


def crossed(feats: dict[str, float]) -> dict[str, float]:
    """The option's features with their pairs: the PLOVER type, the path and the rules' pick
    each with how the option was named (a speaker, a country, a coreference, a thing …) and
    the path with the entity label."""
    got = dict(feats)
    one = {k.split("=", 1)[0]: k.split("=", 1)[1] for k in feats if "=" in k and "|" not in k}
    p = next((k.split("=", 1)[1].split("|")[0] for k in feats if k.startswith("plover|path=")), "none")
    how, path, ent = one.get("how", "thing"), one.get("path", ""), one.get("ent", "")
    got[f"plover|how={p}|{how}"] = 1.0
    got[f"path|how={path}|{how}"] = 1.0
    got[f"path|ent={path}|{ent}"] = 1.0
    if feats.get("rule_pick"):
        got["rule_pick|how=" + how] = 1.0
    return got


def in_context(feats: list[dict[str, float]]) -> list[dict[str, float]]:
    """Each option's :func:`crossed` features with what it is among the others: the only
    option, the nearest one to the trigger, one of several that name actors."""
    out = [crossed(f) for f in feats]
    near = {"dist=1": 0, "dist=2-3": 1, "dist=4-8": 2, "dist=far": 3}
    rank = [min((near[k] for k in f if k in near), default=3) for f in feats]
    actors = sum(1 for f in feats if not f.get("how=thing"))
    for f, r in zip(out, rank):
        f["n_options=" + ("1" if len(feats) == 1 else "2" if len(feats) == 2 else "3+")] = 1.0
        if r == min(rank):
            f["nearest"] = 1.0
        if not f.get("how=thing"):
            f["actors=" + ("1" if actors == 1 else "2+")] = 1.0
    return out


def _score(model: dict, feats: dict[str, float]) -> float:
    w = model["weights"]
    z = sum(w.get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def choose(model: Optional[dict], opts: list[dict]) -> Optional[dict]:
    """The chosen recipient among ``opts`` (``None``: no recipient), or the rules' pick
    without a model."""
    if not model:
        return next((o for o in opts if o["features"].get("rule_pick")), None)
    scored = [(_score(model, f), o) for f, o in zip(in_context([o["features"] for o in opts]), opts)]
    best = max(scored, key=lambda x: x[0], default=None)
    if best is None or best[0] < model["threshold"]:
        return None
    return best[1]
