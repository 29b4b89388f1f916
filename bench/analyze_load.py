#!/usr/bin/env python
"""Reads while analyses run: ``GET /api/documents`` latency during slow ``POST /api/analyze``.

    PYTHONPATH=src .venv/bin/python bench/analyze_load.py                 # 3 slow analyses
    PYTHONPATH=src .venv/bin/python bench/analyze_load.py --analyses 3 --out bench/results/analyze-load

Fills a temporary SQLite store (bench/load_test.py: seeds and PolNeAR dev texts), starts
``onrecord serve`` on a free loopback port (its default pool: one worker per spare core,
1 or 2, queue 4, 60 s limit), sends ``--analyses`` slow analyses at once (``--slow-bytes`` of text built
from quotation marks and reporting verbs, the kind that took tens of seconds) and, until
they all answer, one reader requesting ``GET /api/documents`` back to back.  Prints (and
with ``--out`` writes .json and .md) the reads' p50/p90/p99/max latency, each analysis's
status and time and the machine's load average at the start and end of each run
(``--repeat N`` runs, each on a fresh server).  Target: p99 under 200 ms on loopback.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import os
import shutil
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
        load_start = [round(x, 1) for x in os.getloadavg()]
        t0 = time.monotonic()
        read_task = asyncio.create_task(reader(lat))
        await asyncio.sleep(0.5)
        await asyncio.gather(*(analyze(i) for i in range(analyses)))
        done.set()
        await read_task
        wall = time.monotonic() - t0
        load_end = [round(x, 1) for x in os.getloadavg()]
    return {"analyses": sorted(results, key=lambda r: r["i"]), "slow_bytes": slow_bytes,
            "loadavg_1_5_15_start": load_start, "loadavg_1_5_15_end": load_end,
            "reads": len(lat), "wall_s": round(wall, 1),
            "read_ms": {"p50": round(pct(lat, 50), 1), "p90": round(pct(lat, 90), 1),
                        "p99": round(pct(lat, 99), 1), "max": round(max(lat), 1)}}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--analyses", type=int, default=3)
    ap.add_argument("--slow-bytes", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=1,
                    help="runs, each on a freshly started server over the same store")
    ap.add_argument("--url", help="a running server (else one is started)")
    ap.add_argument("--out", help="write OUT.json and OUT.md")
    args = ap.parse_args()
    runs = []
    tmp = Path(tempfile.mkdtemp(prefix="onrecord-aload-"))
    if not args.url:
        build_store(tmp / "a.db")
    for _ in range(max(1, args.repeat)):
        server = None
        if args.url:
            url = args.url
        else:
            server = Server(tmp / "a.db", tmp / "server.log")
            server.wait_ready()
            url = server.url
        try:
            report = asyncio.run(measure(url, args.analyses, args.slow_bytes))
        finally:
            if server:
                server.stop()
        report["at"] = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        report["ok"] = report["read_ms"]["p99"] < 200
        print(json.dumps(report), flush=True)
        runs.append(report)
    shutil.rmtree(tmp, ignore_errors=True)
    out = {"target_p99_ms": 200, "analyses": args.analyses, "slow_bytes": args.slow_bytes,
           "cpus": os.cpu_count(), "runs": runs, "ok": all(r["ok"] for r in runs)}
    if args.out:
        Path(args.out + ".json").write_text(json.dumps(out, indent=1) + "\n")
        rows = []
        for r in runs:
            m = r["read_ms"]
            st = ", ".join(f"{a['status']} in {a['seconds']} s" for a in r["analyses"])
            rows.append(f"| {r['at']} | {r['loadavg_1_5_15_start'][0]} / {r['loadavg_1_5_15_end'][0]} "
                        f"| {r['reads']} | {m['p50']} | {m['p90']} | **{m['p99']}** | {m['max']} | {st} |")
        Path(args.out + ".md").write_text(
            f"# GET /api/documents while {args.analyses} slow POST /api/analyze run\n\n"
            f"`bench/analyze_load.py --analyses {args.analyses} --slow-bytes {args.slow_bytes} "
            f"--repeat {args.repeat}` on loopback, {os.cpu_count()} cores shared with other jobs, "
            f"the server's default pool. Target: p99 under 200 ms.\n\n"
            f"| run | load avg (1 min) start / end | reads | p50 ms | p90 ms | p99 ms | max ms "
            f"| analyses |\n|---|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n")
    return 0 if out["ok"] else 1

if __name__ == "__main__":
    sys.exit(main())
