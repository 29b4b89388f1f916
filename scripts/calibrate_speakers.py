"""Fit the per-basis speaker confidences (src/onrecord/resolve/data/speaker_calibration.json).

    python scripts/calibrate_speakers.py [--shared ../shared] [--jobs 2]

Analyses the tune sites of the web corpus (corpus/split.json) and the PolNeAR train articles
of the resolution gold (corpus/resolution/train.json), and for every speaker found (a found
required quotation of the web gold; a gold source mention with a named referent) notes how it
was found (``speaker_basis``) and whether it is right.  The confidence of a basis is its
accuracy there, shrunk toward the overall accuracy by 4 pseudo-counts (bases seen rarely keep
near the mean).  Bases of the learned ranker ("ranked …") keep the ranker's own calibration.
Held-out figures (report sites, PolNeAR dev): bench/calibration.py.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from onrecord.evaluate import (analyze_paths, load_corpus, outcomes_resolution,  # noqa: E402
                               outcomes_web, pages_of)

PSEUDO = 4


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    corpus = ROOT / "corpus"
    gold, split = load_corpus(corpus)
    names = pages_of(gold, split, "tune")
    web = analyze_paths([corpus / "web" / "pages" / n for n in names], args.jobs)
    outcomes = outcomes_web(corpus, {k + ".txt": v for k, v in web.items()}, names)
    res_gold = json.loads((corpus / "resolution" / "train.json").read_text(encoding="utf-8"))
    text_dir = Path(args.shared) / "data/polnear/train/text"
    recs = analyze_paths([text_dir / f"{s}.txt" for s in res_gold["articles"]], args.jobs)
    outcomes += outcomes_resolution(res_gold, recs)
    by = defaultdict(list)
    for _, basis, ok in outcomes:
        if basis and not basis.startswith("ranked "):
            by[basis].append(ok)
    total = [ok for v in by.values() for ok in v]
    mean = sum(total) / len(total)
    acc = {b: round((sum(v) + PSEUDO * mean) / (len(v) + PSEUDO), 3) for b, v in sorted(by.items())}
    out = ROOT / "src/onrecord/resolve/data/speaker_calibration.json"
    out.write_text(json.dumps({"fitted_on": "corpus web tune sites + corpus/resolution/train.json",
                               "accuracy": acc, "counts": {b: len(v) for b, v in sorted(by.items())}},
                              indent=1) + "\n", encoding="utf-8")
    for b in acc:
        print(f"{b:28s} n={len(by[b]):4d} right={sum(by[b]) / len(by[b]):.3f} -> {acc[b]}")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
