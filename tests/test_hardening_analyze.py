"""POST /api/analyze under load: analyses run in a bounded pool of worker processes,
with a time limit and a queue limit, and reads never wait for them.

On the old code the analysis ran in the server's thread pool with no time limit: a
slow one held its request for as long as it took, and every extra request was taken.
The slow and hanging analyses here are stand-ins patched into the pipeline before the
workers fork (a real one, 20 KB of ``"``, took 28 s).
"""
from __future__ import annotations

import signal
import threading
import time
import warnings

import pytest
from conftest_pg import record_treaty

from onrecord import pipeline
from onrecord.store import open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

REAL = pipeline._analyze_batch


def _stand_in(items, max_chars, doc_timeout=None):
    data = items[0].data or b""
    if data.startswith(b"SLOW"):
        try:
            with pipeline.time_limit(doc_timeout):
                time.sleep(600)
        except pipeline.DocTimeout:
            return [pipeline.Outcome(items[0], None, f"request: analysis took longer than "
                                                     f"{doc_timeout:g} s")]
    if data.startswith(b"HANG"):  # ignores the alarm, as C code stuck in a loop would
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(600)
    return REAL(items, max_chars, doc_timeout)


@pytest.fixture
def client(tmp_path, monkeypatch, nlp_loaded):
    from onrecord.serve import workers
    from onrecord.serve.app import create_app

    monkeypatch.setattr(pipeline, "_analyze_batch", _stand_in)
    monkeypatch.setattr(workers, "GRACE", 1.0)
    url = str(tmp_path / "a.db")
    s = open_store(url)
    s.put(record_treaty())
    s.close()
    # a limit of 10 s: a real analysis on a loaded machine can take seconds (3 s gave 504s)
    with TestClient(create_app(url, analyze_workers=1, analyze_queue=1, analyze_timeout=10),
                    raise_server_exceptions=False) as c:
        yield c


def _post(c, text, results, i):
    t = time.monotonic()
    r = c.post("/api/analyze", json={"text": text})
    results[i] = (r.status_code, time.monotonic() - t, r.json())


@pytest.mark.slow
def test_reads_do_not_wait_and_the_limits_hold(client):
    c = client
    assert c.post("/api/analyze", json={"text": "Lavrov said the talks failed."}).status_code == 200
    results: dict = {}
    threads = [threading.Thread(target=_post, args=(c, "SLOW " + str(i), results, i))
               for i in range(2)]
    for t in threads:
        t.start()
        time.sleep(0.3)
    # one runs, one waits: a third is refused at once
    t0 = time.monotonic()
    r = c.post("/api/analyze", json={"text": "He said hello."})
    assert r.status_code == 503 and time.monotonic() - t0 < 2
    assert r.headers.get("retry-after")
    # reads answer while the analyses run
    for path in ("/healthz", "/api/documents", "/api/statements?q=treaty"):
        t0 = time.monotonic()
        assert c.get(path).status_code == 200
        assert time.monotonic() - t0 < 1.0, path
    for t in threads:
        t.join(60)
        assert not t.is_alive()
    # each slow analysis ends at its time limit (10 s) with 504, the second after the first
    assert [results[i][0] for i in range(2)] == [504, 504]
    assert all("longer than 10 s" in results[i][2]["detail"] for i in range(2))
    assert 10 <= results[0][1] < 25 and 10 <= results[1][1] < 45


@pytest.mark.slow
def test_an_analysis_that_ignores_its_alarm_is_ended(client):
    c = client
    t0 = time.monotonic()
    r = c.post("/api/analyze", json={"text": "HANG"})
    assert r.status_code == 504 and 10 <= time.monotonic() - t0 < 40
    # the pool was started afresh: the next analysis works
    r = c.post("/api/analyze", json={"text": "Lavrov said the talks failed."})
    assert r.status_code == 200 and r.json()["schema"] == "onrecord/1"


def _stubborn_init():
    """A worker that loads no model and does not end on SIGTERM (as one stuck in C code)."""
    pipeline.die_with_parent()
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _stubborn_run(item, max_chars, timeout):
    time.sleep(30)
    return None, "never"


