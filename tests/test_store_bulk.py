"""Bulk loading (``Store.put_many`` with worker processes, ``onrecord load``): the rows it
stores are the rows one-by-one puts store, and a load killed midway leaves a sound store
that the same command completes."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest_pg import _rec, record_sanctions, record_treaty
from order_archive import order_records

from onrecord.store import open_store
from onrecord.store.bulk import RawLine

SRC = Path(__file__).resolve().parents[1] / "src"


def _surname_records():
    """A person first known by surname only, then by full name (a merge), then by
    surname again (linked to the full name)."""
    t1 = "Pompeo said the talks were over. Officials agreed."
    t2 = "Mike Pompeo said the sanctions would stay. Pompeo added nothing."
    t3 = "Pompeo said Moscow had been warned."
    return [
        _rec(t1, path="/s/1.txt", title="One", published="2020-01-02",
             speakers=[{"id": "pompeo", "name": "Pompeo"}],
             atts=[("indirect", "the talks were over", "said", "Pompeo", "pompeo", None)]),
        _rec(t2, path="/s/2.txt", title="Two", published="2020-01-03",
             speakers=[{"id": "mike-pompeo", "name": "Mike Pompeo", "aliases": ["Pompeo"]}],
             atts=[("indirect", "the sanctions would stay", "said", "Mike Pompeo",
                    "mike-pompeo", None)]),
        _rec(t3, path="/s/3.txt", title="Three", published="2020-01-04",
             speakers=[{"id": "pompeo", "name": "Pompeo"}],
             atts=[("indirect", "Moscow had been warned", "said", "Pompeo", "pompeo", None)]),
    ]


def _items() -> list[dict]:
    recs = [r.to_dict() for r in order_records()]
    recs[3:3] = [r.to_dict() for r in _surname_records()]
    redated = dict(recs[0], document=dict(recs[0]["document"], published="2022-05-05"))
    # then: one re-dated (replaced), one again (unchanged), two more
    return recs + [redated, recs[5], record_treaty(path="/archive/t2.txt").to_dict(),
                   record_sanctions(path="/archive/s2.txt").to_dict()]


def _tables(db: str) -> dict:
    con = sqlite3.connect(db)
    out = {}
    for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name "
                            "NOT LIKE '%fts%' AND name NOT LIKE 'sqlite_%'"):
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({t})") if r[1] != "ingested_at"]
        out[t] = con.execute(f"SELECT {', '.join(cols)} FROM {t} ORDER BY "
                             f"{', '.join(cols)}").fetchall()
    for t in ("statements_fts", "documents_fts"):
        con.execute(f"CREATE VIRTUAL TABLE temp.v_{t} USING fts5vocab(main, {t}, row)")
        out[t] = con.execute(f"SELECT term, doc, cnt FROM v_{t} ORDER BY term").fetchall()
    con.close()
    return out


@pytest.mark.parametrize("workers", [1, 2])
def test_bulk_load_stores_the_rows_puts_store(tmp_path, workers):
    items = _items()
    one = open_store(str(tmp_path / "one.db"))
    statuses = [one.put(r)[0] for r in items]
    one.close()
    bulk = open_store(str(tmp_path / "bulk.db"))
    counts = bulk.put_many([RawLine(json.dumps(r), str(i)) for i, r in enumerate(items)],
                           batch=3, workers=workers)
    assert counts == {"ingested": statuses.count("ingested"),
                      "replaced": statuses.count("replaced"), "unchanged": 1, "failed": 0}
    assert statuses[-4:] == ["replaced", "unchanged", "ingested", "ingested"]
    # the merge and the link happened: one Pompeo, with the three surname statements
    assert {r["id"] for r in bulk.speakers(q="pompeo")} == {"mike-pompeo"}
    bulk.close()
    assert _tables(str(tmp_path / "bulk.db")) == _tables(str(tmp_path / "one.db"))


def test_bulk_load_on_postgresql_counts_as_puts(pg_url, tmp_path):
    items = _items()
    one = open_store(str(tmp_path / "one.db"))
    for r in items:
        one.put(r)
    bulk = open_store(pg_url)
    bulk.put_many(items, batch=3, workers=2)
    assert bulk.counts() == one.counts()
    for q in ({}, {"q": "sanctions"}, {"speaker": "Pompeo"}):
        assert [(r["speaker_id"], r["content"]) for r in bulk.statements(**q)] == \
            [(r["speaker_id"], r["content"]) for r in one.statements(**q)]
    assert [s["id"] for s in bulk.speakers()] == [s["id"] for s in one.speakers()]
    one.close()
    bulk.close()


def test_a_bad_record_in_a_bulk_batch_takes_none_of_its_rows(tmp_path):
    good = [r.to_dict() for r in order_records()]
    bad = dict(good[2], source={"path": "/bad.txt"},
               attributions=good[2]["attributions"] + [{"id": "z", "content": {"start": 0}}])
    s = open_store(str(tmp_path / "b.db"))
    errors: list = []
    counts = s.put_many(good[:4] + [bad] + good[4:], batch=3, workers=2,
                        on_error=lambda i, e: errors.append(i))
    assert errors == [4] and counts["failed"] == 1 and counts["ingested"] == len(good)
    s.close()
    ref = open_store(str(tmp_path / "ref.db"))
    for r in good:
        ref.put(r)
    ref.close()
    assert _tables(str(tmp_path / "b.db")) == _tables(str(tmp_path / "ref.db"))


def _records_file(path: Path, n: int) -> None:
    base = [r.to_dict() for r in order_records()]
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            r = json.loads(json.dumps(base[i % len(base)]))
            r["source"] = {"url": f"https://example.org/{i}", "sha256": f"{i:064x}"}
            fh.write(json.dumps(r) + "\n")


def _load(records: Path, db: Path, *extra: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    return subprocess.Popen([sys.executable, "-m", "onrecord", "load", str(records), "--db",
                             str(db), "--quiet", "--batch", "25", *extra], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_a_killed_load_keeps_whole_batches_and_the_same_command_completes_it(tmp_path):
    records = tmp_path / "records.jsonl"
    _records_file(records, 400)
    db = tmp_path / "k.db"
    proc = _load(records, db)
    deadline = time.monotonic() + 120
    n = 0
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
            n = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            con.close()
        except sqlite3.Error:
            n = 0
        if n >= 50:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the load ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(str(db))
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    kept = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    totals = con.execute("SELECT documents FROM totals").fetchone()[0]
    con.close()
    assert 50 <= kept < 400 and kept % 25 == 0 and totals == kept  # whole batches only
    done = _load(records, db)
    out, _ = done.communicate(timeout=600)
    assert done.returncode == 0, out
    assert f"{400 - kept} ingested" in out and f"{kept} unchanged" in out
    clean = _load(records, tmp_path / "clean.db")
    clean.communicate(timeout=600)
    assert _tables(str(db)) == _tables(str(tmp_path / "clean.db"))


def _indexes(db: str) -> list[str]:
    con = sqlite3.connect(db)
    names = sorted(n for (n,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
    con.close()
    return names


def test_a_load_into_an_empty_store_builds_its_indexes_at_the_end(tmp_path, monkeypatch):
    from onrecord.store import people, schema, write

    seen = []
    apply = write.apply

    def watch(d, p, *a, **k):  # the indexes present when each record is written
        seen.append({n for (n,) in d.conn.execute("SELECT name FROM sqlite_master WHERE "
                                                  "type = 'index'")} & set(schema.DEFERRABLE))
        return apply(d, p, *a, **k)

    monkeypatch.setattr(write, "apply", watch)
    monkeypatch.setattr(people, "SCAN_MAX", 10 ** 9)  # merges scan: indexes stay unbuilt
    recs = [r.to_dict() for r in order_records()]
    fresh = open_store(str(tmp_path / "fresh.db"))
    fresh.close()
    s = open_store(str(tmp_path / "bulk.db"))
    assert s.put_many(recs, batch=3)["ingested"] == len(recs)
    assert seen and all(not names for names in seen)  # none while loading
    assert s.dialect.indexes_off == []
    s.close()
    assert _indexes(str(tmp_path / "bulk.db")) == _indexes(str(tmp_path / "fresh.db"))
    # a load into a store that holds documents keeps its indexes throughout
    seen.clear()
    s = open_store(str(tmp_path / "bulk.db"))
    s.put_many([record_treaty(path="/archive/t9.txt").to_dict()] * 1 +
               [record_sanctions(path=f"/archive/s{i}.txt").to_dict() for i in range(4)],
               batch=3)
    s.close()
    assert seen and all(names == set(schema.DEFERRABLE) for names in seen)


def test_a_replace_or_a_merge_in_a_large_store_builds_the_indexes_first(tmp_path, monkeypatch):
    """Both read a document's or a speaker's rows by the indexes a load leaves unbuilt."""
    from onrecord.store import people, schema, write

    seen = []
    remove = write.remove_contents
    merge = people.merge_speaker

    def on_remove(d, doc_id):
        seen.append(("replace", bool(d.indexes_off)))
        return remove(d, doc_id)

    def on_merge(d, old, new):
        merge(d, old, new)
        seen.append(("merge", bool(d.indexes_off)))

    monkeypatch.setattr(write, "remove_contents", on_remove)
    monkeypatch.setattr(people, "merge_speaker", on_merge)
    monkeypatch.setattr(people, "SCAN_MAX", 0)
    first = [r.to_dict() for r in _surname_records()]  # surname first: a merge
    items = first + [dict(first[0], document=dict(first[0]["document"], published="2022-05-05"))]
    s = open_store(str(tmp_path / "bulk.db"))
    assert s.put_many(items, batch=1) == {"ingested": 3, "replaced": 1, "unchanged": 0,
                                          "failed": 0}
    s.close()
    assert seen == [("merge", False), ("replace", False)]
    assert set(schema.DEFERRABLE) <= set(_indexes(str(tmp_path / "bulk.db")))
    one = open_store(str(tmp_path / "one.db"))
    for r in items:
        one.put(r)
    one.close()
    assert _tables(str(tmp_path / "bulk.db")) == _tables(str(tmp_path / "one.db"))


def _pg_indexes(d) -> dict[str, str]:
    return {r["indexname"]: r["indexdef"].split(" ON ", 1)[1].split(".", 1)[-1]
            for r in d.query("SELECT indexname, indexdef FROM pg_indexes "
                             "WHERE schemaname = current_schema()")}


def test_a_load_into_an_empty_postgresql_store_builds_its_indexes_at_the_end(
        pg_url, tmp_path, monkeypatch):
    """The full-text (GIN) and kind indexes too; built, they are those a new store has, the
    planner has statistics, and searches find what one-by-one puts find."""
    from onrecord.store import people, schema, write

    s = open_store(pg_url)
    fresh = _pg_indexes(s.dialect)
    assert set(schema.DEFERRABLE_PG) <= set(fresh)
    seen = []
    apply = write.apply

    def watch(d, p, *a, **k):
        seen.append(set(_pg_indexes(d)) & set(schema.DEFERRABLE_PG))
        return apply(d, p, *a, **k)

    monkeypatch.setattr(write, "apply", watch)
    monkeypatch.setattr(people, "SCAN_MAX", 10 ** 9)
    recs = [r.to_dict() for r in order_records()]
    assert s.put_many(recs, batch=3)["ingested"] == len(recs)
    assert seen and all(not names for names in seen)  # none while loading
    assert s.dialect.indexes_off == []
    assert _pg_indexes(s.dialect) == fresh
    analysed = s.dialect.query_row("SELECT last_analyze IS NOT NULL AS ok FROM "
                                   "pg_stat_user_tables WHERE relname = 'statements' AND "
                                   "schemaname = current_schema()")
    assert analysed["ok"]
    found = [(r["speaker_id"], r["content"]) for r in s.statements(q="sanctions")]
    s.close()
    monkeypatch.setattr(write, "apply", apply)
    one = open_store(str(tmp_path / "one.db"))
    for r in recs:
        one.put(r)
    assert found and found == [(r["speaker_id"], r["content"])
                               for r in one.statements(q="sanctions")]
    one.close()


_PAGES = ("whitehouse-gov__steel-aluminum-call-2021.txt",
          "whitehouse-gov__israel-visit-reactions-2023.txt")


@pytest.fixture(scope="module")
def real_records(web_page_records, seeds_dir) -> list[dict]:
    """Records onrecord analysed (two web pages, the seed pages), each twice under another URL,
    then the first re-dated (replaced) and the second again (unchanged)."""
    import onrecord

    recs = [web_page_records(n).to_dict() for n in _PAGES]
    recs += [onrecord.analyze(str(p)).to_dict() for p in sorted(seeds_dir.glob("*.txt"))]
    out = []
    for copy in range(2):
        for i, r in enumerate(recs):
            out.append(dict(r, source=dict(r["source"], path=None,
                                           url=f"https://example.org/{copy}/{i}")))
    first = out[0]
    out += [dict(first, document=dict(first["document"], published="2021-01-01")), out[1]]
    return out


def _searches(s) -> list:
    out = []
    for q in ({}, {"q": "said"}, {"q": "steel"}, {"speaker": "Biden"}, {"kind": "direct"},
              {"q": "president", "speaker": "Biden"}):
        out.append([(r["id"], r["doc_id"], r["speaker_id"], r["content"])
                    for r in s.statements(limit=500, **q)])
    out.append([(d["id"], d["title"]) for d in s.documents(limit=500)])
    out.append([(p["id"], p["n_statements"]) for p in s.speakers(limit=500)])
    return out


def test_a_bulk_load_of_analysed_records_stores_what_puts_store(tmp_path, real_records):
    assert sum(len(r["attributions"]) for r in real_records) > 40
    one = open_store(str(tmp_path / "one.db"))
    statuses = [one.put(r)[0] for r in real_records]
    assert statuses[-2:] == ["replaced", "unchanged"]
    bulk = open_store(str(tmp_path / "bulk.db"))
    lines = [RawLine(json.dumps(r, ensure_ascii=False), str(i))
             for i, r in enumerate(real_records)]
    counts = bulk.put_many(lines, batch=4, workers=2)
    assert counts == {"ingested": statuses.count("ingested"), "replaced": 1, "unchanged": 1,
                      "failed": 0}
    searches = _searches(one)
    assert searches[1] and searches[3]  # (the searches find statements)
    assert _searches(bulk) == searches
    for doc in one.documents(limit=500):  # the records come back as they were put
        assert bulk.document(doc["id"])["record"] == one.document(doc["id"])["record"]
    one.close()
    bulk.close()
    assert _tables(str(tmp_path / "bulk.db")) == _tables(str(tmp_path / "one.db"))


def test_one_batch_holding_a_document_twice_stores_what_puts_store(tmp_path, real_records):
    """A batch writes its new documents' rows at its end; a record that replaces one stored
    earlier in the same batch (or repeats it unchanged) sees that document as one-by-one
    puts do: the earlier rows are written first, the counts merged per speaker match."""
    items = real_records + [real_records[2], dict(real_records[3], document=dict(
        real_records[3]["document"], published="2020-02-02"))]
    one = open_store(str(tmp_path / "one.db"))
    statuses = [one.put(r)[0] for r in items]
    assert statuses[-2:] == ["unchanged", "replaced"]
    bulk = open_store(str(tmp_path / "bulk.db"))
    counts = bulk.put_many(items, batch=len(items), workers=1)
    assert counts["replaced"] == statuses.count("replaced") == 2
    assert counts["unchanged"] == statuses.count("unchanged") == 2
    assert _searches(bulk) == _searches(one)
    one.close()
    bulk.close()
    assert _tables(str(tmp_path / "bulk.db")) == _tables(str(tmp_path / "one.db"))


def test_the_quick_record_check_accepts_and_refuses_as_the_full_one(real_records, monkeypatch):
    """The bulk load's quick check (store.check) changes no verdict: a real record with one
    field changed to another type is accepted or refused (with the same error) as by the
    full check (Record.from_dict), which the quick check never passes a record it refuses."""
    from onrecord.model import Record
    from onrecord.store import write
    from onrecord.store.check import well_formed

    def outcome(rec, quick):
        monkeypatch.setattr(write, "well_formed", well_formed if quick else lambda r: False)
        try:
            write.check_record(rec)
            return None
        except Exception as e:  # noqa: BLE001  (what each refuses with, compared)
            return f"{type(e).__name__}: {e}"

    rec = real_records[0]
    assert well_formed(rec)
    values = [None, "x", 3, True, 1.5, [], [1], {}, {"start": 1}, {"start": 0, "end": 2}]
    a0 = rec["attributions"][0]
    places = [(rec, k) for k in rec] + [(rec["document"], k) for k in rec["document"]] \
        + [(a0, k) for k in a0] + [(a0["content"], k) for k in a0["content"]] \
        + [(rec["speakers"][0], k) for k in rec["speakers"][0]] \
        + [(rec["sentences"][0], k) for k in rec["sentences"][0]]
    refused = passed = 0
    for obj, key in places:
        for v in values:
            before = obj[key]
            obj[key] = v
            try:
                full = outcome(rec, quick=False)
                assert outcome(rec, quick=True) == full, (key, v)
                if well_formed(rec):
                    Record.from_dict(rec)
                    passed += 1
                refused += full is not None
            finally:
                obj[key] = before
    assert refused > 50 and passed > 50 and well_formed(rec)
