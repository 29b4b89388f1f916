"""Archive commands: ``ingest``, ``load``, ``search``, ``speakers``, ``show``, ``export``."""
from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, List, NoReturn, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from onrecord.errors import OnrecordError
from onrecord.ingest.sources import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, InputItem
from onrecord.text import spreadsheet_safe

if TYPE_CHECKING:  # pragma: no cover
    from onrecord.store.core import Store

log = logging.getLogger(__name__)

err = Console(stderr=True)

DB_HELP = "Store: a SQLite file (default ./onrecord.db, or $ONRECORD_DB) or a postgresql:// URL."


def db_option() -> Any:   # (typer's OptionInfo, as a parameter default)
    return typer.Option(None, "--db", envvar="ONRECORD_DB", help=DB_HELP, show_default=False)


def fail(msg: str, code: int = 2) -> NoReturn:
    err.print(f"[red]error:[/red] {escape(msg)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def open_or_fail(db: Optional[str], create: bool = False) -> Store:
    """The store for a command; only ``ingest`` creates a missing one."""
    from onrecord.store import open_store

    try:
        return open_store(db, create=create)
    except OnrecordError as e:
        fail(str(e))


def item_key(item: InputItem) -> str:
    if item.url:
        return item.url
    if item.path:
        return str(Path(item.path).expanduser().resolve())
    return "sha256:" + hashlib.sha256(item.data or b"").hexdigest()


class RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        # over the whole run: the pipeline works in batches, so a short window jumps
        speed = task.completed / task.elapsed if task.elapsed and task.completed else None
        if not speed:
            return Text("- doc/s", style="progress.data.speed")
        return Text(f"{speed:.1f} doc/s", style="progress.data.speed")


def _count_local(specs: List[str]) -> Optional[int]:
    """How many documents the specs hold, when that is cheap to know (files and folders)."""
    from onrecord.ingest.archives import _local_kind
    from onrecord.ingest.sources import _kind_of_path

    total = 0
    for spec in specs:
        p = Path(spec)
        if spec == "-" or spec.startswith(("http://", "https://")):
            return None
        if p.is_dir():
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                total += sum(1 for f in filenames if not f.startswith(".")
                             and _kind_of_path(Path(dirpath) / f) is not None)
        elif p.is_file() and _local_kind(p) is not None:
            return None
        else:
            total += 1
    return total


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("load")(load)
    app.command("search")(search)
    app.command("speakers")(speakers)
    app.command("show")(show)
    app.command("export")(export)


def ingest(
    sources: List[str] = typer.Argument(..., help="Files, folders, http(s) URLs, RSS/Atom feeds "
                                                   "(file or URL), WordPress exports (WXR), WARC files."),
    db: Optional[str] = db_option(),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes for analysis."),
    fetch_links: bool = typer.Option(True, "--fetch-links/--no-fetch-links",
                                     help="Fetch feed entries that carry only a summary."),
    allow_private: bool = typer.Option(False, "--allow-private",
                                       help="Allow fetching from loopback, private and link-local "
                                            "addresses (refused by default: a feed's links and "
                                            "redirects could reach internal services)."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Largest input accepted (bytes)."),
    timeout: float = typer.Option(DEFAULT_TIMEOUT, "--timeout", help="HTTP timeout in seconds."),
    max_chars: int = typer.Option(1_000_000, "--max-chars", min=1,
                                  help="Longest article text analysed (characters)."),
    doc_timeout: float = typer.Option(120.0, "--doc-timeout", min=0.1,
                                      help="Time limit per document (seconds)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    primary: bool = typer.Option(False, "--primary",
                                 help="Mark these documents as primary sources (transcripts, "
                                      "statements) for 'onrecord trace'."),
) -> None:
    """Analyze documents and store them; unchanged documents are skipped (resumable)."""
    from onrecord.clean.authors import years
    from onrecord.ingest.archives import iter_sources
    from onrecord.pipeline import analyze_items
    from onrecord.store import redate

    store = open_or_fail(db, create=True)
    profile, documents = redate.load_profile(store), []  # (the run's, learnt from after it)
    counts = {"ingested": 0, "replaced": 0, "unchanged": 0, "failed": 0}
    failures: list[str] = []
    keys: dict[int, str] = {}
    stored_keys: list[str] = []

    def summary_line() -> str:
        return (f"[green]{counts['ingested']} new[/] {counts['replaced']} replaced "
                f"{counts['unchanged']} unchanged "
                f"[{'red' if counts['failed'] else 'default'}]{counts['failed']} failed[/]")

    total = _count_local(sources)
    progress = Progress(SpinnerColumn(), BarColumn(bar_width=24), MofNCompleteColumn(),
                        RateColumn(), TimeElapsedColumn(), TextColumn("{task.fields[summary]}"),
                        console=err, disable=quiet, transient=False)
    task = progress.add_task("ingest", total=total, summary=summary_line())

    def advance(status: str, why: Optional[str] = None) -> None:
        counts[status] += 1
        if why:
            failures.append(why)
        progress.update(task, advance=1, summary=summary_line())

    def pending() -> Iterator[InputItem]:
        for item in iter_sources(sources, max_bytes=max_bytes, timeout=timeout,
                                 fetch_links=fetch_links, allow_private=allow_private):
            if item.error is not None:
                advance("failed", str(item.error))
                continue
            key = item_key(item)
            sha = hashlib.sha256(item.data or b"").hexdigest()
            try:
                if store.is_unchanged(key, sha):
                    advance("unchanged")
                    stored_keys.append(key)
                    continue
            except OnrecordError as e:
                advance("failed", f"{item.name}: {e}")
                continue
            keys[id(item)] = key
            yield item

    started = time.monotonic()
    interrupted = False
    with progress:
        try:
            for outcome in analyze_items(pending(), jobs=jobs, max_chars=max_chars,
                                         doc_timeout=doc_timeout, author_years=years(profile)):
                key = keys.pop(id(outcome.item), None) or item_key(outcome.item)
                if outcome.record is None:
                    advance("failed", outcome.error or f"{outcome.item.name}: analysis failed")
                    continue
                documents.append(outcome.record.document)
                try:
                    status, _ = store.put(outcome.record, key=key)
                except OnrecordError as e:
                    advance("failed", f"{outcome.item.name}: cannot store: {e}")
                    continue
                except Exception as e:  # database errors: one document, one transaction
                    advance("failed", f"{outcome.item.name}: cannot store: {type(e).__name__}: {e}")
                    log.debug("cannot store %s", outcome.item.name, exc_info=True)
                    continue
                advance(status)
                stored_keys.append(key)
        except KeyboardInterrupt:
            interrupted = True
        finally:
            done = sum(counts.values())
            progress.update(task, total=done if total is None or interrupted else total)
    redated = {} if interrupted else redate.after_run(store, profile, documents, max_chars,
                                                      doc_timeout)
    if primary and stored_keys:
        from onrecord.provenance.index import mark_primary

        mark_primary(store, [row["id"] for row in map(store.lookup, stored_keys) if row])
    store.close()
    elapsed = time.monotonic() - started
    done = sum(counts.values())
    out = Console()
    out.print(f"{done} documents in {elapsed:.1f} s: {counts['ingested']} ingested, "
              f"{counts['replaced']} replaced, {counts['unchanged']} unchanged, "
              f"{counts['failed']} failed", highlight=False)
    if redated.get("redated") or redated.get("not_redated"):
        out.print(f"{redated['redated']} stored documents dated again (their author's year "
                  f"changed); {redated['not_redated']} could not be (their input is gone)")
    for why in failures[:50]:
        out.print(f"  failed: {escape(why)}", highlight=False, soft_wrap=True)
    if len(failures) > 50:
        out.print(f"  … and {len(failures) - 50} more failures", highlight=False)
    if interrupted:
        err.print("interrupted: documents stored so far are kept; run the same command again "
                  "to resume")
        raise typer.Exit(130)
    if counts["failed"]:
        raise typer.Exit(1)


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
    from onrecord.store.bulk import UnreadableRecord
    from onrecord.store.load import LoadError, load_items

    store = open_or_fail(db, create=True)
    failures: list[str] = []
    wheres: list[str] = []
    started = time.monotonic()

    def items() -> Iterator[Any]:
        for n, item in enumerate(load_items(files, failures, wheres), 1):
            yield item
            if not quiet and n % 10000 == 0:
                err.print(f"{n:,} records ({n / max(time.monotonic() - started, 1e-9):,.0f}/s)")

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
    counts["failed"] = len(failures)  # (with the lines that hold no record at all)
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


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=1) + "\n")


