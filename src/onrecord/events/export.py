"""The events of many records as one table in the POLECAT-like shape researchers load: one row
per event (date, actor, actor type, recipient, recipient type, PLOVER type, mode, context,
location and country, source document, evidence, who reports it), as CSV or Parquet.

Across documents the same happening told by several outlets is linked: events with the same
PLOVER type, actor, recipient, country and date (a dated event only) share an ``event_key``,
and ``documents`` says in how many documents that key occurs.  An undated event keeps a key of
its own (without a day, "the same attack" cannot be told from another).
"""
from __future__ import annotations

import csv
import hashlib
import io
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable

from onrecord.events.cross import _pairs
from onrecord.text import spreadsheet_safe

COLUMNS = ["event_key", "documents", "date", "date_basis", "plover", "mode", "context",
           "actor", "actor_name", "actor_type", "recipient", "recipient_name", "recipient_type",
           "location", "country", "stated_by", "reported_by", "evidence", "evidences",
           "doc_key", "title", "published", "type"]


def _key(*parts: Any) -> str:
    return hashlib.sha1("\x1f".join(str(p or "") for p in parts).encode("utf-8")).hexdigest()[:16]


def event_key(ev: dict, doc_key: Any, position: int) -> str:
    """The key of event ``ev`` (an event dict, number ``position`` of its document's events):
    shared by the dated events of the same PLOVER type, actor, recipient, country and date;
    an undated event's key is its document's and position's."""
    same = (ev.get("plover"), ev.get("actor"), ev.get("recipient") or ev.get("target"),
            ev.get("country"), ev.get("date"))
    return _key(*same) if ev.get("date") else _key(doc_key, position, *same)


def event_rows(records: Iterable[Any]) -> list[dict]:
    """One row per PLOVER event of ``records`` (records, record dicts or (row, record) pairs)."""
    rows: list[dict] = []
    for info, record in _pairs(records):
        rec = record.to_dict()   # (the rows read the record's serialised form)
        text = rec.get("text") or ""
        for i, ev in enumerate(rec.get("events") or []):
            if not ev.get("plover"):
                continue
            evd = ev.get("evidence") or {}
            rb = ev.get("reported_by") or {}
            key = event_key(ev, info["doc_key"], i)
            rows.append({
                "event_key": key, "date": ev.get("date"), "date_basis": ev.get("date_basis"),
                "plover": ev["plover"], "mode": ev.get("mode"), "context": ev.get("context"),
                "actor": ev.get("actor"), "actor_name": ev.get("actor_name"),
                "actor_type": ev.get("actor_type"),
                "recipient": ev.get("recipient") or ev.get("target"),
                "recipient_name": ev.get("recipient_name") or ev.get("target_name"),
                "recipient_type": ev.get("recipient_type"), "location": ev.get("location"),
                "country": ev.get("country"), "stated_by": ev.get("stated_by") or "author",
                "reported_by": rb.get("name"),
                "evidence": text[evd.get("start", 0):evd.get("end", 0)],
                "evidences": len(ev.get("evidences") or [evd]),
                "doc_key": info["doc_key"], "title": info["title"], "published": info["published"],
                "type": ev.get("type"),
            })
    docs: dict[str, set] = defaultdict(set)
    for r in rows:
        docs[r["event_key"]].add(r["doc_key"])
    for r in rows:
        r["documents"] = len(docs[r["event_key"]])
    rows.sort(key=lambda r: (r["date"] or "9999", r["doc_key"] or ""))
    return rows


def to_csv(rows: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({k: spreadsheet_safe(v) if isinstance(v, str) else v for k, v in r.items()})
    return buf.getvalue()


def write(rows: list[dict], out: Path) -> None:
    """Write ``rows`` to ``out``: ``.parquet`` (pyarrow) or CSV (any other suffix)."""
    if out.suffix.lower() == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist([{c: r.get(c) for c in COLUMNS} for r in rows],
                                     schema=pa.schema([(c, pa.int64() if c in ("documents", "evidences")
                                                        else pa.string()) for c in COLUMNS]))
        pq.write_table(table, out)
        return
    out.write_text(to_csv(rows), encoding="utf-8")
