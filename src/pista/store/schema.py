"""The store's tables, in SQLAlchemy Core. Migrations (``migrations.py``) create them."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
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

# -- the web application: users, sessions, uploads --------------------------------------

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("role", String(20), nullable=False),  # viewer, analyst or admin
    Column("password_hash", Text, nullable=False),  # argon2id
    Column("created_at", DateTime(timezone=True), nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token_hash", String(64), nullable=False, unique=True),  # SHA-256 of the token's random part
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(10), nullable=False),  # "browser" (cookie) or "api" (bearer)
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", Integer, nullable=False),  # seconds since the epoch, UTC
)
Index("ix_sessions_user", sessions.c.user_id)

uploads = Table(
    "uploads",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("filename", String(255), nullable=False),
    Column("size", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("source", String(200), nullable=False),
    Column("publisher_kind", String(20), nullable=False),
    Column("reliability", String(1)),
    Column("uploader", String(100), nullable=False),
    Column("status", String(20), nullable=False),  # received, ingesting, analysing, done, failed
    Column("done", Integer, nullable=False, default=0),
    Column("total", Integer, nullable=False, default=0),
    Column("document_ids", Text, nullable=False, default="[]"),  # JSON list
    Column("messages", Text, nullable=False, default="[]"),  # JSON list of problems met
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

app_secrets = Table(
    "app_secrets",
    metadata,
    Column("name", String(50), primary_key=True),
    Column("value", String(128), nullable=False),
)

# -- cross-document resolution: keys, resolved entities and events, people's judgements -------

entity_keys = Table(
    "entity_keys",
    metadata,
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", String(64), primary_key=True),  # the entity's id within its document's analysis
    Column("key", String(120), nullable=False),
)
Index("ix_entity_keys_key", entity_keys.c.key)

resolved_entities = Table(
    "resolved_entities",
    metadata,
    Column("key", String(120), primary_key=True),
    Column("type", String(20), nullable=False),
    Column("subtype", String(30)),
    Column("canonical", Text, nullable=False),
    Column("n_documents", Integer, nullable=False),
    Column("data", Text, nullable=False),  # JSON: names and aliases with their documents, countries, roles
)

event_keys = Table(
    "event_keys",
    metadata,
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("event_id", String(64), primary_key=True),
    Column("key", String(120), nullable=False),
)
Index("ix_event_keys_key", event_keys.c.key)

resolved_events = Table(
    "resolved_events",
    metadata,
    Column("key", String(120), primary_key=True),
    Column("type", String(30), nullable=False),
    Column("date", String(32)),
    Column("corroboration", Integer, nullable=False),  # distinct documents reporting it
    Column("data", Text, nullable=False),  # JSON: dates, places, agencies, targets, figures with sources
)

resolution_review = Table(
    "resolution_review",
    metadata,
    Column("rank", Integer, primary_key=True),  # 1 = most uncertain
    Column("key_a", String(120), nullable=False),
    Column("key_b", String(120), nullable=False),
    Column("score", String(16), nullable=False),
    Column("data", Text, nullable=False),  # JSON: the two members, their names and the evidence
)

judgements = Table(
    "judgements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key_a", String(120), nullable=False),
    Column("key_b", String(120)),  # null for a split
    Column("judgement", String(10), nullable=False),  # same, different or split
    Column("members_a", Text, nullable=False),  # JSON list of {doc_id, entity_id, type, names}
    Column("members_b", Text, nullable=False, default="[]"),
    Column("user_name", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("withdrawn_at", DateTime(timezone=True)),
)

# -- interoperability: imported lists and records, cross-referencing ---------------------------

interop_entities = Table(
    "interop_entities",
    metadata,
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", String(64), primary_key=True),  # the entity's id within the synthetic analysis
    Column("source", String(200), nullable=False),  # the name given with --source
    Column("format", String(20), nullable=False),  # ftm or records
    Column("external_id", Text),  # the FtM id or the record's own id
    Column("schema", String(40), nullable=False),  # FtM schema (Person, Organization, ...)
    Column("data", Text, nullable=False),  # JSON: names, aliases, birth dates, nationalities, ...
)
Index("ix_interop_entities_source", interop_entities.c.source)

xref_matches = Table(
    "xref_matches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(200), nullable=False),  # the list screened against
    Column("entity_key", String(120), nullable=False),  # the resolved entity screened
    Column("entity_name", Text, nullable=False),
    Column("list_document_id", String(64), nullable=False),
    Column("list_entity_id", String(64), nullable=False),
    Column("list_id", Text),  # the listed entry's own id (FtM id, record id)
    Column("list_name", Text, nullable=False),
    Column("score", Float, nullable=False),
    Column("data", Text, nullable=False),  # JSON: the features behind the score
    Column("created_at", DateTime(timezone=True), nullable=False),
)
Index("ix_xref_matches_source", xref_matches.c.source)
Index("ix_xref_matches_entity", xref_matches.c.entity_key)