def search(
    query: Optional[str] = typer.Argument(None, help='Words, "phrases", OR, -exclude, prefix*.'),
    speaker: Optional[str] = typer.Option(None, "--speaker", "-s", help="Speaker name, alias or id."),
    kind: Optional[str] = typer.Option(None, "--kind", "-k", help="direct | mixed | indirect"),
    since: Optional[str] = typer.Option(None, "--since", help="Published on or after (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Published on or before (YYYY-MM-DD)."),
    documents: bool = typer.Option(False, "--documents", "-d", help="Search article text instead."),
    limit: int = typer.Option(50, "--limit", "-n", min=1),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    db: Optional[str] = db_option(),
) -> None:
    """Search stored statements (or, with --documents, article text)."""
    if not query and not (speaker or kind or since or until):
        fail("give a search query or at least one of --speaker, --kind, --since, --until")
    store = open_or_fail(db)
    try:
        if documents:
            if speaker or kind:
                fail("--speaker and --kind apply to statements, not to --documents")
            rows = store.documents(q=query, since=since, until=until, limit=limit)
        else:
            rows = store.statements(q=query, speaker=speaker, kind=kind, since=since,
                                    until=until, limit=limit)
    except OnrecordError as e:
        fail(str(e))
    finally:
        store.close()
    if as_json:
        _print_json(rows)
        return
    out = Console()
    if not rows:
        err.print("no matches")
        raise typer.Exit(1)
    if documents:
        for r in rows:
            out.print(f"[bold]{r['id']}[/] {escape(r['published'] or '????-??-??')} "
                      f"{escape(r['title'] or r['key'])} [dim]({r['n_statements']} statements)[/]",
                      highlight=False)
        return
    for r in rows:
        who = escape(r["speaker_name"] or "unknown speaker")
        out.print(f"[dim]{escape(r['published'] or '????-??-??')}[/] [bold]{who}[/] "
                  f"[cyan]{r['kind']}[/]{' · ' + escape(r['cue_text']) if r['cue_text'] else ''}",
                  highlight=False)
        out.print(f"  {escape(r['content'])}", highlight=False)
        out.print(f"  [dim]— doc {r['doc_id']}: {escape(r['doc_title'] or r['doc_key'])}[/]",
                  highlight=False)
    err.print(f"{len(rows)} statement{'s' if len(rows) != 1 else ''}"
              + (f" (limit {limit}; use --limit for more)" if len(rows) == limit else ""))


