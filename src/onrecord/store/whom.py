"""The store's side of "to and about whom": writing, filtering and reading back each
statement's date (``said_on``), channel, addressee and targets with stance.

Tables ``statement_whom`` (one row per statement that has any of these),
``statement_about`` (one per target, ``rank`` 0 the main one) and ``speaker_whom`` (per
speaker, how many statements address each other speaker or are about it with each stance,
kept at write time like ``speaker_links``) — see :mod:`.schema`.
:func:`whom_rows` is called by :func:`.write.put`, :func:`filters` and :func:`date_range` by
:func:`.listing.statements`, :func:`add_whom` fills a page's rows.

A statement id is its *publication* day (:mod:`.codec`), but ``since``/``until`` are on the
statement's own date (``said_on``, else the publication date).  So that a date filter still
reads an id range, the store keeps in ``meta`` how far any ``said_on`` lies after
(``said_on_ahead``) or before (``said_on_behind``) its publication day, in days, and whether
an undated document has a dated statement (``said_on_undated``); these only grow (a bound,
never too tight).  A store made before these tables existed has no rows in them until its
documents are ingested again: its statements are dated by publication.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional, Sequence

from onrecord.errors import StoreError
from onrecord.store import codec
from onrecord.store.merge import Merge

if TYPE_CHECKING:  # pragma: no cover
    from onrecord.store.dialect import Dialect

STANCES = ("critical", "supportive", "neutral")
SAID_ON = ("COALESCE((SELECT w.said_on FROM statement_whom w WHERE w.statement_id = s.id), "
           "d.published)")  # a statement's own date, else its document's
# speaker_whom rows of one key put off in a bulk load: n added, the last name given kept
_WHOM_COUNT = Merge(3, sums=(4,), keep_known=(3,))
# a target or addressee filter with at most this many statements reads them by id
FEW = 2000


def whom_rows(sid: int, a: dict[str, Any]) -> tuple[Optional[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The ``statement_whom`` row (None when the attribution has none of its fields) and the
    ``statement_about`` rows of statement ``sid`` (attribution ``a``)."""
    said = a.get("said_on") or {}
    ch = a.get("channel") or {}
    values = (said.get("date"), said.get("basis"), ch.get("type"), ch.get("name"),
              a.get("addressee_basis"))
    row = (sid,) + values if any(v is not None for v in values) else None
    about, seen = [], set()
    for rank, t in enumerate(a.get("targets") or []):
        if t.get("id") and t["id"] not in seen:
            seen.add(t["id"])
            about.append((sid, t["id"], t.get("name") or t["id"], t.get("stance") or "neutral",
                          rank))
    return row, about


def put_rows(d: Dialect, whom: Sequence[Sequence[Any]], about: Sequence[Sequence[Any]],
             published: Optional[str], statements: Sequence[Sequence[Any]]) -> None:
    """Insert a document's whom rows (``statements``: its statement rows, id first, speaker
    5th, addressee 12th); add to the speakers' ``speaker_whom`` counts; widen the
    ``said_on`` bounds kept in ``meta``."""
    spk = {r[0]: r[4] for r in statements}
    counts: Counter[Any] = Counter()
    names: dict[tuple[Any, ...], str] = {}
    for r in statements:
        if r[4] and r[11]:
            counts[(r[4], "addressee", r[11])] += 1
    for sid, other, name, stance, _ in about:
        if spk.get(sid):
            counts[(spk[sid], stance, other)] += 1
            names[(spk[sid], stance, other)] = name
    if counts:
        d.add_rows("INSERT INTO speaker_whom (speaker_id, relation, other_id, name, n) VALUES "
                      "(?, ?, ?, ?, ?) ON CONFLICT (speaker_id, relation, other_id) DO UPDATE SET "
                      "n = speaker_whom.n + excluded.n, name = COALESCE(excluded.name, "
                      "speaker_whom.name)",
                   [k + (names.get(k), n) for k, n in sorted(counts.items())], _WHOM_COUNT)
    if whom:
        d.insert_rows("statement_whom", ("statement_id", "said_on", "said_on_basis", "channel",
                                         "channel_name", "addressee_basis"),
                      sorted(whom, key=lambda r: r[0]))  # ascending keys fill the pages
    if about:
        d.insert_rows("statement_about", ("statement_id", "speaker_id", "name", "stance",
                                          "rank"), sorted(about, key=lambda r: (r[0], r[1])))
    days = [codec.day_of(r[1]) for r in whom if r[1]]
    days = [x for x in days if x]
    if not days:
        return
    pub = codec.day_of(published)
    if d.deferred is None:
        bounds = _bounds(d)
    else:  # a bulk load: read once (dropped when a record fails: its savepoint undid them)
        bounds = d.said_on_bounds = d.said_on_bounds or _bounds(d)
    new = dict(bounds)
    if not pub:
        new["said_on_undated"] = 1
    else:
        new["said_on_ahead"] = max(bounds["said_on_ahead"], max(days) - pub)
        new["said_on_behind"] = max(bounds["said_on_behind"], pub - min(days))
    for k, v in new.items():
        if v != bounds[k]:
            d.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
                      "SET value = excluded.value", (k, str(v)))
    if d.deferred is not None:
        d.said_on_bounds = new


