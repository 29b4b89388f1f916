"""The store's layout for big archives, on SQLite and PostgreSQL: listings keep their rows
and order, counts kept at write time equal counts from the rows, keyset pages, bulk
loading, the compact layout, and stores of the first layout opening after migration."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest_pg import LAVROV, _rec, record_sanctions, record_treaty
from order_archive import order_records, snapshot

from onrecord.store import StoreError, codec, open_store

DATA = Path(__file__).parent / "data"


def _golden() -> dict:
    return json.loads((DATA / "store_order_golden.json").read_text())


def _same_as_golden(store) -> None:
    gold = _golden()
    now = json.loads(json.dumps(snapshot(store)))
    for k, g in gold.items():
        n = now[k]
        if k.startswith("speaker:"):  # the layout adds n_documents to the profile
            n = {kk: n[kk] for kk in g}
        assert n == g, k


def test_listings_keep_their_rows_and_order(store_url):
    s = open_store(store_url)
    for r in order_records():
        s.put(r)
    _same_as_golden(s)
    s.close()


def test_compact_keeps_every_answer(store_url, tmp_path):
    s = open_store(store_url)
    for r in order_records():
        s.put(r)
    counts = _recount(s)
    s.compact()
    _same_as_golden(s)
    assert _recount(s) == counts
    s.put(record_sanctions(path="/archive/after-compact.txt"))  # still writable
    assert s.counts()["documents"] == counts["totals"]["documents"] + 1
    s.close()


def test_compact_gives_back_the_space_of_deleted_documents(tmp_path):
    db = tmp_path / "c.db"
    s = open_store(str(db))
    for i in range(40):
        s.put(record_treaty(path=f"/x/{i}.txt"))
    for d in s.documents(limit=40)[:35]:
        s.delete(d["id"])
    s.dialect.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = db.stat().st_size
    free = lambda: s.dialect.query_one("PRAGMA freelist_count")["freelist_count"]  # noqa: E731
    assert free() >= 10
    s.compact()
    assert free() == 0 and db.stat().st_size <= before - 10 * 4096
    assert s.counts()["documents"] == 5 and len(s.statements(limit=1000)) == 5 * len(
        record_treaty().attributions)
    s.close()


@pytest.mark.parametrize("plan", ["read matches in id order", "one speaker at a time"])
def test_every_reading_plan_gives_the_same_rows(store_url, monkeypatch, plan):
    """The planner's thresholds only choose how a page is read, never what it holds."""
    from onrecord.store import listing

    if plan == "read matches in id order":
        monkeypatch.setattr(listing, "PROBE_LIMIT", -1)
        monkeypatch.setattr(listing, "DOC_MATCH_FEW", 0)
    else:
        monkeypatch.setattr(listing, "BIG_SPEAKER", 0)
    s = open_store(store_url)
    for r in order_records():
        s.put(r)
    _same_as_golden(s)
    s.close()


def _recount(store) -> dict:
    """Every maintained count, recomputed from the rows."""
    d = store.dialect
    out = {"totals": store.counts(), "speakers": {}, "roles": {}, "links": {}, "doc_speakers": {}}
    for r in d.query("SELECT id, n_statements, n_documents FROM speakers"):
        out["speakers"][r["id"]] = (int(r["n_statements"]), int(r["n_documents"]))
    for r in d.query("SELECT speaker_id, role, n FROM speaker_roles"):
        out["roles"][(r["speaker_id"], r["role"])] = int(r["n"])
    for r in d.query("SELECT speaker_id, target_id, n FROM speaker_links"):
        out["links"][(r["speaker_id"], r["target_id"])] = int(r["n"])
    for r in d.query("SELECT doc_id, speaker_id, n_statements FROM doc_speakers"):
        out["doc_speakers"][(r["doc_id"], r["speaker_id"])] = int(r["n_statements"])
    out["months"] = {(r["speaker_id"], r["month"]): int(r["n"])
                     for r in d.query("SELECT speaker_id, month, n FROM speaker_months")}
    return out


