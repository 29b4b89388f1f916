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

from onrecord.evaluate import speaker_outcomes  # noqa: E402

PSEUDO = 4


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    web, res = speaker_outcomes(ROOT / "corpus", Path(args.shared), "tune", "train", args.jobs)
    outcomes = web + res
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
