"""store: the archive of analysed documents (embedded SQLite, or PostgreSQL)."""
from onrecord.store.core import Store, default_db, document_key, open_store, parse_date  # noqa: F401
from onrecord.store.dialect import StoreError  # noqa: F401
from onrecord.store.query import QuerySyntaxError, parse_query  # noqa: F401