def _count_from_rows(store) -> dict:
    d = store.dialect
    one = lambda sql: int(d.query_one(sql)["n"])  # noqa: E731
    out = {"totals": {"documents": one("SELECT COUNT(*) AS n FROM documents"),
                      "statements": one("SELECT COUNT(*) AS n FROM statements"),
                      "speakers": one("SELECT COUNT(DISTINCT speaker_id) AS n FROM doc_speakers")},
           "speakers": {}, "roles": {}, "links": {}, "doc_speakers": {}}
    for r in d.query("SELECT id FROM speakers"):
        out["speakers"][r["id"]] = (
            int(d.query_one("SELECT COUNT(*) AS n FROM statements WHERE speaker_id = ?",
                            (r["id"],))["n"]),
            int(d.query_one("SELECT COUNT(*) AS n FROM doc_speakers WHERE speaker_id = ?",
                            (r["id"],))["n"]))
    for r in d.query("SELECT speaker_id, role, COUNT(*) AS n FROM doc_speakers WHERE role IS NOT "
                     "NULL GROUP BY speaker_id, role"):
        out["roles"][(r["speaker_id"], r["role"])] = int(r["n"])
    for r in d.query("SELECT s.speaker_id, t.speaker_id AS target_id, COUNT(DISTINCT s.id) AS n "
                     "FROM statement_targets t JOIN statements s ON s.id = t.statement_id "
                     "WHERE s.speaker_id IS NOT NULL GROUP BY s.speaker_id, t.speaker_id"):
        out["links"][(r["speaker_id"], r["target_id"])] = int(r["n"])
    for r in d.query("SELECT ds.doc_id, ds.speaker_id, (SELECT COUNT(*) FROM statements s WHERE "
                     "s.doc_id = ds.doc_id AND s.speaker_id = ds.speaker_id) AS n "
                     "FROM doc_speakers ds"):
        out["doc_speakers"][(r["doc_id"], r["speaker_id"])] = int(r["n"])
    # statements per speaker and month of their document's date ('' undated), from Python
    out["months"] = {}
    for r in d.query("SELECT s.speaker_id, d.published FROM statements s JOIN documents d "
                     "ON d.id = s.doc_id WHERE s.speaker_id IS NOT NULL"):
        k = (r["speaker_id"], (r["published"] or "")[:7])
        out["months"][k] = out["months"].get(k, 0) + 1
    return out


def test_counts_kept_at_write_time_equal_counts_from_the_rows(store_url):
    s = open_store(store_url)
    recs = order_records()
    for r in recs:
        s.put(r)
    assert _recount(s) == _count_from_rows(s)
    # replace a document (other speakers), delete two, bring one back
    s.put(record_sanctions(path="/archive/doc-00.txt"))
    first = s.document("/archive/doc-03.txt")["id"]
    assert s.delete(first) and s.delete(s.document("/archive/doc-04.txt")["id"])
    assert not s.delete(first)
    assert _recount(s) == _count_from_rows(s)
    s.put(recs[3])
    # a surname-only speaker, then the full name: merged, counts follow
    only = dict(LAVROV, id="lavrova", name="Lavrova", aliases=[])
    full = dict(LAVROV, id="anna-lavrova", name="Anna Lavrova", aliases=["Lavrova"])
    t1 = "Lavrova said the talks failed. Pompeo said nothing."
    t2 = "Anna Lavrova said the treaty was dead."
    s.put(_rec(t1, path="/x/1.txt", title="a", published="2020-01-01", speakers=[only],
               atts=[("indirect", "the talks failed", "said", "Lavrova", "lavrova", None)]))
    s.put(_rec(t2, path="/x/2.txt", title="b", published="2020-01-02", speakers=[full],
               atts=[("indirect", "the treaty was dead", "said", "Anna Lavrova",
                      "anna-lavrova", None)]))
    assert [r["speaker_id"] for r in s.statements(speaker="Lavrova")] == ["anna-lavrova"] * 2
    assert _recount(s) == _count_from_rows(s)
    s.close()


def test_a_store_without_speaker_months_gets_them_filled_on_open(store_url):
    s = open_store(store_url)
    for r in order_records():
        s.put(r)
    kept = _recount(s)["months"]
    assert kept == _count_from_rows(s)["months"] and len(kept) > 3
    lavrov = s.speaker("sergey-lavrov")
    assert sum(m["n"] for m in lavrov["months"]) == lavrov["n_statements"]
    assert lavrov["months"][-1]["month"] is None  # undated last
    s.dialect.execute("DROP TABLE speaker_months")  # a store of the same layout made before
    s.close()
    s = open_store(store_url)
    assert _recount(s)["months"] == kept
    s.close()


