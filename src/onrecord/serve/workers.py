"""Where ``POST /api/analyze`` runs: a bounded pool of worker processes.

An analysis of hostile text can take tens of seconds of CPU; run in the server's own
process it held the interpreter, so ``GET /healthz`` and every read waited behind it.
Decided here:

- analyses run in ``workers`` separate processes (each loads the model once; by default
  one fewer than the machine's cores, at most 2, at least 1), so the server's event loop
  and its read threads never wait for one and, on a small machine, reads keep a core;
- a worker sends back the record as finished JSON bytes, which the server passes through
  unparsed: a large record costs the server no CPU (validating and encoding one in the
  event loop had stalled every read for the time it took);
- at most ``workers + queue`` requests are admitted at once; one more gets
  :class:`Busy` (the app answers 503 with ``Retry-After``);
- each analysis has a time limit: the worker's own alarm ends it after ``timeout``
  seconds (an error record), and if the worker does not answer ``GRACE`` seconds
  later (time spent waiting for a free worker counts; a fresh pool's start-up, loading
  the model, does not: it has ``STARTUP`` seconds of its own), the pool is torn down
  (in a thread of its own: the event loop never waits for a worker to end) and started
  afresh (the app answers 504).  Workers die with the
  server (:func:`onrecord.pipeline.die_with_parent`) and run at a lower scheduling
  priority (``nice`` 10), so on a busy machine reads get the CPU first;
- no lock is shared between the read path and the analyses (the pool's own lock guards
  only its creation and is never held while waiting).

Limit: tearing down the pool on a hard time-out also ends the other analyses running
or waiting at that moment (they get 503 and may be retried).
"""
from __future__ import annotations

import asyncio
import json
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Optional

from onrecord.ingest.sources import InputItem

GRACE = 10.0
STARTUP = 180.0  # how long a fresh pool's workers may take to start (load the model)
NICE = 10  # workers' scheduling priority below the server's


class Busy(Exception):
    """The pool has as many analyses running and waiting as it admits."""


class TimedOut(Exception):
    """An analysis did not finish within its time limit."""


def default_workers() -> int:
    """Analysis workers by default: one core is left to the server's reads."""
    return max(1, min(2, (os.cpu_count() or 1) - 1))


def record_json(record: dict) -> bytes:
    """A record as the response body (the encoding Starlette's JSONResponse uses)."""
    return json.dumps(record, ensure_ascii=False, allow_nan=False,
                      separators=(",", ":")).encode("utf-8")


def _run(item: InputItem, max_chars: int, timeout: float) -> tuple[Optional[bytes], Optional[str]]:
    """In a worker: analyse one item (the alarm in the worker's main thread bounds it);
    (record JSON, None) or (None, error)."""
    from onrecord.pipeline import _analyze_batch

    out = _analyze_batch([item], max_chars, timeout)[0]
    return (record_json(out.record.to_dict()) if out.record is not None else None), out.error


def _started() -> None:
    """In a worker: nothing; its answer says that a worker has started."""


def lower_priority() -> None:
    """In a worker: yield the CPU to the server's reads."""
    try:
        os.nice(NICE)
    except (OSError, AttributeError):
        pass


def _init() -> None:
    from onrecord.pipeline import die_with_parent, get_nlp

    die_with_parent()
    lower_priority()
    get_nlp()


class AnalysisPool:
    """``run(item, max_chars, timeout)`` and ``init()`` are what the workers do (an
    analysis, loading the model); a test may give cheaper ones."""

    def __init__(self, workers: Optional[int] = None, queue: int = 4, timeout: float = 60.0,
                 max_chars: int = 1_000_000, run: Callable = _run, init: Callable[[], None] = _init):
        self.workers = max(1, workers if workers is not None else default_workers())
        self.limit = self.workers + max(0, queue)
        self.timeout = timeout
        self.max_chars = max_chars
        self.admitted = 0
        self.submitted = 0  # of those, sent to the workers
        self._run, self._init = run, init
        self._pool: Optional[ProcessPoolExecutor] = None
        self._started: Optional[Future] = None
        self._lock = threading.Lock()

    def _executor(self) -> tuple[ProcessPoolExecutor, Future]:
        """The pool, and a future that is done when a worker of it has started."""
        with self._lock:
            if self._pool is None or self._started is None:
                self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=self._init)
                self._started = self._pool.submit(_started)
            return self._pool, self._started

    def _reset(self, pool: ProcessPoolExecutor) -> None:
        from onrecord.pipeline import stop_pool

        with self._lock:
            if self._pool is pool:
                self._pool, self._started = None, None
        # ending the workers may take seconds: never in the event loop
        threading.Thread(target=stop_pool, args=(pool,), name="stop-analysis-pool",
                         daemon=True).start()

    async def analyze(self, item: InputItem) -> tuple[Optional[bytes], Optional[str]]:
        """(record JSON, None) or (None, error); raises :class:`Busy` or :class:`TimedOut`."""
        if self.admitted >= self.limit:
            raise Busy(f"{self.admitted} analyses are running or waiting (the limit); "
                       "try again shortly")
        self.admitted += 1
        restarted = Busy("the analysis workers were restarted; try again")
        pool, started = self._executor()
        fut: Optional[Future] = None
        try:
            if not started.done():
                # a fresh pool loads the model first: that is not the analysis's time
                try:
                    await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(started)), STARTUP)
                except asyncio.TimeoutError:
                    self._reset(pool)
                    raise TimedOut(f"the analysis workers did not start within {STARTUP:g} s") \
                        from None
            if started.cancelled() or started.exception() is not None:
                self._reset(pool)
                raise restarted
            try:
                fut = pool.submit(self._run, item, self.max_chars, self.timeout)
            except (BrokenProcessPool, RuntimeError):  # (broken or shut down meanwhile)
                self._reset(pool)
                raise restarted from None
            # waiting for a free worker counts too: queue time + analysis + grace
            ahead, self.submitted = self.submitted, self.submitted + 1
            budget = self.timeout * (1 + ahead // self.workers) + GRACE
            try:
                return await asyncio.wait_for(asyncio.wrap_future(fut), budget)
            except asyncio.TimeoutError:
                if not fut.cancel():  # (a future still waiting for a worker is just dropped)
                    self._reset(pool)
                raise TimedOut(f"analysis took longer than {self.timeout:g} s") from None
            except BrokenProcessPool:
                self._reset(pool)
                raise restarted from None
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if (started.cancelled() or (fut is not None and fut.cancelled())) \
                    and not (task is not None and task.cancelling()):
                # dropped from the queue when the pool was started afresh
                raise restarted from None
            raise
        finally:
            self.admitted -= 1
            if fut is not None:
                self.submitted -= 1

    def close(self) -> None:
        with self._lock:
            pool, self._pool, self._started = self._pool, None, None
        if pool is not None:
            from onrecord.pipeline import stop_pool

            stop_pool(pool)