def test_reads_do_not_wait_while_a_stuck_pool_is_torn_down(tmp_path, monkeypatch):
    """On the old code the pool was stopped in the event loop: terminating and joining a
    worker that ignores SIGTERM held every request for 5 s."""
    import os

    from onrecord.serve import workers
    from onrecord.serve.app import create_app

    monkeypatch.setattr(workers, "GRACE", 0.3)
    pool = workers.AnalysisPool(1, 0, 0.3, run=_stubborn_run, init=_stubborn_init)
    results: dict = {}
    pids: set = set()
    with TestClient(create_app(str(tmp_path / "a.db"), analysis_pool=pool),
                    raise_server_exceptions=False) as c:
        t = threading.Thread(target=_post, args=(c, "stuck", results, 0))
        t.start()
        reads = []
        t_end = time.monotonic() + 4
        while time.monotonic() < t_end:
            t0 = time.monotonic()
            assert c.get("/healthz").status_code == 200
            reads.append(time.monotonic() - t0)
            if pool._pool is not None:
                pids.update(pool._pool._processes or ())
            time.sleep(0.05)
        t.join(30)
    assert pids
    for pid in pids:  # the stubborn workers (started here) do not take SIGTERM
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert results[0][0] == 504 and results[0][1] < 3
    assert max(reads) < 1.0, max(reads)


def _slow_init():
    """A worker that takes a while to start (as one loading the model)."""
    pipeline.die_with_parent()
    time.sleep(1.0)


def _hang_or_answer(item, max_chars, timeout):
    if item.data == b"HANG":
        time.sleep(30)
    return b'{"schema":"onrecord/1"}', None


def test_analyses_waiting_when_the_pool_is_restarted_get_503(tmp_path, monkeypatch):
    """On the old code an analysis waiting in the queue when a stuck one made the pool
    start afresh was cancelled with it, and its request ended in a 500 (CancelledError
    out of the app: the test client gets no answer)."""
    from onrecord.serve import workers
    from onrecord.serve.app import create_app

    monkeypatch.setattr(workers, "GRACE", 0.3)
    pool = workers.AnalysisPool(1, 2, 1.0, run=_hang_or_answer, init=_slow_init)
    results: dict = {}
    with TestClient(create_app(str(tmp_path / "a.db"), analysis_pool=pool),
                    raise_server_exceptions=False) as c:
        threads = [threading.Thread(target=_post, args=(c, t, results, i))
                   for i, t in enumerate(["HANG", "two", "three"])]
        for t in threads:
            t.start()
            time.sleep(0.1)
        for t in threads:
            t.join(30)
        assert sorted(results) == [0, 1, 2], f"a request got no answer: {results}"
        assert [results[i][0] for i in range(3)] == [504, 503, 503], results
        assert all("restarted" in results[i][2]["detail"] for i in (1, 2))
        # the fresh pool answers
        assert c.post("/api/analyze", json={"text": "again"}).status_code == 200


def _slower_init():
    """A worker whose start-up (loading the model) outlasts an analysis's time limit."""
    pipeline.die_with_parent()
    time.sleep(2.5)


def test_a_fresh_pool_starting_up_does_not_count_against_the_time_limit(tmp_path, monkeypatch):
    """On the old code the first analysis's time limit ran while its worker loaded the
    model: on a loaded machine (the model loads at a lower priority) it got a 504."""
    from onrecord.serve import workers
    from onrecord.serve.app import create_app

    monkeypatch.setattr(workers, "GRACE", 0.3)
    pool = workers.AnalysisPool(1, 1, 1.0, run=_hang_or_answer, init=_slower_init)
    with TestClient(create_app(str(tmp_path / "a.db"), analysis_pool=pool),
                    raise_server_exceptions=False) as c:
        t0 = time.monotonic()
        r = c.post("/api/analyze", json={"text": "first"})
        assert r.status_code == 200, r.text
        assert 2.5 <= time.monotonic() - t0 < 20
        # the started pool's limit is the analysis's own
        t0 = time.monotonic()
        assert c.post("/api/analyze", json={"text": "HANG"}).status_code == 504
        assert time.monotonic() - t0 < 10
