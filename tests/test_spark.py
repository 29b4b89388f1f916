"""The Spark job (local[2]) makes the same records as the single-machine pipeline."""
from __future__ import annotations

import glob
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from onrecord.spark.job import iter_jsonl, plan_units, statement_rows


SYNTH_TEXT = """Council Delays Vote on Transit Levy

The city council postponed a vote on the transit levy on Tuesday after a heated hearing.

"We need more time to look at the numbers," council president Ana Ruiz said. She added that a
vote could come in two weeks.

Residents who spoke at the hearing were split. According to the city clerk, more than 300
people signed up to testify.
"""

SYNTH_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Port Strike Ends</title>
<meta name="author" content="Lee Park"></head><body><nav><a href="/">Home</a></nav><article>
<h1>Port Strike Ends</h1>
<p>Dock workers returned to work on Friday after union leaders accepted a new contract.</p>
<p>"This is a fair deal for our members," union chief Omar Haddad told reporters. The port
authority said cargo traffic would be back to normal within a week.</p>
<p>Shipping companies had warned that the strike was costing them millions of dollars a day.</p>
</article><footer>© Harbor Times</footer></body></html>
"""

SYNTH_JSONL = [
    {"id": "jl-1", "text": "The minister denied the report on Monday. \"That story is false,\" "
                           "she said in a statement, adding that no talks had taken place.\n"},
    {"id": "jl-2", "html": "<html><head><title>Drought</title></head><body><article><p>Farmers "
                           "in the valley say the drought is the worst in decades. \"We have lost "
                           "half the crop,\" said grower Tom Bell.</p></article></body></html>"},
    {"path": "virtual/no-text.txt"},
]


def _java_available() -> bool:
    from onrecord.spark.job import _ensure_java

    _ensure_java()
    return bool(shutil.which("java") or os.environ.get("JAVA_HOME"))


def _unavailable(reason: str):
    """Skip without Spark or Java; under CI (``CI=true``) fail, since there it must run."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"Spark tests must run in CI: {reason} (scripts/setup.sh installs both)")
    pytest.skip(reason)


def _make_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("http://news.test/port", "response",
                                            payload=io.BytesIO(SYNTH_HTML.encode()),
                                            http_headers=headers))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, seeds_dir) -> dict:
    base = tmp_path_factory.mktemp("spark-in")
    pages = base / "pages"
    pages.mkdir()
    for p in sorted(seeds_dir.glob("*.txt")):
        shutil.copy(p, pages / p.name)
    (pages / "transit.txt").write_text(SYNTH_TEXT, encoding="utf-8")
    (pages / "port.html").write_text(SYNTH_HTML, encoding="utf-8")
    jsonl = base / "docs.jsonl"
    jsonl.write_text("".join(json.dumps(o) + "\n" for o in SYNTH_JSONL), encoding="utf-8")
    warc = base / "crawl.warc.gz"
    _make_warc(warc)
    return {"pages": pages, "jsonl": jsonl, "warc": warc, "base": base}


@pytest.fixture(scope="module")
def single_machine(inputs) -> dict[str, dict]:
    return _single_machine(inputs)


def _single_machine(inputs) -> dict[str, dict]:
    """Records from the ordinary single-machine path (iter_sources + analyze_items)."""
    from onrecord.ingest.archives import iter_sources
    from onrecord.pipeline import analyze_items

    def items():
        yield from iter_sources([str(inputs["pages"]), str(inputs["warc"])])
        yield from iter_jsonl(str(inputs["jsonl"]))

    out = {}
    for o in analyze_items(items()):
        out[o.item.name] = o.record.to_dict() if o.record else {"error": o.error}
    return out


def test_jsonl_ranges_cover_every_line_once(tmp_path):
    p = tmp_path / "x.jsonl"
    lines = [json.dumps({"id": f"d{i}", "text": "x" * (i * 7 % 50)}) + "\n" for i in range(40)]
    p.write_text("".join(lines))
    want = [f"d{i}" for i in range(40)]
    for split in (1, 13, 64, 500, 10**6):
        units = plan_units([str(p)], split_bytes=split)
        got = [it.name for u in units for it in iter_jsonl(u[1], u[2], u[3])]
        assert got == want, split


def test_statement_rows_of_a_record():
    rec = {"text": "Ann said yes.", "document": {"published": "2020-01-02"},
           "attributions": [{"id": "a1", "kind": "indirect", "content": {"start": 9, "end": 12},
                             "cue": {"start": 4, "end": 8}, "source": {"start": 0, "end": 3},
                             "speaker": {"id": "ann", "name": "Ann"}, "confidence": 0.9}]}
    assert statement_rows("d", json.dumps(rec)) == [
        ("d", "a1", "indirect", "ann", "Ann", "yes", "said", "Ann", 0.9, "2020-01-02")]
    assert statement_rows("d", None) == []


def test_partition_rows_are_the_single_machine_records(inputs, single_machine):
    """What each Spark task runs (analyze_partition), run here in-process on the same units."""
    from onrecord.spark.job import DOC_COLUMNS, analyze_partition

    units = plan_units([str(inputs["pages"]), str(inputs["warc"]), str(inputs["jsonl"])], split_bytes=64)
    assert [u[0] for u in units] == ["file"] * 4 + ["warc"] + ["jsonl"] * 7
    units.append(("missing", str(inputs["base"] / "nowhere.txt")))
    rows = [dict(zip([n for n, _ in DOC_COLUMNS], r)) for r in analyze_partition(iter(units))]
    assert [r["id"] for r in rows] == [
        str(inputs["pages"] / n) for n in
        ("000_da6073b65d0faf15.txt", "002_075d34a81711b9ee.txt", "port.html", "transit.txt")] + [
        "http://news.test/port", "jl-1", "jl-2", "virtual/no-text.txt",
        str(inputs["base"] / "nowhere.txt")]
    by_id = {r["id"]: r for r in rows}
    for name, rec in single_machine.items():
        row = by_id[name]
        if "error" in rec:
            assert row["record"] is None and row["error"] == rec["error"]
            continue
        assert row["error"] is None
        assert json.loads(row["record"]) == rec, name
        assert (row["sha256"], row["title"], row["attributions"]) == (
            rec["source"]["sha256"], rec["document"]["title"], len(rec["attributions"]))
    missing = by_id[str(inputs["base"] / "nowhere.txt")]
    assert missing["record"] is None and missing["error"].endswith("no such file or directory")
    assert [r["title"] for r in rows[2:4]] == ["Port Strike Ends", "Council Delays Vote on Transit Levy"]


