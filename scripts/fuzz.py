#!/usr/bin/env python
"""Nightly-style fuzzing: ``.venv/bin/python scripts/fuzz.py --cases 10000``.

Runs the hypothesis strategies of tests/fuzz_targets.py through the whole
pipeline and reports counts of results, clear errors, crashes and hangs.
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

from fuzz_targets import inputs, run_one  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=float, default=20.0, help="seconds per document")
    args = ap.parse_args()
    counts: collections.Counter = collections.Counter()
    failures: list[str] = []
    t0 = time.time()

    @settings(max_examples=args.cases, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(inputs)
    def case(data):
        try:
            counts[run_one(data, limit_s=args.limit)] += 1
        except AssertionError as e:
            kind = "hang" if "took" in str(e) else "crash"
            counts[kind] += 1
            failures.append(f"{kind}: {e}: {data[:200]!r}")
        except Exception:
            counts["crash"] += 1
            failures.append(traceback.format_exc(limit=5) + f"\ninput: {data[:200]!r}")

    import random
    random.seed(args.seed)
    case()
    report = {"cases": sum(counts.values()), **counts, "crash": counts["crash"],
              "hang": counts["hang"], "seconds": round(time.time() - t0, 1)}
    print(json.dumps(report))
    for f in failures[:20]:
        print(f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
