"""How a listing is read without scanning the archive: statements and documents pages.

Statements are listed newest first (or oldest first), undated last, ties by document
and position.  Statement ids are that order (:mod:`onrecord.store.codec`), so a page is
one backward range read on an index whose last column is the id:

* no filter: the table itself (SQLite keeps it in id order);
* speaker: the speaker filter is first resolved to speaker ids (whole words of names
  and aliases, parts of ids, looked up in ``speaker_terms``); each id with many
  statements is read on its own, ids with few are read together, the most quoted
  first, each read only for rows newer than the page found so far, and the pages are
  merged;
* kind: its index; a date range (on the statement's own date, ``said_on``, else the
  publication date): an id range, widened by how far any ``said_on`` lies from its
  publication day (:func:`onrecord.store.whom.date_range`);
* target, addressee: their statements (few: read by id; many: checked row by row in id
  order); stance, channel: checked row by row;
* full text on SQLite: FTS5 returns matches in id order, newest first, so the page
  ends after ``limit`` matches; when the other filters leave few candidates
  (a speaker, a document), each candidate is checked against the index instead.
  On PostgreSQL, the planner chooses between the GIN index and the id order.

``after`` (a statement or document id of the previous page) continues a listing from
there: a keyset page, as fast deep in the archive as at its start.  ``offset`` still
works but reads the rows it skips.
"""
from __future__ import annotations

import json
from typing import Any, Optional

from onrecord.errors import StoreError
from onrecord.store import codec
from onrecord.store import whom as _whom
from onrecord.store.dialect import Dialect
from onrecord.store.query import parse_date, parse_query, speaker_matcher, to_fts5

KINDS = ("direct", "mixed", "indirect")
STATEMENT_COLS = (
    "s.id, s.doc_id, d.title AS doc_title, d.key AS doc_key, s.attr_id, s.kind, "
    "s.speaker_id, s.speaker_name, s.source_text, s.cue_text, s.content, s.start_offset, "
    "s.end_offset, s.addressee_id, s.relayed_by_id, s.confidence, d.published")
# speakers with more statements than this are read one by one; the others together
BIG_SPEAKER = 2000
SMALL_GROUP = 5000
# a full-text query with a speaker or document filter whose candidates number at most
# this checks each candidate against the index (about 20-50 µs each) instead of reading
# the query's matches in id order and checking each against the filter
PROBE_LIMIT = 2000


def resolve_speakers(d: Dialect, name: str) -> dict[str, int]:
    """Speaker ids the filter ``name`` matches (whole words of a name or alias, or parts
    of an id; see :func:`onrecord.store.query.speaker_matcher`), with their statement
    counts.  Candidates come from ``speaker_terms``; no name is scanned."""
    matches = speaker_matcher(name)
    terms = codec.filter_terms(name)
    cands = {r["speaker_id"] for r in d.query(
        f"SELECT speaker_id FROM speaker_terms WHERE term IN ({', '.join('?' * len(terms))})",
        terms)}
    out: dict[str, int] = {}
    cands_l = sorted(cands)
    for i in range(0, len(cands_l), 500):
        chunk = cands_l[i:i + 500]
        for r in d.query("SELECT id, name, aliases, n_statements FROM speakers "
                         f"WHERE id IN ({', '.join('?' * len(chunk))})", chunk):
            if matches(r["name"], json.loads(r["aliases"] or "[]"), r["id"]):
                out[r["id"]] = int(r["n_statements"])
    return out


def _groups(ids: dict[str, int]) -> list[list[str]]:
    """Speaker ids in reading groups: a big speaker alone, small ones together."""
    groups: list[list[str]] = []
    small: list[str] = []
    total = 0
    for sid, n in sorted(ids.items(), key=lambda x: (-x[1], x[0])):
        if n == 0:
            continue
        if n > BIG_SPEAKER:
            groups.append([sid])
            continue
        if total + n > SMALL_GROUP and small:
            groups.append(small)
            small, total = [], 0
        small.append(sid)
        total += n
    if small:
        groups.append(small)
    return groups


