"""spark: the onrecord analysis on Apache Spark, for archives too big for one machine.

``onrecord spark INPUT OUTPUT`` (or :func:`onrecord.spark.job.run`) reads WARC files,
JSONL files (one ``{"id"|"path", "text"|"html"}`` object per line) or folders of
text/HTML files, analyses every document with the same pipeline as
``onrecord analyze`` (``analyze_items``, one model per executor process) inside
``mapPartitions``, and writes Parquet:

* ``OUTPUT/documents`` – one row per document: ``id, path, url, sha256, title,
  author, published, attributions, error, record`` (``record`` is the full record
  JSON, exactly what ``onrecord analyze`` prints; ``error`` is set and ``record``
  null for a document that could not be analysed);
* ``OUTPUT/statements`` – one row per attribution (``doc_id, attribution_id, kind,
  speaker_id, speaker_name, content, cue, source, confidence, published``).

:func:`load_parquet` reads the records back (no Spark needed, only pyarrow), e.g. to
put them into the store: ``onrecord spark-load OUTPUT --db onrecord.db``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator, Union

__all__ = ["load_parquet", "load_rows", "run"]


def _documents_dir(path: Union[str, Path]) -> Path:
    p = Path(path)
    return p / "documents" if (p / "documents").is_dir() else p


def load_rows(path: Union[str, Path], columns: list[str] | None = None) -> Iterator[dict]:
    """Rows of the documents table (``OUTPUT`` or ``OUTPUT/documents``), streamed by batch."""
    from onrecord.store.load import parquet_rows  # (lazy: pyarrow only when Parquet is read)

    yield from parquet_rows(_documents_dir(path), columns)


def load_parquet(path: Union[str, Path]) -> Iterator[dict]:
    """The records (as JSON-contract dicts) of a Spark run; documents that failed are skipped."""
    for row in load_rows(path, columns=["record"]):
        if row["record"] is not None:
            yield json.loads(row["record"])


def run(*args, **kw):
    """See :func:`onrecord.spark.job.run`."""
    from onrecord.spark.job import run as _run

    return _run(*args, **kw)
