"""Every kind of bad input fails alone, with one clear reason, and leaves the store as it was."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ingest_samples import (
    EN_TEXT,
    ES_TEXT,
    docx_bytes,
    eml_bytes,
    encrypted_pdf_bytes,
    html_page,
    jsonl_text,
    pdf_bytes,
)
from sqlalchemy import select

from pista.ingest import IngestOptions, Observer, Problem, ingest_paths, registry
from pista.store import DocumentStore, connect
from pista.store import schema as t

JUNK = bytes(range(256)) * 4


def _zip_without_document() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "not a word document")
    return out.getvalue()


def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 3]


# name, content, options, expected reason (a substring)
BAD_FILES: list[tuple[str, Any, dict[str, Any], str]] = [
    ("empty.txt", b"", {}, "empty file"),
    ("blank.md", "   \n\n  \t\n", {}, "no text found"),
    ("junk.txt", JUNK, {}, "binary data, not text (NUL byte at offset 0)"),
    ("junk.html", JUNK, {}, "binary data, not text"),
    ("junk.eml", JUNK, {}, "binary data, not an e-mail message"),
    ("junk.jsonl", JUNK, {}, "binary data, not text"),
    ("latin.txt", "Operación en Perú".encode("latin-1"), {}, "not valid UTF-8 at byte offset 7 (0xF3)"),
    ("latin.md", "Operación".encode("latin-1"), {}, "pass it with --encoding (e.g. --encoding latin-1)"),
    ("empty-body.html", "<html><head></head><body>  </body></html>", {}, "no text found"),
    ("truncated.pdf", _truncated(pdf_bytes([EN_TEXT])), {}, "not a readable PDF (corrupt or truncated"),
    ("not-really.pdf", b"%PDF-1.4\nthis is not a pdf at all", {}, "not a readable PDF"),
    ("locked.pdf", encrypted_pdf_bytes(EN_TEXT), {}, "password-protected (encrypted) PDF"),
    ("scan.pdf", pdf_bytes([""]), {}, "no text layer (scanned?)"),
    ("long.pdf", pdf_bytes(["one", "two", "three"]), {"max_pages": 2}, "3 pages, over the limit of 2"),
    ("truncated.docx", _truncated(docx_bytes([EN_TEXT])), {}, "corrupt DOCX"),
    ("text.docx", b"just some text", {}, "not a DOCX (not a zip archive"),
    ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + JUNK, {}, "password-protected (encrypted) DOCX"),
    ("other.docx", _zip_without_document(), {}, "not a Word document"),
    ("no-body.eml", b"", {}, "empty file"),
    ("no-text.eml", b"Subject: hi\nContent-Type: image/png\n\nxx", {}, "no text/plain or text/html part"),
    ("big.txt", EN_TEXT * 10, {"max_bytes": 200}, "over the limit of 200 (raise --max-bytes"),
    ("report.xyz", EN_TEXT, {}, "unknown format ('.xyz')"),
    ("README", EN_TEXT, {}, "unknown format (no suffix)"),
    ("cols.csv", "id,body\n1,hello\n", {}, "no 'text' column"),
    ("header-only.csv", "\n\n", {}, "no header line"),
]


class Collect(Observer):
    def __init__(self) -> None:
        self.lines: list[str] = []

    def error(self, problem: Problem) -> None:
        self.lines.append(str(problem))


def snapshot(store: DocumentStore) -> tuple[Any, ...]:
    """Everything stored about documents and sources, apart from ingestion times."""
    with store.engine.connect() as conn:
        docs = conn.execute(select(t.documents).order_by(t.documents.c.id)).all()
        sources = conn.execute(select(t.document_sources).order_by(t.document_sources.c.id)).all()
    return (
        [tuple(d._mapping[k] for k in d._mapping if k != "created_at") for d in docs],
        [tuple(s._mapping[k] for k in s._mapping if k != "ingested_at") for s in sources],
    )


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[DocumentStore]:
    """A SQLite store: the reason of each bad file is checked here, the whole bad batch on both backends."""
    engine = connect(str(tmp_path / "pista.db"))
    yield DocumentStore(engine)
    engine.dispose()


@pytest.fixture
def small_batch(write) -> Path:
    write("good/en.txt", f"Raid in Lima\n\n{EN_TEXT}\n")
    return write("good/feed.jsonl", jsonl_text([{"id": "f1", "text": ES_TEXT}])).parent


@pytest.fixture
def good_batch(write) -> Path:
    write("good/en.txt", f"Raid in Lima\n\n{EN_TEXT}\n")
    write("good/es.md", f"# Operativo\n\n{ES_TEXT}\n")
    write("good/page.html", html_page("Raid", EN_TEXT + " More details were given.", published="2024-03-07"))
    write("good/release.pdf", pdf_bytes(["Comunicado. " + ES_TEXT]))
    write("good/brief.docx", docx_bytes(["Brief. " + EN_TEXT]))
    write("good/note.eml", eml_bytes("Nota", "Tue, 05 Mar 2024 10:00:00 -0500", plain="Nota. " + ES_TEXT))
    write("good/feed.jsonl", jsonl_text([{"id": "f1", "text": "Feed one. " + EN_TEXT}]))
    write("good/rows.csv", f'id,text\nr1,"Row one. {ES_TEXT}"\n')
    return write("good/en.txt", f"Raid in Lima\n\n{EN_TEXT}\n").parent


@pytest.mark.parametrize(("name", "content", "options", "reason"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_fails_alone_with_its_reason(
    sqlite_store: DocumentStore,
    write,
    small_batch: Path,
    name: str,
    content: Any,
    options: dict[str, Any],
    reason: str,
) -> None:
    first = ingest_paths(sqlite_store, [small_batch])
    assert first.ok and first.new_documents == 2
    before = snapshot(sqlite_store)
    bad = write(f"bad/{name}", content)
    good_too = write("bad/fine.txt", "A separate good report about an arrest in Cali, Colombia.")
    observer = Collect()
    report = ingest_paths(sqlite_store, [bad.parent], IngestOptions(**options), observer=observer)
    assert report.failed == 1, report.errors
    assert report.new_documents == 1  # the good file beside it is stored
    assert len(observer.lines) == 1
    assert observer.lines[0].startswith(str(bad) + ": ")
    assert reason in observer.lines[0]
    assert "\n" not in observer.lines[0]
    assert sqlite_store.errors()[-1]["origin"] == str(bad)
    assert reason in sqlite_store.errors()[-1]["reason"]
    after = snapshot(sqlite_store)
    assert set(before[0]) <= set(after[0])
    assert set(before[1]) <= set(after[1])
    assert len(after[0]) == len(before[0]) + 1
    assert good_too.exists()


def test_good_then_many_bad_files_loses_nothing(store: DocumentStore, write, good_batch: Path) -> None:
    ingest_paths(store, [good_batch])
    before = snapshot(store)
    texts_before = {d.id: (d.text, d.title, d.published) for d in store.documents()}
    for name, content, _options, _reason in BAD_FILES:
        write(f"bad/{name}", content)
    report = ingest_paths(store, [good_batch.parent / "bad"], IngestOptions(max_pages=2, max_bytes=200))
    assert report.new_documents == 0
    assert report.failed == len(BAD_FILES)
    assert len(store.errors()) == len(BAD_FILES)
    assert snapshot(store) == before
    assert {d.id: (d.text, d.title, d.published) for d in store.documents()} == texts_before


def test_bad_records_fail_alone_and_good_records_are_stored(store: DocumentStore, write) -> None:
    path = write(
        "feed.jsonl",
        jsonl_text(
            [
                {"id": "a", "text": EN_TEXT},
                "{oops",
                {"id": "b"},
                {"id": "c", "text": "   "},
                {"id": "d", "text": "\u0000binary"},
                {"id": "e", "text": ES_TEXT},
            ]
        ),
    )
    observer = Collect()
    report = ingest_paths(store, [path], observer=observer)
    assert (report.new_documents, report.failed) == (2, 4)
    assert [line.split(": ", 1)[0].rsplit("#", 1)[1] for line in observer.lines] == [
        "line 2",
        "line 3",
        "line 4",
        "d",
    ]
    assert [e["origin"].rsplit("#", 1)[1] for e in store.errors()] == ["line 2", "line 3", "line 4", "d"]


def test_missing_path_is_reported_and_the_rest_read(store: DocumentStore, write, tmp_path: Path) -> None:
    good = write("ok.txt", EN_TEXT)
    report = ingest_paths(store, [tmp_path / "nowhere", good])
    assert report.new_documents == 1
    assert [(e.origin, e.reason) for e in report.errors] == [
        (str(tmp_path / "nowhere"), "no such file or folder")
    ]


def test_unreadable_file_is_reported(store: DocumentStore, write, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = write("locked.txt", EN_TEXT)
    write("open.txt", ES_TEXT)
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    report = ingest_paths(store, [locked.parent])
    assert report.new_documents == 1
    assert [(e.origin, e.reason) for e in report.errors] == [(str(locked), "cannot read (Permission denied)")]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_file_without_read_permission_is_reported(store: DocumentStore, write) -> None:
    locked = write("locked.txt", EN_TEXT)
    locked.chmod(0)
    try:
        report = ingest_paths(store, [locked])
    finally:
        locked.chmod(0o644)
    assert report.errors[0].reason == "cannot read (Permission denied)"


def test_encoding_option_reads_latin1(store: DocumentStore, write) -> None:
    path = write("latin.txt", ("Operación policial en Perú. " + ES_TEXT).encode("latin-1", "replace"))
    assert not ingest_paths(store, [path]).ok
    report = ingest_paths(store, [path], IngestOptions(encoding="latin-1"))
    assert report.ok and report.new_documents == 1
    assert next(store.documents()).text.startswith("Operación policial en Perú.")


def test_reader_failing_unexpectedly_fails_only_its_file(
    store: DocumentStore, write, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = write("broken.md", ES_TEXT)
    write("fine.txt", EN_TEXT)

    def explode(path: Path, origin: str, options: Any) -> Any:
        raise RuntimeError("parser bug")
        yield

    monkeypatch.setitem(registry._READERS, ".md", registry.Reader(name="markdown", read=explode))
    report = ingest_paths(store, [broken.parent])
    assert report.new_documents == 1
    assert [(e.origin, e.reason) for e in report.errors] == [
        (str(broken), "unexpected RuntimeError while reading (parser bug); please report it")
    ]


def test_file_name_not_valid_utf8_is_reported(store: DocumentStore, write, tmp_path: Path) -> None:
    folder = write("fine.txt", EN_TEXT).parent
    odd = folder / os.fsdecode(b"caf\xe9.txt")
    try:
        odd.write_text(ES_TEXT, encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses such names")
    report = ingest_paths(store, [folder])
    assert report.new_documents == 1
    assert [(e.origin, e.reason) for e in report.errors] == [
        (str(folder / "caf\ufffd.txt"), "file name is not valid UTF-8; rename the file")
    ]
    assert store.errors()[0]["origin"] == str(folder / "caf\ufffd.txt")
