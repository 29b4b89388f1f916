"""The thin layer between the store's SQL and each database.

Queries are written once with ``?`` placeholders; the PostgreSQL dialect turns
them into ``%s``.  What differs beyond that (connecting, transactions, full-text
search) is a method here.
"""
from __future__ import annotations

import contextlib
import operator
import sqlite3
import threading
from pathlib import Path
from typing import Any, Iterator, Optional, Sequence

from onrecord.errors import StoreError  # noqa: F401  (raised here; imported from here by callers)
from onrecord.store import schema
from onrecord.store.merge import Merge
from onrecord.store.query import Node, to_fts5, to_tsquery_sql

_first = operator.itemgetter(0)  # a row's key (sorting by it: no Python call per row)
_DOCS = "INSERT INTO documents "  # put off in a bulk load: written before the rows naming them


class Dialect:
    name = "?"

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self._in_tx = False
        # during a bulk load: the speakers rows written so far (id → name, type, role, aliases,
        # n_documents), so that each record need not read them back (write.put)
        self.speaker_cache: Optional[dict[str, dict[str, Any]]] = None
        # and the people it knows (surname links read them instead of the speakers table)
        self.persons: Optional[PersonIndex] = None
        # and the rows added (INSERTs, by statement) and totals, written at once by flush()
        self.deferred: Optional[dict[str, list[Sequence[Any]]]] = None
        self.deferred_totals = [0, 0, 0]
        # and the said_on bounds kept in meta (onrecord.store.whom), read once
        self.said_on_bounds: Optional[dict[str, int]] = None
        # during a bulk load into an empty SQLite store: the indexes left to build at its end
        # (onrecord.store.bulk.deferred_indexes); a write that would read by them builds them
        self.indexes_off: list[str] = []
        # how the rows of an upsert that adds to counters are merged when put off (add_rows)
        self.merges: dict[str, Merge] = {}

    def forget_speakers(self) -> None:
        """Drop the kept speakers rows (they are read again): after a merge, a removal, a
        rolled-back write.  The rows put off are written first."""
        self.flush()
        if self.speaker_cache is not None:
            self.speaker_cache.clear()

    def defer(self, sql: str, rows: Sequence[Sequence[Any]]) -> bool:
        """Put an INSERT off until :meth:`flush` (during a bulk load); False: do it now."""
        if self.deferred is None:
            return False
        self.deferred.setdefault(sql, []).extend(rows)
        return True

    def flush(self) -> None:
        """Write the rows put off: the documents first, then in the order their statements
        were first met (a statement's rows before the rows that refer to them), each
        statement's by its key (rows of one key to a counter merged: :class:`Merge`), and
        the totals."""
        if not self.deferred and not any(self.deferred_totals):
            return
        pending, self.deferred = self.deferred or {}, {}
        for sql, rows in sorted(pending.items(), key=lambda kv: not kv[0].startswith(_DOCS)):
            if not rows:
                continue
            merge = self.merges.get(sql)
            if merge is None:  # in key order (stable: rows of one key keep theirs): fuller pages
                self.write_many(sql, sorted(rows, key=_first))
            else:
                self.write_many(sql, merge.rows(rows))
        docs, stmts, spk = self.deferred_totals
        self.deferred_totals = [0, 0, 0]
        if docs or stmts or spk:
            self.execute("UPDATE totals SET documents = documents + ?, statements = statements + "
                         "?, speakers = speakers + ? WHERE id = 1", (docs, stmts, spk))

    def mark(self) -> dict[str, int]:
        """How many rows are put off, per statement (to drop a failed record's: :meth:`undo`)."""
        return {k: len(v) for k, v in (self.deferred or {}).items()}

    def undo(self, mark: dict[str, int], totals: list[int]) -> None:
        if self.deferred is None:
            return
        for k in list(self.deferred):
            del self.deferred[k][mark.get(k, 0):]
        self.deferred_totals = list(totals)

    def write_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.executemany(sql, rows)

    # connection ----------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        raise NotImplementedError

    def query_one(self, sql: str, params: Sequence[Any] = ()) -> Optional[dict[str, Any]]:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def query_row(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any]:
        """The first row of a query that always has one (an aggregate, a row just written)."""
        row = self.query_one(sql, params)
        if row is None:
            raise StoreError(f"the store returned no row for: {sql.split()[0]} …")
        return row

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        raise NotImplementedError
        yield

    def close(self) -> None:
        raise NotImplementedError

    def create_schema(self) -> None:
        raise NotImplementedError

    # full text -------------------------------------------------------------
    def statement_match(self, node: Node, params: list[Any]) -> str:
        """A WHERE condition on ``s`` (statements) for the query ``node``."""
        raise NotImplementedError

    def document_match(self, node: Node, params: list[Any]) -> str:
        """A WHERE condition on ``d`` (documents) for the query ``node``."""
        raise NotImplementedError

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def insert_rows(self, table: str, columns: Sequence[str],
                    rows: Sequence[Sequence[Any]]) -> None:
        """Insert many rows (PostgreSQL: ``COPY``); put off during a bulk load."""
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        if not self.defer(sql, rows):
            self.write_many(sql, rows)

    def add_rows(self, sql: str, rows: Sequence[Sequence[Any]],
                 merge: Optional[Merge] = None) -> None:
        """An INSERT (or upsert adding to counts) of many rows, put off during a bulk load;
        ``merge``: how rows of one key are made one when they are written together."""
        if not rows:
            return
        if merge is not None and self.deferred is not None:
            self.merges[sql] = merge
        if not self.defer(sql, rows):
            self.executemany(sql, rows)

    def blob(self, data: bytes) -> Any:
        return data

    # SQLite keeps the text compressed and a statement's content NULL when it is a slice of
    # the text; PostgreSQL computes its tsvector columns from both, so keeps them plain
    slices_content = False

    def pack_text(self, text: str) -> Any:
        return text

    def table_exists(self, name: str) -> bool:
        raise NotImplementedError

    def schema_version(self) -> Optional[int]:
        """The stored layout's version: None for a new database, 1 for the first layout."""
        if not self.table_exists("documents"):
            return None
        row = self.query_one("SELECT value FROM meta WHERE key = 'schema_version'") \
            if self.table_exists("meta") else None
        return int(row["value"]) if row else 1

    def index_statements(self, rows: Sequence[Sequence[Any]]) -> None:
        pass

    def unindex_statements(self, rows: list[tuple[int, str]]) -> None:
        pass

    def index_document(self, doc_id: int, title: str, text: str) -> None:
        pass

    def unindex_document(self, doc_id: int, title: str, text: str) -> None:
        pass

    def order_documents(self) -> str:
        """ORDER BY terms for documents newest first, undated last."""
        raise NotImplementedError

    def no_index(self, column: str) -> str:
        """``column`` written so the planner does not pick its index (SQLite: unary +)."""
        return column


