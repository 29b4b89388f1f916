"""The store's schema: one definition, rendered per SQL dialect.

Tables
------
documents     one row per stored document (key = URL, else absolute path, else name): its
              sha256, the article text and the rest of the record JSON, compressed on
              SQLite (:mod:`onrecord.store.codec`)
statements    one row per attribution.  Its id is its sort key (:func:`codec.statement_key`):
              publication date, then document, then position, so "newest first" is the
              id order and every index on a filter column serves that order too
doc_speakers  the speakers each document knows, with the role that document gives them,
              the document's date and how many of its statements are theirs
speakers      canonical speakers across documents (latest name/type/role wins), with their
              statement and document counts, kept up to date on every write
speaker_terms the words of each speaker's name and aliases and the parts of its id: the
              speaker filter finds candidate speakers here instead of scanning names
speaker_months how many statements of a speaker each month (``YYYY-MM`` of the documents'
              publication date, '' undated): the speaker page's histogram (a store of an
              earlier version gets it filled from doc_speakers when opened)
speaker_roles how many documents give a speaker each role
speaker_links how many statements of one speaker address or mention another
statement_targets  who a statement talks to or about (addressee, speakers mentioned in it)
statement_whom     when, where and to whom a statement was made: ``said_on`` (the date the
              text gives it) and its basis, the channel, how the addressee was found; only
              statements with any of these have a row (:mod:`onrecord.store.whom`)
statement_about    whom a statement is about: its targets in order (rank 0 is the main one),
              each with the speaker's stance (critical, supportive, neutral)
speaker_whom  how many statements of one speaker are addressed to another (relation
              ``addressee``) or are about it with a stance (relation: the stance)
doc_events    each document's PLOVER events with their ``event_key``: one key over several
              documents links the same happening reported by several outlets
              (:mod:`onrecord.store.events`)
totals        the archive's document, statement and speaker counts

On SQLite a statement's ``content`` is NULL when it is the slice
``start_offset:end_offset`` of the text (a single span): the text is held once.

Full-text search: on SQLite, contentless FTS5 tables ``statements_fts`` and
``documents_fts`` (rowid = the base table's id; the index only, no copy of the text:
entries are deleted with the values they were made from; ``columnsize=0``: no
per-row token counts, which only ranking would read); on PostgreSQL, stored
generated ``tsvector`` columns with GIN indexes.

``SCHEMA_VERSION`` 1 is the first layout (record JSON as text, text stored twice, counts
computed per request); :mod:`onrecord.store.migrate` rebuilds such a store on open.
"""
from __future__ import annotations

from typing import Any

SCHEMA_VERSION = 2