def speakers(
    name: Optional[str] = typer.Argument(None, help="Only speakers whose name or alias contains this."),
    limit: int = typer.Option(50, "--limit", "-n", min=1),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    db: Optional[str] = db_option(),
) -> None:
    """List speakers, most quoted first."""
    store = open_or_fail(db)
    try:
        rows = store.speakers(q=name, limit=limit)
    finally:
        store.close()
    if as_json:
        _print_json(rows)
        return
    if not rows:
        err.print("no speakers")
        raise typer.Exit(1)
    t = Table(box=None, header_style="bold")
    # ids are what other commands take: never cut or wrapped, whatever the terminal width
    t.add_column("id", no_wrap=True, min_width=max(len(r["id"]) for r in rows))
    for col in ("name", "type", "role"):
        t.add_column(col, overflow="fold")
    t.add_column("statements", justify="right")
    t.add_column("documents", justify="right")
    for r in rows:
        t.add_row(escape(r["id"]), escape(r["name"]), r["type"] or "", escape(r["role"] or ""),
                  str(r["n_statements"]), str(r["n_documents"]))
    Console().print(t)


def show(
    doc: str = typer.Argument(..., help="Document id, URL, path, or the end of its path."),
    as_json: bool = typer.Option(False, "--json", help="Print the full stored record."),
    db: Optional[str] = db_option(),
) -> None:
    """Show one stored document and its statements."""
    store = open_or_fail(db)
    try:
        d = store.document(doc)
        if d is None:
            fail(f"no stored document matches {doc!r}", 1)
        stmts = store.statements(doc_id=d["id"], limit=100000, oldest_first=True)
    except OnrecordError as e:
        fail(str(e))
    finally:
        store.close()
    if as_json:
        _print_json(d["record"])
        return
    out = Console()
    out.print(f"[bold]{escape(d['title'] or '(untitled)')}[/]", highlight=False)
    for label, key in (("id", "id"), ("source", "key"), ("author", "author"),
                       ("published", "published"), ("ingested", "ingested_at")):
        if d.get(key) is not None:
            out.print(f"  [dim]{label}:[/] {escape(str(d[key]))}", highlight=False)
    sp = d["record"].get("speakers") or []
    if sp:
        out.print("  [dim]speakers:[/] " + escape(", ".join(
            s["name"] + (f" ({s['role']})" if s.get("role") else "") for s in sp)), highlight=False)
    out.print(f"\n[bold]{len(stmts)} statements[/]")
    for r in sorted(stmts, key=lambda r: r["start_offset"]):
        out.print(f"[bold]{escape(r['speaker_name'] or 'unknown speaker')}[/] [cyan]{r['kind']}[/]"
                  f"{' · ' + escape(r['cue_text']) if r['cue_text'] else ''}", highlight=False)
        out.print(f"  {escape(r['content'])}", highlight=False)


