"""``onrecord eval``: score attributions against annotated data (PolNeAR/brat)."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    ev = typer.Typer(help="Evaluate attributions against annotated data.", no_args_is_help=True)
    app.add_typer(ev, name="eval")

    @ev.command("polnear")
    def polnear(
        gold_dir: Path = typer.Argument(..., help="Folder with text/ and attributions/ (brat .ann)."),
        pred_dir: Optional[Path] = typer.Argument(
            None, help="Folder of <stem>.json records; analysed from GOLD_DIR/text when omitted."),
        jobs: int = typer.Option(1, "--jobs", "-j", min=1),
    ) -> None:
        """Content, source and end-to-end figures, as ../shared/tools/score.py computes them."""
        from rich.console import Console

        from onrecord.attribute.evaluate import score_polnear

        err = Console(stderr=True)
        if not (gold_dir / "attributions").is_dir() or not (gold_dir / "text").is_dir():
            err.print(f"error: {gold_dir} needs text/ and attributions/ folders")
            raise typer.Exit(2)
        tmp = None
        if pred_dir is None:
            from onrecord.ingest import iter_inputs
            from onrecord.pipeline import analyze_items

            tmp = tempfile.TemporaryDirectory(prefix="onrecord-eval-")
            pred_dir = Path(tmp.name)
            failed = 0
            for out in analyze_items(iter_inputs([str(gold_dir / "text")]), jobs=jobs):
                if out.record is None:
                    failed += 1
                    err.print(f"error: {out.error}", markup=False)
                    continue
                (pred_dir / f"{out.item.stem}.json").write_text(
                    json.dumps(out.record.to_dict(), ensure_ascii=False), encoding="utf-8")
            if failed:
                err.print(f"{failed} document(s) could not be analysed")
        try:
            print(json.dumps(score_polnear(gold_dir, pred_dir), indent=1))
        finally:
            if tmp is not None:
                tmp.cleanup()
