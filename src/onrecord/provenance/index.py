"""The passage index: which stored statements share word 4-grams with a quotation.

Decides which passages are *candidates* for a quotation, in time that does not grow with the
archive: every statement's content is cut into word 4-grams (the words of
:func:`onrecord.provenance.align.passage_tokens`), each hashed to a 63-bit integer (two CRC-32s) and kept
in the table ``provenance_grams (gram, stmt_id)`` with an index on ``gram``; a quotation's
candidates are the statements sharing the most of its 4-grams, looked up through its rare
4-grams only (those in at most MAX_DF passages, counted in ``provenance_gram_df``), so that the
work per quotation does not grow with the archive.  The table, and
``provenance_documents`` (documents marked primary, documents recognised as transcripts),
are created on demand beside the store's own tables; the index follows the store
incrementally (statements above the last indexed id, kept in ``meta``), and rows of
statements that are gone are ignored when read.
"""
from __future__ import annotations

import zlib
from collections import Counter
from typing import Iterable, Optional, Sequence

from onrecord.provenance.align import passage_words
from onrecord.store.codec import decode_record
from onrecord.store.listing import fill_content

N = 4                     # words per shingle
MAX_CANDIDATES = 200      # passages aligned per quotation, most shared shingles first
MAX_DF = 300              # a shingle in more passages than this is too common to look up
RAREST = 3                # (unless the quotation has no other: then its rarest few, capped)
META_KEY = "provenance_indexed_upto_document"
MIN_TURNS = 3             # a document with this many transcript turns is a transcript

DDL = [
    "CREATE TABLE IF NOT EXISTS provenance_grams (gram BIGINT NOT NULL, stmt_id BIGINT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS provenance_grams_gram ON provenance_grams(gram)",
    "CREATE TABLE IF NOT EXISTS provenance_gram_df (gram BIGINT PRIMARY KEY, n BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS provenance_documents (doc_id BIGINT PRIMARY KEY, "
    "is_primary INTEGER NOT NULL DEFAULT 0, is_transcript INTEGER NOT NULL DEFAULT 0)",
]


def gram_hash(words: Sequence[str]) -> int:
    """63 bits of two CRC-32s of the words (stable across processes, unlike ``hash``)."""
    b = " ".join(words).encode("utf-8")
    return (zlib.crc32(b) << 31) ^ zlib.crc32(b, 0x5bd1e995)


def shingles(words: Sequence[str]) -> set[int]:
    if len(words) < N:
        return {gram_hash(words)} if words else set()
    return {gram_hash(words[i:i + N]) for i in range(len(words) - N + 1)}


def ensure_tables(store) -> None:
    d = store.dialect
    with d.transaction():
        for sql in DDL:
            d.execute(sql)


def _executemany(d, sql: str, rows: list[tuple]) -> None:
    if not rows:
        return
    if d.name == "sqlite":
        with d.lock:
            d.conn.executemany(sql, rows)
    else:
        with d.lock:
            with d.conn.cursor() as cur:
                cur.executemany(d._sql(sql), rows)


def _upto(store) -> int:
    row = store.dialect.query_one("SELECT value FROM meta WHERE key = ?", (META_KEY,))
    return int(row["value"]) if row else 0


