"""One event per happening: which candidate events of a document are the same event, and
what the kept event says about its actors and its teller.

:func:`consolidate` keeps the candidates that are PLOVER events and happened (see
:mod:`.happening`), then merges those of the same PLOVER type with the same actor and the
same recipient (a missing recipient joins the one that names it) whose dates do not disagree:
the same attack told three times is one event with three ``evidences`` (the first telling's
sentence stays ``evidence``; the first date, recipient, mode and location found among the
tellings fill the gaps).  It also fills each kept event's actor and recipient types, its
location's country, and ``reported_by`` — the speaker of the attribution whose content tells
the event (the event is then that speaker's claim), or nobody when the author states it (an
attribution's own cue, "Armenia accused …", is told by the author).
"""
from __future__ import annotations

from typing import Optional

from onrecord.events.actors import country
from onrecord.events.plover import actor_type
from onrecord.model import Record


def _types(record: Record) -> dict[str, str]:
    return {sp.id: sp.type for sp in record.speakers}


def _is_country(ev_id: Optional[str], name: Optional[str]) -> bool:
    hit = country(name) if name else None
    return hit is not None and hit[0] == ev_id


def counts(ev, model: Optional[dict]) -> bool:
    """Is the candidate an event: a PLOVER type, and it happened — by the rules alone, or with
    the learned step (``model``: ``decide`` "filter" keeps what both accept, "model" what the
    model accepts, the rules' reason being one of its features)."""
    if ev.plover is None:
        return False
    if not model or ev.p_happened is None:
        return not ev.not_happened
    ok = ev.p_happened >= model["threshold"]
    return ok if model.get("decide") == "model" else ok and not ev.not_happened


def consolidate(record: Record, candidates: list, model: Optional[dict] = None) -> list:
    """The events of ``record``: happening PLOVER candidates, one per happening, in text order."""
    types = _types(record)
    atts = {a.id: a for a in record.attributions}
    kept: list = []
    index: dict[tuple, list] = {}
    for ev in candidates:
        if not counts(ev, model):
            continue
        ev.actor_type = actor_type(ev.actor_name, types.get(ev.actor), _is_country(ev.actor, ev.actor_name))
        ev.target_type = actor_type(ev.target_name, types.get(ev.target or ""),
                                    _is_country(ev.target, ev.target_name)) if ev.target else None
        if ev.location:
            hit = country(ev.location)
            ev.country = hit[1] if hit else None
        att = atts.get(ev.attribution) if ev.attribution else None
        if att is not None and att.speaker is not None and ev.trigger is not None:
            in_content = any(c.start <= ev.trigger.start < c.end for c in att.content)
            if in_content:
                ev.reported_by = {"id": att.speaker.id, "name": att.speaker.name}
        ev.evidences = [ev.evidence]
        same = None
        for other in index.get((ev.plover, ev.actor), []):
            if ev.target and other.target and ev.target != other.target:
                continue
            if ev.date and other.date and ev.date != other.date:
                continue
            if (ev.reported_by or {}).get("id") != (other.reported_by or {}).get("id") and \
                    ev.plover not in ("ASSAULT", "COERCE", "PROTEST"):
                continue   # two speakers' claims of a verbal act stay two
            same = other
            break
        if same is None:
            kept.append(ev)
            index.setdefault((ev.plover, ev.actor), []).append(ev)
            continue
        if ev.evidence not in same.evidences:
            same.evidences.append(ev.evidence)
        for f in ("date", "target", "mode", "location", "country", "time"):
            if getattr(same, f) is None and getattr(ev, f) is not None:
                setattr(same, f, getattr(ev, f))
                if f == "date":
                    same.date_basis = ev.date_basis
                if f == "target":
                    same.target_name, same.target_type = ev.target_name, ev.target_type
    return kept
