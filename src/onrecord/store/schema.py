"""The store's schema: one definition, rendered per SQL dialect.

Tables
------
documents     one row per stored document (key = URL, else absolute path, else name),
              with its sha256 and the full record JSON
statements    one row per attribution, with speaker and publication date for filtering
doc_speakers  the speakers each document knows, with role/type as that document gives them
speakers      canonical speakers across documents (latest name/type/role wins)
statement_targets  who a statement talks to or about (addressee, speakers mentioned in it)
statement_whom     when, where and to whom a statement was made: ``said_on`` (the statement's
              date, else the publication date) and its basis, the channel, how the addressee
              was found
statement_about    whom a statement is about: its targets in order (rank 0 is the main one),
              each with the speaker's stance (critical, supportive, neutral)

Full-text search: on SQLite, FTS5 tables ``statements_fts`` and ``documents_fts``
(rowid = the base table's id, porter stemming); on PostgreSQL, stored generated
``tsvector`` columns with GIN indexes.
"""
from __future__ import annotations

SCHEMA_VERSION = 1

# {PK}: auto-increment integer primary key; {BIGINT}; {TEXT}
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
        text TEXT NOT NULL,
        record TEXT NOT NULL{DOC_TSV})""",
    """CREATE TABLE IF NOT EXISTS speakers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT,
        role TEXT,
        aliases TEXT NOT NULL DEFAULT '[]')""",
    """CREATE TABLE IF NOT EXISTS doc_speakers (
        doc_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        speaker_id TEXT NOT NULL,
        name TEXT NOT NULL,
        type TEXT,
        role TEXT,
        n_mentions INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (doc_id, speaker_id))""",
    """CREATE TABLE IF NOT EXISTS statements (
        id {PK},
        doc_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        attr_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        speaker_id TEXT,
        speaker_name TEXT,
        source_text TEXT,
        cue_text TEXT,
        content TEXT NOT NULL,
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        addressee_id TEXT,
        relayed_by_id TEXT,
        confidence REAL,
        published TEXT{STMT_TSV})""",
    """CREATE TABLE IF NOT EXISTS statement_targets (
        statement_id BIGINT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
        speaker_id TEXT NOT NULL,
        relation TEXT NOT NULL,
        PRIMARY KEY (statement_id, speaker_id, relation))""",
    """CREATE TABLE IF NOT EXISTS statement_whom (
        statement_id BIGINT PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,
        said_on TEXT,
        said_on_basis TEXT,
        channel TEXT,
        channel_name TEXT,
        addressee_basis TEXT)""",
    """CREATE TABLE IF NOT EXISTS statement_about (
        statement_id BIGINT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
        speaker_id TEXT NOT NULL,
        name TEXT NOT NULL,
        stance TEXT NOT NULL,
        rank INTEGER NOT NULL,
        PRIMARY KEY (statement_id, speaker_id))""",
]

INDEXES = [
    "CREATE INDEX IF NOT EXISTS statements_doc ON statements(doc_id)",
    "CREATE INDEX IF NOT EXISTS statements_speaker ON statements(speaker_id)",
    "CREATE INDEX IF NOT EXISTS statements_published ON statements(published)",
    "CREATE INDEX IF NOT EXISTS doc_speakers_speaker ON doc_speakers(speaker_id)",
    "CREATE INDEX IF NOT EXISTS documents_published ON documents(published)",
    "CREATE INDEX IF NOT EXISTS targets_speaker ON statement_targets(speaker_id)",
    "CREATE INDEX IF NOT EXISTS about_speaker ON statement_about(speaker_id, stance)",
    "CREATE INDEX IF NOT EXISTS whom_said_on ON statement_whom(said_on)",
]

SQLITE = {
    "PK": "INTEGER PRIMARY KEY AUTOINCREMENT",
    "DOC_TSV": "",
    "STMT_TSV": "",
    "extra": [
        "CREATE VIRTUAL TABLE IF NOT EXISTS statements_fts USING fts5("
        "content, tokenize='porter unicode61')",
        "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
        "title, text, tokenize='porter unicode61')",
    ],
}

POSTGRES = {
    "PK": "BIGSERIAL PRIMARY KEY",
    "DOC_TSV": ",\n        tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', "
               "coalesce(title, '') || ' ' || text)) STORED",
    "STMT_TSV": ",\n        tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', "
                "content)) STORED",
    "extra": [
        "CREATE INDEX IF NOT EXISTS statements_tsv ON statements USING GIN (tsv)",
        "CREATE INDEX IF NOT EXISTS documents_tsv ON documents USING GIN (tsv)",
    ],
}


def ddl(dialect: dict) -> list[str]:
    out = [t.format(**dialect) for t in TABLES]
    out += INDEXES
    out += dialect["extra"]
    return out
