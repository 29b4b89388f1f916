"""Reliability of ``speaker_confidence`` on held-out data (not part of the tests).

    python bench/calibration.py [--shared ../shared] [--jobs 2] [--web-pred DIR] [--dev-pred DIR]

Held out from everything that was fitted: the web corpus's report sites (found required
quotations; also apart, its narrative dialogue pages and the others: corpus/split.json
``shapes``) and the PolNeAR dev articles of the resolution gold (named source mentions whose
source was found).  Prints and writes bench/results/calibration.{json,md}: expected
calibration error (10 equal-width bins) and the reliability table, per set and together, and
the share of speakers flagged ``needs_review`` with their accuracy.  ``--web-pred`` /
``--dev-pred`` read records analysed before (``onrecord analyze`` of the pages / the dev texts).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onrecord.evaluate import (analyze_paths, load_corpus, outcomes_resolution, outcomes_web,  # noqa: E402
                               pages_of, reliability)
from onrecord.resolve.calibration import REVIEW_BELOW  # noqa: E402


def review(outcomes):
    flagged = [ok for c, _, ok in outcomes if c is not None and c < REVIEW_BELOW]
    kept = [ok for c, _, ok in outcomes if c is not None and c >= REVIEW_BELOW]
    return {"flagged": len(flagged), "flagged_right": round(sum(flagged) / len(flagged), 3) if flagged else None,
            "unflagged": len(kept), "unflagged_right": round(sum(kept) / len(kept), 3) if kept else None}


def _saved(folder: Path, paths: list[Path]) -> dict[str, dict]:
    """The records of ``paths`` analysed before into ``folder`` (<stem>.json)."""
    return {p.stem: json.loads((folder / (p.stem + ".json")).read_text(encoding="utf-8"))
            for p in paths if (folder / (p.stem + ".json")).is_file()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--web-pred", type=Path)
    ap.add_argument("--dev-pred", type=Path)
    args = ap.parse_args()
    root = ROOT / "corpus"
    gold, split = load_corpus(root)
    names = pages_of(gold, split, "report")
    web = _saved(args.web_pred, [root / "web" / "pages" / n for n in names]) if args.web_pred \
        else analyze_paths([root / "web" / "pages" / n for n in names], args.jobs)
    details: list = []
    ow = outcomes_web(root, {n: web[n.rsplit(".", 1)[0]] for n in names if n.rsplit(".", 1)[0] in web}, names,
                      details)
    shapes = split.get("shapes", {})
    narrative = [o for o, (_, _, page) in zip(ow, details) if shapes.get(page.split("__")[0]) == "dialogue"]
    other = [o for o, (_, _, page) in zip(ow, details) if shapes.get(page.split("__")[0]) != "dialogue"]
    res_gold = json.loads((root / "resolution" / "dev.json").read_text(encoding="utf-8"))
    text_dir = Path(args.shared) / "data" / "polnear" / "dev" / "text"
    dev_paths = [text_dir / f"{s}.txt" for s in res_gold["articles"]]
    orr = outcomes_resolution(res_gold, _saved(args.dev_pred, dev_paths) if args.dev_pred
                              else analyze_paths(dev_paths, args.jobs))
    result = {}
    for label, oc in (("web report sites", ow), ("web report sites: narrative dialogue pages", narrative),
                      ("web report sites: other pages", other), ("PolNeAR dev resolution gold", orr),
                      ("both", ow + orr)):
        result[label] = dict(reliability(oc), needs_review=review(oc))
    out = ROOT / "bench/results/calibration"
    out.with_suffix(".json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    lines = ["# Reliability of speaker_confidence (held-out)", "",
             f"needs_review below {REVIEW_BELOW}. Run: `python bench/calibration.py`.", ""]
    for label, r in result.items():
        lines += [f"## {label}: n={r['n']}, ECE {r['ece']}", "",
                  f"needs_review: {r['needs_review']}", "",
                  "| confidence bin | n | mean confidence | accuracy |", "|---|---|---|---|"]
        lines += [f"| {b['bin']} | {b['n']} | {b['confidence']} | {b['accuracy']} |" for b in r["bins"]]
        lines.append("")
    out.with_suffix(".md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
