"""Rows of an upsert that adds to counters, made one row per key before a bulk load writes
them (:meth:`onrecord.store.dialect.Dialect.flush`): a batch's rows of the speakers table,
its months, roles, links and to-whom counts are then one per speaker (or pair) instead of
one per document naming it.  The stored counts are the same as row by row."""
from __future__ import annotations

from typing import Any, Sequence


class Merge:
    """Rows of an upsert that adds to counters, made one row per key before they are written
    (a bulk load writes a batch's at once: one row per speaker instead of one per document
    naming it).  The first ``key`` columns are the key; the columns ``sums`` are added up
    (the upsert adds them to the stored counts); ``keep_known`` columns keep the last value
    that is not NULL (the upsert's ``COALESCE(excluded.x, x)``); every other column takes
    the last row's value (the upsert's ``x = excluded.x``).  Written in key order."""

    def __init__(self, key: int, sums: Sequence[int] = (), keep_known: Sequence[int] = ()):
        self.key, self.sums, self.keep_known = key, tuple(sums), tuple(keep_known)

    def rows(self, rows: Sequence[Sequence[Any]]) -> list[list[Any]]:
        k = self.key
        out: dict[tuple[Any, ...], list[Any]] = {}
        for r in rows:
            key = tuple(r[:k])
            have = out.get(key)
            if have is None:
                out[key] = list(r)
                continue
            for i in self.sums:
                have[i] += r[i]
            for i in range(k, len(r)):
                if i in self.sums or (i in self.keep_known and r[i] is None):
                    continue
                have[i] = r[i]
        return [out[key] for key in sorted(out)]
