"""Opening a store: a SQLite file by default, PostgreSQL when the URL says so."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from pista.errors import ConfigError, StoreError
from pista.store import migrations

DEFAULT_PATH = "pista.db"


def resolve_url(url: str | None = None) -> str:
    """The database URL: the argument, else ``PISTA_DB``, else ``./pista.db``.

    A plain path is a SQLite file; ``postgresql://`` selects PostgreSQL through psycopg 3.
    """
    raw = url or os.environ.get("PISTA_DB") or DEFAULT_PATH
    if "://" not in raw:
        return f"sqlite:///{Path(raw).expanduser()}"
    if raw.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + raw.split("://", 1)[1]
    return raw


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def connect(url: str | None = None, *, migrate: bool = True) -> Engine:
    """Open (and by default migrate) the store at ``url``."""
    resolved = resolve_url(url)
    try:
        parsed = make_url(resolved)
    except ArgumentError as exc:
        raise ConfigError(f"not a database URL: {url!r} (use a file path or postgresql://...)") from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).parent
            if not folder.exists():
                raise StoreError(f"cannot create the store {parsed.database}: folder {folder} does not exist")
        engine = create_engine(resolved)
        event.listen(engine, "connect", _sqlite_pragmas)
    elif parsed.get_backend_name() == "postgresql":
        engine = create_engine(resolved, pool_pre_ping=True)
    else:
        raise ConfigError(f"unsupported database {parsed.get_backend_name()!r}: use SQLite or PostgreSQL")
    try:
        version = migrations.current_version(engine)
        if version > migrations.LATEST:
            engine.dispose()
            raise StoreError(
                f"the store {parsed.render_as_string(hide_password=True)} has schema version {version}, "
                f"newer than this pista knows ({migrations.LATEST}): upgrade pista"
            )
        if migrate:
            migrations.migrate(engine)
    except OperationalError as exc:
        engine.dispose()
        raise StoreError(
            f"cannot open the store {parsed.render_as_string(hide_password=True)}: {exc.orig}"
        ) from exc
    return engine
