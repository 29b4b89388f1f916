"""The PySpark job: the same analysis as ``onrecord analyze``, per partition.

    onrecord spark INPUT... OUTPUT [--partitions N] [--master local[2]]
    python -m onrecord.spark.job INPUT... OUTPUT [--partitions N]
    spark-submit --master yarn .../onrecord/spark/job.py INPUT... OUTPUT

Inputs are WARC/ARC files (``.warc``, ``.warc.gz``, …), JSONL files (``.jsonl``,
``.ndjson``; one JSON object per line with ``text`` or ``html`` and optionally ``id``,
``path``, ``url``, ``title``) and text/HTML files, or folders holding any of these.
The driver only lists them; the executors read them (so on a cluster the paths must
be on a file system every node sees, and onrecord with its model installed on every
node).

Work is split into units (a text/HTML file, a byte range of a JSONL file, a WARC
file), spread over the partitions; each partition turns its units into
:class:`~onrecord.ingest.InputItem` objects with the same readers as the single
machine path and runs :func:`onrecord.pipeline.analyze_items` on them, so a record
made on Spark is the record ``onrecord analyze`` makes of the same input.  The model
is loaded once per executor Python process (``onrecord.pipeline.get_nlp`` caches it in
the module and Spark reuses its Python workers).
"""
from __future__ import annotations

import glob
import json
import os
import sys
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional

from onrecord.errors import InputError
from onrecord.ingest.sources import DEFAULT_MAX_BYTES, InputItem, _kind_of_path, read_file

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
SPLIT_BYTES = 32 * 1024 * 1024     # a JSONL file is cut into ranges of this size

DOC_COLUMNS = [("id", "string"), ("path", "string"), ("url", "string"), ("sha256", "string"),
               ("title", "string"), ("author", "string"), ("published", "string"),
               ("attributions", "int"), ("error", "string"), ("record", "string")]
STATEMENT_COLUMNS = [("doc_id", "string"), ("attribution_id", "string"), ("kind", "string"),
                     ("speaker_id", "string"), ("speaker_name", "string"), ("content", "string"),
                     ("cue", "string"), ("source", "string"), ("confidence", "double"),
                     ("published", "string")]


# ------------------------------------------------------------------ inputs (driver)
def _unit_kind(p: Path) -> Optional[str]:
    low = p.name.lower()
    if low.endswith(WARC_SUFFIXES):
        return "warc"
    if low.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if _kind_of_path(p) is not None:
        return "file"
    return None


def plan_units(inputs: Iterable[str], split_bytes: int = SPLIT_BYTES) -> list[tuple]:
    """Units of work for the inputs, in a stable order: ``("file", path)``,
    ``("jsonl", path, start, end)``, ``("warc", path)`` or ``("missing", spec)``."""
    units: list[tuple] = []

    def add(p: Path, explicit: bool) -> None:
        kind = _unit_kind(p)
        if kind is None:
            if explicit:
                units.append(("file", str(p)))   # named on the command line: let the reader decide
            return
        if kind == "jsonl" and not p.name.lower().endswith(".gz"):
            size = p.stat().st_size
            for start in range(0, max(size, 1), split_bytes):
                units.append(("jsonl", str(p), start, min(start + split_bytes, size)))
        elif kind == "jsonl":
            units.append(("jsonl", str(p), 0, -1))      # gzip: not splittable
        else:
            units.append((kind, str(p)))

    for spec in inputs:
        paths = [Path(x) for x in sorted(glob.glob(spec))] if glob.has_magic(spec) else [Path(spec)]
        if not paths:
            units.append(("missing", spec))
        for p in paths:
            if p.is_dir():
                for dirpath, dirnames, filenames in os.walk(p):
                    dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                    for fn in sorted(filenames):
                        if not fn.startswith("."):
                            add(Path(dirpath) / fn, False)
            elif p.exists():
                add(p, True)
            else:
                units.append(("missing", str(p)))
    return units


# ------------------------------------------------------------------ readers (executors)
def jsonl_item(obj, name: str) -> InputItem:
    """One JSONL object as an InputItem (``text`` → text, ``html`` → HTML)."""
    if not isinstance(obj, dict):
        return InputItem(name=name, error=InputError(name, "line is not a JSON object"))
    ident = obj.get("id")
    name = str(ident) if ident not in (None, "") else (obj.get("path") or obj.get("url") or name)
    if isinstance(obj.get("html"), str):
        data, kind = obj["html"], "html"
    elif isinstance(obj.get("text"), str):
        data, kind = obj["text"], "text"
    else:
        return InputItem(name=name, error=InputError(name, 'object has no "text" or "html" string'))
    return InputItem(name=name, data=data.encode("utf-8"), path=obj.get("path"), url=obj.get("url"),
                     content_type=kind)


