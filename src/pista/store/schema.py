"""The store's tables, in SQLAlchemy Core. Migrations (``migrations.py``) create them."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),  # the content hash, shortened
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("text", Text, nullable=False),
    Column("title", Text),
    Column("lang", String(8)),  # ISO 639-1 or "und"
    Column("lang_supported", Integer, nullable=False, default=0),  # 1 when extraction handles the language
    Column("published", String(32)),  # ISO date, as precise as known
    Column("url", Text),
    Column("word_count", Integer, nullable=False, default=0),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

document_sources = Table(
    "document_sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("source", String(200), nullable=False),  # the name given with --source, or the file's folder
    Column("origin", Text, nullable=False),  # file path, with "#record" for one record of a JSONL/CSV file
    Column("publisher_kind", String(20), nullable=False, default="other"),
    Column("reliability", String(1)),  # A (reliable) to F (cannot be judged)
    Column("url", Text),
    Column("title", Text),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("document_id", "source", "origin", name="uq_document_source"),
)
Index("ix_document_sources_document", document_sources.c.document_id)

ingest_errors = Table(
    "ingest_errors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("origin", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

analyses = Table(
    "analyses",
    metadata,
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("content_hash", String(64), nullable=False),  # of the text analysed: a change means re-analyse
    Column("extractor_version", String(32), nullable=False),
    Column("result", Text, nullable=False),  # the Analysis as JSON, with evidence
    Column("created_at", DateTime(timezone=True), nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(100), nullable=False),
    Column("detail", Text),
)