def test_spark_job_refuses_bad_arguments_before_starting_spark(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from onrecord.cli import app
    from onrecord.errors import InputError
    from onrecord.spark.job import main, run

    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.bin").write_bytes(b"\x00")
    with pytest.raises(InputError, match="no .txt, .html, .jsonl or WARC files found"):
        run([str(empty)], str(tmp_path / "out"))          # no session is started for nothing
    with pytest.raises(SystemExit) as e:
        main([str(empty)])
    assert e.value.code == 2
    runner = CliRunner()

    def said(*args: str) -> tuple[int, str]:
        res = runner.invoke(app, ["spark", *args])
        return res.exit_code, " ".join(res.output.split())      # rich wraps long lines

    assert said(str(empty)) == (2, "error: give at least one INPUT and an OUTPUT folder")
    assert said(str(empty), str(tmp_path / "out")) == (
        2, f"error: {empty}: no .txt, .html, .jsonl or WARC files found")
    assert not (tmp_path / "out").exists()
    monkeypatch.setitem(__import__("sys").modules, "pyspark", None)   # as if not installed
    code, out = said(str(empty), str(tmp_path / "out"))
    assert code == 2 and out.startswith("error: pyspark is not installed (") and \
        out.endswith("): pip install 'onrecord[spark]'")


def test_spark_output_equals_single_machine(inputs, single_machine, tmp_path):
    try:
        import pyspark  # noqa: F401
    except ImportError:
        _unavailable("pyspark is not installed (pip install -e '.[test]')")
    if not _java_available():
        _unavailable("no Java runtime (apt install openjdk-17-jre-headless)")
    from typer.testing import CliRunner

    from onrecord.cli import app
    from onrecord.spark import load_parquet, load_rows

    out = tmp_path / "out"
    # the command line: its own local[2] session, stopped at the end
    res = CliRunner().invoke(app, ["spark", str(inputs["pages"]), str(inputs["warc"]), str(inputs["jsonl"]),
                                   str(out), "--partitions", "2", "--master", "local[2]"])
    assert res.exit_code == 0, res.output
    counts = json.loads(res.stdout.strip().splitlines()[-1])
    assert " ".join(res.stderr.split()) == f"1 documents failed (see the error column of {out}/documents)"

    want = single_machine
    rows = {r["id"]: r for r in load_rows(out)}
    assert set(rows) == set(want)
    assert counts["documents"] == len(want) == 2 + 2 + 1 + 3
    assert (counts["partitions"], counts["units"]) == (2, 6)
    assert counts["failed"] == 1                          # the JSONL line without text
    bad = rows["virtual/no-text.txt"]
    assert bad["record"] is None and "no \"text\" or \"html\"" in bad["error"]
    assert "error" in want["virtual/no-text.txt"]
    for name, rec in want.items():
        if "error" in rec:
            continue
        row = rows[name]
        assert row["error"] is None, (name, row["error"])
        # the whole record, byte for byte, including source.path/url/sha256
        assert json.loads(row["record"]) == rec, name
        assert row["sha256"] == rec["source"]["sha256"]
        assert row["title"] == rec["document"]["title"]
        assert row["attributions"] == len(rec["attributions"])
    # real content went through the whole pipeline
    assert sum(len(r["attributions"]) for r in want.values() if "attributions" in r) > 5
    assert json.loads(rows["http://news.test/port"]["record"])["source"]["url"] == "http://news.test/port"

    loaded = list(load_parquet(out))
    assert sorted(json.dumps(r, sort_keys=True) for r in loaded) == \
        sorted(json.dumps(r, sort_keys=True) for r in want.values() if "error" not in r)
    import pyarrow.parquet as pq

    st = pq.read_table(str(out / "statements")).to_pylist()
    assert counts["statements"] == len(st) == sum(len(r["attributions"]) for r in loaded)
    assert glob.glob(str(out / "documents" / "*.parquet"))


def test_spark_records_load_into_store(inputs, tmp_path):
    """Parquet written by a Spark run goes into the store (no Spark needed to load)."""
    from onrecord.pipeline import analyze_items
    from onrecord.spark.job import DOC_COLUMNS, document_row, iter_items
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [document_row(o) for o in analyze_items(iter_items([str(inputs["jsonl"])]))]
    docs = tmp_path / "out" / "documents"
    docs.mkdir(parents=True)
    table = pa.table({n: [r[i] for r in rows] for i, (n, _) in enumerate(DOC_COLUMNS)})
    pq.write_table(table, str(docs / "part-0.parquet"))
    from typer.testing import CliRunner

    from onrecord.cli import app

    db = tmp_path / "s.db"
    res = CliRunner().invoke(app, ["spark-load", str(tmp_path / "out"), "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output.strip().splitlines()[-1]) == {"ingested": 2, "failed": 1}
    from onrecord.store import open_store

    with open_store(str(db)) as store:
        assert store.counts()["documents"] == 2
