"""Crash safety of ``onrecord ingest`` on SQLite: SIGKILL mid-run, then resume; two
ingests into one store at once.

Each document is stored in one transaction (WAL journal), so a killed run keeps
every committed document whole and loses only the one in flight; the next run
skips what is stored (same key, same content hash) and ingests the rest.
"""
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

from fuzz_targets import fts_indexed

ONRECORD = [sys.executable, "-m", "onrecord.cli"]
N_DOCS = 40

SPEAKERS = ["Sergey Lavrov", "Mike Pompeo", "Maria Zakharova", "Angela Merkel", "Emmanuel Macron",
            "Antony Blinken", "Wang Yi", "Josep Borrell"]


def make_doc(i: int, tag: str = "") -> str:
    a, b = SPEAKERS[i % len(SPEAKERS)], SPEAKERS[(i + 3) % len(SPEAKERS)]
    paras = [f"Talks on issue {i}{tag} stall again\n",
             f"{a} said on Monday that the agreement number {i} must be extended without "
             f"conditions. \"We are ready to discuss point {i} for as long as it takes,\" "
             f"{a.split()[-1]} told reporters in the capital.",
             f"{b} said Washington would not accept the terms of proposal {i}. \"This is not "
             f"a serious offer,\" {b.split()[-1]} added, according to a statement.",
             f"Officials told the agency that round {i} of the negotiations could resume in "
             f"the spring. The writer thinks both sides are posturing over item {i}{tag}."]
    return "\n\n".join(paras) + "\n"


def make_corpus(folder: Path, n: int, start: int = 0, tag: str = "") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        p = folder / f"doc{i:03d}{tag}.txt"
        p.write_text(make_doc(i, tag), encoding="utf-8")
        paths.append(p)
    return paths


def ingest_cmd(db: Path, *sources: Path) -> list[str]:
    return ONRECORD + ["ingest", *map(str, sources), "--db", str(db), "--quiet"]


def env() -> dict:
    e = dict(os.environ)
    e.pop("ONRECORD_DB", None)
    e["PYTHONUNBUFFERED"] = "1"
    return e


def n_committed(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def check_store(db: Path) -> dict[str, int]:
    """Every stored document is whole: record parses, statements and index match it."""
    con = sqlite3.connect(str(db), timeout=30)
    con.row_factory = sqlite3.Row
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        docs = con.execute("SELECT id, key, sha256, n_statements, n_speakers, text, record "
                           "FROM documents").fetchall()
        keys = [d["key"] for d in docs]
        assert len(keys) == len(set(keys)), "a document is stored twice"
        from onrecord.store.codec import decode_record, unpack_text

        for d in docs:
            rec = decode_record(d["record"], d["text"])
            assert rec["schema"] == "onrecord/1" and rec["text"] == unpack_text(d["text"])
            assert rec["source"]["sha256"] == d["sha256"]
            n_att = len(rec.get("attributions") or [])
            n_st = con.execute("SELECT COUNT(*) FROM statements WHERE doc_id = ?",
                               (d["id"],)).fetchone()[0]
            assert n_st == n_att == d["n_statements"], (d["key"], n_st, n_att, d["n_statements"])
            n_sp = con.execute("SELECT COUNT(*) FROM doc_speakers WHERE doc_id = ?",
                               (d["id"],)).fetchone()[0]
            assert n_sp == d["n_speakers"], d["key"]
        # no orphans left by a half-written document
        assert con.execute("SELECT COUNT(*) FROM statements WHERE doc_id NOT IN "
                           "(SELECT id FROM documents)").fetchone()[0] == 0
        # the full-text indexes (contentless, no per-row sizes) hold each stored row once, and no other
        n_st = con.execute("SELECT COUNT(*) FROM statements").fetchone()[0]
        statement_ids = {r[0] for r in con.execute("SELECT id FROM statements")}
        assert fts_indexed(con, "statements_fts") == statement_ids
        assert fts_indexed(con, "documents_fts") == {d["id"] for d in docs}
        return {"documents": len(docs), "statements": n_st}
    finally:
        con.close()


def snapshot(db: Path) -> dict[str, tuple]:
    con = sqlite3.connect(str(db), timeout=30)
    try:
        from onrecord.store.codec import decode_record

        return {k: (i, sha, decode_record(rec, text)) for i, k, sha, rec, text in
                con.execute("SELECT id, key, sha256, record, text FROM documents")}
    finally:
        con.close()


def test_sigkill_mid_ingest_then_resume(tmp_path):
    corpus = tmp_path / "corpus"
    paths = make_corpus(corpus, N_DOCS)
    db = tmp_path / "store.db"
    proc = subprocess.Popen(ingest_cmd(db, corpus), env=env(), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if n_committed(db) >= 3:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "ingest finished before it could be killed: " + \
            proc.stdout.read().decode()[-2000:]
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    committed = check_store(db)
    assert 1 <= committed["documents"] < N_DOCS, committed
    before = snapshot(db)

    out = subprocess.run(ingest_cmd(db, corpus), env=env(), capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    n_before = len(before)
    assert f"{N_DOCS - n_before} ingested" in out.stdout, out.stdout
    assert f"{n_before} unchanged" in out.stdout and "0 failed" in out.stdout, out.stdout
    final = check_store(db)
    assert final["documents"] == N_DOCS
    after = snapshot(db)
    assert set(after) == {str(p.resolve()) for p in paths}
    for key, row in before.items():  # what was committed before the kill is untouched
        assert after[key] == row
    # a third run finds nothing to do
    out = subprocess.run(ingest_cmd(db, corpus), env=env(), capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0 and f"{N_DOCS} unchanged" in out.stdout, out.stdout
    assert snapshot(db) == after


def test_two_concurrent_ingests_into_one_sqlite_store(tmp_path):
    a = make_corpus(tmp_path / "a", 15, 0, "a")
    b = make_corpus(tmp_path / "b", 15, 0, "b")
    shared = make_corpus(tmp_path / "shared", 8, 100, "s")  # both runs ingest these
    db = tmp_path / "store.db"
    procs = [subprocess.Popen(ingest_cmd(db, tmp_path / d, tmp_path / "shared"), env=env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for d in ("a", "b")]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (so, se) in zip(procs, outs):
        assert p.returncode == 0, so + se
        assert "locked" not in (so + se).lower() and "0 failed" in so, so + se
    # the shared documents are stored once: by one run, found unchanged by the other
    stored = sum(int(so.split(" ingested")[0].rsplit(" ", 1)[-1]) for so, _ in outs)
    assert stored == len(a) + len(b) + len(shared), [so for so, _ in outs]
    final = check_store(db)
    assert final["documents"] == len(a) + len(b) + len(shared)
    assert set(snapshot(db)) == {str(p.resolve()) for p in a + b + shared}
