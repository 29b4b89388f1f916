"""The archive commands end to end: ingest (real pipeline), search, speakers, show, export."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onrecord.cli import app

runner = CliRunner()


def run(*args: str, **kw):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False, **kw)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seeds_dir):
    seeds = sorted(seeds_dir.glob("*.txt"))
    d = tmp_path_factory.mktemp("corpus")
    for p in seeds:
        shutil.copy(p, d / p.name)
    (d / "extra.txt").write_text(
        'Moscow, Nov 18 — Foreign Minister Sergey Lavrov said the treaty talks were over. '
        '"There is nothing left to discuss," Lavrov told reporters on Wednesday.\n',
        encoding="utf-8")
    return d


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "cli.db")
    return request.getfixturevalue("pg_url")


def test_ingest_is_idempotent_and_resumable(corpus, db, tmp_path):
    r = run("ingest", corpus, "--db", db, "--quiet")
    assert r.exit_code == 0, r.output
    assert "3 documents" in r.output and "3 ingested" in r.output and "0 failed" in r.output
    r = run("ingest", corpus, "--db", db, "--quiet")
    assert r.exit_code == 0 and "0 ingested" in r.output and "3 unchanged" in r.output
    # a changed document replaces its record; the others stay unchanged
    extra = corpus / "extra.txt"
    original = extra.read_text(encoding="utf-8")
    try:
        extra.write_text(original + "Lavrov added that sanctions had failed.\n", encoding="utf-8")
        r = run("ingest", corpus, "--db", db, "--quiet")
        assert "1 replaced" in r.output and "2 unchanged" in r.output, r.output
    finally:
        extra.write_text(original, encoding="utf-8")
    # failures are counted with reasons and set the exit code; the rest is stored
    r = run("ingest", tmp_path / "nope.txt", corpus / "extra.txt", "--db", db, "--quiet")
    assert r.exit_code == 1
    assert "1 failed" in r.output and "nope.txt: no such file" in r.output
    assert "1 replaced" in r.output  # extra.txt went back to its original text


def test_search_show_speakers_export(corpus, db, tmp_path):
    assert run("ingest", corpus, "--db", db, "--quiet").exit_code == 0
    r = run("search", "treaty", "--db", db, "--json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert rows and all("treat" in row["content"].lower() for row in rows)
    r = run("search", '"unclosed', "--db", db)
    assert r.exit_code == 2 and "never closed" in r.output and "Traceback" not in r.output
    r = run("search", "zzzyyyxxx", "--db", db)
    assert r.exit_code == 1 and "no matches" in r.output
    r = run("search", "--db", db)
    assert r.exit_code == 2
    r = run("search", "treaty", "--since", "someday", "--db", db)
    assert r.exit_code == 2 and "invalid date" in r.output

    r = run("speakers", "--db", db, "--json")
    speakers = json.loads(r.stdout)
    assert speakers and speakers[0]["n_statements"] >= speakers[-1]["n_statements"]
    r = run("show", "extra.txt", "--db", db)
    assert r.exit_code == 0 and "statements" in r.output
    rec = json.loads(run("show", "extra.txt", "--db", db, "--json").stdout)
    assert rec["schema"] == "onrecord/1" and "nothing left to discuss" in rec["text"]
    assert run("show", "no-such-doc", "--db", db).exit_code == 1

    r = run("export", "--format", "jsonl", "--what", "documents", "--db", db)
    docs = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    assert len(docs) == 3 and all(d["record"]["schema"] == "onrecord/1" for d in docs)
    out = tmp_path / "statements.csv"
    assert run("export", "--format", "csv", "--what", "statements", "--out", out,
               "--db", db).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    n_statements = sum(d["n_statements"] for d in docs)
    assert len(rows) == n_statements and {"speaker_name", "content", "kind"} <= set(rows[0])
    import pyarrow.parquet as pq
    for what, n in (("speakers", len(speakers)), ("documents", 3), ("statements", n_statements)):
        pout = tmp_path / f"{what}.parquet"
        r = run("export", "--format", "parquet", "--what", what, "--out", pout, "--db", db)
        assert r.exit_code == 0, r.output
        assert pq.read_table(pout).num_rows == n
    assert run("export", "--format", "parquet", "--db", db).exit_code == 2
    assert run("export", "--format", "xml", "--db", db).exit_code == 2


def test_search_treaty_by_lavrov_finds_new_start_statements(tmp_path, seeds_dir):
    db = str(tmp_path / "seed.db")
    assert run("ingest", seeds_dir, "--db", db, "--quiet").exit_code == 0
    rows = json.loads(run("search", "treaty", "--speaker", "Lavrov", "--db", db, "--json").stdout)
    assert rows, "no statements by Lavrov about the treaty"
    assert all("lavrov" in (r["speaker_name"] or "").lower() for r in rows)
    assert all("002_075d34a81711b9ee" in r["doc_key"] for r in rows)
    assert any("extend" in r["content"] for r in rows)


def test_bad_db_gives_clear_error(tmp_path, seeds_dir):
    r = run("speakers", "--db", str(tmp_path / "no" / "such" / "dir.db"))
    assert r.exit_code == 2 and "does not exist" in r.output
    r = run("ingest", seeds_dir, "--db", "postgresql://x@127.0.0.1:1/none?connect_timeout=2")
    assert r.exit_code == 2 and "cannot connect to PostgreSQL" in r.output


def test_interrupted_ingest_keeps_committed_documents(tmp_path, monkeypatch):
    import hashlib

    import onrecord.pipeline as pipeline
    from conftest_pg import record_treaty

    for i in range(4):
        (tmp_path / f"doc{i}.txt").write_text(f"document {i}", encoding="utf-8")
    db = str(tmp_path / "resume.db")
    seen = []

    def fake_analyze_items(items, jobs=1, **kw):
        for n, item in enumerate(items):
            if n == 2 and not seen:
                seen.append(item.name)
                raise KeyboardInterrupt
            rec = record_treaty(path=item.path, extra=f" {item.name}")
            rec.source.sha256 = hashlib.sha256(item.data).hexdigest()
            yield pipeline.Outcome(item, record=rec)

    monkeypatch.setattr(pipeline, "analyze_items", fake_analyze_items)
    r = run("ingest", tmp_path, "--db", db, "--quiet")
    assert r.exit_code == 130 and "2 ingested" in r.output and "resume" in r.output
    r = run("ingest", tmp_path, "--db", db, "--quiet")
    assert r.exit_code == 0 and "2 ingested" in r.output and "2 unchanged" in r.output
