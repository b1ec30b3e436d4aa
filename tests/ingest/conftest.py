"""Fixtures of the ingestion tests: files written under tmp_path, and a store per backend."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pista.store import DocumentStore, connect

Writer = Callable[[str, bytes | str], Path]


@pytest.fixture
def write(tmp_path: Path) -> Writer:
    """Write a file under ``tmp_path/files`` (text as UTF-8) and return its path."""

    def _write(name: str, content: bytes | str) -> Path:
        path = tmp_path / "files" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    return _write


@pytest.fixture
def store(db_url: str) -> Iterator[DocumentStore]:
    """An empty store on SQLite and on PostgreSQL."""
    engine = connect(db_url)
    yield DocumentStore(engine)
    engine.dispose()
