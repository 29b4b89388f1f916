"""What the server shows of where a document came from: never the server's own paths.

A stored document's key is its URL, ``sha256:…``, or the absolute path it was
ingested from (``/home/alice/archive/2021/treaty.txt``), and the record's
``source.path`` is the path as given.  Every API response and page shows a file
path as its file name only (``treaty.txt``); URLs and hashes are shown as they are.
:class:`PublicStore` wraps the store the app reads from and applies this to every
row, record and stream it returns (``key``, ``doc_key`` and ``path`` fields).
"""
from __future__ import annotations

import re
from typing import Any

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
FIELDS = ("key", "doc_key", "path")


def public_ref(value: Any) -> Any:
    """A path → its file name; URLs, ``sha256:`` keys and non-strings unchanged."""
    if not isinstance(value, str) or not value or _SCHEME.match(value):
        return value
    name = re.split(r"[\\/]", value.rstrip("/\\"))[-1]
    return name or value


def scrub(obj: Any) -> Any:
    """A copy of rows / records with every ``key``/``doc_key``/``path`` made public."""
    if isinstance(obj, dict):
        return {k: (public_ref(v) if k in FIELDS else scrub(v)) for k, v in obj.items()}
    if isinstance(obj, list):
        return [scrub(x) for x in obj]
    if isinstance(obj, tuple):
        return tuple(scrub(x) for x in obj)
    return obj


class PublicStore:
    """The store, read through :func:`scrub` (writes and other attributes pass through)."""

    READS = ("documents", "document", "statements", "speakers", "speaker", "iter_rows",
             "find_document", "event_records")

    def __init__(self, store):
        self._store = store

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._store, name)
        if name not in self.READS:
            return attr

        def read(*a, **kw):
            out = attr(*a, **kw)
            if out is None or isinstance(out, (dict, list, tuple)):
                return scrub(out)
            return (scrub(x) for x in out)  # a stream (iter_rows, event_records)
        return read
