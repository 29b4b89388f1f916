#!/usr/bin/env python
"""Reads while analyses run: ``GET /api/documents`` latency during slow ``POST /api/analyze``.

    PYTHONPATH=src .venv/bin/python bench/analyze_load.py                 # 3 slow analyses
    PYTHONPATH=src .venv/bin/python bench/analyze_load.py --analyses 3 --out bench/results/analyze-load

Fills a temporary SQLite store (bench/load_test.py: seeds and PolNeAR dev texts), starts
``onrecord serve`` on a free loopback port (default pool: 2 analysis workers, queue 4,
60 s limit), sends ``--analyses`` slow analyses at once (``--slow-bytes`` of text built
from quotation marks and reporting verbs, the kind that took tens of seconds) and, until
they all answer, one reader requesting ``GET /api/documents`` back to back.  Prints (and
with ``--out`` writes .json and .md) the reads' p50/p90/p99/max latency and each
analysis's status and time.  Target: p99 under 200 ms on loopback.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_test import Server, build_store, pct  # noqa: E402


def slow_text(n_bytes: int) -> str:
    unit = 'He said "the talks failed and " she told "them that '
    return (unit * (n_bytes // len(unit) + 1))[:n_bytes]


async def measure(url: str, analyses: int, slow_bytes: int) -> dict:
    import httpx

    text = slow_text(slow_bytes)
    async with httpx.AsyncClient(base_url=url, timeout=300) as client:
        for _ in range(3):  # warm the read path
            await client.get("/api/documents")
        done = asyncio.Event()
        results: list[dict] = []

        async def analyze(i: int) -> None:
            t0 = time.monotonic()
            r = await client.post("/api/analyze", json={"text": text})
            results.append({"i": i, "status": r.status_code,
                            "seconds": round(time.monotonic() - t0, 2)})

        async def reader(lat: list[float]) -> None:
            async with httpx.AsyncClient(base_url=url, timeout=30) as rc:
                while not done.is_set():
                    t0 = time.monotonic()
                    r = await rc.get("/api/documents")
                    lat.append((time.monotonic() - t0) * 1000)
                    assert r.status_code == 200, r.status_code
                    await asyncio.sleep(0.02)

        lat: list[float] = []
        t0 = time.monotonic()
        read_task = asyncio.create_task(reader(lat))
        await asyncio.sleep(0.5)
        await asyncio.gather(*(analyze(i) for i in range(analyses)))
        done.set()
        await read_task
        wall = time.monotonic() - t0
    return {"analyses": sorted(results, key=lambda r: r["i"]), "slow_bytes": slow_bytes,
            "reads": len(lat), "wall_s": round(wall, 1),
            "read_ms": {"p50": round(pct(lat, 50), 1), "p90": round(pct(lat, 90), 1),
                        "p99": round(pct(lat, 99), 1), "max": round(max(lat), 1)}}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--analyses", type=int, default=3)
    ap.add_argument("--slow-bytes", type=int, default=20_000)
    ap.add_argument("--url", help="a running server (else one is started)")
    ap.add_argument("--out", help="write OUT.json and OUT.md")
    args = ap.parse_args()
    server = None
    if args.url:
        url = args.url
    else:
        tmp = Path(tempfile.mkdtemp(prefix="onrecord-aload-"))
        build_store(tmp / "a.db")
        server = Server(tmp / "a.db", tmp / "server.log")
        server.wait_ready()
        url = server.url
    try:
        report = asyncio.run(measure(url, args.analyses, args.slow_bytes))
    finally:
        if server:
            server.stop()
    report["target_p99_ms"] = 200
    report["ok"] = report["read_ms"]["p99"] < 200
    print(json.dumps(report, indent=1))
    if args.out:
        Path(args.out + ".json").write_text(json.dumps(report, indent=1) + "\n")
        r = report["read_ms"]
        rows = "\n".join(f"| {a['i'] + 1} | {a['status']} | {a['seconds']} |"
                         for a in report["analyses"])
        Path(args.out + ".md").write_text(
            f"# GET /api/documents while {args.analyses} slow POST /api/analyze run\n\n"
            f"`bench/analyze_load.py --analyses {args.analyses} --slow-bytes {args.slow_bytes}`"
            f" on loopback, 2 cores shared with other jobs, default pool (2 workers, queue 4, "
            f"60 s limit).\n\n"
            f"| reads | p50 ms | p90 ms | p99 ms | max ms |\n|---|---|---|---|---|\n"
            f"| {report['reads']} | {r['p50']} | {r['p90']} | {r['p99']} | {r['max']} |\n\n"
            f"| analysis | status | seconds |\n|---|---|---|\n{rows}\n")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
