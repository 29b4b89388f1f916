#!/usr/bin/env python3
"""Whole analysis against a bare spaCy parse, interleaved in one process (not part of the tests).

    python bench/speed_interleaved.py [--texts DIR] [--runs 3]

``bench/bench.py`` runs each mode once in a fresh process; on a shared machine the host's
speed drifts between those runs by ±15%.  Here the bare parse (``load_base(guard=False)`` +
``nlp.pipe``) and the whole analysis (``pipeline._analyze_batch``: decode, clean, parse with
onrecord's components, attribution, speakers, events, to/about whom, voice) of the same texts
alternate ``--runs`` times in one process after a warm-up; the ratio of the least CPU time of
each is printed (and every run's, to show the spread).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--texts", type=Path, default=ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    from onrecord import pipeline
    from onrecord.ingest import iter_inputs
    from onrecord.parse import load_base

    items = list(iter_inputs([str(p) for p in sorted(args.texts.glob("*.txt"))]))
    recs = [pipeline.prepare(i) for i in items]
    texts = [(r.analysis_text or r.text)[slice(*pipeline._analyzed(r))] for r in recs]
    bare = load_base(guard=False)
    pipeline.get_nlp()
    list(bare.pipe(texts[:5]))
    pipeline._analyze_batch(items[:5], 10 ** 7)
    b_runs, f_runs = [], []
    for _ in range(args.runs):
        t = time.process_time()
        list(bare.pipe(texts, batch_size=64))
        b_runs.append(time.process_time() - t)
        t = time.process_time()
        for k in range(0, len(items), 16):
            pipeline._analyze_batch(items[k:k + 16], 10 ** 7)
        f_runs.append(time.process_time() - t)
    b, f = min(b_runs), min(f_runs)
    print(f"{len(items)} texts: bare parse {b:.2f} s, whole analysis {f:.2f} s CPU (least of {args.runs}): "
          f"{f / b:.3f}x; runs bare {[round(x, 2) for x in b_runs]}, whole {[round(x, 2) for x in f_runs]}, "
          f"pairwise {[round(y / x, 3) for x, y in zip(b_runs, f_runs)]}")


if __name__ == "__main__":
    main()
