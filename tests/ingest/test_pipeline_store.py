"""Ingestion stores de-duplicated documents with their sources, dates and languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_samples import EN_TEXT, ES_TEXT, docx_bytes, eml_bytes, html_page, jsonl_text, pdf_bytes

from pista.errors import ConfigError
from pista.ingest import IngestOptions, Observer, ingest_paths
from pista.store import DocumentStore

PT_TEXT = (
    "A polícia do Rio de Janeiro prendeu onze suspeitos de integrar uma facção criminosa. "
    "Segundo o Ministério Público, o grupo controlava o tráfico de drogas na região."
)


def by_title(store: DocumentStore) -> dict[str | None, dict]:
    return {row["title"]: row for row in store.listing()}


def test_every_format_is_stored_with_title_date_and_language(store: DocumentStore, write) -> None:
    write("in/a.txt", f"Raid in Lima\n\n{EN_TEXT}")
    write("in/b.html", html_page("Operativo en Bogotá", ES_TEXT, published="2024-03-07T10:00:00Z"))
    write("in/c.pdf", pdf_bytes([EN_TEXT], title="Release"))
    write("in/d.docx", docx_bytes([ES_TEXT], title="Informe"))
    write("in/e.eml", eml_bytes("Nota de prensa", "Tue, 05 Mar 2024 10:00:00 -0500", plain=ES_TEXT + " Fin."))
    write(
        "in/f.jsonl",
        jsonl_text([{"id": "1", "text": EN_TEXT + " Later.", "title": "Wire", "published": "05/03/2024"}]),
    )
    report = ingest_paths(store, [write("in/a.txt", f"Raid in Lima\n\n{EN_TEXT}").parent])
    assert report.ok and report.new_documents == 6 and report.files == 6
    rows = by_title(store)
    assert rows["Raid in Lima"]["lang"] == "en"
    assert rows["Operativo en Bogotá"]["published"] == "2024-03-07"
    assert rows["Operativo en Bogotá"]["lang"] == "es"
    assert rows["Release"]["lang_supported"] is True
    assert rows["Nota de prensa"]["published"] == "2024-03-05"
    assert rows["Wire"]["published"] == "2024-03-05"  # day first
    assert rows["Informe"]["sources"][0]["source"] == "in"  # the folder name by default


def test_markdown_front_matter_sets_the_publisher_kind(store: DocumentStore, write) -> None:
    folder = write(
        "fm/a.md", f"---\npublisher_kind: prosecutor\npublished: 2024-03-07\n---\n{EN_TEXT}\n"
    ).parent
    write("fm/b.md", f"---\npublisher_kind: nonsense\n---\n{ES_TEXT}\n")
    report = ingest_paths(store, [folder], IngestOptions(publisher_kind="press"))
    assert report.ok
    assert store.stats()["by_publisher_kind"] == {"press": 1, "prosecutor": 1}


def test_ingesting_the_same_files_twice_adds_nothing(store: DocumentStore, write) -> None:
    folder = write("a/one.txt", EN_TEXT).parent
    write("a/two.jsonl", jsonl_text([{"id": "x", "text": ES_TEXT}]))
    first = ingest_paths(store, [folder])
    listing = store.listing()
    again = ingest_paths(store, [folder])
    assert (first.new_documents, first.known_documents) == (2, 0)
    assert (again.new_documents, again.known_documents, again.new_sources) == (0, 2, 0)
    assert again.summary() == "Ingested 0 new documents (2 already known, 0 new sources; 0 failed)"
    assert store.listing() == listing


def test_same_text_from_two_sources_is_one_document_with_two_sources(store: DocumentStore, write) -> None:
    police = write("police/release.txt", EN_TEXT + "\n")
    press = write("press/copy.txt", "\r\n" + EN_TEXT + "  \r\n\r\n")
    ingest_paths(store, [police], IngestOptions(publisher_kind="police", reliability="B"))
    report = ingest_paths(store, [press], IngestOptions(source="Daily News", publisher_kind="press"))
    assert (report.new_documents, report.known_documents, report.new_sources) == (0, 1, 1)
    [row] = store.listing()
    assert [(s["source"], s["publisher_kind"], s["reliability"]) for s in row["sources"]] == [
        ("police", "police", "B"),
        ("Daily News", "press", None),
    ]


def test_record_source_and_lang_win_over_options(store: DocumentStore, write) -> None:
    path = write(
        "feed.jsonl",
        jsonl_text(
            [
                {"id": "1", "text": "Short note in Spanish.", "lang": "es-VE", "source": "wire"},
                {"id": "2", "text": EN_TEXT},
            ]
        ),
    )
    ingest_paths(store, [path], IngestOptions(source="feed", lang="en"))
    rows = {r["sources"][0]["origin"].rsplit("#", 1)[1]: r for r in store.listing()}
    assert (rows["1"]["lang"], rows["1"]["sources"][0]["source"]) == ("es", "wire")
    assert (rows["2"]["lang"], rows["2"]["sources"][0]["source"]) == ("en", "feed")


def test_unsupported_language_is_stored_flagged_and_counted(store: DocumentStore, write) -> None:
    report = ingest_paths(store, [write("pt.txt", PT_TEXT), write("en.txt", EN_TEXT)])
    assert report.ok and report.unsupported_language == 1
    rows = {r["lang"]: r for r in store.listing()}
    assert rows["pt"]["lang_supported"] is False
    assert rows["en"]["lang_supported"] is True
    assert store.stats()["by_language"] == {"en": 1, "pt": 1}


def test_unparseable_date_is_a_warning_not_an_error(store: DocumentStore, write) -> None:
    seen: list[str] = []

    class Warnings(Observer):
        def warning(self, problem) -> None:
            seen.append(str(problem))

    path = write("d.jsonl", jsonl_text([{"id": "1", "text": EN_TEXT, "published": "next tuesday"}]))
    report = ingest_paths(store, [path], observer=Warnings())
    assert report.ok and report.new_documents == 1 and report.warned == 1
    assert seen == [f"{path}#1: published date 'next tuesday' not understood; stored without a date"]
    assert store.listing()[0]["published"] is None
    assert store.errors() == []


def test_records_are_stored_in_batches_and_all_arrive(store: DocumentStore, write) -> None:
    records = [{"id": str(i), "text": f"Report number {i}: {EN_TEXT}"} for i in range(7)]
    committed: list[int] = []

    class Batches(Observer):
        def record_stored(self, count: int) -> None:
            committed.append(count)

    report = ingest_paths(
        store, [write("many.jsonl", jsonl_text(records))], IngestOptions(batch_size=3), observer=Batches()
    )
    assert report.new_documents == 7
    assert committed == [3, 3, 1]


def test_run_stopped_half_way_leaves_whole_files_and_resumes(store: DocumentStore, write) -> None:
    for i in range(4):
        write(f"batch/{i}.txt", f"Report {i}. {EN_TEXT}")

    class Stop(Observer):
        def file_done(self, path: Path) -> None:
            if path.name == "1.txt":
                raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest_paths(store, [write("batch/0.txt", f"Report 0. {EN_TEXT}").parent], observer=Stop())
    assert len(store.listing()) == 2
    report = ingest_paths(store, [write("batch/0.txt", f"Report 0. {EN_TEXT}").parent])
    assert (report.new_documents, report.known_documents) == (2, 2)


def test_hidden_files_and_lock_files_in_folders_are_skipped(store: DocumentStore, write) -> None:
    folder = write("docs/report.txt", EN_TEXT).parent
    write("docs/.hidden.txt", ES_TEXT)
    write("docs/.git/config.txt", ES_TEXT)
    write("docs/~$report.docx", b"lock")
    report = ingest_paths(store, [folder])
    assert report.ok and report.files == 1


def test_files_are_read_in_sorted_order_each_once(store: DocumentStore, write) -> None:
    order: list[str] = []

    class Order(Observer):
        def file_started(self, path: Path) -> None:
            order.append(path.relative_to(folder).as_posix())

    folder = write("s/b.txt", "b " + EN_TEXT).parent
    write("s/a/z.txt", "z " + EN_TEXT)
    write("s/c.txt", "c " + EN_TEXT)
    ingest_paths(store, [folder, folder / "c.txt"], observer=Order())
    assert order == ["b.txt", "c.txt", "a/z.txt"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"publisher_kind": "blog"}, "unknown publisher kind 'blog'"),
        ({"reliability": "Z"}, "unknown reliability 'Z'"),
        ({"encoding": "klingon"}, "unknown encoding 'klingon'"),
        ({"max_bytes": 0}, "must be positive"),
    ],
)
def test_wrong_options_are_config_errors(options: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        IngestOptions(**options)
