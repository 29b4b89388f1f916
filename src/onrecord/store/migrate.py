"""Opening a store made by an earlier layout: its tables are rebuilt in the current one.

A layout-1 store (record JSON as text, article text stored twice, no counts) is
migrated on open, in the transaction that opens it: its tables are renamed
``v1_<table>``, the current tables are created, every document is put again from its
stored record, in id order, keeping its id, key and ingestion time, and the old tables
are dropped.  Nothing is lost: speakers, links and counts are all derived from the
records.  A big store takes a while (the bulk-load rate); the command that opened it
waits for it once.  A table added to layout 2 later (``ADDED``) is made and filled from
the rows when a store without it is opened.
"""
from __future__ import annotations

import json
import logging
from typing import Optional

from onrecord.store import schema
from onrecord.store.dialect import Dialect

log = logging.getLogger(__name__)


def rename_v1(d: Dialect) -> None:
    """Move the layout-1 tables aside and drop their indexes and full-text tables."""
    for name in schema.V1_FTS:
        d.execute(f"DROP TABLE IF EXISTS {name}")
    for name in schema.V1_INDEXES:
        d.execute(f"DROP INDEX IF EXISTS {name}")
    for name in schema.V1_TABLES:
        if d.table_exists(name):
            d.execute(f"ALTER TABLE {name} RENAME TO v1_{name}")
    if d.name == "postgresql":  # the key's unique index keeps its name across the rename
        d.execute("ALTER INDEX IF EXISTS documents_key_key RENAME TO v1_documents_key_key")
        d.execute("ALTER INDEX IF EXISTS documents_pkey RENAME TO v1_documents_pkey")
        d.execute("ALTER INDEX IF EXISTS speakers_pkey RENAME TO v1_speakers_pkey")
        d.execute("ALTER INDEX IF EXISTS statements_pkey RENAME TO v1_statements_pkey")
        d.execute("ALTER INDEX IF EXISTS doc_speakers_pkey RENAME TO v1_doc_speakers_pkey")
        for name in ("statement_targets", "statement_whom", "statement_about"):
            d.execute(f"ALTER INDEX IF EXISTS {name}_pkey RENAME TO v1_{name}_pkey")


# tables a later version of layout 2 added, which a store of the same layout made before
# lacks: made (empty) with the others on open, then filled from the rows here
ADDED = ("speaker_months",)


def missing_tables(d: Dialect, version: Optional[int]) -> list[str]:
    """The added tables a store of the current layout lacks (none for a new or older store:
    those are filled by putting their documents)."""
    if version != schema.SCHEMA_VERSION:
        return []
    return [t for t in ADDED if not d.table_exists(t)]


def fill_added(d: Dialect, tables: list[str]) -> None:
    from onrecord.store.people import fill_speaker_months

    if "speaker_months" in tables:
        fill_speaker_months(d)
        log.info("store: speaker_months filled from doc_speakers")


def refill(d: Dialect) -> None:
    """Put every layout-1 document into the current tables, then drop the old ones."""
    from onrecord.store.write import put

    n, last = 0, 0
    while True:
        rows = d.query("SELECT id, key, ingested_at, record FROM v1_documents WHERE id > ? "
                       "ORDER BY id LIMIT 200", (last,))
        if not rows:
            break
        for r in rows:
            put(d, json.loads(r["record"]), key=r["key"], doc_id=int(r["id"]),
                ingested_at=r["ingested_at"])
            n += 1
        last = rows[-1]["id"]
    if d.name == "postgresql" and n:
        d.execute("SELECT setval(pg_get_serial_sequence('documents', 'id'), "
                  "(SELECT MAX(id) FROM documents))")
    for name in ("statement_about", "statement_whom", "statement_targets", "doc_speakers",
                 "statements", "speakers", "documents"):
        d.execute(f"DROP TABLE IF EXISTS v1_{name}" + (" CASCADE" if d.name == "postgresql"
                                                       else ""))
    log.info("store migrated to layout %d: %d documents", schema.SCHEMA_VERSION, n)
