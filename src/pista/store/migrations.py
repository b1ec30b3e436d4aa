"""Versioned migrations: a store made by an older pista opens in a newer one.

Each step has a number and a function; ``migrate`` applies the steps a store lacks, in
order, each in its own transaction, and records them in ``schema_version``. Never edit a
released step: add a new one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, inspect, select

from pista.store import schema

Step = Callable[[Connection], None]


def _create(*tables: str) -> Step:
    def step(conn: Connection) -> None:
        for name in tables:
            schema.metadata.tables[name].create(conn, checkfirst=True)

    return step


STEPS: list[tuple[int, str, Step]] = [
    (1, "documents and their sources", _create("documents", "document_sources", "ingest_errors")),
    (2, "analyses and audit log", _create("analyses", "audit_log")),
    (
        3,
        "cross-document resolution and judgements",
        _create(
            "entity_keys",
            "resolved_entities",
            "event_keys",
            "resolved_events",
            "resolution_review",
            "judgements",
        ),
    ),
    (4, "users, sessions and uploads", _create("users", "sessions", "uploads", "app_secrets")),
    (5, "imported lists and records, cross-referencing", _create("interop_entities", "xref_matches")),
]

LATEST = STEPS[-1][0]


def applied_versions(engine: Engine) -> set[int]:
    """The migration steps this store has (empty for a new store)."""
    if not inspect(engine).has_table("schema_version"):
        return set()
    with engine.connect() as conn:
        return set(conn.execute(select(schema.schema_version.c.version)).scalars().all())


def current_version(engine: Engine) -> int:
    """The highest migration applied to this store (0 for an empty store)."""
    return max(applied_versions(engine), default=0)


def migrate(engine: Engine, upto: int | None = None) -> list[int]:
    """Apply every missing step up to ``upto`` (default: all), in order; return the versions applied."""
    schema.schema_version.create(engine, checkfirst=True)
    have = applied_versions(engine)
    applied = []
    for version, name, step in STEPS:
        if version in have or (upto is not None and version > upto):
            continue
        with engine.begin() as conn:
            step(conn)
            conn.execute(
                schema.schema_version.insert().values(
                    version=version, name=name, applied_at=datetime.now(UTC)
                )
            )
        applied.append(version)
    return applied
