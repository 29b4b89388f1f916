"""Whether a record dict is certainly well formed, without building it: the bulk load's check.

``Record.from_dict`` builds every span, speaker and sentence of a record to find what is
wrong with it; a store loading records that ``onrecord analyze`` wrote pays that for
nothing (a third of a record's preparing time).  :func:`well_formed` walks the same dict and
says True only when every test ``from_dict`` makes passes (objects where it wants objects,
``int`` offsets, known kinds and voices, lists where it wants lists, numbers where it calls
``float``).  It is stricter than ``from_dict`` in places (a number given as a string, a
tuple for a list): there it says False, and the caller runs ``from_dict`` for the verdict
and its message, so a record is accepted or refused, with the same message, exactly as
before.
"""
from __future__ import annotations

from typing import Any

from onrecord.model import _KINDS, _VOICES, SCHEMA

_NUM = (int, float)


def _span(s: Any) -> bool:
    return type(s) is dict and type(s.get("start")) is int and type(s.get("end")) is int


def _opt_span(s: Any) -> bool:
    return s is None or _span(s)


def _opt_num(v: Any) -> bool:
    return v is None or type(v) in _NUM


def _spans(v: Any) -> bool:
    """None or a list of spans (``d.get(key) or []`` in ``from_dict``)."""
    if v is None:
        return True
    if type(v) is not list:
        return False
    for s in v:
        if type(s) is not dict or type(s.get("start")) is not int or type(s.get("end")) is not int:
            return False
    return True


def _attribution(a: Any) -> bool:
    if type(a) is not dict or type(a.get("kind")) is not str or a["kind"] not in _KINDS:
        return False
    c = a.get("content")
    if type(c) is not dict:
        return False
    if "spans" in c:
        sp = c["spans"]
        if type(sp) is not list or not sp or not _spans(sp):
            return False
    elif not _span(c):
        return False
    if not (_opt_span(a.get("cue")) and _opt_span(a.get("source"))):
        return False
    for k in ("speaker", "relayed_by", "addressee", "said_on"):
        v = a.get(k)
        if v is not None and type(v) is not dict:
            return False
    if not (_opt_num(a.get("confidence")) and _opt_num(a.get("speaker_confidence"))):
        return False
    ch = a.get("channel")
    if ch is not None and (type(ch) is not dict or (type(ch.get("evidence")) is dict
                                                    and not _span(ch["evidence"]))):
        return False
    ts = a.get("targets")
    if ts is not None:
        if type(ts) is not list:
            return False
        for t in ts:
            if type(t) is not dict or not _opt_num(t.get("stance_probability")) \
                    or not _opt_num(t.get("probability")) or not _opt_span(t.get("mention")):
                return False
    return True


def _list(d: dict[str, Any], key: str) -> Any:
    v = d.get(key)
    return [] if v is None else v if type(v) is list else None


def well_formed(d: Any) -> bool:
    """True when ``Record.from_dict(d)`` certainly succeeds (see the module doc)."""
    if type(d) is not dict or d.get("schema", SCHEMA) != SCHEMA or type(d.get("text")) is not str:
        return False
    src = d.get("source")
    if src is not None and type(src) is not dict:
        return False
    doc = d.get("document")
    if doc is not None:
        if type(doc) is not dict or not _opt_span(doc.get("body")) \
                or not _opt_span(doc.get("analyzed")) or not _spans(doc.get("chrome")):
            return False
    lists = [_list(d, k) for k in ("speakers", "attributions", "sentences", "events",
                                   "warnings", "rejected_quotations")]
    if any(v is None for v in lists):
        return False
    speakers, atts, sentences, events, _, rejected = lists
    for s in speakers:
        if type(s) is not dict or not _spans(s.get("mentions")):
            return False
        al = s.get("aliases")
        if al is not None and type(al) is not list:
            return False
    for a in atts:
        if not _attribution(a):
            return False
    for s in sentences:
        if type(s) is not dict or type(s.get("start")) is not int or type(s.get("end")) is not int:
            return False
        v = s.get("voice")
        if v is not None and (type(v) is not str or v not in _VOICES):
            return False
    for e in events:
        if type(e) is not dict or not _span(e.get("evidence")):
            return False
    for q in rejected:
        if not _span(q) or not _opt_num(q.get("probability")) \
                or not _opt_num(q.get("p_statement")):
            return False
    return True
