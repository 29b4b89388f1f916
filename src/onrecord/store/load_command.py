"""The ``onrecord load`` command: finished records from JSONL or Parquet files into the
store, in batches (:mod:`onrecord.store.bulk`), with every line or row that cannot be
stored reported by its place."""
from __future__ import annotations

import logging
import os
import time
from typing import Any, Iterator, List, Optional

import typer
from rich.console import Console
from rich.markup import escape

from onrecord.errors import OnrecordError
from onrecord.store.cli import db_option, err, fail, open_or_fail

log = logging.getLogger(__name__)


def load(
    files: List[str] = typer.Argument(..., help="JSONL files of records (onrecord analyze --format "
                                                "jsonl, export --what documents) or Parquet "
                                                "files/folders with a 'record' column (onrecord "
                                                "spark OUTPUT)."),
    db: Optional[str] = db_option(),
    batch: int = typer.Option(500, "--batch", min=1, help="Records per transaction."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress line."),
    compact: bool = typer.Option(False, "--compact", help="Then give back the unused page space "
                                 "(SQLite VACUUM: needs as much free disk as the store)."),
    workers: int = typer.Option(0, "--workers", "-j", min=0, help="Processes that read and "
                                "prepare records while this one writes (0: one per core; 1: "
                                "none)."),
) -> None:
    """Store finished records (no analysis), in batches; unchanged documents are skipped."""
    from onrecord.store.bulk import RawLine, UnreadableRecord
    from onrecord.store.load import LoadError, Unreadable, read_records

    store = open_or_fail(db, create=True)
    failures: list[str] = []
    wheres: list[str] = []
    unreadable = 0
    started = time.monotonic()

    def items() -> Iterator[Any]:
        nonlocal unreadable
        for item in read_records(files, raw=True):
            if isinstance(item, Unreadable):
                unreadable += 1
                failures.append(f"{item.where}: {item.why}")
                continue
            if isinstance(item, RawLine):
                wheres.append(item.where)
                yield item
                continue
            rec, key = item
            wheres.append(str(key or (rec.get("source") or {}).get("url")
                              or (rec.get("source") or {}).get("path") or len(wheres) + 1))
            yield rec, key
            if not quiet and len(wheres) % 10000 == 0:
                rate = len(wheres) / max(time.monotonic() - started, 1e-9)
                err.print(f"{len(wheres):,} records ({rate:,.0f}/s)")

    def on_error(i: int, e: Exception) -> None:
        why = str(e) if isinstance(e, OnrecordError) else f"{type(e).__name__}: {e}"
        where = wheres[i] if i < len(wheres) else i
        failures.append(f"{where}: {why}" if isinstance(e, UnreadableRecord)
                        else f"{where}: cannot store: {why}")
        log.debug("cannot store record %d", i, exc_info=True)

    try:
        counts = store.put_many(items(), batch=batch, on_error=on_error,
                                workers=workers or min(os.cpu_count() or 1, 4))
    except LoadError as e:
        store.close()
        fail(str(e))
    except KeyboardInterrupt:
        store.close()
        err.print("interrupted: batches stored so far are kept; run the same command again "
                  "to resume")
        raise typer.Exit(130) from None
    if compact:
        store.compact()
    store.close()
    counts["failed"] += unreadable
    elapsed = time.monotonic() - started
    done = sum(counts.values())
    Console().print(f"{done} records in {elapsed:.1f} s ({done / max(elapsed, 1e-9):,.0f}/s): "
                    f"{counts['ingested']} ingested, {counts['replaced']} replaced, "
                    f"{counts['unchanged']} unchanged, {counts['failed']} failed", highlight=False)
    for why in failures[:50]:
        Console().print(f"  failed: {escape(why)}", highlight=False, soft_wrap=True)
    if len(failures) > 50:
        Console().print(f"  … and {len(failures) - 50} more failures", highlight=False)
    if counts["failed"]:
        raise typer.Exit(1)
