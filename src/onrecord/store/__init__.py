"""store: the archive of analysed documents (embedded SQLite, or PostgreSQL)."""
from onrecord.errors import StoreError
from onrecord.store.core import Store, default_db, document_key, open_store
from onrecord.store.query import QuerySyntaxError, parse_date, parse_query

__all__ = ["QuerySyntaxError", "Store", "StoreError", "default_db", "document_key", "open_store",
           "parse_date", "parse_query"]
