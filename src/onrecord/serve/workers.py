"""Where ``POST /api/analyze`` runs: a bounded pool of worker processes.

An analysis of hostile text can take tens of seconds of CPU; run in the server's own
process it held the interpreter, so ``GET /healthz`` and every read waited behind it.
Decided here:

- analyses run in ``workers`` separate processes (each loads the model once), so the
  server's event loop and its read threads never wait for one;
- at most ``workers + queue`` requests are admitted at once; one more gets
  :class:`Busy` (the app answers 503 with ``Retry-After``);
- each analysis has a time limit: the worker's own alarm ends it after ``timeout``
  seconds (an error record), and if the worker does not answer ``GRACE`` seconds
  later, the pool is torn down and started afresh (the app answers 504).  Workers
  die with the server (:func:`onrecord.pipeline.die_with_parent`) and run at a lower
  scheduling priority (``nice`` 10), so on a busy machine reads get the CPU first.

Limit: tearing down the pool on a hard time-out also ends the other analyses running
at that moment (they get 503 and may be retried).
"""
from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Optional

from onrecord.ingest.sources import InputItem

GRACE = 10.0
NICE = 10  # workers' scheduling priority below the server's


class Busy(Exception):
    """The pool has as many analyses running and waiting as it admits."""


class TimedOut(Exception):
    """An analysis did not finish within its time limit."""


def _run(item: InputItem, max_chars: int, timeout: float):
    """In a worker: analyse one item (the alarm in the worker's main thread bounds it)."""
    from onrecord.pipeline import _analyze_batch

    out = _analyze_batch([item], max_chars, timeout)[0]
    return (out.record.to_dict() if out.record is not None else None), out.error


def _init() -> None:
    import os

    from onrecord.pipeline import die_with_parent, get_nlp

    die_with_parent()
    try:  # analyses yield the CPU to the server's reads
        os.nice(NICE)
    except (OSError, AttributeError):
        pass
    get_nlp()


class AnalysisPool:
    def __init__(self, workers: int = 2, queue: int = 4, timeout: float = 60.0,
                 max_chars: int = 1_000_000):
        self.workers = max(1, workers)
        self.limit = self.workers + max(0, queue)
        self.timeout = timeout
        self.max_chars = max_chars
        self.admitted = 0
        self._pool: Optional[ProcessPoolExecutor] = None
        self._lock = threading.Lock()

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_init)
            return self._pool

    def _reset(self, pool: ProcessPoolExecutor) -> None:
        from onrecord.pipeline import stop_pool

        with self._lock:
            if self._pool is pool:
                self._pool = None
        stop_pool(pool)

    async def analyze(self, item: InputItem) -> tuple[Optional[dict], Optional[str]]:
        """(record dict, None) or (None, error); raises :class:`Busy` or :class:`TimedOut`."""
        if self.admitted >= self.limit:
            raise Busy(f"{self.admitted} analyses are running or waiting (the limit); "
                       "try again shortly")
        self.admitted += 1
        pool = None
        try:
            pool = self._executor()
            fut = pool.submit(_run, item, self.max_chars, self.timeout)
            # waiting for a free worker counts too: queue time + analysis + grace
            budget = self.timeout * (1 + (self.admitted - 1) // self.workers) + GRACE
            try:
                return await asyncio.wait_for(asyncio.wrap_future(fut), budget)
            except asyncio.TimeoutError:
                self._reset(pool)
                raise TimedOut(f"analysis took longer than {self.timeout:g} s") from None
            except BrokenProcessPool:
                self._reset(pool)
                raise Busy("the analysis workers were restarted; try again") from None
        finally:
            self.admitted -= 1

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            from onrecord.pipeline import stop_pool

            stop_pool(pool)
