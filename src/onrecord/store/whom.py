"""The store's side of "to and about whom": writing, filtering and summing up each statement's
date (``said_on``), channel, addressee and targets with stance.

Tables ``statement_whom`` (one row per statement) and ``statement_about`` (one per target,
``rank`` 0 the main one) — see :mod:`.schema`.  Used by :class:`~.core.Store`.
"""
from __future__ import annotations

from typing import Optional

from onrecord.store.dialect import StoreError
from onrecord.store.query import speaker_filter

STANCES = ("critical", "supportive", "neutral")
SAID_ON = "COALESCE(w.said_on, s.published)"   # a statement's own date, else its document's


def put_whom(d, sid: int, a: dict, published: Optional[str]) -> None:
    """Store statement ``sid``'s date, channel, addressee basis and targets (attribution ``a``)."""
    said = a.get("said_on") or {}
    ch = a.get("channel") or {}
    d.execute("INSERT INTO statement_whom (statement_id, said_on, said_on_basis, channel, "
              "channel_name, addressee_basis) VALUES (?, ?, ?, ?, ?, ?)",
              (sid, said.get("date") or published, said.get("basis"), ch.get("type"),
               ch.get("name"), a.get("addressee_basis")))
    seen: set[str] = set()
    for rank, t in enumerate(a.get("targets") or []):
        if t.get("id") and t["id"] not in seen:
            seen.add(t["id"])
            d.execute("INSERT INTO statement_about (statement_id, speaker_id, name, stance, rank) "
                      "VALUES (?, ?, ?, ?, ?)",
                      (sid, t["id"], t.get("name") or t["id"], t.get("stance") or "neutral", rank))


def whom_filters(dialect, where: list, params: list, since: Optional[str] = None,
                 until: Optional[str] = None, target: Optional[str] = None,
                 stance: Optional[str] = None, channel: Optional[str] = None,
                 addressee: Optional[str] = None) -> None:
    """SQL conditions on statements ``s`` (joined with ``statement_whom w``): said on or after
    ``since`` and on or before ``until`` (ISO dates; the statement's own date, else the
    publication date), about ``target`` (a name, alias or id, matched like a speaker), with
    ``stance`` toward it (alone: toward the main target), made through ``channel``, said to
    ``addressee``."""
    for value, op in ((since, ">="), (until, "<=")):
        if value:
            where.append(f"{SAID_ON} {op} ?")
            params.append(value)
    if stance is not None and stance not in STANCES:
        raise StoreError(f"invalid stance {stance!r}: use one of {', '.join(STANCES)}")
    if target is not None:
        ids_sql = speaker_filter(dialect, target, params).replace("s.speaker_id", "t.speaker_id")
        extra = ""
        if stance:
            extra = " AND t.stance = ?"
            params.append(stance)
        where.append(f"EXISTS (SELECT 1 FROM statement_about t WHERE t.statement_id = s.id "
                     f"AND {ids_sql}{extra})")
    elif stance:
        where.append("EXISTS (SELECT 1 FROM statement_about t WHERE t.statement_id = s.id "
                     "AND t.rank = 0 AND t.stance = ?)")
        params.append(stance)
    if channel:
        where.append("w.channel = ?")
        params.append(channel)
    if addressee is not None:
        where.append(speaker_filter(dialect, addressee, params).replace("s.speaker_id", "s.addressee_id"))


def add_targets(dialect, rows: list[dict]) -> None:
    """Each statement row's ``targets``: [{id, name, stance}], the main one first."""
    for r in rows:
        r["targets"] = []
    by_id = {r["id"]: r for r in rows}
    ids = list(by_id)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for t in dialect.query(
                "SELECT statement_id, speaker_id, name, stance FROM statement_about WHERE "
                "statement_id IN (" + ", ".join("?" * len(chunk)) + ") ORDER BY statement_id, rank",
                chunk):
            by_id[t["statement_id"]]["targets"].append(
                {"id": t["speaker_id"], "name": t["name"], "stance": t["stance"]})


def speaker_whom(d, speaker_id: str) -> tuple[list[dict], list[dict]]:
    """Whom a speaker's statements address most, and whom they are about, with the count of
    each stance: ([{id, name, n}], [{id, name, n, critical, supportive, neutral}])."""
    addresses = [
        {"id": r["addressee_id"], "name": r["name"] or r["addressee_id"], "n": int(r["n"])}
        for r in d.query(
            "SELECT s.addressee_id, MAX(o.name) AS name, COUNT(*) AS n FROM statements s "
            "LEFT JOIN speakers o ON o.id = s.addressee_id WHERE s.speaker_id = ? AND "
            "s.addressee_id IS NOT NULL GROUP BY s.addressee_id ORDER BY n DESC, s.addressee_id "
            "LIMIT 50", (speaker_id,))]
    stance_of: dict[str, dict] = {}
    for r in d.query(
            "SELECT t.speaker_id, MAX(t.name) AS name, t.stance, COUNT(*) AS n FROM statement_about t "
            "JOIN statements s ON s.id = t.statement_id WHERE s.speaker_id = ? "
            "GROUP BY t.speaker_id, t.stance", (speaker_id,)):
        e = stance_of.setdefault(r["speaker_id"], {"id": r["speaker_id"], "name": r["name"], "n": 0,
                                                   "critical": 0, "supportive": 0, "neutral": 0})
        e[r["stance"]] = e.get(r["stance"], 0) + int(r["n"])
        e["n"] += int(r["n"])
    return addresses, sorted(stance_of.values(), key=lambda e: (-e["n"], e["id"]))[:50]
