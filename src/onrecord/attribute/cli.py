"""``onrecord eval``: score attributions against annotated data (PolNeAR/brat; onrecord's own corpus of real pages)."""
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

    @ev.command("web")
    def web(
        corpus: Path = typer.Option(Path("corpus"),
                                    help="The annotated corpus (corpus/web/gold.json, corpus/split.json)."),
        split: str = typer.Option("report", help="Sites to score: report (never tuned on), tune, or all."),
        pred_dir: Optional[Path] = typer.Option(None, "--pred",
                                                help="Folder of <page>.json records; analysed when omitted."),
        misses: bool = typer.Option(False, "--misses", help="Also list what went wrong, page by page."),
        jobs: int = typer.Option(1, "--jobs", "-j", min=1),
    ) -> None:
        """Quotation recall, speaker accuracy, direct precision, non-statements taken, bad speaker
        names and titles on real pages of many sites (docs/annotation.md)."""
        from rich.console import Console

        from onrecord.evaluate import load_corpus, pages_of, score

        err = Console(stderr=True)
        if not (corpus / "web" / "gold.json").is_file() or not (corpus / "split.json").is_file():
            err.print(f"error: {corpus} needs web/gold.json and split.json")
            raise typer.Exit(2)
        if split not in ("report", "tune", "all"):
            err.print("error: --split is report, tune or all")
            raise typer.Exit(2)
        gold, parts = load_corpus(corpus)
        names = pages_of(gold, parts, split)
        records: dict[str, dict] = {}
        if pred_dir is not None:
            for n in names:
                p = pred_dir / (n.rsplit(".", 1)[0] + ".json")   # (pages are .txt, .md or .html)
                if p.is_file():
                    records[n] = json.loads(p.read_text(encoding="utf-8"))
        else:
            from onrecord.ingest import iter_inputs
            from onrecord.pipeline import analyze_items

            paths = [str(corpus / "web" / "pages" / n) for n in names]
            for out in analyze_items(iter_inputs(paths), jobs=jobs):
                if out.record is None:
                    err.print(f"error: {out.error}", markup=False)
                    continue
                records[Path(out.item.name).name] = out.record.to_dict()
        res = score(corpus, records, names)
        if not misses:
            res.pop("misses")
        print(json.dumps(res, indent=1, ensure_ascii=False))
