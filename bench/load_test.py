#!/usr/bin/env python
"""Bounded load test of ``onrecord serve`` on 127.0.0.1.

    .venv/bin/python bench/load_test.py                    # 200 clients, 30 s
    .venv/bin/python bench/load_test.py --clients 50 --seconds 5
    .venv/bin/python bench/load_test.py --url http://127.0.0.1:8000   # a running server

Without ``--url`` it fills a temporary SQLite store with the seed articles
(/work/shared/corpus/seeds) and PolNeAR dev texts, starts ``onrecord serve`` on a
free loopback port, and stops it at the end.  ``--clients`` coroutines,
each with its own keep-alive connection (plain asyncio streams), request the search and article routes in a loop until
``--seconds`` have passed or ``--max-requests`` were sent; every request has a
timeout.  Prints a JSON report: requests, errors (non-2xx, timeouts, connection
errors), requests/s and p50/p90/p99/max latency, overall and per route.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Optional
from urllib.parse import urlencode, urlsplit

SHARED = Path("/work/shared")
SEEDS = SHARED / "corpus/seeds"
POLNEAR = SHARED / "data/polnear/dev/text"
QUERIES = ["treaty", "said", "Clinton", "Trump", "\"New START\"", "election OR campaign",
           "nucle*", "president -Obama", "voters", "Lavrov", "sanctions", "health",
           "poll", "debate", "Russia"]
ONRECORD = [sys.executable, "-m", "onrecord.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(db: Path, n_polnear: int = 20) -> list[Path]:
    files = sorted(SEEDS.glob("*.txt")) + sorted(POLNEAR.glob("*.txt"))[:n_polnear]
    if not files:
        raise SystemExit(f"no input texts in {SEEDS} or {POLNEAR}")
    out = subprocess.run(ONRECORD + ["ingest", *map(str, files), "--db", str(db), "--quiet"],
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):
        raise SystemExit(f"ingest failed:\n{out.stdout}\n{out.stderr}")
    return files


class Server:
    """``onrecord serve`` in a subprocess on a free loopback port."""

    def __init__(self, db: Path, log: Optional[Path] = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log or os.devnull, "wb")
        env = dict(os.environ)
        env.pop("ONRECORD_TOKEN", None)
        self.proc = subprocess.Popen(ONRECORD + ["serve", "--db", str(db), "--host", "127.0.0.1",
                                                 "--port", str(self.port)],
                                     stdout=self.log, stderr=self.log, env=env)

    def wait_ready(self, timeout: float = 60.0) -> None:
        import httpx

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"server exited with {self.proc.returncode}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise SystemExit("server did not start")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def pct(xs: list[float], p: float) -> float:
    if not xs:
        return 0.0
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


async def run_load(url: str, clients: int = 200, seconds: float = 30.0,
                   max_requests: int = 200_000, timeout: float = 10.0, seed: int = 0) -> dict:
    import httpx

    async with httpx.AsyncClient(base_url=url, timeout=timeout) as probe:
        docs = (await probe.get("/api/documents", params={"limit": 1000})).json()
    ids = [d["id"] for d in docs] or [1]
    rnd = random.Random(seed)

    def pick() -> tuple[str, str, dict]:
        r = rnd.random()
        q = rnd.choice(QUERIES)
        if r < 0.25:
            return "search page", "/search", {"q": q}
        if r < 0.45:
            return "api statements", "/api/statements", {"q": q, "limit": 50}
        if r < 0.55:
            return "api documents", "/api/documents", {"q": q}
        if r < 0.85:
            return "article page", f"/documents/{rnd.choice(ids)}", {}
        return "api document", f"/api/documents/{rnd.choice(ids)}", {}

    lat: dict[str, list[float]] = defaultdict(list)
    errors: Counter = Counter()
    sent = 0
    deadline = time.monotonic() + seconds
    host, port = urlsplit(url).hostname, urlsplit(url).port or 80

    async def request(conn, path: str, params: dict) -> int:
        reader, writer = conn
        target = path + ("?" + urlencode(params) if params else "")
        writer.write(f"GET {target} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                     "Accept: */*\r\n\r\n".encode())
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            k, _, v = line.partition(b":")
            if k.strip().lower() == b"content-length":
                length = int(v)
        await reader.readexactly(length)
        return status

    async def one_client() -> None:
        # a keep-alive HTTP/1.1 connection per simulated user, on plain asyncio streams:
        # httpx's shared pool cost ~7 ms of client CPU per request at 200 connections and
        # made the load generator, not the server, the bottleneck
        nonlocal sent
        conn = None
        while time.monotonic() < deadline and sent < max_requests:
            sent += 1
            name, path, params = pick()
            t0 = time.perf_counter()
            try:
                if conn is None:
                    conn = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
                status = await asyncio.wait_for(request(conn, path, params), timeout)
                ok = 200 <= status < 300
                if not ok:
                    errors[f"{name}: HTTP {status}"] += 1
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError) as e:
                errors[f"{name}: {type(e).__name__}"] += 1
                ok = False
                if conn is not None:
                    conn[1].close()
                conn = None
            if ok:
                lat[name].append(time.perf_counter() - t0)
        if conn is not None:
            conn[1].close()

    t0 = time.monotonic()
    await asyncio.gather(*(one_client() for _ in range(clients)))
    took = time.monotonic() - t0
    every = [x for v in lat.values() for x in v]
    n_err = sum(errors.values())

    def stats(xs: list[float]) -> dict:
        return {"n": len(xs), "p50_ms": round(pct(xs, 50) * 1000, 1),
                "p90_ms": round(pct(xs, 90) * 1000, 1), "p99_ms": round(pct(xs, 99) * 1000, 1),
                "max_ms": round(max(xs, default=0) * 1000, 1)}

    return {"url": url, "clients": clients, "seconds": round(took, 1), "requests": len(every) + n_err,
            "errors": n_err, "error_kinds": dict(errors),
            "requests_per_s": round((len(every) + n_err) / took, 1) if took else 0.0,
            **stats(every), "routes": {k: stats(v) for k, v in sorted(lat.items())},
            "documents": len(ids)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--max-requests", type=int, default=200_000)
    ap.add_argument("--timeout", type=float, default=10.0, help="per request (s)")
    ap.add_argument("--url", help="an already running server (else one is started)")
    ap.add_argument("--db", help="use this store instead of building a temporary one")
    ap.add_argument("--polnear", type=int, default=20, help="PolNeAR dev texts to ingest")
    args = ap.parse_args()
    tmp = None
    server = None
    try:
        url = args.url
        if not url:
            tmp = Path(tempfile.mkdtemp(prefix="onrecord-load-"))
            db = Path(args.db) if args.db else tmp / "load.db"
            if not args.db:
                t0 = time.monotonic()
                n = len(build_store(db, args.polnear))
                print(f"store: {n} texts ingested in {time.monotonic() - t0:.1f} s", file=sys.stderr)
            server = Server(db, tmp / "server.log")
            server.wait_ready()
            url = server.url
        report = asyncio.run(run_load(url, args.clients, args.seconds, args.max_requests,
                                      args.timeout))
        if server is not None:
            report["server_alive"] = server.proc.poll() is None
        print(json.dumps(report, indent=1))
        return 1 if report["errors"] else 0
    finally:
        if server is not None:
            server.stop()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