def test_keyset_pages_continue_the_listing(store_url):
    s = open_store(store_url)
    for r in order_records():
        s.put(r)
    for filters in ({}, {"speaker": "Lavrov"}, {"q": "treaty OR sanctions"}, {"kind": "indirect"}):
        whole = s.statements(limit=1000, **filters)
        pages, after = [], None
        while True:
            page = s.statements(limit=4, after=after, **filters)
            if not page:
                break
            pages += page
            after = page[-1]["id"]
        assert pages == whole, filters
    whole = s.documents(limit=1000)
    pages, after = [], None
    while True:
        page = s.documents(limit=5, after=after)
        if not page:
            break
        pages += page
        after = page[-1]["id"]
    assert pages == whole
    with pytest.raises(StoreError):
        s.documents(after=10 ** 6)
    s.close()


def test_put_many_batches_and_reports_bad_records(store_url):
    s = open_store(store_url)
    good = [r.to_dict() for r in order_records()]
    items = good[:5] + [{"text": 3}, {"text": "x", "attributions": [{"content": {"start": 0,
                                                                                   "end": 9}}]}]
    items += good[5:]
    errors = []
    counts = s.put_many(items, batch=4, on_error=lambda i, e: errors.append((i, str(e))))
    assert counts == {"ingested": len(good), "replaced": 0, "unchanged": 0, "failed": 2}
    assert [i for i, _ in errors] == [5, 6]
    assert "text" in errors[0][1] and "content span" in errors[1][1]
    assert s.put_many(good, batch=7)["unchanged"] == len(good)  # idempotent
    _same_as_golden(s)
    s.close()


def test_sqlite_layout_holds_text_once_and_the_record_compressed(tmp_path):
    import zlib

    db = tmp_path / "c.db"
    s = open_store(str(db))
    rec = record_treaty()
    s.put(rec)
    assert s.document(1)["record"] == json.loads(json.dumps(rec.to_dict()))
    s.close()
    con = sqlite3.connect(str(db))
    sql = dict(con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall())
    assert "content=''" in sql["documents_fts"] and "content=''" in sql["statements_fts"]
    assert "documents_fts_content" not in sql and "statements_fts_content" not in sql
    blob, text = con.execute("SELECT record, text FROM documents").fetchone()
    # the text, once, compressed (with the text dictionary: mark byte 2)
    assert text[:1] == b"\x02" and codec.unpack_text(text) == rec.text
    assert len(text) < len(zlib.compress(rec.text.encode(), 6))
    body = codec.unpack_bytes(blob).decode()
    assert blob[:1] == b"\x01"
    assert "New START treaty must be extended" not in body  # span texts are not repeated
    # one-span statements keep no copy of their words
    assert con.execute("SELECT COUNT(*) FROM statements WHERE content IS NOT NULL").fetchone() \
        == (0,)
    con.close()
    # what older stores hold, zlib streams, is read too
    assert codec.unpack_text(zlib.compress(rec.text.encode())) == rec.text
    assert codec.decode_record(zlib.compress(body.encode()), text) == codec.decode_record(blob, text)


def test_a_store_of_the_first_layout_opens_migrated(tmp_path):
    db = tmp_path / "old.db"
    shutil.copy(DATA / "store_v1.db", db)  # made by the first layout's code
    con = sqlite3.connect(str(db))
    old_ids = dict(con.execute("SELECT key, id FROM documents").fetchall())
    old_at = dict(con.execute("SELECT key, ingested_at FROM documents").fetchall())
    con.close()
    s = open_store(str(db), create=False)
    assert {d["key"]: d["id"] for d in s.documents(limit=100)} == old_ids
    assert {d["key"]: d["ingested_at"] for d in s.documents(limit=100)} == old_at
    _same_as_golden(s)
    assert s.dialect.query_one("SELECT value FROM meta WHERE key = 'schema_version'")["value"] == "2"
    assert not s.dialect.table_exists("v1_documents")
    s.close()
    s = open_store(str(db), create=False)  # opening again changes nothing
    _same_as_golden(s)
    s.close()