def statements(d: Dialect, q: Optional[str] = None, speaker: Optional[str] = None,
               kind: Optional[str] = None, since: Optional[str] = None,
               until: Optional[str] = None, doc_id: Optional[int] = None,
               speaker_id: Optional[str] = None, limit: int = 100, offset: int = 0,
               oldest_first: bool = False, after: Optional[int] = None,
               target: Optional[str] = None, stance: Optional[str] = None,
               channel: Optional[str] = None, addressee: Optional[str] = None) -> list[dict[str, Any]]:
    """Statements matching all given filters (``q`` is full-text on the content;
    ``since``/``until`` on ``said_on``; the others: :func:`onrecord.store.whom.filters`)."""
    node = parse_query(q) if q else None
    where: list[str] = []
    params: list[Any] = []
    narrow = _whom.filters(d, where, params, lambda name: resolve_speakers(d, name),
                           target=target, stance=stance, channel=channel, addressee=addressee)
    if narrow is None:
        return []
    ids: Optional[dict[str, int]] = None
    if speaker is not None:
        ids = resolve_speakers(d, speaker)
    if speaker_id:
        if ids is None:
            row = d.query_one("SELECT n_statements FROM speakers WHERE id = ?", (speaker_id,))
            ids = {speaker_id: int(row["n_statements"]) if row else 0}
        else:
            ids = {k: v for k, v in ids.items() if k == speaker_id}
    if kind:
        if kind not in KINDS:
            raise StoreError(f"invalid kind {kind!r}: use one of {', '.join(KINDS)}")
        where.append((d.no_index("s.kind") if ids is not None or doc_id is not None or narrow
                      else "s.kind") + " = ?")
        params.append(kind)
    s, u = parse_date(since), parse_date(until, end=True)
    lo, hi = _whom.date_range(d, s, u)
    if s:
        where.append(f"{_whom.SAID_ON} >= ?")
        params.append(s)
    if u:
        where.append(f"{_whom.SAID_ON} <= ?")
        params.append(u)
    if doc_id is not None:
        where.append("s.doc_id = ?")
        params.append(int(doc_id))
    if after is not None:
        lo_a, hi_a = (None, int(after) - 1) if not oldest_first else (int(after) + 1, None)
        lo = lo_a if lo is None or (lo_a is not None and lo_a > lo) else lo
        hi = hi_a if hi is None or (hi_a is not None and hi_a < hi) else hi
    limit, offset = max(0, int(limit)), max(0, int(offset))
    n = offset + limit
    if n == 0 or (ids is not None and not any(ids.values())):
        return []
    few = doc_id is not None or narrow or (ids is not None and sum(ids.values()) <= PROBE_LIMIT)
    fts_driven = node is not None and d.name == "sqlite" and not few
    if node is not None and not fts_driven:
        where.append(d.statement_match(node, params))
    groups = _groups(ids) if ids is not None and not fts_driven else [None]
    if fts_driven and ids is not None:
        marks = ", ".join("?" * len(ids))
        where.append(f"s.speaker_id IN ({marks})")
        params += sorted(ids)
    pages: list[list[dict[str, Any]]] = []
    best: list[int] = []  # newest first: the ids of the best n rows read so far
    for g in groups:
        w, p = list(where), list(params)
        g_lo = lo
        if not oldest_first and len(best) >= n:
            # a later group only matters for rows newer than the n-th best so far
            g_lo = best[n - 1] + 1 if lo is None else max(lo, best[n - 1] + 1)
        if g is not None:
            w.insert(0, "s.speaker_id = ?" if len(g) == 1 else
                     f"s.speaker_id IN ({', '.join('?' * len(g))})")
            p = list(g) + p
        if fts_driven:
            assert node is not None
            pages.append(_page(d, "statements_fts f JOIN statements s ON s.id = f.rowid "
                                  "JOIN documents d ON d.id = s.doc_id",
                               ["statements_fts MATCH ?"] + w, [to_fts5(node)] + p,
                               n, oldest_first, lo, hi, idcol="f.rowid"))
        else:
            pages.append(_page(d, "statements s JOIN documents d ON d.id = s.doc_id", w, p, n,
                               oldest_first, g_lo, hi))
        if not oldest_first and len(groups) > 1:
            best = sorted(best + [r["id"] for r in pages[-1]], reverse=True)[:n]
    rows = pages[0] if len(pages) == 1 else _merge(pages, oldest_first)
    return _whom.add_whom(d, fill_content(d, rows[offset:n]))


