"""Properties: ingesting a set twice equals ingesting it once; text, title and date round-trip."""

from __future__ import annotations

import itertools
import json
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from pista.ingest import IngestOptions, ingest_paths
from pista.store import DocumentStore, connect
from pista.store import schema as t

PROPERTY_SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Any Unicode text apart from surrogates and NUL (which are refused, see the bad-input tests).
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=300,
).filter(lambda s: s.strip())
titles = st.none() | st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=80
)
dates = st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
records = st.lists(st.tuples(texts, titles, dates), min_size=1, max_size=6)


@pytest.fixture
def fresh(db_url: str, tmp_path: Path) -> Iterator[tuple[DocumentStore, Iterator[Path]]]:
    """A store emptied before each example, and new folders for each example's files."""
    engine = connect(db_url)
    folders = (tmp_path / f"example-{i}" for i in itertools.count())
    yield DocumentStore(engine), folders
    engine.dispose()


def _empty(store: DocumentStore) -> None:
    with store.engine.begin() as conn:
        for table in (t.analyses, t.document_sources, t.documents, t.ingest_errors):
            conn.execute(delete(table))


def _write(folder: Path, items: list[tuple[str, str | None, date | None]]) -> Path:
    """The records as one JSONL file and, for the first one, also as a text file."""
    folder.mkdir(parents=True)
    lines = [
        json.dumps(
            {"id": str(i), "text": text, "title": title, "published": day.isoformat() if day else None}
        )
        for i, (text, title, day) in enumerate(items)
    ]
    (folder / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "first.txt").write_text(items[0][0], encoding="utf-8")
    return folder


def _state(store: DocumentStore) -> list[dict]:
    return store.listing()


@PROPERTY_SETTINGS
@given(items=records)
def test_ingesting_twice_equals_ingesting_once(fresh, items) -> None:
    store, folders = fresh
    _empty(store)
    folder = _write(next(folders), items)
    once = ingest_paths(store, [folder], IngestOptions(lang="en"))
    state = _state(store)
    twice = ingest_paths(store, [folder], IngestOptions(lang="en"))
    assert _state(store) == state
    assert (twice.new_documents, twice.new_sources, twice.failed) == (0, 0, once.failed)
    assert twice.known_documents == once.new_documents + once.known_documents


def _expected_text(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


@PROPERTY_SETTINGS
@given(text=texts, title=titles, day=dates)
def test_text_title_and_date_round_trip(fresh, text: str, title: str | None, day: date | None) -> None:
    store, folders = fresh
    _empty(store)
    folder = next(folders)
    folder.mkdir()
    record = {"id": "r", "text": text, "title": title, "published": day.isoformat() if day else None}
    (folder / "one.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    report = ingest_paths(store, [folder], IngestOptions(lang="es"))
    assert report.ok, report.errors
    [doc] = list(store.documents())
    assert doc.text == _expected_text(text)
    expected_title = " ".join(unicodedata.normalize("NFC", title).split()) if title else ""
    assert doc.title == (expected_title or None)
    assert doc.published == (day.isoformat() if day else None)
    assert doc.lang == "es"
