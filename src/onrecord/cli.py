"""The ``onrecord`` command line (Typer + Rich)."""
from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape

from onrecord.ingest.sources import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="onrecord: who said what, to or about whom, when — from news and commentary pages.")
err = Console(stderr=True)


def _print_version(value: bool) -> None:
    if value:
        from onrecord import __version__

        typer.echo(f"onrecord {__version__}")
        raise typer.Exit()


@app.callback()
def _root(debug: bool = typer.Option(False, "--debug",
                                     help="Log debug messages, with the traceback of any "
                                          "internal error, to stderr."),
          version: bool = typer.Option(False, "--version", callback=_print_version,
                                       is_eager=True, help="Print the version and exit.")) -> None:
    """onrecord: who said what, to or about whom, when."""
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", force=True)
    if debug:
        for noisy in ("httpx", "httpcore", "urllib3", "asyncio", "filelock"):
            logging.getLogger(noisy).setLevel(logging.WARNING)


def _safe_stem(stem: str, used: set[str]) -> str:
    base = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in stem).strip("._") or "document"
    name, n = base, 1
    while name in used:
        n += 1
        name = f"{base}-{n}"
    used.add(name)
    return name


@app.command()
def analyze(
    paths: List[str] = typer.Argument(..., help="Files (.txt/.html), directories, '-' for stdin, or http(s) URLs."),
    format: str = typer.Option("json", "--format", "-f", help="json | jsonl | text"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write DIR/<stem>.json per input."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Largest input accepted (bytes)."),
    max_chars: int = typer.Option(1_000_000, "--max-chars", help="Longest article text analysed (characters)."),
    timeout: float = typer.Option(DEFAULT_TIMEOUT, "--timeout", help="HTTP timeout in seconds."),
    doc_timeout: float = typer.Option(120.0, "--doc-timeout", help="Time limit per document (seconds)."),
    allow_private: bool = typer.Option(False, "--allow-private",
                                       help="Allow fetching from loopback, private and link-local "
                                            "addresses (refused by default, also on redirects)."),
    author_profile: Optional[Path] = typer.Option(
        None, "--author-profile",
        help="Author profile (JSON): the year each author writes in, learned from pages dated by "
             "their own text and applied to pages that give no year. Default with --out: "
             "DIR/.onrecord-authors.json."),
) -> None:
    """Analyze documents and print (or write) their records."""
    from onrecord.ingest import iter_inputs
    from onrecord.pipeline import analyze_items
    from onrecord.render import render_text

    if format not in ("json", "jsonl", "text"):
        err.print(f"[red]error:[/red] unknown format {format!r} (use json, jsonl or text)")
        raise typer.Exit(2)
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            err.print(f"[red]error:[/red] cannot create output folder {escape(str(out))}: "
                      f"{escape(str(e.strerror or e))}")
            raise typer.Exit(2) from None
    failures = 0
    ok = 0
    used: set[str] = set()
    console = Console()
    if author_profile is None and out is not None:
        author_profile = out / ".onrecord-authors.json"
    years = _author_years(paths, author_profile, max_bytes, max_chars) if author_profile else None
    items = iter_inputs(paths, max_bytes=max_bytes, timeout=timeout,
                        allow_private=allow_private)
    for outcome in analyze_items(items, jobs=jobs, max_chars=max_chars, doc_timeout=doc_timeout,
                                 author_years=years):
        if outcome.record is None:
            failures += 1
            err.print(f"[red]error:[/red] {escape(outcome.error or '')}", markup=True, highlight=False,
                      soft_wrap=True)
            continue
        ok += 1
        rec = outcome.record
        for w in rec.warnings:
            err.print(f"[yellow]warning:[/] {escape(outcome.item.name)}: {escape(w)}",
                      highlight=False, soft_wrap=True)
        if out is not None:
            target = out / f"{_safe_stem(outcome.item.stem, used)}.json"
            tmp = target.with_suffix(".json.tmp")
            tmp.write_text(json.dumps(rec.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
            os.replace(tmp, target)
        elif format == "text":
            render_text(rec, console)
        elif format == "jsonl":
            sys.stdout.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(json.dumps(rec.to_dict(), ensure_ascii=False, indent=1) + "\n")
        sys.stdout.flush()
    if out is not None:
        err.print(f"{ok} analysed, {failures} failed → {escape(str(out))}")
    if failures:
        raise typer.Exit(1)


def _author_years(paths: List[str], profile_path: Path, max_bytes: int, max_chars: int) -> dict[str, int]:
    """Learn the local inputs' authors' years into the stored profile (read, cleaned, never
    parsed: cheap), save it, and return what to apply.  URLs and stdin are not read twice."""
    from onrecord.clean import authors
    from onrecord.errors import OnrecordError
    from onrecord.ingest import iter_inputs
    from onrecord.pipeline import prepare

    profile = authors.load(profile_path)
    local = [p for p in paths if p != "-" and not p.startswith(("http://", "https://"))]

    def cleaned():
        for item in iter_inputs(local, max_bytes=max_bytes):
            try:
                yield prepare(item, max_chars)
            except OnrecordError:
                continue   # reported when the input is analysed
    authors.learn(profile, cleaned())
    try:
        authors.save(profile, profile_path)
    except OSError as e:
        err.print(f"[yellow]warning:[/] cannot save the author profile {escape(str(profile_path))}: "
                  f"{escape(str(e.strerror or e))}")
    return authors.years(profile)


def _register_optional() -> None:
    """Commands of later stages (store, serve, eval) register themselves here."""
    import importlib

    for mod in ("onrecord.attribute.cli", "onrecord.store.cli", "onrecord.serve.cli",
                "onrecord.spark.cli", "onrecord.events.cli", "onrecord.provenance.cli"):
        try:
            m = importlib.import_module(mod)
        except ModuleNotFoundError as e:
            if e.name and (mod == e.name or mod.startswith(e.name + ".")):
                continue  # that stage is not installed
            raise
        m.register(app)


_register_optional()


def _terminate(signum, frame) -> None:
    raise KeyboardInterrupt  # SIGTERM (timeout, systemd) ends a run like Ctrl-C: workers stop


def main() -> None:
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
