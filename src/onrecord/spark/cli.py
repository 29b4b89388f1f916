"""``onrecord spark INPUT... OUTPUT`` and ``onrecord spark-load OUTPUT``."""
from __future__ import annotations

import json
import os
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape

err = Console(stderr=True)


def register(app: typer.Typer) -> None:
    app.command("spark")(spark)
    app.command("spark-load")(spark_load)


def spark(
    paths: List[str] = typer.Argument(..., help="INPUT... OUTPUT: WARC, JSONL, text/HTML files or "
                                                "folders, then the output folder (Parquet)."),
    partitions: Optional[int] = typer.Option(None, "--partitions", "-p", min=1,
                                             help="Partitions (default: Spark's parallelism)."),
    master: Optional[str] = typer.Option(None, "--master",
                                         help="Spark master, e.g. local[2] (default: spark-submit's, "
                                              "else local[*])."),
    statements: bool = typer.Option(True, "--statements/--no-statements",
                                    help="Also write OUTPUT/statements (one row per attribution)."),
) -> None:
    """Analyse documents on Apache Spark; write OUTPUT/documents (+ statements) as Parquet."""
    from onrecord.errors import OnrecordError

    if len(paths) < 2:
        err.print("[red]error:[/red] give at least one INPUT and an OUTPUT folder")
        raise typer.Exit(2)
    try:
        import pyspark  # noqa: F401

        from onrecord.spark.job import run
    except ImportError as e:
        err.print(f"[red]error:[/red] pyspark is not installed ({escape(str(e))}): "
                  "pip install 'onrecord\\[spark]'")   # \[: a literal bracket, not rich markup
        raise typer.Exit(2) from None
    try:
        counts = run(paths[:-1], paths[-1], partitions, master=master, statements=statements)
    except OnrecordError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}", highlight=False)
        raise typer.Exit(2) from None
    typer.echo(json.dumps(counts))
    if counts.get("failed"):
        err.print(f"{counts['failed']} documents failed (see the error column of "
                  f"{escape(paths[-1])}/documents)")


def spark_load(
    output: str = typer.Argument(..., help="A Spark run's OUTPUT (or OUTPUT/documents)."),
    db: Optional[str] = typer.Option(None, "--db", envvar="ONRECORD_DB",
                                     help="Store: SQLite file or postgresql:// URL."),
) -> None:
    """Put the records of a Spark run into the store."""
    from onrecord.errors import OnrecordError
    from onrecord.spark import load_rows
    from onrecord.store import open_store

    try:
        store = open_store(db)
    except OnrecordError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}")
        raise typer.Exit(2) from None
    failed = 0

    def records():
        nonlocal failed
        for row in load_rows(output, columns=["id", "record"]):
            if row["record"] is None:
                failed += 1
                continue
            rec = json.loads(row["record"])
            src = rec.get("source") or {}
            key = None if (src.get("url") or src.get("path")) else f"spark:{row['id']}"
            yield rec, key

    with store:  # batches of 500 records to a transaction
        out = store.put_many(records(), workers=min(os.cpu_count() or 1, 4))
    counts = {k: v for k, v in out.items() if v and k != "failed"}
    if failed:
        counts["failed"] = failed
    typer.echo(json.dumps(counts))