def update(store, batch: int = 5000, progress=None) -> int:
    """Index the statements stored since the last update; returns how many were indexed."""
    ensure_tables(store)
    d = store.dialect
    last = _upto(store)
    done = 0
    first = last == 0 and d.query_one("SELECT 1 AS x FROM provenance_grams LIMIT 1") is None
    if first:  # a first build loads the table, then sorts it into the index once
        d.execute("DROP INDEX IF EXISTS provenance_grams_gram")
    while True:
        # (by document: a statement's id is its place in the archive's date order, so a
        # document stored later may hold lower ids; document ids only grow)
        doc_ids = [int(r["id"]) for r in d.query(
            "SELECT id FROM documents WHERE id > ? ORDER BY id LIMIT ?", (last, max(1, batch // 20)))]
        if not doc_ids:
            break
        rows = fill_content(d, d.query(
            f"SELECT id, doc_id, content, start_offset, end_offset FROM statements WHERE doc_id IN "
            f"({', '.join('?' * len(doc_ids))}) ORDER BY id", doc_ids))
        grams: list[tuple[int, int]] = []
        for r in rows:
            words = passage_words(r["content"] or "")
            grams.extend((g, int(r["id"])) for g in shingles(words))
        docs = doc_ids
        last = doc_ids[-1]
        with d.transaction():
            _executemany(d, "INSERT INTO provenance_grams (gram, stmt_id) VALUES (?, ?)", grams)
            if not first:
                df = Counter(g for g, _ in grams)
                _executemany(d, "INSERT INTO provenance_gram_df (gram, n) VALUES (?, ?) ON CONFLICT (gram) "
                                "DO UPDATE SET n = provenance_gram_df.n + excluded.n", list(df.items()))
            for doc_id in docs:
                _note_transcript(store, doc_id)
            d.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
                      "SET value = excluded.value", (META_KEY, str(last)))
        done += len(rows)
        if progress:
            progress(done)
    if first:
        with d.transaction():
            d.execute(DDL[1])
            d.execute("DELETE FROM provenance_gram_df")
            d.execute("INSERT INTO provenance_gram_df (gram, n) SELECT gram, COUNT(*) FROM provenance_grams "
                      "GROUP BY gram")
    return done


def _note_transcript(store, doc_id: int) -> None:
    """Whether the document is a transcript: its record has at least MIN_TURNS turns."""
    d = store.dialect
    row = d.query_one("SELECT record, text FROM documents WHERE id = ?", (doc_id,))
    if row is None:
        return
    try:
        atts = decode_record(row["record"], row["text"]).get("attributions") or []
    except (ValueError, AttributeError, zlib.error):
        atts = []
    turns = sum(1 for a in atts if a.get("how") == "turn")
    d.execute("INSERT INTO provenance_documents (doc_id, is_transcript) VALUES (?, ?) "
              "ON CONFLICT (doc_id) DO UPDATE SET is_transcript = excluded.is_transcript",
              (doc_id, int(turns >= MIN_TURNS)))


def mark_primary(store, doc_ids: Iterable[int], primary: bool = True) -> None:
    """Mark documents as primary sources (``onrecord ingest --primary``)."""
    ensure_tables(store)
    d = store.dialect
    with d.transaction():
        for doc_id in doc_ids:
            d.execute("INSERT INTO provenance_documents (doc_id, is_primary) VALUES (?, ?) "
                      "ON CONFLICT (doc_id) DO UPDATE SET is_primary = excluded.is_primary",
                      (int(doc_id), int(primary)))


def candidates(store, grams: set[int], exclude_doc: Optional[int] = None,
               min_shared: int = 1, limit: int = MAX_CANDIDATES) -> list[dict]:
    """Statements sharing at least ``min_shared`` and a quarter of the rare shingles looked up
    (a passage with under one word in five changed keeps at least that many), most shared
    first, with their document, speaker, date and whether the document is primary or a
    transcript."""
    if not grams:
        return []
    d = store.dialect
    gl = list(grams)
    df = {int(r["gram"]): int(r["n"]) for r in d.query(
        f"SELECT gram, n FROM provenance_gram_df WHERE gram IN ({', '.join('?' * len(gl))})", gl)}
    present = sorted((g for g in gl if g in df), key=lambda g: df[g])
    rare = [g for g in present if df[g] <= MAX_DF] or present[:RAREST]
    if not rare:
        return []
    min_shared = min(max(min_shared, -(-len(rare) // 4)), len(rare))
    if all(df[g] <= MAX_DF for g in rare):
        rows = d.query(
            f"SELECT stmt_id, COUNT(*) AS n FROM provenance_grams WHERE gram IN ({', '.join('?' * len(rare))}) "
            f"GROUP BY stmt_id HAVING COUNT(*) >= ? ORDER BY n DESC, stmt_id LIMIT ?",
            rare + [int(min_shared), int(limit) * 2])
    else:  # only common shingles: the passages of each, capped
        hits: Counter = Counter()
        for g in rare:
            hits.update(int(r["stmt_id"]) for r in d.query(
                "SELECT stmt_id FROM provenance_grams WHERE gram = ? LIMIT ?", (g, MAX_DF)))
        rows = [{"stmt_id": k, "n": n} for k, n in hits.most_common(int(limit) * 2) if n >= min_shared]
    if not rows:
        return []
    shared = {int(r["stmt_id"]): int(r["n"]) for r in rows}
    ids = list(shared)
    out = store.dialect.query(
        "SELECT s.id, s.doc_id, s.attr_id, s.kind, s.speaker_id, s.speaker_name, s.content, "
        "s.start_offset, s.end_offset, s.source_text, s.cue_text, "
        "d.published, d.title AS doc_title, d.key AS doc_key, d.url AS doc_url, "
        "COALESCE(p.is_primary, 0) AS is_primary, COALESCE(p.is_transcript, 0) AS is_transcript "
        "FROM statements s JOIN documents d ON d.id = s.doc_id "
        "LEFT JOIN provenance_documents p ON p.doc_id = s.doc_id "
        f"WHERE s.id IN ({', '.join('?' * len(ids))})", ids)
    out = fill_content(d, [r for r in out if exclude_doc is None or int(r["doc_id"]) != int(exclude_doc)])
    for r in out:
        r["shared"] = shared[int(r["id"])]
    out.sort(key=lambda r: (-r["shared"], r["id"]))
    return out[:limit]


def document_flags(store, doc_id: int) -> dict:
    ensure_tables(store)
    row = store.dialect.query_one("SELECT is_primary, is_transcript FROM provenance_documents "
                                  "WHERE doc_id = ?", (doc_id,))
    return {"is_primary": bool(row and row["is_primary"]),
            "is_transcript": bool(row and row["is_transcript"])}