class SQLiteDialect(Dialect):
    name = "sqlite"
    slices_content = True

    def pack_text(self, text: str) -> Any:
        from onrecord.store.codec import pack_text

        return pack_text(text)

    def __init__(self, path: str):
        super().__init__()
        self.path = path
        self._depth = 0
        if path != ":memory:":
            parent = Path(path).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"cannot open database {path}: folder {parent} does not exist")
        try:
            self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                                        timeout=30.0)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA busy_timeout = 30000")
            # a 64 MB page cache (2 MB by default) keeps the indexes' upper levels in memory
            # while a large archive is loaded or listed
            self.conn.execute("PRAGMA cache_size = -65536")
            if path != ":memory:":
                self._set_wal()
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as e:
            raise StoreError(f"cannot open database {path}: {e}") from None

    def _set_wal(self, wait: float = 30.0) -> None:
        """Switch to WAL mode.  Two processes opening a new store at once: the switch needs the
        file to itself and SQLite may answer "database is locked" at once, without waiting out
        the busy timeout (seen in the concurrent-ingest test); retry until ``wait`` is spent."""
        import time
        deadline = time.monotonic() + wait
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) and "busy" not in str(e) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self.lock:
            cur = self.conn.execute(sql, tuple(params))
            return cur

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self.lock:
            # plain tuples zipped with the column names: a third of the time of sqlite3.Row
            # objects turned into dicts (listings read up to thousands of rows)
            cur = self.conn.cursor()
            cur.row_factory = None
            cur.execute(sql, tuple(params))
            if cur.description is None:
                return []
            names = [c[0] for c in cur.description]
            return [dict(zip(names, r)) for r in cur.fetchall()]

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """A transaction; inside one, a savepoint (its failure undoes only its own work)."""
        with self.lock:
            if self._in_tx:
                self._depth += 1
                name = f"sp{self._depth}"
                self.conn.execute(f"SAVEPOINT {name}")
                try:
                    yield
                except BaseException:
                    self.conn.execute(f"ROLLBACK TO {name}")
                    self.conn.execute(f"RELEASE {name}")
                    raise
                else:
                    self.conn.execute(f"RELEASE {name}")
                finally:
                    self._depth -= 1
                return
            self.conn.execute("BEGIN IMMEDIATE")
            self._in_tx = True
            try:
                yield
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")
            finally:
                self._in_tx = False

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self.lock:
            self.conn.executemany(sql, rows)

    def table_exists(self, name: str) -> bool:
        return self.query_one("SELECT name FROM sqlite_master WHERE name = ?", (name,)) is not None

    def create_schema(self) -> None:
        from onrecord.store import migrate

        try:
            with self.transaction():
                version = self.schema_version()
                if version is not None and version > schema.SCHEMA_VERSION:
                    raise StoreError(f"the store {self.path} was made by a newer onrecord "
                                     f"(layout {version}); upgrade onrecord to open it")
                if version is not None and version < schema.SCHEMA_VERSION:
                    migrate.rename_v1(self)
                added = migrate.missing_tables(self, version)
                for stmt in schema.ddl(schema.SQLITE):
                    self.conn.execute(stmt)
                migrate.fill_added(self, added)
                self.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                             (str(schema.SCHEMA_VERSION),))
                if version is not None and version < schema.SCHEMA_VERSION:
                    migrate.refill(self)
        except sqlite3.DatabaseError as e:
            raise StoreError(f"cannot use database {self.path}: {e}") from None

    def statement_match(self, node: Node, params: list[Any]) -> str:
        params.append(to_fts5(node))
        return "EXISTS (SELECT 1 FROM statements_fts WHERE statements_fts MATCH ? AND rowid = s.id)"

    def document_match(self, node: Node, params: list[Any]) -> str:
        params.append(to_fts5(node))
        return "d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)"

    def no_index(self, column: str) -> str:
        return "+" + column

    def order_documents(self) -> str:
        return "d.published DESC, d.id DESC"  # SQLite sorts NULL lowest: last when descending

    def index_statements(self, rows: Sequence[Sequence[Any]]) -> None:
        self.add_rows("INSERT INTO statements_fts(rowid, content) VALUES (?, ?)", rows)

    def unindex_statements(self, rows: list[tuple[int, str]]) -> None:
        self.executemany("INSERT INTO statements_fts(statements_fts, rowid, content) "
                         "VALUES ('delete', ?, ?)", rows)

    def index_document(self, doc_id: int, title: str, text: str) -> None:
        self.add_rows("INSERT INTO documents_fts(rowid, title, text) VALUES (?, ?, ?)",
                      [(doc_id, title or "", text)])

    def unindex_document(self, doc_id: int, title: str, text: str) -> None:
        self.execute("INSERT INTO documents_fts(documents_fts, rowid, title, text) "
                     "VALUES ('delete', ?, ?, ?)", (doc_id, title or "", text))


