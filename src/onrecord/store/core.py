"""The archive store: documents, statements and speakers, searchable.

Open one with :func:`open_store` (a path → embedded SQLite; ``postgresql://…`` →
PostgreSQL).  Both back ends share this code; :mod:`onrecord.store.dialect` holds
what differs.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Union

from onrecord.errors import StoreError
from onrecord.model import Record
from onrecord.store import bulk, codec, events, listing, whom, write
from onrecord.store.dialect import Dialect, PostgresDialect, SQLiteDialect
from onrecord.store.query import like_pattern as _like  # noqa: F401

DEFAULT_DB = "onrecord.db"
KINDS = listing.KINDS
MAX_ID = 2 ** 63 - 1  # document ids are 64-bit integers on both back ends

RecordLike = Union[Record, dict[str, Any]]


def default_db() -> str:
    return os.environ.get("ONRECORD_DB") or DEFAULT_DB


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def open_store(url_or_path: Optional[str] = None, create: bool = True) -> "Store":
    """Open the store at a path or a ``postgresql://`` URL; a missing SQLite file is
    created, unless ``create=False`` (readers: a mistyped ``--db`` is an error, not a
    new empty store)."""
    url = url_or_path or default_db()
    if is_postgres_url(url):
        dialect: Dialect = PostgresDialect(url)
    else:
        if url.startswith("sqlite:///"):
            url = url[len("sqlite:///"):]
        if not create and url != ":memory:" and not Path(url).expanduser().exists():
            raise StoreError(f"no store at {url} (the file does not exist): check --db (or $ONRECORD_DB); "
                             "'onrecord ingest' creates one")
        dialect = SQLiteDialect(url)
    store = Store(dialect, url)
    store.dialect.create_schema()
    return store


def document_key(record: RecordLike, key: Optional[str] = None) -> str:
    """What identifies a document across runs: URL, else absolute path, else hash."""
    return write.document_key(record.to_dict() if isinstance(record, Record) else record, key)


_DOC_COLS = ("id, key, sha256, path, url, title, author, published, ingested_at, "
             "n_statements, n_speakers, text")


def _decoded(rows: list[dict[str, Any]], with_record: bool) -> Iterator[dict[str, Any]]:
    """Document rows with their text (and record) unpacked."""
    for r in rows:
        r["text"] = codec.unpack_text(r["text"])
        if with_record:
            r["record"] = codec.decode_record(r["record"], r["text"])
        yield r


class Store:
    def __init__(self, dialect: Dialect, url: str):
        self.dialect = dialect
        self.url = url

    @property
    def backend(self) -> str:
        return self.dialect.name

    def close(self) -> None:
        self.dialect.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # ---------------------------------------------------------------- ingest
    def lookup(self, key: str) -> Optional[dict[str, Any]]:
        return self.dialect.query_one("SELECT id, sha256 FROM documents WHERE key = ?", (key,))

    def is_unchanged(self, key: str, sha256: Optional[str]) -> bool:
        row = self.lookup(key)
        return bool(row and sha256 and row["sha256"] == sha256)

    def put(self, record: RecordLike, key: Optional[str] = None) -> tuple[str, int]:
        """Store one record in one transaction.

        Returns ``(status, doc_id)`` where status is ``"ingested"`` (new),
        ``"replaced"`` (same key, different content) or ``"unchanged"``.
        """
        rec = record.to_dict() if isinstance(record, Record) else record
        return write.put(self.dialect, rec, key)

    def put_many(self, records: Iterable[Any], batch: int = 500,
                 on_error: Optional[Callable[[int, Exception], None]] = None,
                 workers: int = 1) -> dict[str, int]:
        """Store many records, ``batch`` to a transaction (each record in a savepoint: a
        bad one is reported to ``on_error(index, error)`` and skipped; without
        ``on_error`` it is raised).  An item may be ``(record, key)`` or an unparsed JSON
        line (:class:`onrecord.store.bulk.RawLine`).  ``workers`` > 1: records are
        prepared by that many other processes (:mod:`onrecord.store.bulk`).  Returns
        counts by status (and ``failed``)."""
        return bulk.put_many(self.dialect, records, batch, on_error, workers)

    def delete(self, doc_id: int) -> bool:
        return write.delete(self.dialect, doc_id)

    def compact(self) -> None:
        """Rewrite the store without its unused page space, and refresh the planner's
        statistics.  Statement ids fall within a day as documents arrive (the listing
        order), so the statement tables' pages split half-empty as they grow: a loaded
        archive is a fifth smaller compacted (SQLite ``VACUUM``, which needs as much free
        disk as the store while it runs; PostgreSQL ``VACUUM ANALYZE``, which makes freed
        space reusable)."""
        d = self.dialect
        with d.lock:
            if self.backend == "sqlite":
                d.execute("VACUUM")
                d.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            else:
                d.execute("VACUUM ANALYZE")
            d.execute("ANALYZE")

    # ---------------------------------------------------------------- read
    def counts(self) -> dict[str, int]:
        r = self.dialect.query_row("SELECT documents, statements, speakers FROM totals "
                                   "WHERE id = 1")
        return {k: int(r[k]) for k in ("documents", "statements", "speakers")}

    def documents(self, q: Optional[str] = None, since: Optional[str] = None,
                  until: Optional[str] = None, limit: int = 50, offset: int = 0,
                  after: Optional[int] = None) -> list[dict[str, Any]]:
        """Document summaries, newest first; ``q`` searches title and text; ``after`` is
        the last document id of the previous page."""
        return listing.documents(self.dialect, q=q, since=since, until=until, limit=limit,
                                 offset=offset, after=after)

    def document(self, ref: Union[int, str]) -> Optional[dict[str, Any]]:
        """One document with its full record (``record``), by id, key or path."""
        row = self.find_document(ref)
        if row is None:
            return None
        full = self.dialect.query_row(
            "SELECT d.id, d.key, d.sha256, d.path, d.url, d.title, d.author, d.published, "
            "d.ingested_at, d.n_statements, d.n_speakers, d.record, d.text FROM documents d "
            "WHERE d.id = ?", (row["id"],))
        full["record"] = codec.decode_record(full["record"], full.pop("text"))
        return full

    def find_document(self, ref: Union[int, str]) -> Optional[dict[str, Any]]:
        """Resolve ``ref`` to one document row: an integer (or a string of digits) is
        that id and nothing else; any other string is a key, URL, path, or the end of
        a path after a ``/``.

        Raises :class:`StoreError` when a path ending matches several documents.
        """
        d = self.dialect
        cols = "SELECT id, key, title FROM documents"
        if isinstance(ref, int) or (isinstance(ref, str) and ref.strip().isdigit()
                                    and ref.strip().isascii()):
            n = int(ref)
            if not 0 < n <= MAX_ID:  # ids are positive 64-bit integers
                return None
            return d.query_one(cols + " WHERE id = ?", (n,))
        ref = str(ref)
        if not ref.strip():
            return None
        row = d.query_one(cols + " WHERE key = ?", (ref,))
        if row:
            return row
        if not re.match(r"^[a-z]+://", ref):
            p = Path(ref).expanduser()
            if p.exists():
                row = d.query_one(cols + " WHERE key = ?", (str(p.resolve()),))
                if row:
                    return row
        esc = ref.lstrip("/").replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = d.query(cols + " WHERE key LIKE ? ESCAPE '\\' ORDER BY id LIMIT 6",
                       ("%/" + esc,))
        if len(rows) == 1:
            return rows[0]
        if len(rows) > 1:
            names = ", ".join(f"{r['id']} ({r['key']})" for r in rows[:5])
            raise StoreError(f"{ref!r} matches several documents: {names}; give the id")
        return None

    def statements(self, q: Optional[str] = None, speaker: Optional[str] = None,
                   kind: Optional[str] = None, since: Optional[str] = None,
                   until: Optional[str] = None, doc_id: Optional[int] = None,
                   speaker_id: Optional[str] = None, limit: int = 100, offset: int = 0,
                   oldest_first: bool = False, after: Optional[int] = None,
                   **whom_filters: Optional[str]) -> list[dict[str, Any]]:
        """Statements matching all given filters (``q`` is full-text on the content;
        ``since``/``until`` on the statement's own date, ``said_on``; ``target``, ``stance``,
        ``channel``, ``addressee``: see :func:`onrecord.store.whom.filters`), newest first;
        ``after`` is the last statement id of the previous page."""
        return listing.statements(self.dialect, q=q, speaker=speaker, kind=kind, since=since,
                                  until=until, doc_id=doc_id, speaker_id=speaker_id,
                                  limit=limit, offset=offset, oldest_first=oldest_first,
                                  after=after, **whom_filters)

    def speakers(self, q: Optional[str] = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Speakers with their statement and document counts, most quoted first."""
        where, params = ["sp.n_documents > 0"], []
        if q:
            where.append("(LOWER(sp.name) LIKE ? ESCAPE '\\' OR LOWER(sp.aliases) LIKE ? "
                         "ESCAPE '\\' OR sp.id = ?)")
            params += [_like(q), _like(q), q]
        rows = self.dialect.query(
            "SELECT sp.id, sp.name, sp.type, sp.role, sp.aliases, sp.n_statements, "
            "sp.n_documents FROM speakers sp WHERE " + " AND ".join(where) +
            " ORDER BY sp.n_statements DESC, sp.n_documents DESC, sp.name, sp.id "
            "LIMIT ? OFFSET ?", params + [int(limit), int(offset)])
        for r in rows:
            r["aliases"] = json.loads(r["aliases"] or "[]")
            r["n_statements"] = int(r["n_statements"])
            r["n_documents"] = int(r["n_documents"])
        return rows

    def speaker(self, speaker_id: str, limit: int = 1000, links: int = 200) -> Optional[dict[str, Any]]:
        """One speaker: profile, statements per month (all: ``months``, undated ``None``
        last), statements over time (the first ``limit``), the documents
        they appear in (the first ``limit``, oldest first), who they talk to or about
        (the ``links`` most frequent each way)."""
        d = self.dialect
        sp = d.query_one("SELECT id, name, type, role, aliases, n_statements, n_documents "
                         "FROM speakers WHERE id = ? AND n_documents > 0", (speaker_id,))
        if sp is None:
            return None
        n_statements, n_documents = int(sp.pop("n_statements")), int(sp.pop("n_documents"))
        sp["aliases"] = json.loads(sp["aliases"] or "[]")
        sp["roles"] = [r["role"] for r in d.query(
            "SELECT role FROM speaker_roles WHERE speaker_id = ? ORDER BY n DESC, role",
            (speaker_id,))]
        sp["months"] = [{"month": r["month"] or None, "n": int(r["n"])} for r in d.query(
            "SELECT month, n FROM speaker_months WHERE speaker_id = ? ORDER BY month = '', month",
            (speaker_id,))]
        sp["statements"] = self.statements(speaker_id=speaker_id, limit=limit, oldest_first=True)
        sp["n_statements"] = n_statements
        cols = ("SELECT d.id, d.title, d.published, ds.role, ds.n_statements FROM doc_speakers ds "
                "JOIN documents d ON d.id = ds.doc_id WHERE ds.speaker_id = ? ")
        docs = d.query(cols + "AND ds.published IS NOT NULL ORDER BY ds.published, ds.doc_id "
                       "LIMIT ?", (speaker_id, limit))
        if len(docs) < limit:
            docs += d.query(cols + "AND ds.published IS NULL ORDER BY ds.doc_id LIMIT ?",
                            (speaker_id, limit - len(docs)))
        sp["documents"] = docs
        sp["n_documents"] = n_documents
        sp["talks_about"] = [
            {"id": r["target_id"], "name": r["name"] or r["target_id"], "n": int(r["n"])}
            for r in d.query(
                "SELECT l.target_id, o.name, l.n FROM speaker_links l LEFT JOIN speakers o "
                "ON o.id = l.target_id WHERE l.speaker_id = ? ORDER BY l.n DESC, l.target_id "
                "LIMIT ?", (speaker_id, links))]
        sp["addresses"], sp["targets"] = whom.speaker_whom(d, speaker_id)
        sp["talked_about_by"] = [
            {"id": r["speaker_id"], "name": r["name"] or r["speaker_id"], "n": int(r["n"])}
            for r in d.query(
                "SELECT l.speaker_id, o.name, l.n FROM speaker_links l LEFT JOIN speakers o "
                "ON o.id = l.speaker_id WHERE l.target_id = ? ORDER BY l.n DESC, l.speaker_id "
                "LIMIT ?", (speaker_id, links))]
        return sp

    # ---------------------------------------------------------------- events
    def event_links(self, min_documents: int = 2, plover: Optional[str] = None,
                    limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """The same happening reported by several stored documents (see
        :func:`onrecord.store.events.event_links`)."""
        return events.event_links(self.dialect, min_documents, plover, limit, offset)

    def event_reports(self, key: str) -> dict[str, Any]:
        """One happening (``event_key``) and the stored documents that report it."""
        return events.reports(self.dialect, key)

    def event_records(self, speaker: Optional[str] = None, actor: Optional[str] = None,
                      limit: int = 2000) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        """(document row, record) of the newest ``limit`` documents a timeline of ``speaker``
        or ``actor`` needs (:func:`onrecord.store.events.event_documents`): a timeline or a
        contradiction list reads those records, never the whole archive."""
        ids = events.event_documents(self.dialect, speaker, actor, limit)
        if not ids and not self.dialect.query("SELECT 1 AS x FROM doc_events LIMIT 1"):
            # a store made before doc_events: its newest documents, read whole
            ids = [int(r["id"]) for r in self.dialect.query(
                "SELECT id FROM documents ORDER BY published DESC, id DESC LIMIT ?", (limit,))]
        for k in range(0, len(ids), 200):
            part = ids[k:k + 200]
            rows = self.dialect.query(f"SELECT {_DOC_COLS}, record FROM documents "
                                      f"WHERE id IN ({', '.join('?' * len(part))})", tuple(part))
            for r in _decoded(rows, with_record=True):
                yield r, r["record"]

    # ---------------------------------------------------------------- export
    def iter_rows(self, what: str, with_record: bool = False) -> Iterator[dict[str, Any]]:
        """Rows for export: ``documents``, ``statements`` or ``speakers``."""
        d = self.dialect
        if what == "documents":
            cols = _DOC_COLS + (", record" if with_record else "")
            last = 0
            while True:  # keyset pagination keeps memory flat on big archives
                rows = d.query(f"SELECT {cols} FROM documents WHERE id > ? ORDER BY id LIMIT 200",
                               (last,))
                if not rows:
                    return
                yield from _decoded(rows, with_record)
                last = rows[-1]["id"]
        elif what == "statements":
            last = 0
            while True:
                rows = d.query(
                    "SELECT s.id, s.doc_id, d.key AS doc_key, d.title AS doc_title, s.attr_id, "
                    "s.kind, s.speaker_id, s.speaker_name, s.source_text, s.cue_text, s.content, "
                    "s.start_offset, s.end_offset, s.addressee_id, s.relayed_by_id, s.confidence, "
                    "d.published, COALESCE(w.said_on, d.published) AS said_on, w.channel, "
                    "w.channel_name FROM statements s JOIN documents d ON d.id = s.doc_id "
                    "LEFT JOIN statement_whom w ON w.statement_id = s.id "
                    "WHERE s.id > ? ORDER BY s.id LIMIT 1000", (last,))
                if not rows:
                    return
                yield from listing.fill_content(d, rows)
                last = rows[-1]["id"]
        elif what == "speakers":
            for r in self.speakers(limit=10 ** 9):
                r["aliases"] = "; ".join(r["aliases"]) if not with_record else r["aliases"]
                yield r
        else:
            raise StoreError(f"cannot export {what!r}: use documents, statements or speakers")
