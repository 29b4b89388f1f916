"""Loading many records: batches, records prepared in other processes, SQLite set for bulk.

:func:`put_many` is ``Store.put_many``.  Records are written ``batch`` to a transaction,
each in a savepoint (a bad record is reported and skipped, the rest of its batch kept).
With ``workers`` > 1, records are checked, encoded and turned into rows
(:func:`onrecord.store.write.prepare`: JSON parsing, compression, statement rows) by a
pool of processes while this one writes the batch before: the writing process only
runs SQL.  Order, statuses and the stored rows are the same as one by one.

A load of more than one batch into an empty store writes the rows without the secondary
indexes of the statement and speaker tables (on PostgreSQL also without the kind index and
the full-text GIN indexes) and builds those at its end (:func:`deferred_indexes`): built
from all rows at once they cost a sort instead of an index update per row, and their pages
are full (written row by row, out of their order, they were a third empty).  On PostgreSQL
the build runs with a larger ``maintenance_work_mem`` and the tables are analysed after it
(the planner's statistics of an empty store would otherwise stay until autovacuum); a GIN
index built at once also has no pending list, which every search would read until a vacuum
merged it (240 pages at 10k documents loaded with the index).  A record that replaces one
loaded before, or a merge of speakers in a large store, reads by those indexes: they are
built first.  A load that is
killed leaves them unbuilt; opening the store builds them (the schema is checked at every
open).

On SQLite, a load of more than one batch runs with ``synchronous = OFF`` and a larger page
cache and write-ahead log, restored when it ends.  Each batch is still one transaction:
a load that is killed keeps every batch committed before and nothing of the one under
way (``synchronous = OFF`` risks the last commits only if the *machine* stops, never the
file's consistency in write-ahead-log mode); the same command run again skips what is
stored (unchanged) and goes on.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import itertools
import json
import multiprocessing
import signal
from dataclasses import dataclass
from typing import Any, Callable, Generator, Iterable, Iterator, Optional, Union

from onrecord.errors import StoreError
from onrecord.store import schema, write
from onrecord.store.dialect import Dialect, PersonIndex


@dataclass
class RawLine:
    """A JSON Lines line not parsed yet (parsed where it is prepared); ``where`` names it in
    errors (``records.jsonl:12``)."""
    text: str
    where: str


class UnreadableRecord(StoreError):
    """A line or row that is no record (not JSON, no text): reported with its place."""


Item = Union[dict[str, Any], tuple[Any, ...], RawLine]
Result = Union[write.Prepared, Exception]


def prepare_item(item: Any, slices_content: bool, pack_text: bool, keep: bool) -> Result:
    """``item`` prepared, or the error that stops it (returned, to be reported in order)."""
    from onrecord.model import Record
    from onrecord.store.load import Unreadable, as_item

    try:
        if isinstance(item, RawLine):
            try:
                obj = json.loads(item.text)
            except ValueError as e:
                raise UnreadableRecord(f"not JSON ({e})") from None
            got = as_item(obj, item.where)
            if isinstance(got, Unreadable):
                raise UnreadableRecord(got.why)
            rec, key = got
        else:
            rec, key = item if isinstance(item, tuple) else (item, None)
        if isinstance(rec, Record):
            rec = rec.to_dict()
        return write.prepare(rec, key, slices_content, pack_text, keep)
    except Exception as e:  # noqa: BLE001  (reported by the writer, in the input's order)
        return e


def _prepare_chunk(args: tuple[list[Any], bool, bool]) -> list[Result]:
    items, slices, pack = args
    return [prepare_item(it, slices, pack, keep=False) for it in items]


@contextlib.contextmanager
def bulk_settings(d: Dialect) -> Iterator[None]:
    """Set for a long load: speakers rows kept in memory; SQLite as the module doc says.
    Put back afterwards."""
    d.speaker_cache, d.persons, d.deferred = {}, PersonIndex(d), {}
    try:
        if d.name != "sqlite":
            yield
            return
        with _sqlite_settings(d):
            yield
    finally:
        d.speaker_cache = d.persons = d.deferred = d.said_on_bounds = None
        d.deferred_totals = [0, 0, 0]


@contextlib.contextmanager
def _sqlite_settings(d: Dialect) -> Iterator[None]:
    conn = d.conn  # type: ignore[attr-defined]
    with d.lock:
        before = {k: conn.execute(f"PRAGMA {k}").fetchone()[0]
                  for k in ("synchronous", "cache_size", "wal_autocheckpoint", "foreign_keys")}
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA foreign_keys = OFF")  # (rows of documents written first: _DOCS)
        conn.execute("PRAGMA cache_size = -262144")  # 256 MB
        conn.execute("PRAGMA wal_autocheckpoint = 16384")  # 64 MB of log between checkpoints
    try:
        yield
    finally:
        with d.lock:
            for k, v in before.items():
                conn.execute(f"PRAGMA {k} = {int(v)}")


@contextlib.contextmanager
def deferred_indexes(d: Dialect) -> Iterator[None]:
    """Empty store: the indexes of ``schema.DEFERRABLE`` (PostgreSQL:
    ``schema.DEFERRABLE_PG``) dropped while the body runs, built when it ends (see the
    module doc)."""
    if d.indexes_off or d.query_row("SELECT documents FROM totals WHERE id = 1")["documents"]:
        yield
        return
    names = schema.DEFERRABLE if d.name == "sqlite" else schema.DEFERRABLE_PG
    with d.transaction():
        for name in names:
            d.execute(f"DROP INDEX IF EXISTS {name}")
    d.indexes_off = list(names)
    try:
        yield
    except KeyboardInterrupt:  # left to the next open (Ctrl-C: leave at once)
        d.indexes_off = []
        raise
    except Exception:
        build_indexes(d)
        raise
    build_indexes(d)


def build_indexes(d: Dialect) -> None:
    """Build the indexes a bulk load left (nothing when none are left)."""
    if not d.indexes_off:
        return
    names, d.indexes_off = d.indexes_off, []
    pg = d.name != "sqlite"
    with d.transaction():
        if pg:
            d.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for stmt in schema.index_ddl(schema.POSTGRES if pg else schema.SQLITE, names):
            d.execute(stmt)
    if pg:
        d.execute("ANALYZE documents, statements, statement_targets, statement_about, "
                  "doc_speakers, speakers, doc_events")


def _chunks(items: Iterable[Any], n: int) -> Iterator[list[Any]]:
    it = iter(items)
    while True:
        chunk = list(itertools.islice(it, n))
        if not chunk:
            return
        yield chunk


def _worker_signals() -> None:
    """A worker ends on SIGTERM and leaves Ctrl-C to its parent.  (Forked, it would inherit the
    command line's SIGTERM handler, which raises KeyboardInterrupt: a worker waiting on the task
    queue's lock then outlived ``Pool.terminate`` and the parent's join waited for ever.)"""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _prepared_batches(d: Dialect, items: Iterable[Item], batch: int,
                      workers: int) -> Generator[list[Result], None, None]:
    """Batches of prepared records, in order; with workers, the next batch is prepared
    while the caller writes this one (at most two batches in memory)."""
    slices, pack = d.slices_content, d.name == "sqlite"
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for chunk in _chunks(items, batch):  # (one process; no fork on Windows)
            yield [prepare_item(it, slices, pack, keep=True) for it in chunk]
        return
    per = max(1, min(64, batch // (4 * workers)))
    # what preparing imports (the event keys pull in the parser's modules: seconds of CPU),
    # imported once here rather than once in each forked worker
    import onrecord.events.export  # noqa: F401
    ctx = multiprocessing.get_context("fork")
    pool = ctx.Pool(workers, initializer=_worker_signals)
    try:
        pending = None
        for chunk in _chunks(items, batch):
            parts = [(chunk[i:i + per], slices, pack) for i in range(0, len(chunk), per)]
            job = pool.map_async(_prepare_chunk, parts, chunksize=1)
            if pending is not None:
                yield [r for part in pending.get() for r in part]
            pending = job
        if pending is not None:
            yield [r for part in pending.get() for r in part]
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def _known(d: Dialect, prepared: list[Result]) -> dict[str, Optional[dict[str, Any]]]:
    """The stored rows (id, sha256, published) of the batch's documents, read at once."""
    keys = list(dict.fromkeys(p.key for p in prepared if not isinstance(p, Exception)))
    out: dict[str, Optional[dict[str, Any]]] = {}
    for i in range(0, len(keys), 500):
        chunk = keys[i:i + 500]
        for r in d.query("SELECT key, id, sha256, published FROM documents WHERE key IN "
                         f"({', '.join('?' * len(chunk))})", chunk):
            out[r["key"]] = {"id": int(r["id"]), "sha256": r["sha256"],
                             "published": r["published"]}
    return out


