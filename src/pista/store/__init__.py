"""The store: one SQL schema on SQLite (default) or PostgreSQL."""

from pista.store.db import connect, resolve_url
from pista.store.documents import DocumentStore

__all__ = ["DocumentStore", "connect", "resolve_url"]