def _bounds(d: Dialect) -> dict[str, int]:
    out = {"said_on_ahead": 0, "said_on_behind": 0, "said_on_undated": 0}
    for r in d.query("SELECT key, value FROM meta WHERE key IN (?, ?, ?)", tuple(out)):
        out[r["key"]] = int(r["value"])
    return out


_COUNT_SQL = (
    "SELECT s.speaker_id, 'addressee' AS relation, s.addressee_id AS other_id, NULL AS name, "
    "COUNT(*) AS n FROM statements s WHERE {cond} AND s.speaker_id IS NOT NULL AND "
    "s.addressee_id IS NOT NULL GROUP BY s.speaker_id, s.addressee_id",
    "SELECT s.speaker_id, t.stance AS relation, t.speaker_id AS other_id, MAX(t.name) AS name, "
    "COUNT(*) AS n FROM statements s JOIN statement_about t ON t.statement_id = s.id "
    "WHERE {cond} AND s.speaker_id IS NOT NULL GROUP BY s.speaker_id, t.stance, t.speaker_id")


def remove_rows(d: Dialect, doc_id: int) -> None:
    """Take the whom rows of document ``doc_id``'s statements out (before the statements),
    and their counts."""
    gone = [(int(r["n"]), r["speaker_id"], r["relation"], r["other_id"])
            for sql in _COUNT_SQL for r in d.query(sql.format(cond="s.doc_id = ?"), (doc_id,))]
    if gone:
        d.executemany("UPDATE speaker_whom SET n = n - ? WHERE speaker_id = ? AND relation = ? "
                      "AND other_id = ?", gone)
        d.executemany("DELETE FROM speaker_whom WHERE speaker_id = ? AND relation = ? AND "
                      "other_id = ? AND n <= 0", [g[1:] for g in gone])
    for table in ("statement_whom", "statement_about"):
        d.execute(f"DELETE FROM {table} WHERE statement_id IN "
                  "(SELECT id FROM statements WHERE doc_id = ?)", (doc_id,))


def recount(d: Dialect, sid: str, ids: tuple[Any, ...]) -> None:
    """Recompute the ``speaker_whom`` rows of speaker ``sid`` both ways from the statement
    rows, dropping those of ``ids`` (``sid`` and the speakers merged into it)."""
    marks = ", ".join("?" * len(ids))
    d.execute(f"DELETE FROM speaker_whom WHERE speaker_id IN ({marks}) OR other_id IN ({marks})",
              ids + ids)
    for sql in _COUNT_SQL:
        d.execute("INSERT INTO speaker_whom (speaker_id, relation, other_id, name, n) "
                  + sql.format(cond="s.speaker_id = ?"), (sid,))
    d.execute("INSERT INTO speaker_whom (speaker_id, relation, other_id, name, n) "
              + _COUNT_SQL[0].format(cond="s.addressee_id = ? AND s.speaker_id != ?"), (sid, sid))
    d.execute("INSERT INTO speaker_whom (speaker_id, relation, other_id, name, n) "
              + _COUNT_SQL[1].format(cond="t.speaker_id = ? AND s.speaker_id != ?"), (sid, sid))


def date_range(d: Dialect, since: Optional[str], until: Optional[str]) -> tuple[Optional[int],
                                                                        Optional[int]]:
    """The id range that holds every statement said in ``[since, until]``."""
    b = _bounds(d)
    lo = hi = None
    if since:
        lo = max(codec.day_of(since) - b["said_on_ahead"], 1) << codec.DAY_SHIFT
    if until:
        hi = ((codec.day_of(until) + b["said_on_behind"] + 1) << codec.DAY_SHIFT) - 1
    if b["said_on_undated"]:
        lo = None  # undated documents (the lowest ids) may hold statements of any date
    return lo, hi