TABLES = [
    """CREATE TABLE IF NOT EXISTS meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS documents (
        id {PK},
        key TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL,
        path TEXT,
        url TEXT,
        title TEXT,
        author TEXT,
        published TEXT,
        ingested_at TEXT NOT NULL,
        n_statements INTEGER NOT NULL DEFAULT 0,
        n_speakers INTEGER NOT NULL DEFAULT 0,
        text {TEXT} NOT NULL,
        record {BLOB} NOT NULL{DOC_TSV})""",
    """CREATE TABLE IF NOT EXISTS speakers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT,
        role TEXT,
        aliases TEXT NOT NULL DEFAULT '[]',
        id_rev TEXT{C} NOT NULL,
        n_statements INTEGER NOT NULL DEFAULT 0,
        n_documents INTEGER NOT NULL DEFAULT 0){NOROWID}""",
    """CREATE TABLE IF NOT EXISTS speaker_months (
        speaker_id TEXT NOT NULL,
        month TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (speaker_id, month)){NOROWID}""",
    """CREATE TABLE IF NOT EXISTS speaker_terms (
        term TEXT NOT NULL,
        speaker_id TEXT NOT NULL,
        PRIMARY KEY (term, speaker_id)){NOROWID}""",
    """CREATE TABLE IF NOT EXISTS doc_speakers (
        doc_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        speaker_id TEXT NOT NULL,
        role TEXT,
        n_mentions INTEGER NOT NULL DEFAULT 0,
        n_statements INTEGER NOT NULL DEFAULT 0,
        published TEXT,
        PRIMARY KEY (doc_id, speaker_id)){NOROWID}""",
    """CREATE TABLE IF NOT EXISTS speaker_roles (
        speaker_id TEXT NOT NULL,
        role TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (speaker_id, role)){NOROWID}""",
    """CREATE TABLE IF NOT EXISTS speaker_links (
        speaker_id TEXT NOT NULL,
        target_id TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (speaker_id, target_id)){NOROWID}""",
    """CREATE TABLE IF NOT EXISTS statements (
        id {SID},
        doc_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        attr_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        speaker_id TEXT,
        speaker_name TEXT,
        source_text TEXT,
        cue_text TEXT,
        content TEXT{CONTENT_NULL},
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        addressee_id TEXT,
        relayed_by_id TEXT,
        confidence REAL{STMT_TSV})""",
    """CREATE TABLE IF NOT EXISTS statement_targets (
        statement_id BIGINT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
        speaker_id TEXT NOT NULL,
        relation TEXT NOT NULL,
        PRIMARY KEY (statement_id, speaker_id, relation)){NOROWID}""",
    """CREATE TABLE IF NOT EXISTS totals (
        id INTEGER PRIMARY KEY,
        documents BIGINT NOT NULL DEFAULT 0,
        statements BIGINT NOT NULL DEFAULT 0,
        speakers BIGINT NOT NULL DEFAULT 0)""",
    """CREATE TABLE IF NOT EXISTS statement_whom (
        statement_id BIGINT PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,
        said_on TEXT,
        said_on_basis TEXT,
        channel TEXT,
        channel_name TEXT,
        addressee_basis TEXT){NOROWID}""",
    """CREATE TABLE IF NOT EXISTS statement_about (
        statement_id BIGINT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
        speaker_id TEXT NOT NULL,
        name TEXT NOT NULL,
        stance TEXT NOT NULL,
        rank INTEGER NOT NULL,
        PRIMARY KEY (statement_id, speaker_id)){NOROWID}""",
    """CREATE TABLE IF NOT EXISTS speaker_whom (
        speaker_id TEXT NOT NULL,
        relation TEXT NOT NULL,
        other_id TEXT NOT NULL,
        name TEXT,
        n INTEGER NOT NULL,
        PRIMARY KEY (speaker_id, relation, other_id)){NOROWID}""",
    """CREATE TABLE IF NOT EXISTS doc_events (
        doc_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        event_key TEXT NOT NULL,
        plover TEXT NOT NULL,
        mode TEXT,
        event_date TEXT,
        actor TEXT,
        actor_name TEXT,
        recipient TEXT,
        recipient_name TEXT,
        country TEXT,
        start_offset INTEGER,
        end_offset INTEGER,
        PRIMARY KEY (doc_id, position)){NOROWID}""",
]

# (SQLite has no index on the statement kind: each kind is a large share of the statements,
# so reading the table backwards by id finds a page of one kind within a few hundred rows.)
#
# Every index on statements ends, implicitly (SQLite: the rowid) or explicitly (PostgreSQL),
# with the id, which is the sort key: an equality on the first column reads that filter's
# statements newest (or oldest) first, and stops after one page.
INDEXES = [
    "CREATE INDEX IF NOT EXISTS statements_doc ON statements(doc_id{ID})",
    "CREATE INDEX IF NOT EXISTS statements_speaker ON statements(speaker_id{ID})",
    "CREATE INDEX IF NOT EXISTS doc_speakers_speaker ON doc_speakers(speaker_id, published, doc_id)",
    "CREATE INDEX IF NOT EXISTS documents_published ON documents(published{DOC_ORDER})",
    "CREATE INDEX IF NOT EXISTS targets_speaker ON statement_targets(speaker_id)",
    "CREATE INDEX IF NOT EXISTS speakers_rank ON speakers(n_statements DESC, n_documents DESC, "
    "name)",
    "CREATE INDEX IF NOT EXISTS speakers_id_rev ON speakers(id_rev)",
    "CREATE INDEX IF NOT EXISTS speaker_links_target ON speaker_links(target_id)",
    "CREATE INDEX IF NOT EXISTS about_speaker ON statement_about(speaker_id, stance)",
    "CREATE INDEX IF NOT EXISTS doc_events_key ON doc_events(event_key, doc_id)",
]