class PostgresDialect(Dialect):
    name = "postgresql"

    def __init__(self, url: str):
        super().__init__()
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError:  # pragma: no cover
            raise StoreError("PostgreSQL support needs psycopg: pip install 'psycopg[binary]'") from None
        self._psycopg = psycopg
        self.url = url
        try:
            self.conn = psycopg.connect(url, autocommit=True, row_factory=dict_row,
                                        connect_timeout=10)
        except psycopg.Error as e:
            msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise StoreError(f"cannot connect to PostgreSQL: {msg}") from None
        self._tx = None

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    @staticmethod
    def _params(params: Sequence[Any]) -> tuple[Any, ...]:
        # PostgreSQL text cannot hold NUL: a search for "\x00…" would fail with a
        # DataError (500).  U+FFFD keeps the length, so stored offsets stay valid.
        return tuple(p.replace("\x00", "\ufffd") if isinstance(p, str) and "\x00" in p else p
                     for p in params)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self.lock:
            return self.conn.execute(self._sql(sql), self._params(params))

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self.lock:
            return list(self.conn.execute(self._sql(sql), self._params(params)).fetchall())

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """A transaction; inside one, a savepoint (its failure undoes only its own work)."""
        with self.lock:
            if self._in_tx:
                with self.conn.transaction():
                    yield
                return
            self._in_tx = True
            try:
                with self.conn.transaction():
                    yield
            finally:
                self._in_tx = False

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        with self.lock:
            with self.conn.cursor() as cur:
                cur.executemany(self._sql(sql), [self._params(r) for r in rows])

    def write_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """A plain multi-row INSERT is sent as ``COPY``."""
        head = sql.split(" VALUES ")[0]
        if not rows or not head.startswith("INSERT INTO ") or " ON CONFLICT" in sql:
            self.executemany(sql, rows)
            return
        with self.lock:
            with self.conn.cursor() as cur:
                with cur.copy(f"COPY {head[len('INSERT INTO '):]} FROM STDIN") as copy:
                    for r in rows:
                        copy.write_row(self._params(r))

    def blob(self, data: bytes) -> Any:
        return data

    def table_exists(self, name: str) -> bool:
        return bool(self.query_row("SELECT to_regclass(?) IS NOT NULL AS ok", (name,))["ok"])

    def create_schema(self) -> None:
        from onrecord.store import migrate

        with self.transaction():
            # one creator at a time (concurrent first runs)
            self.conn.execute("SELECT pg_advisory_xact_lock(7214001)")
            version = self.schema_version()
            if version is not None and version > schema.SCHEMA_VERSION:
                raise StoreError(f"the store was made by a newer onrecord (layout {version}); "
                                 "upgrade onrecord to open it")
            if version is not None and version < schema.SCHEMA_VERSION:
                migrate.rename_v1(self)
            added = migrate.missing_tables(self, version)
            for stmt in schema.ddl(schema.POSTGRES):
                self.conn.execute(stmt)
            migrate.fill_added(self, added)
            self.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                         (str(schema.SCHEMA_VERSION),))
            if version is not None and version < schema.SCHEMA_VERSION:
                migrate.refill(self)

    def order_documents(self) -> str:
        return "d.published DESC NULLS LAST, d.id DESC"

    def statement_match(self, node: Node, params: list[Any]) -> str:
        sub: list[Any] = []
        expr = to_tsquery_sql(node, sub)
        params.extend(sub)
        return f"s.tsv @@ {expr.replace('%s', '?')}"

    def document_match(self, node: Node, params: list[Any]) -> str:
        sub: list[Any] = []
        expr = to_tsquery_sql(node, sub)
        params.extend(sub)
        return f"d.tsv @@ {expr.replace('%s', '?')}"


class PersonIndex:
    """The ids of the speakers of type person, by every hyphen-started tail of the id
    (``donald-j-trump``: ``j-trump``, ``trump``): what :func:`onrecord.store.people.link_people`
    asks the speakers table, answered from memory during a bulk load."""

    def __init__(self, d: Dialect):
        self.ids: set[str] = set()
        self.by_tail: dict[str, set[str]] = {}
        for r in d.query("SELECT id FROM speakers WHERE type = 'person'"):
            self.add(r["id"])

    def add(self, sid: str) -> None:
        if sid in self.ids:
            return
        self.ids.add(sid)
        for i, ch in enumerate(sid):
            if ch == "-":
                self.by_tail.setdefault(sid[i + 1:], set()).add(sid)

    def discard(self, sid: str) -> None:
        if sid not in self.ids:
            return
        self.ids.discard(sid)
        for i, ch in enumerate(sid):
            if ch == "-":
                self.by_tail.get(sid[i + 1:], set()).discard(sid)

    def ending(self, surname_id: str) -> list[str]:
        """Person ids ending with ``-surname_id``, other than ``surname_id`` itself."""
        return sorted(i for i in self.by_tail.get(surname_id, ()) if i != surname_id)