V1_PG = [
    """CREATE TABLE documents (id BIGSERIAL PRIMARY KEY, key TEXT NOT NULL UNIQUE,
       sha256 TEXT NOT NULL, path TEXT, url TEXT, title TEXT, author TEXT, published TEXT,
       ingested_at TEXT NOT NULL, n_statements INTEGER NOT NULL DEFAULT 0,
       n_speakers INTEGER NOT NULL DEFAULT 0, text TEXT NOT NULL, record TEXT NOT NULL,
       tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' ||
       text)) STORED)""",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE speakers (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT, role TEXT,
       aliases TEXT NOT NULL DEFAULT '[]')""",
    """CREATE TABLE statements (id BIGSERIAL PRIMARY KEY, doc_id BIGINT NOT NULL REFERENCES
       documents(id) ON DELETE CASCADE, content TEXT NOT NULL)""",
    "CREATE INDEX statements_doc ON statements(doc_id)",
    "CREATE INDEX documents_published ON documents(published)",
]


def test_a_postgresql_store_of_the_first_layout_opens_migrated(pg_url):
    import psycopg

    con = sqlite3.connect(str(DATA / "store_v1.db"))
    rows = con.execute("SELECT id, key, sha256, title, published, ingested_at, text, record "
                       "FROM documents ORDER BY id").fetchall()
    con.close()
    with psycopg.connect(pg_url, autocommit=True) as pg:
        for stmt in V1_PG:
            pg.execute(stmt)
        for r in rows:
            pg.execute("INSERT INTO documents (id, key, sha256, title, published, ingested_at, "
                       "text, record) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", r)
    s = open_store(pg_url)
    _same_as_golden(s)
    assert s.put(record_treaty(path="/new.txt"))[0] == "ingested"  # ids go on after the old ones
    assert s.document("/new.txt")["id"] == max(r[0] for r in rows) + 1
    s.close()


def test_records_out_of_range_get_clear_errors(store_url):
    s = open_store(store_url)
    for bad, why in (([], "JSON object"), ({"text": None}, "text"),
                     ({"text": "abc", "speakers": "x"}, "speakers")):
        with pytest.raises(StoreError, match=why):
            s.put(bad, key="k")
    s.close()


def _cli(*args):
    from typer.testing import CliRunner

    from onrecord.cli import app

    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_load_command_reads_jsonl_and_parquet(store_url, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    recs = [r.to_dict() for r in order_records()]
    jl = tmp_path / "records.jsonl"
    jl.write_text("".join(json.dumps(r) + "\n" for r in recs[:10]) + "\n{oops\n[1, 2]\n",
                  encoding="utf-8")
    r = _cli("load", jl, "--db", store_url, "--quiet", "--batch", "3")
    assert r.exit_code == 1, r.output
    assert "10 ingested" in r.output and "2 failed" in r.output
    assert "records.jsonl:12: not JSON" in r.output and "records.jsonl:13: not a record" in r.output
    pqf = tmp_path / "records.parquet"
    pq.write_table(pa.table({"id": [f"r{i}" for i in range(len(recs))],
                             "record": [json.dumps(x) for x in recs]}), str(pqf))
    r = _cli("load", pqf, "--db", store_url, "--quiet", "--compact")
    assert r.exit_code == 0, r.output
    assert f"{len(recs) - 10} ingested" in r.output and "10 unchanged" in r.output
    s = open_store(store_url)
    _same_as_golden(s)
    s.close()


def test_load_command_refuses_what_is_not_records(tmp_path):
    db = tmp_path / "l.db"
    r = _cli("load", tmp_path / "missing.jsonl", "--db", db)
    assert r.exit_code == 2 and "no such file" in r.output and "Traceback" not in r.output
    junk = tmp_path / "junk.parquet"
    junk.write_bytes(b"PAR1 this is not parquet")
    r = _cli("load", junk, "--db", db)
    assert r.exit_code == 2 and "cannot read" in r.output and "Traceback" not in r.output
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    r = _cli("load", binary, "--db", db)
    assert r.exit_code == 2 and "not UTF-8" in r.output
