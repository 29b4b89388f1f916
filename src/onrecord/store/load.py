"""Records made elsewhere, read for the store: JSON Lines and Parquet files.

``onrecord load`` takes files of finished records (``onrecord analyze --format jsonl``,
``onrecord export --format jsonl --what documents``, or ``onrecord spark`` output,
perhaps made on a cluster) and puts them in batches (:meth:`Store.put_many`): no
analysis, only storing.  Each item is ``(record, key)`` or an :class:`Unreadable` saying
which line or row is not a record and why.

A JSONL line is a record (an object with ``text``) or an export row with the record
under ``record`` (and the document's ``key``).  A Parquet file or folder (a Spark run's
``OUTPUT`` or ``OUTPUT/documents``) has a ``record`` column holding record JSON; rows
whose ``record`` is null (documents Spark could not analyse) are counted as failed.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional, Union

from onrecord.errors import OnrecordError


class LoadError(OnrecordError):
    """An input file cannot be read at all (missing, not JSONL or Parquet)."""


@dataclass
class Unreadable:
    where: str
    why: str


Item = Union[tuple[dict[str, Any], Optional[str]], Unreadable]


def _key_for(rec: dict[str, Any], fallback: Optional[str]) -> Optional[str]:
    src = rec["source"] if isinstance(rec.get("source"), dict) else {}
    if src.get("url") or src.get("path") or src.get("sha256"):
        return fallback
    if fallback:
        return fallback
    text = rec.get("text")
    if isinstance(text, str):
        return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
    return None


def as_item(obj: Any, where: str, key: Optional[str] = None) -> Item:
    if not isinstance(obj, dict):
        return Unreadable(where, f"not a record (a JSON {type(obj).__name__})")
    if "record" in obj and "text" not in obj:
        rec = obj["record"]
        if isinstance(rec, str):
            try:
                rec = json.loads(rec)
            except ValueError as e:
                return Unreadable(where, f"its record is not JSON: {e}")
        if rec is None:
            return Unreadable(where, obj.get("error") or "no record (the analysis failed)")
        key = obj.get("key") if isinstance(obj.get("key"), str) else key
        obj = rec
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        return Unreadable(where, "not a record: no \"text\"")
    return obj, _key_for(obj, key)


def read_jsonl(path: Path, raw: bool = False) -> Iterator[Any]:
    """Each line's item; with ``raw``, lines are left unparsed (:class:`~.bulk.RawLine`: they
    are parsed where they are prepared)."""
    from onrecord.store.bulk import RawLine

    try:
        fh = open(path, encoding="utf-8-sig", errors="strict")
    except OSError as e:
        raise LoadError(f"cannot read {path}: {e.strerror or e}") from None
    with fh:
        n = 0
        try:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                if raw:
                    yield RawLine(line, f"{path.name}:{n}")
                    continue
                try:
                    obj = json.loads(line)
                except ValueError as e:
                    yield Unreadable(f"{path.name}:{n}", f"not JSON ({e})")
                    continue
                yield as_item(obj, f"{path.name}:{n}")
        except UnicodeDecodeError:
            raise LoadError(f"{path}: line {n + 1} is not UTF-8 text; give a JSONL or Parquet "
                            "file") from None


def parquet_rows(path: Union[str, Path], columns: Optional[list[str]] = None) -> Iterator[dict[str, Any]]:
    """Rows of a Parquet table (a file, a folder of parts, or a Spark run's ``OUTPUT`` with
    its ``documents`` folder), streamed by batch."""
    import pyarrow.dataset as ds

    p = Path(path)
    p = p / "documents" if (p / "documents").is_dir() else p
    dataset = ds.dataset(str(p), format="parquet")
    for batch in dataset.to_batches(columns=columns, batch_size=256):
        yield from batch.to_pylist()


def read_parquet(path: Path) -> Iterator[Item]:
    load_rows = parquet_rows

    try:
        import pyarrow  # noqa: F401
        rows = load_rows(path, columns=None)
        first = next(rows, None)
    except Exception as e:  # noqa: BLE001  (pyarrow's errors: not Parquet, no such column)
        raise LoadError(f"cannot read {path} as Parquet: {str(e).splitlines()[0]}") from None
    if first is not None and "record" not in first:
        raise LoadError(f"{path} has no 'record' column (columns: {', '.join(first)})")
    i = 0
    for row in ([first] if first is not None else []):
        i += 1
        yield _row_item(row, path, i)
    for row in rows:
        i += 1
        yield _row_item(row, path, i)


def _row_item(row: dict[str, Any], path: Path, i: int) -> Item:
    where = f"{path.name} row {i}"
    if row.get("record") is None:
        return Unreadable(where, row.get("error") or "no record (the analysis failed)")
    key = row.get("key")
    if key is None and row.get("id") is not None:
        key = f"spark:{row['id']}"
    item = as_item({"record": row["record"]}, where)
    if isinstance(item, tuple):
        rec, k = item
        src = rec["source"] if isinstance(rec.get("source"), dict) else {}
        # a Spark row's record without url or path is known by the row's id (as spark-load)
        item = (rec, key if (key and not (src.get("url") or src.get("path"))) else k)
    return item


def read_records(paths: list[str], raw: bool = False) -> Iterator[Any]:
    """Every record of the files (``.jsonl``/``.json``/``.ndjson``, ``.parquet``, or a
    folder of Parquet files), in order; ``raw``: JSON lines unparsed (see :func:`read_jsonl`)."""
    for spec in paths:
        p = Path(spec)
        if not p.exists():
            raise LoadError(f"{spec}: no such file or folder")
        name = p.name.lower()
        if p.is_dir() or name.endswith(".parquet"):
            yield from read_parquet(p)
        elif name.endswith((".jsonl", ".ndjson", ".json", ".jsonl.txt")):
            yield from read_jsonl(p, raw)
        else:
            with open(p, "rb") as fh:
                head = fh.read(4)
            if head == b"PAR1":
                yield from read_parquet(p)
            else:
                yield from read_jsonl(p, raw)


def load_items(paths: list[str], failures: list[str], wheres: list[str]) -> Iterator[Any]:
    """The items of the files for ``Store.put_many`` (JSON lines unparsed); a line or row
    that is no record goes to ``failures`` (with its place), the place of each item given
    to ``wheres`` (for the errors of storing it)."""
    from onrecord.store.bulk import RawLine

    for item in read_records(paths, raw=True):
        if isinstance(item, Unreadable):
            failures.append(f"{item.where}: {item.why}")
        elif isinstance(item, RawLine):
            wheres.append(item.where)
            yield item
        else:
            rec, key = item
            src = rec.get("source") or {}
            wheres.append(str(key or src.get("url") or src.get("path") or len(wheres) + 1))
            yield rec, key
