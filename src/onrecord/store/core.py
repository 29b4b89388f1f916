"""The archive store: documents, statements and speakers, searchable.

Open one with :func:`open_store` (a path → embedded SQLite; ``postgresql://…`` →
PostgreSQL).  Both back ends share this code; :mod:`onrecord.store.dialect` holds
what differs.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import re
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

from onrecord.model import Record
from onrecord.text import slug
from onrecord.store.dialect import Dialect, PostgresDialect, SQLiteDialect, StoreError
from onrecord.store.whom import SAID_ON, add_targets, put_whom, speaker_whom, whom_filters
from onrecord.store.query import like_pattern as _like, parse_date, parse_query, speaker_filter

DEFAULT_DB = "onrecord.db"
KINDS = ("direct", "mixed", "indirect")
MAX_ID = 2 ** 63 - 1  # document ids are 64-bit integers on both back ends

RecordLike = Union[Record, dict]


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
    if key:
        return key
    src = record.to_dict()["source"] if isinstance(record, Record) else record.get("source", {})
    if src.get("url"):
        return src["url"]
    if src.get("path"):
        return str(Path(src["path"]).expanduser().resolve())
    if src.get("sha256"):
        return "sha256:" + src["sha256"]
    raise StoreError("a record without source url, path or sha256 needs an explicit key")


def _content_spans(att: dict) -> list[dict]:
    c = att.get("content") or {}
    return c["spans"] if "spans" in c else [c]


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
    def lookup(self, key: str) -> Optional[dict]:
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
        key = document_key(rec, key)
        sha = (rec.get("source") or {}).get("sha256")
        if not sha:
            import hashlib
            sha = hashlib.sha256(rec["text"].encode("utf-8")).hexdigest()
        d = self.dialect
        with d.transaction():
            row = d.query_one("SELECT id, sha256 FROM documents WHERE key = ?", (key,))
            if row and row["sha256"] == sha:
                return "unchanged", int(row["id"])
            doc = rec.get("document") or {}
            src = rec.get("source") or {}
            now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
            speakers = {s["id"]: s for s in rec.get("speakers") or []}
            atts = rec.get("attributions") or []
            for a in atts:  # speakers only named in attributions (or their targets)
                for ref in (a.get("speaker"), a.get("addressee"), a.get("relayed_by"),
                            *(a.get("targets") or [])):
                    if ref and ref.get("id") and ref["id"] not in speakers:
                        speakers[ref["id"]] = {"id": ref["id"], "name": ref.get("name") or ref["id"],
                                               "type": "unknown", "role": None, "aliases": [],
                                               "mentions": []}
            remap = self._link_people(speakers)
            if remap:
                speakers = {remap.get(k, k): dict(v, id=remap.get(k, k)) for k, v in speakers.items()}
                atts = [_remap_refs(a, remap) for a in atts]
            # a negated or refused report ("has not said …") is no statement of its source:
            # it stays in the document's record, never in search, export or a speaker's page
            stated = [a for a in atts if not a.get("negated")]
            values = (sha, src.get("path"), src.get("url"), doc.get("title"), doc.get("author"),
                      doc.get("published"), now, len(stated), len(speakers), rec["text"],
                      json.dumps(rec, ensure_ascii=False))
            if row:
                doc_id = int(row["id"])
                old = [int(r["id"]) for r in d.query(
                    "SELECT id FROM statements WHERE doc_id = ?", (doc_id,))]
                d.unindex_document(doc_id, old)
                d.execute("DELETE FROM statements WHERE doc_id = ?", (doc_id,))
                d.execute("DELETE FROM doc_speakers WHERE doc_id = ?", (doc_id,))
                d.execute("UPDATE documents SET sha256 = ?, path = ?, url = ?, title = ?, "
                          "author = ?, published = ?, ingested_at = ?, n_statements = ?, "
                          "n_speakers = ?, text = ?, record = ? WHERE id = ?", values + (doc_id,))
                status = "replaced"
            else:
                r = d.query_one("INSERT INTO documents (sha256, path, url, title, author, published,"
                                " ingested_at, n_statements, n_speakers, text, record, key) VALUES "
                                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", values + (key,))
                doc_id = int(r["id"])
                status = "ingested"
            d.index_document(doc_id, doc.get("title") or "", rec["text"])
            self._put_speakers(doc_id, speakers)
            self._put_statements(doc_id, rec, stated, speakers, doc.get("published"))
        return status, doc_id

    def _link_people(self, speakers: dict[str, dict]) -> dict[str, str]:
        """Cross-document identity of people named by surname alone.

        A record names a person "Lavrov" (id ``lavrov``) when the article never
        gives a first name.  If the archive knows exactly one person with that
        surname and a first name, the statement is theirs; if a full name
        arrives and the archive only knew the surname, the surname-only
        speaker is merged into it.  Two people who share a surname are never
        merged: with more than one candidate nothing is linked.
        """
        d = self.dialect
        remap: dict[str, str] = {}
        for sid, sp in speakers.items():
            words = (sp.get("name") or "").split()
            if sp.get("type") != "person" or not words:
                continue
            surname_id = slug(words[-1])
            full = [r["id"] for r in d.query(
                "SELECT id FROM speakers WHERE type = 'person' AND id LIKE ? AND id != ?",
                (f"%-{surname_id}", surname_id))]
            if len(words) == 1:
                if len(full) == 1:
                    remap[sid] = full[0]
            elif full in ([], [sid]) and sid != surname_id:
                if d.query_one("SELECT id FROM speakers WHERE id = ? AND type = 'person'",
                               (surname_id,)):
                    self._merge_speaker(surname_id, sid)
        return remap

    def _merge_speaker(self, old: str, new: str) -> None:
        d = self.dialect
        for table, col in (("statements", "speaker_id"), ("statements", "relayed_by_id"),
                           ("statements", "addressee_id")):
            d.execute(f"UPDATE {table} SET {col} = ? WHERE {col} = ?", (new, old))
        for table, key in (("doc_speakers", "doc_id"), *((t, "statement_id") for t in (
                "statement_targets", "statement_about"))):
            d.execute(f"UPDATE {table} SET speaker_id = ? WHERE speaker_id = ? AND NOT EXISTS "
                      f"(SELECT 1 FROM {table} t2 WHERE t2.{key} = {table}.{key} "
                      f"AND t2.speaker_id = ?)", (new, old, new))
            d.execute(f"DELETE FROM {table} WHERE speaker_id = ?", (old,))
        d.execute("DELETE FROM speakers WHERE id = ?", (old,))

    def _put_speakers(self, doc_id: int, speakers: dict[str, dict]) -> None:
        d = self.dialect
        for sid, s in speakers.items():
            d.execute("INSERT INTO doc_speakers (doc_id, speaker_id, name, type, role, n_mentions)"
                      " VALUES (?, ?, ?, ?, ?, ?)",
                      (doc_id, sid, s.get("name") or sid, s.get("type"), s.get("role"),
                       len(s.get("mentions") or [])))
            old = d.query_one("SELECT name, type, role, aliases FROM speakers WHERE id = ?", (sid,))
            name = s.get("name") or sid
            stype = s.get("type") or "unknown"
            role = s.get("role")
            aliases = list(s.get("aliases") or [])
            if old:
                if stype == "unknown" and old["type"]:
                    stype = old["type"]
                role = role or old["role"]
                for a in json.loads(old["aliases"] or "[]"):
                    if a not in aliases:
                        aliases.append(a)
                if old["name"] != name and old["name"] not in aliases:
                    aliases.append(old["name"])
            aliases = [a for a in aliases if a != name]
            d.execute("INSERT INTO speakers (id, name, type, role, aliases) VALUES (?, ?, ?, ?, ?) "
                      "ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type, "
                      "role = excluded.role, aliases = excluded.aliases",
                      (sid, name, stype, role, json.dumps(aliases, ensure_ascii=False)))

    def _put_statements(self, doc_id: int, rec: dict, atts: list[dict],
                        speakers: dict[str, dict], published: Optional[str]) -> None:
        d = self.dialect
        text = rec["text"]
        events_by_att: dict[str, list[dict]] = {}
        for ev in rec.get("events") or []:
            if ev.get("attribution"):
                events_by_att.setdefault(ev["attribution"], []).append(ev)
        for a in atts:
            spans = _content_spans(a)
            content = " … ".join(text[s["start"]:s["end"]] for s in spans)
            start = min(s["start"] for s in spans)
            end = max(s["end"] for s in spans)
            spk = a.get("speaker") or {}
            r = d.query_one(
                "INSERT INTO statements (doc_id, attr_id, kind, speaker_id, speaker_name, "
                "source_text, cue_text, content, start_offset, end_offset, addressee_id, "
                "relayed_by_id, confidence, published) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (doc_id, a.get("id") or "", a.get("kind") or "indirect", spk.get("id"),
                 spk.get("name"), (a.get("source") or {}).get("text"),
                 (a.get("cue") or {}).get("text"), content, start, end,
                 (a.get("addressee") or {}).get("id"), (a.get("relayed_by") or {}).get("id"),
                 a.get("confidence"), published))
            sid = int(r["id"])
            d.index_statement(sid, content)
            targets: set[tuple[str, str]] = set()
            if a.get("addressee") and a["addressee"].get("id"):
                targets.add((a["addressee"]["id"], "addressee"))
            for other_id, other in speakers.items():
                if other_id == spk.get("id"):
                    continue
                for m in other.get("mentions") or []:
                    if any(s["start"] <= m["start"] and m["end"] <= s["end"] for s in spans):
                        targets.add((other_id, "mentions"))
                        break
            for ev in events_by_att.get(a.get("id") or "", []):
                tgt = ev.get("target")
                if tgt and tgt != spk.get("id"):
                    targets.add((tgt, "target"))
            for tid, rel in sorted(targets):
                d.execute("INSERT INTO statement_targets (statement_id, speaker_id, relation) "
                          "VALUES (?, ?, ?)", (sid, tid, rel))
            put_whom(d, sid, a, published)

    def delete(self, doc_id: int) -> bool:
        d = self.dialect
        with d.transaction():
            old = [int(r["id"]) for r in d.query("SELECT id FROM statements WHERE doc_id = ?",
                                                 (doc_id,))]
            d.unindex_document(doc_id, old)
            cur = d.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            return bool(cur.rowcount)

    # ---------------------------------------------------------------- read
    def counts(self) -> dict[str, int]:
        d = self.dialect
        return {
            "documents": int(d.query_one("SELECT COUNT(*) AS n FROM documents")["n"]),
            "statements": int(d.query_one("SELECT COUNT(*) AS n FROM statements")["n"]),
            "speakers": int(d.query_one(
                "SELECT COUNT(DISTINCT speaker_id) AS n FROM doc_speakers")["n"]),
        }

    def documents(self, q: Optional[str] = None, since: Optional[str] = None,
                  until: Optional[str] = None, limit: int = 50, offset: int = 0) -> list[dict]:
        """Document summaries, newest first; ``q`` searches title and text."""
        where, params = ["1 = 1"], []
        if q:
            where.append(self.dialect.document_match(parse_query(q), params))
        s, u = parse_date(since), parse_date(until, end=True)
        if s:
            where.append("d.published >= ?")
            params.append(s)
        if u:
            where.append("d.published <= ?")
            params.append(u)
        rows = self.dialect.query(
            "SELECT d.id, d.key, d.sha256, d.path, d.url, d.title, d.author, d.published, "
            "d.ingested_at, d.n_statements, d.n_speakers FROM documents d WHERE "
            + " AND ".join(where) +
            " ORDER BY CASE WHEN d.published IS NULL THEN 1 ELSE 0 END, d.published DESC, d.id DESC"
            " LIMIT ? OFFSET ?", params + [int(limit), int(offset)])
        return rows

    def document(self, ref: Union[int, str]) -> Optional[dict]:
        """One document with its full record (``record``), by id, key or path."""
        row = self.find_document(ref)
        if row is None:
            return None
        full = self.dialect.query_one(
            "SELECT d.id, d.key, d.sha256, d.path, d.url, d.title, d.author, d.published, "
            "d.ingested_at, d.n_statements, d.n_speakers, d.record FROM documents d WHERE d.id = ?",
            (row["id"],))
        full["record"] = json.loads(full["record"])
        return full

    def find_document(self, ref: Union[int, str]) -> Optional[dict]:
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
                   oldest_first: bool = False, **whom: Optional[str]) -> list[dict]:
        """Statements matching all filters (``since``/``until`` on ``said_on``; see whom_filters)."""
        where, params = ["1 = 1"], []
        if q:
            where.append(self.dialect.statement_match(parse_query(q), params))
        if speaker is not None:
            where.append(speaker_filter(self.dialect, speaker, params))
        if speaker_id:
            where.append("s.speaker_id = ?")
            params.append(speaker_id)
        if kind:
            if kind not in KINDS:
                raise StoreError(f"invalid kind {kind!r}: use one of {', '.join(KINDS)}")
            where.append("s.kind = ?")
            params.append(kind)
        whom_filters(self.dialect, where, params, since=parse_date(since),
                     until=parse_date(until, end=True), **whom)
        if doc_id is not None:
            where.append("s.doc_id = ?")
            params.append(int(doc_id))
        order = "ASC" if oldest_first else "DESC"
        rows = self.dialect.query(
            "SELECT s.id, s.doc_id, d.title AS doc_title, d.key AS doc_key, s.attr_id, s.kind, "
            "s.speaker_id, s.speaker_name, s.source_text, s.cue_text, s.content, "
            "s.start_offset, s.end_offset, s.addressee_id, s.relayed_by_id, s.confidence, "
            "s.published, w.said_on, w.said_on_basis, w.channel, w.channel_name, w.addressee_basis, "
            "ad.name AS addressee_name FROM statements s JOIN documents d ON d.id = s.doc_id LEFT JOIN "
            "statement_whom w ON w.statement_id = s.id LEFT JOIN speakers ad ON ad.id = s.addressee_id WHERE "
            + " AND ".join(where) +
            f" ORDER BY CASE WHEN {SAID_ON} IS NULL THEN 1 ELSE 0 END, {SAID_ON} {order}, s.doc_id, "
            "s.start_offset LIMIT ? OFFSET ?", params + [int(limit), int(offset)])
        add_targets(self.dialect, rows)
        return rows

    def speakers(self, q: Optional[str] = None, limit: int = 100, offset: int = 0) -> list[dict]:
        """Speakers with their statement and document counts, most quoted first."""
        where, params = ["EXISTS (SELECT 1 FROM doc_speakers ds WHERE ds.speaker_id = sp.id)"], []
        if q:
            where.append("(LOWER(sp.name) LIKE ? ESCAPE '\\' OR LOWER(sp.aliases) LIKE ? "
                         "ESCAPE '\\' OR sp.id = ?)")
            params += [_like(q), _like(q), q]
        rows = self.dialect.query(
            "SELECT sp.id, sp.name, sp.type, sp.role, sp.aliases, "
            "(SELECT COUNT(*) FROM statements s WHERE s.speaker_id = sp.id) AS n_statements, "
            "(SELECT COUNT(*) FROM doc_speakers ds WHERE ds.speaker_id = sp.id) AS n_documents "
            "FROM speakers sp WHERE " + " AND ".join(where) +
            " ORDER BY n_statements DESC, n_documents DESC, sp.name LIMIT ? OFFSET ?",
            params + [int(limit), int(offset)])
        for r in rows:
            r["aliases"] = json.loads(r["aliases"] or "[]")
            r["n_statements"] = int(r["n_statements"])
            r["n_documents"] = int(r["n_documents"])
        return rows

    def speaker(self, speaker_id: str, limit: int = 1000) -> Optional[dict]:
        """One speaker: profile, statements over time, who they talk to or about."""
        d = self.dialect
        sp = d.query_one("SELECT id, name, type, role, aliases FROM speakers WHERE id = ? AND "
                         "EXISTS (SELECT 1 FROM doc_speakers ds WHERE ds.speaker_id = speakers.id)",
                         (speaker_id,))
        if sp is None:
            return None
        sp["aliases"] = json.loads(sp["aliases"] or "[]")
        sp["roles"] = [r["role"] for r in d.query(
            "SELECT role, COUNT(*) AS n FROM doc_speakers WHERE speaker_id = ? AND role IS NOT NULL"
            " GROUP BY role ORDER BY n DESC, role", (speaker_id,))]
        sp["statements"] = self.statements(speaker_id=speaker_id, limit=limit, oldest_first=True)
        sp["n_statements"] = int(d.query_one(
            "SELECT COUNT(*) AS n FROM statements WHERE speaker_id = ?", (speaker_id,))["n"])
        sp["documents"] = d.query(
            "SELECT d.id, d.title, d.published, ds.role, "
            "(SELECT COUNT(*) FROM statements s WHERE s.doc_id = d.id AND s.speaker_id = ?) "
            "AS n_statements FROM doc_speakers ds JOIN documents d ON d.id = ds.doc_id "
            "WHERE ds.speaker_id = ? ORDER BY CASE WHEN d.published IS NULL THEN 1 ELSE 0 END, "
            "d.published, d.id", (speaker_id, speaker_id))
        sp["talks_about"] = [
            {"id": r["speaker_id"], "name": r["name"] or r["speaker_id"], "n": int(r["n"])}
            for r in d.query(
                "SELECT t.speaker_id, MAX(o.name) AS name, COUNT(DISTINCT t.statement_id) AS n "
                "FROM statement_targets t JOIN statements s ON s.id = t.statement_id "
                "LEFT JOIN speakers o ON o.id = t.speaker_id WHERE s.speaker_id = ? "
                "GROUP BY t.speaker_id ORDER BY n DESC, t.speaker_id", (speaker_id,))]
        sp["addresses"], sp["targets"] = speaker_whom(d, speaker_id)
        sp["talked_about_by"] = [
            {"id": r["speaker_id"], "name": r["name"] or r["speaker_id"], "n": int(r["n"])}
            for r in d.query(
                "SELECT s.speaker_id, MAX(o.name) AS name, COUNT(DISTINCT s.id) AS n "
                "FROM statement_targets t JOIN statements s ON s.id = t.statement_id "
                "LEFT JOIN speakers o ON o.id = s.speaker_id WHERE t.speaker_id = ? "
                "AND s.speaker_id IS NOT NULL GROUP BY s.speaker_id ORDER BY n DESC, s.speaker_id",
                (speaker_id,))]
        return sp

    # ---------------------------------------------------------------- export
    def iter_rows(self, what: str, with_record: bool = False) -> Iterator[dict]:
        """Rows for export: ``documents``, ``statements`` or ``speakers``."""
        d = self.dialect
        if what == "documents":
            cols = ("id, key, sha256, path, url, title, author, published, ingested_at, "
                    "n_statements, n_speakers, text" + (", record" if with_record else ""))
            last = 0
            while True:  # keyset pagination keeps memory flat on big archives
                rows = d.query(f"SELECT {cols} FROM documents WHERE id > ? ORDER BY id LIMIT 200",
                               (last,))
                if not rows:
                    return
                for r in rows:
                    if with_record:
                        r["record"] = json.loads(r["record"])
                    yield r
                last = rows[-1]["id"]
        elif what == "statements":
            last = 0
            while True:
                rows = d.query(
                    "SELECT s.id, s.doc_id, d.key AS doc_key, d.title AS doc_title, s.attr_id, "
                    "s.kind, s.speaker_id, s.speaker_name, s.source_text, s.cue_text, s.content, "
                    "s.start_offset, s.end_offset, s.addressee_id, s.relayed_by_id, s.confidence, "
                    "s.published, w.said_on, w.channel, w.channel_name FROM statements s JOIN documents d ON "
                    "d.id = s.doc_id LEFT JOIN statement_whom w ON w.statement_id = s.id WHERE s.id > ? "
                    "ORDER BY s.id LIMIT 1000", (last,))
                if not rows:
                    return
                yield from rows
                last = rows[-1]["id"]
        elif what == "speakers":
            for r in self.speakers(limit=10 ** 9):
                r["aliases"] = "; ".join(r["aliases"]) if not with_record else r["aliases"]
                yield r
        else:
            raise StoreError(f"cannot export {what!r}: use documents, statements or speakers")

    def put_many(self, records: Iterable[RecordLike]) -> dict[str, int]:
        out = {"ingested": 0, "replaced": 0, "unchanged": 0}
        for r in records:
            status, _ = self.put(r)
            out[status] += 1
        return out


def _remap_refs(att: dict, remap: dict[str, str]) -> dict:
    """A copy of an attribution whose speaker references follow ``remap``."""
    out = dict(att)
    for key in ("speaker", "relayed_by", "addressee"):
        ref = att.get(key)
        if ref and ref.get("id") in remap:
            out[key] = dict(ref, id=remap[ref["id"]])
    return out
