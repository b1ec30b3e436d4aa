"""Shared fixtures: every store test runs on SQLite and on the real PostgreSQL."""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

PG_URL = os.environ.get("PISTA_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
SHARED = Path(__file__).resolve().parents[2] / "shared"


def _pg_engine_url() -> str:
    return "postgresql+psycopg://" + PG_URL.split("://", 1)[1]


@functools.cache
def _pg_available() -> bool:
    engine = create_engine(_pg_engine_url())
    try:
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        return True
    except Exception as exc:  # any failure to reach the server means "not available"
        if os.environ.get("CI"):
            raise RuntimeError(f"PostgreSQL at {PG_URL} is required in CI: {exc}") from exc
        return False
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store URL: a SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        yield str(tmp_path / "pista.db")
        return
    if not _pg_available():
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(_pg_engine_url())
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def shared_dir() -> Path:
    """The shared evaluation folder beside the project; tests using it skip where it is absent."""
    if not (SHARED / "eval" / "dev").is_dir():
        pytest.skip("../shared/eval is not present in this checkout")
    return SHARED