class _DocIds:
    """The ids a batch's new documents take, in order: on SQLite those one-by-one inserts
    would give (past the largest id ever given: ``AUTOINCREMENT``); on PostgreSQL the id
    sequence's next values, taken for the batch at once.  A record that fails takes none."""

    def __init__(self, d: Dialect, n: int):
        self.d, self.n = d, n
        self.pool: list[int] = []  # (PostgreSQL) values taken from the sequence, not used yet
        self.next = 0  # (SQLite) the next id
        if d.name == "sqlite":
            seq = d.query_one("SELECT seq FROM sqlite_sequence WHERE name = 'documents'") \
                if d.table_exists("sqlite_sequence") else None
            top = d.query_row("SELECT COALESCE(MAX(id), 0) AS n FROM documents")["n"]
            self.next = max(int(seq["seq"]) if seq else 0, int(top)) + 1

    def peek(self) -> int:
        if self.d.name == "sqlite":
            return self.next
        if not self.pool:
            self.pool = [int(r["id"]) for r in self.d.query(
                "SELECT nextval(pg_get_serial_sequence('documents', 'id')) AS id "
                "FROM generate_series(1, ?)", (max(1, self.n),))]
        return self.pool[0]

    def used(self, doc_id: int, new: bool) -> None:
        self.n -= 1
        if self.d.name == "sqlite":
            self.next = max(self.next, doc_id + 1)
        elif new and self.pool and self.pool[0] == doc_id:
            self.pool.pop(0)


