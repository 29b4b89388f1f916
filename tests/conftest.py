"""Shared pytest fixtures."""
from conftest_pg import pg_server, pg_url, store_url  # noqa: F401  (PostgreSQL + store fixtures)
