"""The store's side of events: each document's PLOVER events, and the links between
documents that report the same happening.

Table ``doc_events`` holds one row per PLOVER event of a stored document (its position in
the record's ``events``, type, mode, actor, recipient, country, date, evidence offsets) with
its ``event_key`` (:func:`onrecord.events.export.event_key`): events of the same PLOVER
type, actor, recipient, country and date share a key, so the same happening told by several
outlets is one key over several documents.  An undated event's key is its own (without a
day, "the same attack" cannot be told from another).  Rows are written with the document
(:func:`.write.put`) and taken out when it is replaced or deleted, so a link is always
between documents the store holds.  :func:`event_links` lists the keys reported by at least
``min_documents`` documents; :func:`reports` the documents behind one key.

A store made before this table existed has no rows in it until its documents are ingested
again.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from onrecord.errors import StoreError

if TYPE_CHECKING:  # pragma: no cover
    from onrecord.store.dialect import Dialect

COLUMNS = ("doc_id", "position", "event_key", "plover", "mode", "event_date", "actor",
           "actor_name", "recipient", "recipient_name", "country", "start_offset", "end_offset")


def event_rows(doc_id: int, doc_key: str, rec: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The ``doc_events`` rows of record ``rec`` (a record dict) stored as ``doc_id``."""
    from onrecord.events.export import event_key

    rows = []
    for i, ev in enumerate(rec.get("events") or []):
        if not isinstance(ev, dict) or not ev.get("plover"):
            continue
        evd = ev.get("evidence") or {}
        rows.append((doc_id, i, event_key(ev, doc_key, i), ev["plover"], ev.get("mode"),
                     ev.get("date"), ev.get("actor"), ev.get("actor_name"),
                     ev.get("recipient") or ev.get("target"),
                     ev.get("recipient_name") or ev.get("target_name"), ev.get("country"),
                     evd.get("start"), evd.get("end")))
    return rows


def put_rows(d: Dialect, rows: list[tuple[Any, ...]]) -> None:
    if rows:
        d.insert_rows("doc_events", COLUMNS, rows)


def remove_rows(d: Dialect, doc_id: int) -> None:
    d.execute("DELETE FROM doc_events WHERE doc_id = ?", (doc_id,))


def event_links(d: Dialect, min_documents: int = 2, plover: Optional[str] = None,
                limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Happenings reported by at least ``min_documents`` stored documents, most reported first
    (then newest): key, PLOVER type, mode, date, actor, recipient, country, the number of
    documents and of events, and the documents (id, key, title, published, evidence)."""
    if min_documents < 1 or limit < 0 or offset < 0:
        raise StoreError("min_documents must be at least 1, limit and offset not negative")
    where, params = "", []
    if plover:
        where, params = "WHERE plover = ?", [plover.upper()]
    keys = d.query(
        "SELECT event_key, COUNT(DISTINCT doc_id) AS documents, COUNT(*) AS events, "
        f"MAX(event_date) AS event_date FROM doc_events {where} GROUP BY event_key "
        "HAVING COUNT(DISTINCT doc_id) >= ? ORDER BY documents DESC, event_date DESC, event_key "
        "LIMIT ? OFFSET ?", (*params, min_documents, limit, offset))
    return [dict(reports(d, k["event_key"]), events=int(k["events"])) for k in keys]


def reports(d: Dialect, key: str) -> dict[str, Any]:
    """The happening ``key`` and the stored documents that report it (oldest first)."""
    from onrecord.store import codec

    rows = d.query(
        "SELECT e.doc_id, e.position, e.plover, e.mode, e.event_date, e.actor, e.actor_name, "
        "e.recipient, e.recipient_name, e.country, e.start_offset, e.end_offset, doc.key, "
        "doc.title, doc.published, doc.text FROM doc_events e JOIN documents doc ON doc.id = e.doc_id "
        "WHERE e.event_key = ? ORDER BY doc.published, e.doc_id, e.position", (key,))
    if not rows:
        return {"event_key": key, "documents": 0, "reports": []}
    first = rows[0]
    out: dict[str, Any] = {
        "event_key": key, "plover": first["plover"], "mode": first["mode"],
        "date": first["event_date"], "actor": first["actor"], "actor_name": first["actor_name"],
        "recipient": first["recipient"], "recipient_name": first["recipient_name"],
        "country": first["country"], "documents": len({r["doc_id"] for r in rows}), "reports": []}
    for r in rows:
        text = codec.unpack_text(r["text"])
        a, b = r["start_offset"], r["end_offset"]
        out["reports"].append({"doc_id": int(r["doc_id"]), "doc_key": r["key"], "title": r["title"],
                               "published": r["published"], "position": int(r["position"]),
                               "evidence": text[a:b] if a is not None and b is not None else None})
    return out


def event_documents(d: Dialect, speaker: Optional[str] = None, actor: Optional[str] = None,
                    limit: int = 2000) -> list[int]:
    """Ids of the stored documents a timeline reads, newest first, at most ``limit``: those
    with an event whose actor or recipient holds ``actor``, or whose actor holds ``speaker`` or
    that know a speaker whose name, id or alias holds ``speaker`` (the same containment as
    :func:`onrecord.events.cross.timeline`, so the timeline of these documents is the
    archive's), or, with neither, every document with an event."""
    import re

    def pats(q: str) -> list[str]:
        low = q.lower().strip()
        slug = re.sub(r"[^a-z0-9]+", "-", low).strip("-")
        return sorted({f"%{low}%", f"%{slug}%"} - {"%%"})

    def like(cols: tuple[str, ...], ps: list[str]) -> list[str]:
        params.extend(p for _ in cols for p in ps)
        return [f"LOWER({c}) LIKE ?" for c in cols for _ in ps]

    conds: list[str] = []
    params: list[Any] = []
    if actor:
        conds.append("(" + " OR ".join(like(("e.actor", "e.actor_name", "e.recipient", "e.recipient_name"),
                                            pats(actor))) + ")")
    if speaker:
        ps = pats(speaker)
        ors = like(("e.actor", "e.actor_name"), ps)
        known = " OR ".join(like(("name", "id", "aliases"), ps))
        ors.append("e.doc_id IN (SELECT ds.doc_id FROM doc_speakers ds WHERE ds.speaker_id IN "
                   f"(SELECT id FROM speakers WHERE {known}))")
        conds.append("(" + " OR ".join(ors) + ")")
    where = ("WHERE " + " AND ".join(conds)) if conds else ""
    rows = d.query(
        "SELECT e.doc_id, MAX(doc.published) AS published FROM doc_events e JOIN documents doc "
        f"ON doc.id = e.doc_id {where} GROUP BY e.doc_id ORDER BY published DESC, e.doc_id DESC "
        "LIMIT ?", (*params, limit))
    return [int(r["doc_id"]) for r in rows]