def _write(d: Dialect, p: write.Prepared, known: dict[str, Optional[dict[str, Any]]],
           ids: _DocIds, now: str) -> str:
    """One record of a batch: unchanged, or a new document (its id chosen here, every row
    put off to the batch's end), or one that replaces a stored document (or one earlier in
    the batch: then what is put off is written first, and the record by ``write.apply``)."""
    row = known.get(p.key)
    if row is not None and row["sha256"] == p.sha and row["published"] == p.doc[4]:
        ids.n -= 1
        return "unchanged"
    if row is None:
        status, doc_id = write.apply(d, p, ids.peek(), now, known=None)
    else:
        d.flush()
        status, doc_id = write.apply(d, p, None, now)
        d.flush()
    ids.used(doc_id, row is None)
    known[p.key] = {"id": doc_id, "sha256": p.sha, "published": p.doc[4]}
    return status


def put_many(d: Dialect, records: Iterable[Item], batch: int = 500,
             on_error: Optional[Callable[[int, Exception], None]] = None,
             workers: int = 1) -> dict[str, int]:
    """See ``Store.put_many``."""
    out = {"ingested": 0, "replaced": 0, "unchanged": 0, "failed": 0}
    i = 0
    batches = _prepared_batches(d, records, batch, workers)
    first = next(batches, None)
    if first is None:
        return out
    big = len(first) >= batch
    settings = bulk_settings(d) if big else contextlib.nullcontext()
    indexes = deferred_indexes(d) if big else contextlib.nullcontext()
    with contextlib.closing(batches), settings, indexes:
        for prepared in itertools.chain([first], batches):
            with d.transaction():
                known = _known(d, prepared)
                ids = _DocIds(d, sum(1 for p in prepared if not isinstance(p, Exception)))
                now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
                for p in prepared:
                    mark, totals = d.mark(), list(d.deferred_totals)
                    try:
                        if isinstance(p, Exception):
                            raise p
                        status = _write(d, p, known, ids, now)
                    except Exception as e:  # noqa: BLE001  (database and record errors alike)
                        d.undo(mark, totals)  # its savepoint is rolled back: its rows too
                        d.forget_speakers()
                        d.said_on_bounds = None
                        if d.persons is not None:
                            d.persons = PersonIndex(d)
                        if on_error is None:
                            raise
                        out["failed"] += 1
                        on_error(i, e)
                    else:
                        out[status] += 1
                    i += 1
                d.flush()
    return out