SQLITE = {
    "PK": "INTEGER PRIMARY KEY AUTOINCREMENT",
    "SID": "INTEGER PRIMARY KEY",  # the rowid: the table is stored in sort-key order
    "BLOB": "BLOB",
    "NOROWID": " WITHOUT ROWID",
    "C": "",
    "TEXT": "BLOB",  # compressed (codec.pack_text)
    "CONTENT_NULL": "",  # NULL: the slice start_offset:end_offset of the text
    "ID": "",
    "DOC_ORDER": "",
    "DOC_TSV": "",
    "STMT_TSV": "",
    "extra": [
        "CREATE VIRTUAL TABLE IF NOT EXISTS statements_fts USING fts5("
        "content, content='', columnsize=0, tokenize='porter unicode61')",
        "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
        "title, text, content='', columnsize=0, tokenize='porter unicode61')",
    ],
}

POSTGRES = {
    "PK": "BIGSERIAL PRIMARY KEY",
    "SID": "BIGINT PRIMARY KEY",
    "BLOB": "BYTEA",
    "NOROWID": "",
    "TEXT": "TEXT",
    "CONTENT_NULL": " NOT NULL",
    "C": ' COLLATE "C"',  # id_rev is searched by prefix range: byte order
    "ID": ", id",
    "DOC_ORDER": " DESC NULLS LAST, id DESC",
    "DOC_TSV": ",\n        tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', "
               "coalesce(title, '') || ' ' || text)) STORED",
    "STMT_TSV": ",\n        tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', "
                "content)) STORED",
    "extra": [
        "CREATE INDEX IF NOT EXISTS statements_kind ON statements(kind, id)",
        "CREATE INDEX IF NOT EXISTS statements_tsv ON statements USING GIN (tsv)",
        "CREATE INDEX IF NOT EXISTS documents_tsv ON documents USING GIN (tsv)",
    ],
}

# the v1 layout's tables and indexes (what migrate renames away or drops)
# (statement_whom and statement_about: a layout-1 store made by the code that added them;
# their rows are made again from the records)
V1_TABLES = ["documents", "speakers", "doc_speakers", "statements", "statement_targets",
             "statement_whom", "statement_about"]
V1_INDEXES = ["statements_doc", "statements_speaker", "statements_published",
              "doc_speakers_speaker", "documents_published", "targets_speaker",
              "statements_tsv", "documents_tsv", "about_speaker", "whom_said_on"]
V1_FTS = ["statements_fts", "documents_fts"]


# indexes a bulk load into an empty SQLite store builds at its end instead of row by row
# (:func:`onrecord.store.bulk.deferred_indexes`): the rows of these tables arrive out of the
# indexes' order, so built as they come they are slower to write and their pages half empty
DEFERRABLE = ["statements_doc", "statements_speaker", "targets_speaker", "doc_speakers_speaker",
              "about_speaker", "doc_events_key"]
# and on PostgreSQL also the kind index and the full-text (GIN) indexes, whose build from all
# rows at once is several times cheaper than their row-by-row updates
DEFERRABLE_PG = DEFERRABLE + ["statements_kind", "statements_tsv", "documents_tsv"]


def index_ddl(dialect: dict[str, Any], names: list[str]) -> list[str]:
    """The ``CREATE INDEX`` statements of the indexes ``names``."""
    return [i.format(**dialect) for i in INDEXES + dialect["extra"]
            if i.startswith("CREATE INDEX") and i.split(" ON ")[0].split()[-1] in names]


def ddl(dialect: dict[str, Any]) -> list[str]:
    out = [t.format(**dialect) for t in TABLES]
    out += [i.format(**dialect) for i in INDEXES]
    out += dialect["extra"]
    out.append("INSERT INTO totals (id) VALUES (1) ON CONFLICT (id) DO NOTHING")
    return out
