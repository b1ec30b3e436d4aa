"""Stores opened by a test are closed after it (PostgreSQL connections must not leak)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine

from pista.store import connect


@pytest.fixture
def open_store() -> Iterator[Callable[[str], Engine]]:
    engines: list[Engine] = []

    def opener(url: str) -> Engine:
        engine = connect(url)
        engines.append(engine)
        return engine

    yield opener
    for engine in engines:
        engine.dispose()