def iter_jsonl(path: str, start: int = 0, end: int = -1,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[InputItem]:
    """InputItems of the lines of a JSONL file that *start* in ``[start, end)`` (``end`` -1:
    to the end).  A line without an id is named ``PATH:BYTE_OFFSET``."""
    import gzip

    f: IO[bytes] | gzip.GzipFile
    try:
        if path.lower().endswith(".gz"):
            f = gzip.open(path, "rb")
        else:
            f = open(path, "rb")
    except OSError as e:
        yield InputItem(name=path, error=InputError(path, f"cannot read file: {e.strerror or e}"))
        return
    with f:
        pos = 0
        if start > 0:
            f.seek(start - 1)
            f.readline()                 # the line that began before start belongs to the previous range
            pos = f.tell()
        while end < 0 or pos < end:
            line = f.readline()
            if not line:
                break
            here, pos = pos, pos + len(line)
            if not line.strip():
                continue
            name = f"{path}:{here}"
            if len(line) > max_bytes:
                yield InputItem(name=name, error=InputError(name, "line is above the size limit"))
                continue
            try:
                obj = json.loads(line)
            except ValueError as e:
                yield InputItem(name=name, error=InputError(name, f"invalid JSON: {e}"))
                continue
            yield jsonl_item(obj, name)


def iter_unit_items(unit: tuple, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[InputItem]:
    kind = unit[0]
    if kind == "file":
        yield read_file(Path(unit[1]), max_bytes)
    elif kind == "jsonl":
        yield from iter_jsonl(unit[1], unit[2], unit[3], max_bytes)
    elif kind == "warc":
        from onrecord.ingest.archives import iter_warc

        yield from iter_warc(unit[1], unit[1], max_bytes)
    else:
        yield InputItem(name=unit[1], error=InputError(unit[1], "no such file or directory"))


def iter_items(inputs: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[InputItem]:
    """The InputItems the Spark job analyses, read on one machine (same readers, same order)."""
    for unit in plan_units(inputs):
        yield from iter_unit_items(unit, max_bytes)


def item_id(item: InputItem) -> str:
    return item.name


def document_row(outcome) -> tuple:
    """The documents-table row of one analysis outcome."""
    item = outcome.item
    if outcome.record is None:
        return (item_id(item), item.path, item.url, None, None, None, None, None,
                outcome.error or "analysis failed", None)
    d = outcome.record.to_dict()
    doc = d.get("document") or {}
    src = d.get("source") or {}
    return (item_id(item), src.get("path"), src.get("url"), src.get("sha256"), doc.get("title"),
            doc.get("author"), doc.get("published"), len(d.get("attributions") or []), None,
            json.dumps(d, ensure_ascii=False))


def analyze_partition(units: Iterable[tuple], max_chars: Optional[int] = None,
                      doc_timeout: Optional[float] = None,
                      max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[tuple]:
    """mapPartitions body: units → document rows.  The model is loaded once per process."""
    from onrecord.pipeline import DEFAULT_DOC_TIMEOUT, DEFAULT_MAX_CHARS, analyze_items

    def items() -> Iterator[InputItem]:
        for unit in units:
            yield from iter_unit_items(unit, max_bytes)

    for outcome in analyze_items(items(), jobs=1,
                                 max_chars=max_chars or DEFAULT_MAX_CHARS,
                                 doc_timeout=DEFAULT_DOC_TIMEOUT if doc_timeout is None else doc_timeout):
        yield document_row(outcome)


def _text_of(rec: dict, span) -> Optional[str]:
    if not span:
        return None
    if "spans" in span:
        return " … ".join(rec["text"][s["start"]:s["end"]] for s in span["spans"])
    return rec["text"][span["start"]:span["end"]]


def statement_rows(doc_id: str, record_json: Optional[str]) -> list[tuple]:
    """The statements-table rows of one record (one per attribution)."""
    if not record_json:
        return []
    rec = json.loads(record_json)
    published = (rec.get("document") or {}).get("published")
    rows = []
    for a in rec.get("attributions") or []:
        sp = a.get("speaker") or {}
        rows.append((doc_id, a.get("id"), a.get("kind"), sp.get("id"), sp.get("name"),
                     _text_of(rec, a.get("content")), _text_of(rec, a.get("cue")),
                     _text_of(rec, a.get("source")),
                     float(a["confidence"]) if a.get("confidence") is not None else None,
                     published))
    return rows


# ------------------------------------------------------------------ Spark (driver)
def _ensure_java() -> None:
    if os.environ.get("JAVA_HOME"):
        return
    import shutil

    if shutil.which("java"):
        return
    for cand in sorted(glob.glob("/usr/lib/jvm/*17*")) + sorted(glob.glob("/usr/lib/jvm/*")):
        if os.path.exists(os.path.join(cand, "bin", "java")):
            os.environ["JAVA_HOME"] = cand
            return


def local_session(master: str = "local[2]", app_name: str = "onrecord", driver_memory: str = "1g"):
    """A small, quiet local SparkSession (no UI, loopback only, 2 shuffle partitions)."""
    _ensure_java()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master(master).appName(app_name)
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.shuffle.partitions", "2")
             .config("spark.driver.memory", driver_memory)
             .config("spark.driver.host", "127.0.0.1")
             .config("spark.driver.bindAddress", "127.0.0.1")
             .config("spark.python.worker.reuse", "true")
             .config("spark.sql.session.timeZone", "UTC")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _schema(cols):
    from pyspark.sql.types import DoubleType, IntegerType, StringType, StructField, StructType

    types = {"string": StringType(), "int": IntegerType(), "double": DoubleType()}
    return StructType([StructField(n, types[t], True) for n, t in cols])


def run(inputs, output: str, partitions: Optional[int] = None, spark=None,
        master: Optional[str] = None, statements: bool = True,
        max_chars: Optional[int] = None, doc_timeout: Optional[float] = None,
        max_bytes: int = DEFAULT_MAX_BYTES) -> dict:
    """Analyse ``inputs`` on Spark and write Parquet to ``output`` (``documents/``, ``statements/``).

    ``spark``: an existing SparkSession; else one is made (``master``, default: the one
    spark-submit gives, else ``local[*]``).  Returns counts.
    """
    if isinstance(inputs, (str, Path)):
        inputs = [str(inputs)]
    inputs = [str(x) for x in inputs]
    units = plan_units(inputs)      # before a session is started: no inputs is an error at once
    if not units:
        raise InputError(", ".join(inputs), "no .txt, .html, .jsonl or WARC files found")
    own = spark is None
    if own:
        from pyspark import SparkConf

        if master is None and not SparkConf().contains("spark.master"):
            master = "local[*]"
        spark = local_session(master) if master else __import__(
            "pyspark.sql", fromlist=["SparkSession"]).SparkSession.builder.getOrCreate()
    try:
        sc = spark.sparkContext
        n = max(1, min(len(units), partitions or sc.defaultParallelism))
        out = Path(output)
        docs_path, st_path = str(out / "documents"), str(out / "statements")
        rows = sc.parallelize(units, n).mapPartitions(
            lambda it: analyze_partition(it, max_chars, doc_timeout, max_bytes))
        spark.createDataFrame(rows, _schema(DOC_COLUMNS)).write.mode("overwrite").parquet(docs_path)
        written = spark.read.parquet(docs_path)
        counts = {"documents": written.count(), "failed": written.where("error IS NOT NULL").count(),
                  "partitions": n, "units": len(units)}
        if statements:
            st = written.select("id", "record").rdd.flatMap(lambda r: statement_rows(r[0], r[1]))
            spark.createDataFrame(st, _schema(STATEMENT_COLUMNS)).write.mode("overwrite").parquet(st_path)
            counts["statements"] = spark.read.parquet(st_path).count()
        return counts
    finally:
        if own:
            spark.stop()


def main(argv: Optional[list[str]] = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="onrecord.spark.job", description="Analyse documents on Spark.")
    ap.add_argument("paths", nargs="+", help="INPUT... OUTPUT")
    ap.add_argument("--partitions", type=int, default=None)
    ap.add_argument("--master", default=None)
    ap.add_argument("--no-statements", action="store_true")
    a = ap.parse_args(argv)
    if len(a.paths) < 2:
        ap.error("give at least one INPUT and an OUTPUT")
    counts = run(a.paths[:-1], a.paths[-1], a.partitions, master=a.master,
                 statements=not a.no_statements)
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
