#!/usr/bin/env python
"""Nightly-style fuzzing: ``.venv/bin/python scripts/fuzz.py --cases 10000``.

Runs the hypothesis strategies of tests/fuzz_targets.py through the whole
pipeline (``--target analyze``, the default) or through ``onrecord ingest``
into a temporary SQLite store (``--target ingest``: also WARC- and feed-shaped
garbage under every file suffix; the store is checked whole after each case)
and reports counts of results, clear errors, crashes and hangs.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from hypothesis import HealthCheck, given, settings  # noqa: E402

from fuzz_targets import ingest_inputs, inputs, run_ingest, run_one  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=float, default=20.0, help="seconds per document")
    ap.add_argument("--target", choices=("analyze", "ingest"), default="analyze")
    ap.add_argument("--progress", type=int, default=500, help="report every N cases on stderr")
    args = ap.parse_args()
    import tempfile
    workdir = tempfile.mkdtemp(prefix="onrecord-fuzz-")
    if args.target == "ingest":
        strategy = ingest_inputs

        n_run = [0]

        def run(case):  # a fresh store every 200 cases keeps the whole-store check cheap
            n_run[0] += 1
            sub = Path(workdir) / f"store-{n_run[0] // 200:04d}"
            sub.mkdir(exist_ok=True)
            return run_ingest(case[0], case[1], sub, limit_s=args.limit)
    else:
        strategy = inputs

        def run(data):
            return run_one(data, limit_s=args.limit)
    counts: collections.Counter = collections.Counter()
    failures: list[str] = []
    t0 = time.time()

    @settings(max_examples=args.cases, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def case(data):
        n = sum(counts.values())
        if args.progress and n and n % args.progress == 0:
            print(f"{n} cases, {dict(counts)}, {time.time() - t0:.0f} s", file=sys.stderr,
                  flush=True)
        try:
            counts[run(data)] += 1
        except AssertionError as e:
            kind = "hang" if str(e).startswith("took") else "crash"
            counts[kind] += 1
            failures.append(f"{kind}: {e}: {data[:200]!r}")
            print(failures[-1], file=sys.stderr, flush=True)
        except Exception:
            counts["crash"] += 1
            failures.append(traceback.format_exc(limit=5) + f"\ninput: {data[:200]!r}")
            print(failures[-1], file=sys.stderr, flush=True)

    import random
    random.seed(args.seed)
    case()
    report = {"target": args.target, "cases": sum(counts.values()), **counts, "crash": counts["crash"],
              "hang": counts["hang"], "seconds": round(time.time() - t0, 1)}
    print(json.dumps(report))
    for f in failures[:20]:
        print(f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