EXPORT_FORMATS = ("jsonl", "csv", "parquet")
EXPORT_WHAT = ("documents", "statements", "speakers")


def export(
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl | csv | parquet"),
    what: str = typer.Option("statements", "--what", "-w", help="documents | statements | speakers"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output file (default: stdout; "
                                                                  "required for parquet)."),
    db: Optional[str] = db_option(),
) -> None:
    """Export documents, statements or speakers (jsonl documents carry the full record)."""
    if format not in EXPORT_FORMATS:
        fail(f"unknown format {format!r} (use {', '.join(EXPORT_FORMATS)})")
    if what not in EXPORT_WHAT:
        fail(f"cannot export {what!r} (use {', '.join(EXPORT_WHAT)})")
    if format == "parquet" and out is None:
        fail("parquet needs --out FILE")
    store = open_or_fail(db)
    try:
        n = write_export(store, format, what, out)
    except OSError as e:
        fail(f"cannot write {out}: {e.strerror or e}")
    finally:
        store.close()
    err.print(f"exported {n} {what} → {out or 'stdout'}")


def write_export(store: Store, format: str, what: str, out: Optional[Path]) -> int:
    rows = store.iter_rows(what, with_record=(format == "jsonl"))
    n = 0
    if format == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        assert out is not None   # (a Parquet export needs --out)
        tmp = Path(str(out) + ".tmp")
        schema = _empty_schema(what)
        batch: list[dict[str, Any]] = []
        with pq.ParquetWriter(str(tmp), schema) as writer:
            for r in rows:
                batch.append({c: r.get(c) for c in _COLS[what]})
                n += 1
                if len(batch) >= 1000:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch.clear()
            if batch:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
        os.replace(tmp, out)
        return n
    fh = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout
    try:
        if format == "jsonl":
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
                n += 1
        else:
            w = None
            for r in rows:
                if w is None:
                    w = csv.DictWriter(fh, fieldnames=list(r.keys()))
                    w.writeheader()
                w.writerow({k: spreadsheet_safe(v) for k, v in r.items()})
                n += 1
    finally:
        if out:
            fh.close()
    return n


_TYPES = {
    "documents": {"id": "int64", "n_statements": "int64", "n_speakers": "int64"},
    "statements": {"id": "int64", "doc_id": "int64", "start_offset": "int64",
                   "end_offset": "int64", "confidence": "float64"},
    "speakers": {"n_statements": "int64", "n_documents": "int64"},
}
_COLS = {
    "documents": ["id", "key", "sha256", "path", "url", "title", "author", "published",
                  "ingested_at", "n_statements", "n_speakers", "text"],
    "statements": ["id", "doc_id", "doc_key", "doc_title", "attr_id", "kind", "speaker_id",
                   "speaker_name", "source_text", "cue_text", "content", "start_offset",
                   "end_offset", "addressee_id", "relayed_by_id", "confidence", "published"],
    "speakers": ["id", "name", "type", "role", "aliases", "n_statements", "n_documents"],
}


def _empty_schema(what: str) -> Any:
    import pyarrow as pa

    return pa.schema([(c, getattr(pa, _TYPES[what].get(c, "string"))()) for c in _COLS[what]])

