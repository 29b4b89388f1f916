#!/usr/bin/env python
"""Nightly-style fuzzing: ``.venv/bin/python scripts/fuzz.py --cases 10000``.

Runs the hypothesis strategies of tests/fuzz_targets.py through the whole
pipeline (``--target analyze``, the default) or through ``onrecord ingest``
into a temporary SQLite store (``--target ingest``: also WARC- and feed-shaped
garbage under every file suffix; the store is checked whole after each case),
and the hostile surfaces of tests/fuzz_surfaces.py: ``--target query`` (nested, long
and arbitrary search queries and speaker filters on a small store), ``--target feed``
(feeds whose links point at loopback, private, link-local and non-http addresses: a
canary server on 127.0.0.1 must see no request) and ``--target serve`` (the HTTP app in
this process: nested and arbitrary queries on /api/statements, /search and /api/documents,
hostile ids, raw request bodies and 413-sized ones sent in parallel -- these against a stub
analysis --, feeds with internal links sent to POST /api/analyze and 3-5 small texts
analysed at once by the real analysis while a read must answer within a second).  It reports counts of results, clear errors, crashes and hangs.
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
    ap.add_argument("--target", choices=("analyze", "ingest", "query", "feed", "serve"),
                    default="analyze")
    ap.add_argument("--progress", type=int, default=500, help="report every N cases on stderr")
    ap.add_argument("--read-limit", type=float, default=5.0,
                    help="serve: a read during analyses slower than this is a hang (s)")
    ap.add_argument("--max-seconds", type=float, default=None,
                    help="stop running cases after this long (the report says so and counts "
                         "only the cases run)")
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
    elif args.target in ("query", "feed", "serve"):
        strategy, run = _surface(args.target, Path(workdir), args.read_limit)
    else:
        strategy = inputs

        def run(data):
            return run_one(data, limit_s=args.limit)
    counts: collections.Counter = collections.Counter()
    failures: list[str] = []
    stopped = [False]
    t0 = time.time()

    @settings(max_examples=args.cases, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def case(data):
        if args.max_seconds is not None and time.time() - t0 > args.max_seconds:
            stopped[0] = True
            return
        n = sum(counts.values())
        if args.progress and n and n % args.progress == 0:
            print(f"{n} cases, {dict(counts)}, {time.time() - t0:.0f} s", file=sys.stderr,
                  flush=True)
        try:
            counts[run(data)] += 1
        except AssertionError as e:
            kind = "hang" if str(e).startswith("took") else "crash"
            counts[kind] += 1
            failures.append(f"{kind}: {e}: {str(data)[:200]!r}")
            print(failures[-1], file=sys.stderr, flush=True)
        except Exception:
            counts["crash"] += 1
            failures.append(traceback.format_exc(limit=5) + f"\ninput: {str(data)[:200]!r}")
            print(failures[-1], file=sys.stderr, flush=True)

    import random
    random.seed(args.seed)
    case()
    report = {"target": args.target, "cases": sum(counts.values()), **counts, "crash": counts["crash"],
              "hang": counts["hang"], "seconds": round(time.time() - t0, 1),
              "stopped_at_max_seconds": stopped[0]}
    if args.target == "serve":
        import os

        import fuzz_surfaces as fs

        xs = sorted(fs.READS)
        report["reads_during_analyses_s"] = {
            "n": len(xs), "read_limit": args.read_limit, **{
                f"p{p}": round(xs[min(len(xs) - 1, int(p / 100 * len(xs)))], 3)
                for p in (50, 99)}, "max": round(xs[-1], 3)} if xs else {}
        report["loadavg_end"] = [round(x, 1) for x in os.getloadavg()]
    print(json.dumps(report))
    for f in failures[:20]:
        print(f, file=sys.stderr)
    return 1 if failures else 0


def _surface(target: str, workdir: Path, read_limit: float = 5.0):
    """(strategy, run) for the hostile surfaces of tests/fuzz_surfaces.py."""
    import warnings

    from hypothesis import strategies as st

    import fuzz_surfaces as fs
    from conftest_pg import record_sanctions, record_treaty
    from onrecord.store import open_store

    if target == "query":
        store = open_store(str(workdir / "q.db"))
        for r in (record_treaty(), record_sanctions()):
            store.put(r)
        return (st.tuples(fs.queries, st.one_of(st.none(), fs.speaker_filters)),
                lambda c: fs.run_query(store, c[0], c[1]))
    if target == "feed":
        canary = fs.Canary()
        return (st.tuples(fs.feed_links, fs.feed_kind),
                lambda c: fs.run_feed(c[0], c[1], canary, workdir))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from onrecord.serve.app import create_app
    from onrecord.serve.workers import AnalysisPool

    db = str(workdir / "s.db")
    store = open_store(db)
    for r in (record_treaty(), record_sanctions()):
        store.put(r)
    store.close()
    # queries, ids and request bodies: a stub analysis (what they test is the server's answer)
    stub = TestClient(create_app(db, analysis_pool=AnalysisPool(
        2, 1, 5.0, run=fs.stub_run, init=fs.stub_init)), raise_server_exceptions=False)
    # feeds and parallel analyses: the real analysis, 2 workers and a queue of 1
    real = TestClient(create_app(db, analyze_workers=2, analyze_queue=1, analyze_timeout=30),
                      raise_server_exceptions=False)
    stub.__enter__()
    real.__enter__()
    canary = fs.Canary()
    return fs.serve_cases, lambda c: fs.run_serve_case(c, stub, real, canary, read_limit)

if __name__ == "__main__":
    sys.exit(main())
