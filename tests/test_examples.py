"""The bundled sample reports: each one ingests cleanly, in the language it is labelled with."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from markupsafe import escape

from pista.ingest import BadRecord, IngestOptions, ingest_paths, iter_records
from pista.language import detect
from pista.report import build_overview, render_overview
from pista.store import DocumentStore, connect

REPORTS = Path(__file__).resolve().parents[1] / "examples" / "reports"

# The language of each sample (for a JSON-lines file, of each record, by id), as listed in
# examples/README.md. A new sample needs a line here.
LABELS: dict[str, str | dict[str, str]] = {
    "01-tren-de-aragua-origins.md": "en",
    "02-toma-de-tocoron.html": "es",
    "03-tocoron-takeover.txt": "en",
    "04-treasury-tco-designation.html": "en",
    "05-designacion-terrorista.txt": "es",
    "06-pnp-comunicado-lima.txt": "es",
    "07-fiscalia-caso-ojeda.md": "es",
    "08-lima-factions.pdf": "en",
    "09-policia-colombia.html": "es",
    "10-news-briefs.jsonl": {
        "wire-2024-07-12-reward": "en",
        "brief-2024-mineria-bolivar": "es",
        "brief-2024-chile-north": "en",
    },
    "11-trata-y-trafico.docx": "es",
    "12-fto-designation.md": "en",
}


def sample_files() -> list[Path]:
    return sorted(p for p in REPORTS.iterdir() if p.is_file() and not p.name.startswith("."))


def test_every_sample_is_labelled() -> None:
    assert sorted(p.name for p in sample_files()) == sorted(LABELS), "add the new sample to LABELS"


def test_both_languages_are_represented() -> None:
    langs: list[str] = []
    for label in LABELS.values():
        langs += list(label.values()) if isinstance(label, dict) else [label]
    assert 0.35 <= langs.count("es") / len(langs) <= 0.65


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_sample_reads_and_detects_as_labelled(path: Path) -> None:
    records = list(iter_records(path))
    assert records, f"{path.name}: no record read"
    bad = [r for r in records if isinstance(r, BadRecord)]
    assert not bad, f"{path.name}: {bad}"
    label = LABELS[path.name]
    for record in records:
        assert not isinstance(record, BadRecord)
        expected = label[str(record.origin).rsplit("#", 1)[-1]] if isinstance(label, dict) else label
        if isinstance(label, dict) and record.lang is not None:
            assert record.lang == expected
        assert detect(record.text) == expected, f"{record.origin}: detected {detect(record.text)!r}"
        assert record.title, f"{record.origin}: no title"
        assert 90 <= len(record.text.split()) <= 450, f"{record.origin}: {len(record.text.split())} words"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[DocumentStore]:
    store = DocumentStore(connect(str(tmp_path / "pista.db")))
    yield store
    store.engine.dispose()


def test_the_whole_folder_ingests_without_error_and_twice_adds_nothing(store: DocumentStore) -> None:
    options = IngestOptions(source="samples", publisher_kind="press", reliability="C")
    first = ingest_paths(store, [REPORTS], options)
    assert first.ok, [str(p) for p in first.errors]
    assert first.failed == 0
    assert first.new_documents == 14
    assert first.unsupported_language == 0
    second = ingest_paths(store, [REPORTS], options)
    assert second.new_documents == 0 and second.new_sources == 0
    stats = store.stats()
    assert stats["documents"] == 14
    assert stats["by_language"] == {"en": 7, "es": 7}
    assert store.errors() == []


def test_the_overview_page_lists_every_sample(store: DocumentStore) -> None:
    ingest_paths(store, [REPORTS], IngestOptions(source="samples", publisher_kind="press"))
    html = render_overview(build_overview(store))
    titles = [d["title"] for d in store.listing()]
    assert len(titles) == 14 and all(titles)
    for title in titles:
        assert str(escape(title)) in html


def _load_script(name: str) -> ModuleType:
    path = REPORTS.parent / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"examples_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_pdf_script_rebuilds_the_sample(tmp_path: Path) -> None:
    out = _load_script("make_pdf").build(tmp_path / "sample.pdf")
    [record] = list(iter_records(out))
    assert not isinstance(record, BadRecord)
    assert record.title == "Tren de Aragua's factions compete for Lima"
    assert "San Martín de Porres" in record.text  # accents survive the embedded font


def test_the_word_script_rebuilds_the_sample(tmp_path: Path) -> None:
    out = _load_script("make_docx").build(tmp_path / "sample.docx")
    [record] = list(iter_records(out))
    assert not isinstance(record, BadRecord)
    assert record.title == "Trata de personas y tráfico de migrantes: el modelo del Tren de Aragua"
    assert record.published == "2024-09-10"
