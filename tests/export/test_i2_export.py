"""i2 chart tables of a small resolved store."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from test_ftm_export import _store

from pista.export import export
from pista.export.i2 import strength
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


def test_strength_follows_documents() -> None:
    assert [strength(n) for n in (0, 1, 3)] == ["Tentative", "Unconfirmed", "Confirmed"]


def test_i2_tables(db_url: str, tmp_path: Path, open_store: Callable[[str], Engine]) -> None:
    engine = _store(db_url, tmp_path, open_store)
    folder = tmp_path / "i2"
    export(engine, "i2", folder)
    with (folder / "entities.csv").open(encoding="utf-8-sig") as fh:
        entities = list(csv.DictReader(fh))
    with (folder / "links.csv").open(encoding="utf-8-sig") as fh:
        links = list(csv.DictReader(fh))
    identities = {e["Identity"] for e in entities}
    assert {"Person", "Organisation", "Location", "Operation"} <= {e["Type"] for e in entities}
    assert all(link["From"] in identities and link["To"] in identities for link in links)
    lead = next(link for link in links if link["Link Type"] == "leader_of")
    assert lead["Strength"] == "Unconfirmed" and lead["Sources"] == "list"
    assert any(link["Link Type"] == "targeted" and link["Date"] == "2024-03-15" for link in links)
