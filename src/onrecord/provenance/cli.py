"""Provenance commands: ``trace`` (one quotation, readable) and ``provenance`` (the archive)."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape

from onrecord.errors import OnrecordError
from onrecord.store.cli import db_option, fail, open_or_fail

FORMATS = ("jsonl", "csv", "parquet")
out_console = Console()
err = Console(stderr=True)


def register(app: typer.Typer) -> None:
    app.command("trace")(trace)
    app.command("provenance")(provenance)


def _indexed(db: Optional[str], quiet: bool = True):
    from onrecord.provenance import index

    store = open_or_fail(db)
    try:
        n = index.update(store)
    except OnrecordError as e:
        fail(str(e))
    if n and not quiet:
        err.print(f"indexed {n} new statements for tracing", highlight=False)
    return store


def trace(
    statement: Optional[str] = typer.Argument(None, help="Statement id (see 'onrecord search')."),
    text: Optional[str] = typer.Option(None, "--text", "-t", help="Trace these words instead."),
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Who the --text is attributed to."),
    db: Optional[str] = db_option(),
    format: str = typer.Option("text", "--format", "-f", help="text | json"),
) -> None:
    """Where a quotation's words appear in other documents, and how faithfully."""
    from onrecord.provenance.trace import trace_statement, trace_text

    if format not in ("text", "json"):
        fail(f"unknown format {format!r}: use text or json")
    if (statement is None) == (text is None):
        fail("give a statement id or --text (one of the two)")
    if statement is not None and not statement.strip().isdigit():
        fail(f"statement id must be a number, not {statement!r}")
    if text is not None and not text.strip():
        fail("--text is empty")
    store = _indexed(db)
    with store:
        if statement is not None:
            prov = trace_statement(store, int(statement))
            if prov is None:
                fail(f"no statement {statement} in the store")
        else:
            prov = trace_text(store, [(text or "").strip()], speaker)
    if format == "json":
        sys.stdout.write(json.dumps(prov.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    show(prov)


COLOURS = {"verbatim": "green", "trimmed": "cyan", "elided": "blue", "altered": "red",
           "misattributed": "magenta"}


def show(prov) -> None:
    c = out_console
    who = prov.speaker_name or "unknown speaker"
    c.print(f"[bold]{escape(who)}[/]: “{escape(prov.quotation)}”", highlight=False, soft_wrap=True)
    if prov.doc_id is not None:
        c.print(f"  in document {prov.doc_id} ({escape(prov.doc_title or '')}), "
                f"{prov.published or 'undated'}", highlight=False)
    if prov.status != "matched":
        what = {"no-match": "no other document carries these words",
                "too-short": "too short to trace (fewer than four words)",
                "not-a-quotation": "not a direct or mixed quotation"}.get(prov.status, prov.status)
        c.print(f"  → {what}", highlight=False)
        return
    col = COLOURS.get(prov.verdict, "white")
    c.print(f"  → [{col}]{prov.verdict}[/]; {len(prov.matches)} matching passage(s)", highlight=False)
    if prov.primary_is_self:
        c.print("  this quotation is itself in a primary source", highlight=False)
    if prov.primary:
        p = prov.primary
        c.print(f"  primary source: document {p.doc_id} ({escape(p.doc_title or '')}), "
                f"{p.published or 'undated'}, {escape(p.speaker_name or 'unknown speaker')}",
                highlight=False)
    if prov.earliest:
        c.print(f"  earliest appearance: document {prov.earliest['doc_id']}, "
                f"{prov.earliest['published'] or 'undated'}", highlight=False)
    for m in prov.matches:
        col = COLOURS.get(m.fidelity, "white")
        c.print(f"\n  [{col}]{m.fidelity:13}[/] doc {m.doc_id} · {m.published or 'undated'} · "
                f"{escape(m.speaker_name or 'unknown speaker')}{' · primary' if m.primary else ''}",
                highlight=False)
        c.print(f"    “{escape(m.passage)}”", highlight=False, soft_wrap=True)
        for d in m.diff:
            if d["op"] == "equal":
                continue
            c.print(f"    {d['op']}: quotation [red]{escape(d['quote']) or '—'}[/] · source "
                    f"[green]{escape(d['source']) or '—'}[/]", highlight=False, soft_wrap=True)


def provenance(
    out: Path = typer.Option(..., "--out", "-o", help="Output file (.jsonl, .csv or .parquet)."),
    db: Optional[str] = db_option(),
    format: Optional[str] = typer.Option(None, "--format", "-f",
                                         help="jsonl | csv | parquet (default: from --out)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress line."),
) -> None:
    """Trace every direct and mixed quotation of the archive: one row per quotation–match pair."""
    from onrecord.provenance.export import write_pairs

    fmt = format or out.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}: use --format jsonl, csv or parquet (or a file ending so)")
    if not out.parent.exists():
        fail(f"cannot write {out}: folder {out.parent} does not exist")
    started = time.monotonic()
    store = _indexed(db, quiet)
    with store:
        try:
            stats = write_pairs(store, out, fmt, progress=None if quiet else err)
        except OSError as e:
            fail(f"cannot write {out}: {e}")
    elapsed = time.monotonic() - started
    out_console.print(f"{stats['quotations']} quotations traced in {elapsed:.1f} s: "
                      f"{stats['matched']} matched, {stats['no-match']} with no match, "
                      f"{stats['too-short']} too short; {stats['rows']} rows in {out}",
                      highlight=False)
