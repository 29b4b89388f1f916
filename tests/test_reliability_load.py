"""A 2-second smoke version of bench/load_test.py: a real server on 127.0.0.1, 20
concurrent clients on the search and article routes, no errors."""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from conftest_pg import record_sanctions, record_treaty, record_undated

from onrecord.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import load_test  # noqa: E402


def test_load_smoke(tmp_path):
    db = tmp_path / "load.db"
    s = open_store(str(db))
    for i in range(5):
        s.put(record_treaty(path=f"/archive/treaty{i}.txt", extra=f" Item {i}."))
    s.put(record_sanctions())
    s.put(record_undated())
    s.close()
    server = load_test.Server(db, tmp_path / "server.log")
    try:
        server.wait_ready()
        report = asyncio.run(load_test.run_load(server.url, clients=20, seconds=2.0,
                                                max_requests=5000))
        assert server.proc.poll() is None, "the server died under load"
    finally:
        server.stop()
    assert report["errors"] == 0, report["error_kinds"]
    assert report["requests"] >= 20
    assert set(report["routes"]) >= {"search page", "article page"}
    assert report["p99_ms"] > 0