def filters(d: Dialect, where: list[Any], params: list[Any], ids_of: Callable[[str], Iterable[str]],
            target: Optional[str] = None,
            stance: Optional[str] = None, channel: Optional[str] = None,
            addressee: Optional[str] = None) -> Optional[bool]:
    """Conditions on statements ``s``: about ``target`` (a name, alias or id, matched like a
    speaker; ``ids_of`` resolves it), with ``stance`` toward it (alone: toward the main
    target), made through ``channel``, said to ``addressee``.  Returns None when nothing can
    match, True when the conditions leave few candidates (read by id), else False."""
    if stance is not None and stance not in STANCES:
        raise StoreError(f"invalid stance {stance!r}: use one of {', '.join(STANCES)}")
    few = False
    for name, table, extra, extra_params in (
            (target, "statement_about", " AND stance = ?" if stance else "",
             [stance] if stance else []),
            (addressee, "statement_targets", " AND relation = 'addressee'", [])):
        if name is None:
            continue
        ids = sorted(ids_of(name))
        if not ids:
            return None
        marks = ", ".join("?" * len(ids))
        cond = f"SELECT statement_id FROM {table} WHERE speaker_id IN ({marks}){extra}"
        n = int(d.query_row(f"SELECT COUNT(*) AS n FROM ({cond} LIMIT {FEW + 1}) c",
                            ids + extra_params)["n"])
        if n == 0:
            return None
        if n <= FEW:
            sids = sorted({int(r["statement_id"]) for r in d.query(cond, ids + extra_params)})
            where.append(f"s.id IN ({', '.join('?' * len(sids))})")
            params.extend(sids)
            few = True
        else:
            where.append(f"EXISTS ({cond} AND statement_id = s.id)")
            params.extend(ids + extra_params)
    if stance and target is None:
        where.append("EXISTS (SELECT 1 FROM statement_about t WHERE t.statement_id = s.id "
                     "AND t.rank = 0 AND t.stance = ?)")
        params.append(stance)
    if channel:
        where.append("EXISTS (SELECT 1 FROM statement_whom w WHERE w.statement_id = s.id "
                     "AND w.channel = ?)")
        params.append(channel)
    return few


def add_whom(d: Dialect, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each statement row's ``said_on`` (else its publication date), ``said_on_basis``,
    ``channel``, ``channel_name``, ``addressee_basis``, ``addressee_name`` and ``targets``
    ([{id, name, stance}], the main one first)."""
    by_id = {r["id"]: r for r in rows}
    for r in rows:
        r.update(said_on=r.get("published"), said_on_basis=None, channel=None,
                 channel_name=None, addressee_basis=None, addressee_name=None, targets=[])
    ids = list(by_id)
    addressees = sorted({r["addressee_id"] for r in rows if r.get("addressee_id")})
    names: dict[str, str] = {}
    for i in range(0, len(addressees), 500):
        chunk = addressees[i:i + 500]
        for r in d.query(f"SELECT id, name FROM speakers WHERE id IN ({', '.join('?' * len(chunk))})",
                         chunk):
            names[r["id"]] = r["name"]
    for r in rows:
        if r.get("addressee_id"):
            r["addressee_name"] = names.get(r["addressee_id"])
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ", ".join("?" * len(chunk))
        for w in d.query("SELECT statement_id, said_on, said_on_basis, channel, channel_name, "
                         f"addressee_basis FROM statement_whom WHERE statement_id IN ({marks})",
                         chunk):
            r = by_id[w["statement_id"]]
            r.update({k: w[k] for k in ("said_on_basis", "channel", "channel_name",
                                        "addressee_basis")})
            r["said_on"] = w["said_on"] or r["said_on"]
        for t in d.query("SELECT statement_id, speaker_id, name, stance FROM statement_about "
                         f"WHERE statement_id IN ({marks}) ORDER BY statement_id, rank", chunk):
            by_id[t["statement_id"]]["targets"].append(
                {"id": t["speaker_id"], "name": t["name"], "stance": t["stance"]})
    return rows


def speaker_whom(d: Dialect, speaker_id: str, limit: int = 50) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Whom a speaker's statements address most, and whom they are about, with the count of
    each stance: ([{id, name, n}], [{id, name, n, critical, supportive, neutral}]), from the
    counts kept at write time (``speaker_whom``)."""
    addresses = [
        {"id": r["other_id"], "name": r["name"] or r["other_id"], "n": int(r["n"])}
        for r in d.query(
            "SELECT w.other_id, o.name, w.n FROM speaker_whom w LEFT JOIN speakers o ON "
            "o.id = w.other_id WHERE w.speaker_id = ? AND w.relation = 'addressee' "
            "ORDER BY w.n DESC, w.other_id LIMIT ?", (speaker_id, limit))]
    stance_of: dict[str, dict[str, Any]] = {}
    marks = ", ".join("?" * len(STANCES))
    for r in d.query(f"SELECT other_id, relation, name, n FROM speaker_whom WHERE speaker_id = ? "
                     f"AND relation IN ({marks})", (speaker_id,) + STANCES):
        e = stance_of.setdefault(r["other_id"], {"id": r["other_id"], "name": r["name"], "n": 0,
                                                 "critical": 0, "supportive": 0, "neutral": 0})
        e["name"] = max(e["name"] or "", r["name"] or "") or r["other_id"]
        e[r["relation"]] = e.get(r["relation"], 0) + int(r["n"])
        e["n"] += int(r["n"])
    return addresses, sorted(stance_of.values(), key=lambda e: (-e["n"], e["id"]))[:limit]
