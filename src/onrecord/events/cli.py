"""``onrecord timeline | events | links | contradictions | network | duplicates`` over the archive.

Each reads the records in the store (``--db``), or the ``*.json`` records that
``onrecord analyze --out DIR`` wrote (``--records DIR``); ``links`` reads the store's own
cross-document event links (:mod:`onrecord.store.events`).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterator, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

err = Console(stderr=True)
DB_HELP = "Store: a SQLite file (default ./onrecord.db, or $ONRECORD_DB) or a postgresql:// URL."


def _fail(msg: str, code: int = 2) -> None:
    err.print(f"[red]error:[/red] {escape(msg)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _records(db: Optional[str], records_dir: Optional[Path]) -> Iterator:
    from onrecord.errors import OnrecordError

    if records_dir is not None:
        if not records_dir.is_dir():
            _fail(f"{records_dir} is not a folder of records")
        for p in sorted(records_dir.glob("*.json")):
            try:
                rec = json.loads(p.read_text(encoding="utf-8"))
            except (OSError, ValueError) as e:
                err.print(f"[yellow]skipped[/yellow] {escape(str(p))}: {escape(str(e))}")
                continue
            if isinstance(rec, dict) and "text" in rec:
                yield ({"id": None, "key": str(p)}, rec)
        return
    from onrecord.events.cross import iter_store_records
    from onrecord.store import open_store

    try:
        store = open_store(db, create=False)
    except OnrecordError as e:
        _fail(str(e))
    try:
        yield from iter_store_records(store)
    finally:
        store.close()


def _db():
    return typer.Option(None, "--db", envvar="ONRECORD_DB", help=DB_HELP, show_default=False)


def _dir():
    return typer.Option(None, "--records", help="Read analysis records (*.json) from this folder "
                                                "instead of the store.")


def _fmt():
    return typer.Option("text", "--format", "-f", help="text | json")


def _check(fmt: str, allowed=("text", "json")) -> None:
    if fmt not in allowed:
        _fail(f"unknown format {fmt!r} (use {' or '.join(allowed)})")


def _arrow(r: dict) -> str:
    t = r.get("target_name") or r.get("target")
    return f"{r.get('actor_name') or r.get('actor')}" + (f" → {t}" if t else "")


def register(app: typer.Typer) -> None:
    @app.command()
    def timeline(speaker: Optional[str] = typer.Option(None, "--speaker", help="Events by this speaker "
                                                       "(name, alias or id), or from their statements."),
                 actor: Optional[str] = typer.Option(None, "--actor", help="Events where this actor "
                                                     "acts or is the target."),
                 db: Optional[str] = _db(), records: Optional[Path] = _dir(),
                 format: str = _fmt(), limit: int = typer.Option(1000, "--limit", min=1)) -> None:
        """Events (who did what to whom) in date order, with the basis of each date."""
        from onrecord.events.cross import timeline as build

        _check(format)
        rows = build(_records(db, records), speaker=speaker, actor=actor)[:limit]
        if format == "json":
            sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
            return
        if not rows:
            err.print("no events")
            return
        table = Table(show_lines=False)
        for col in ("date", "event", "who → whom", "evidence", "article"):
            table.add_column(col, overflow="fold")
        for r in rows:
            date = r["date"] or (f"≤{r['published']}" if r["published"] else "?")
            table.add_row(escape(date), escape(r["type"] + (" (not)" if r["negated"] else "")),
                          escape(_arrow(r)), escape(r["evidence"][:160]), escape(r["title"] or str(r["doc_key"])))
        Console().print(table)

    @app.command()
    def events(out: Path = typer.Option(..., "--out", "-o", help="events.csv or events.parquet"),
               db: Optional[str] = _db(), records: Optional[Path] = _dir()) -> None:
        """Every PLOVER event, one row each (date, actor, type, mode, recipient, place, document,
        evidence), with the same event in several documents linked (event_key, documents)."""
        from onrecord.events.export import event_rows, write

        rows = event_rows(_records(db, records))
        try:
            write(rows, out)
        except OSError as e:
            _fail(f"cannot write {out}: {e.strerror or e}")
        err.print(f"{len(rows)} events written → {escape(str(out))}")

    @app.command()
    def links(min_documents: int = typer.Option(2, "--min-documents", min=1,
                                                help="Happenings reported by at least this many documents."),
              plover: Optional[str] = typer.Option(None, "--type", help="Only this PLOVER type."),
              db: Optional[str] = _db(), format: str = _fmt(),
              limit: int = typer.Option(100, "--limit", min=1)) -> None:
        """The same happening reported by several stored documents (same PLOVER type, actor,
        recipient, country and date), most reported first."""
        from onrecord.errors import OnrecordError
        from onrecord.store import open_store

        _check(format)
        try:
            store = open_store(db, create=False)
        except OnrecordError as e:
            _fail(str(e))
        try:
            rows = store.event_links(min_documents=min_documents, plover=plover, limit=limit)
        finally:
            store.close()
        if format == "json":
            sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
            return
        if not rows:
            err.print("no happening reported by several documents")
            return
        out = Console()
        for r in rows:
            who = r["actor_name"] or r["actor"] or "?"
            whom = r["recipient_name"] or r["recipient"]
            out.print(f"[bold]{escape(r['plover'])}[/bold] {escape(who)}" + (f" → {escape(whom)}" if whom else "")
                      + f" {escape(r['date'] or '')} ({r['documents']} documents)")
            for rep in r["reports"]:
                out.print(f"  {escape(rep['title'] or rep['doc_key'])}: {escape((rep['evidence'] or '')[:160])}")

    @app.command()
    def contradictions(db: Optional[str] = _db(), records: Optional[Path] = _dir(),
                       format: str = _fmt()) -> None:
        """Accusations and the denials that answer them (accuse ↔ deny pairs between actors)."""
        from onrecord.events.cross import contradictions as build

        _check(format)
        pairs = build(_records(db, records))
        if format == "json":
            sys.stdout.write(json.dumps(pairs, ensure_ascii=False, indent=1) + "\n")
            return
        if not pairs:
            err.print("no contradictions")
            return
        out = Console()
        for p in pairs:
            a, d = p["accusation"], p["denial"]
            out.print(f"[bold]{escape(p['accuser_name'] or p['accuser'])}[/bold] accuses "
                      f"[bold]{escape(p['accused_name'] or p['accused'])}[/bold]; "
                      f"{escape(p['accused_name'] or p['accused'])} denies")
            out.print(f"  accuse {escape(a['date'] or '?')}: {escape(a['evidence'][:200])}")
            out.print(f"  deny   {escape(d['date'] or '?')}: {escape(d['evidence'][:200])}")
            out.print(f"  ({escape(a['title'] or str(a['doc_key']))}"
                      + ("" if p["same_document"] else f" / {escape(d['title'] or str(d['doc_key']))}") + ")")

    @app.command()
    def network(format: str = typer.Option("csv", "--format", "-f", help="csv | graphml"),
                out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write here (default: stdout)."),
                db: Optional[str] = _db(), records: Optional[Path] = _dir()) -> None:
        """Who talks about whom: statements mentioning another speaker, and events actor → target."""
        from onrecord.events.cross import network_csv, network_graphml

        _check(format, ("csv", "graphml"))
        data = (network_csv if format == "csv" else network_graphml)(_records(db, records))
        if out is None:
            sys.stdout.write(data)
            return
        try:
            out.write_text(data, encoding="utf-8")
        except OSError as e:
            _fail(f"cannot write {out}: {e.strerror or e}")
        err.print(f"network written → {escape(str(out))}")

    @app.command()
    def duplicates(threshold: float = typer.Option(0.5, "--threshold", min=0.05, max=1.0,
                                                   help="Least estimated Jaccard similarity."),
                   db: Optional[str] = _db(), records: Optional[Path] = _dir(),
                   format: str = _fmt()) -> None:
        """Near-duplicate and syndicated articles (MinHash over word 5-shingles)."""
        from onrecord.events.cross import duplicates as build

        _check(format)
        pairs = build(_records(db, records), threshold=threshold)
        if format == "json":
            sys.stdout.write(json.dumps(pairs, ensure_ascii=False, indent=1) + "\n")
            return
        if not pairs:
            err.print("no near-duplicates")
            return
        out = Console()
        for p in pairs:
            out.print(f"{p['similarity']:.2f} {p['kind']}: {escape(p['a']['title'] or str(p['a']['doc_key']))}"
                      f"  ~  {escape(p['b']['title'] or str(p['b']['doc_key']))}")
