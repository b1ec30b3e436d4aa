"""Fixtures of the web tests: an application requiring login over a fresh store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from web_helpers import Web, make_web

from pista.store import users


@pytest.fixture(autouse=True)
def quick_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with small costs: the tests check the logic, not the cost of an attack."""
    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def web(db_url: str) -> Iterator[Web]:
    """An application requiring login over a fresh store (SQLite and PostgreSQL)."""
    w = make_web(db_url)
    with w.client:
        yield w
    w.docs.engine.dispose()


@pytest.fixture
def sqlite_web(tmp_path: Path) -> Iterator[Web]:
    """The same on SQLite only, for tests where the database does not matter."""
    w = make_web(str(tmp_path / "web.db"))
    with w.client:
        yield w
    w.docs.engine.dispose()