def fill_content(d: Dialect, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Put in each row's ``content`` that is stored as a slice of its document's text."""
    need = sorted({r["doc_id"] for r in rows if r["content"] is None})
    texts: dict[int, str] = {}
    for i in range(0, len(need), 500):
        chunk = need[i:i + 500]
        for t in d.query(f"SELECT id, text FROM documents WHERE id IN "
                         f"({', '.join('?' * len(chunk))})", chunk):
            texts[t["id"]] = codec.unpack_text(t["text"])
    for r in rows:
        if r["content"] is None:
            r["content"] = texts.get(r["doc_id"], "")[r["start_offset"]:r["end_offset"]]
    return rows


def _merge(pages: list[list[dict[str, Any]]], oldest_first: bool) -> list[dict[str, Any]]:
    rows = [r for page in pages for r in page]
    if oldest_first:
        dated = sorted((r for r in rows if r["id"] >= codec.DATED_MIN),
                       key=lambda r: codec.oldest_first_order(r["id"]))
        undated = sorted((r for r in rows if r["id"] < codec.DATED_MIN), key=lambda r: -r["id"])
        return dated + undated
    return sorted(rows, key=lambda r: -r["id"])


def _page(d: Dialect, source: str, where: list[str], params: list[Any], n: int,
          oldest_first: bool, lo: Optional[int], hi: Optional[int],
          idcol: str = "s.id") -> list[dict[str, Any]]:
    """The first ``n`` rows of one id-ordered read."""
    def read(extra: list[str], extra_params: list[Any], order: str, limit: Optional[int]) \
            -> list[dict[str, Any]]:
        w = where + extra
        sql = f"SELECT {STATEMENT_COLS} FROM {source}"
        if w:
            sql += " WHERE " + " AND ".join(w)
        sql += f" ORDER BY {idcol} {order}"
        if limit is not None:
            sql += " LIMIT ?"
        return d.query(sql, params + extra_params + ([limit] if limit is not None else []))

    def bounds(a: Optional[int], b: Optional[int]) -> tuple[list[str], list[Any]]:
        w, p = [], []
        if a is not None:
            w.append(f"{idcol} >= ?")
            p.append(a)
        if b is not None:
            w.append(f"{idcol} <= ?")
            p.append(b)
        return w, p

    if not oldest_first:
        w, p = bounds(lo, hi)
        return read(w, p, "DESC", n)
    # oldest first: dated statements by day, then the undated ones.  Within a day the order
    # is descending id: the days before the last one read are whole, and the last day's
    # first rows are read from its end (never the whole day: a busy day holds thousands)
    first = max(lo or 0, codec.DATED_MIN)
    w, p = bounds(first, hi)
    rows = read(w, p, "ASC", n)
    if len(rows) == n:
        day_start, day_end = codec.day_bounds(rows[-1]["id"])
        rows = [r for r in rows if r["id"] < day_start]
        w, p = bounds(max(first, day_start), min(day_end, hi) if hi is not None else day_end)
        rows += read(w, p, "DESC", n - len(rows))
        rows.sort(key=lambda r: codec.oldest_first_order(r["id"]))
        return rows
    rows.sort(key=lambda r: codec.oldest_first_order(r["id"]))
    if (lo is None or lo < codec.DATED_MIN):
        w, p = bounds(lo, codec.DATED_MIN - 1 if hi is None else min(hi, codec.DATED_MIN - 1))
        rows += read(w, p, "DESC", n - len(rows))
    return rows


# ------------------------------------------------------------------ documents

DOC_COLS = ("d.id, d.key, d.sha256, d.path, d.url, d.title, d.author, d.published, "
            "d.ingested_at, d.n_statements, d.n_speakers")
DOC_MATCH_FEW = 5000


def documents(d: Dialect, q: Optional[str] = None, since: Optional[str] = None,
              until: Optional[str] = None, limit: int = 50, offset: int = 0,
              after: Optional[int] = None) -> list[dict[str, Any]]:
    """Document summaries, newest first (undated last); ``q`` searches title and text."""
    where, params = [], []
    if q:
        node = parse_query(q)
        if d.name == "sqlite":
            expr = to_fts5(node)
            n = d.query_row("SELECT COUNT(*) AS n FROM (SELECT rowid FROM documents_fts WHERE "
                            "documents_fts MATCH ? LIMIT ?)", (expr, DOC_MATCH_FEW + 1))["n"]
            if n <= DOC_MATCH_FEW:
                where.append("d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts "
                             "MATCH ?)")
            else:  # a common word: read in date order, checking each document
                where.append("EXISTS (SELECT 1 FROM documents_fts WHERE documents_fts MATCH ? "
                             "AND rowid = d.id)")
            params.append(expr)
        else:
            where.append(d.document_match(node, params))
    s, u = parse_date(since), parse_date(until, end=True)
    if s:
        where.append("d.published >= ?")
        params.append(s)
    if u:
        where.append("d.published <= ?")
        params.append(u)
    if after is not None:
        row = d.query_one("SELECT id, published FROM documents WHERE id = ?", (int(after),))
        if row is None:
            raise StoreError(f"no document {after}: 'after' takes the id of a listed document")
        if row["published"] is None:
            where.append("(d.published IS NULL AND d.id < ?)")
            params.append(row["id"])
        else:
            where.append("(d.published < ? OR (d.published = ? AND d.id < ?) "
                         "OR d.published IS NULL)")
            params += [row["published"], row["published"], row["id"]]
    sql = f"SELECT {DOC_COLS} FROM documents d"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {d.order_documents()} LIMIT ? OFFSET ?"
    return d.query(sql, params + [int(limit), int(offset)])
