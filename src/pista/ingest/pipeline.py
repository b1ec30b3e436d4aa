"""From paths to stored documents: read, normalize, de-duplicate, store; report what failed.

Each file is stored in its own transaction (the records of a JSONL/CSV file in batches of
transactions), so a run stopped half-way leaves a consistent store. A bad file or record is
reported, recorded in ``ingest_errors`` and skipped; nothing already stored is changed.
"""

from __future__ import annotations

import logging
import os
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection
from sqlalchemy.exc import DataError, IntegrityError, OperationalError, SQLAlchemyError

from pista.errors import ConfigError, IngestError, StoreError
from pista.ingest.dates import normalize_date
from pista.ingest.decoding import check_encoding
from pista.ingest.files import collect_files
from pista.ingest.records import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES, BadRecord, RawRecord, ReadOptions
from pista.ingest.registry import reader_for
from pista.language import UNDETERMINED, detect, is_supported
from pista.store.documents import PUBLISHER_KINDS, RELIABILITY_GRADES, DocumentStore, NewDocument, SourceInfo

log = logging.getLogger(__name__)

BATCH_SIZE = 200
MAX_TITLE = 500
MAX_SOURCE = 200
MAX_KEPT = 10_000  # problems kept in the report; every one is still printed and recorded


@dataclass(frozen=True)
class IngestOptions:
    """How to read and label a batch. ``source`` defaults to each file's folder name."""

    source: str | None = None
    publisher_kind: str = "other"
    reliability: str | None = None
    lang: str | None = None
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_pages: int = DEFAULT_MAX_PAGES
    batch_size: int = BATCH_SIZE

    def __post_init__(self) -> None:
        if self.publisher_kind not in PUBLISHER_KINDS:
            raise ConfigError(
                f"unknown publisher kind {self.publisher_kind!r}; use one of {', '.join(PUBLISHER_KINDS)}"
            )
        if self.reliability is not None and self.reliability not in RELIABILITY_GRADES:
            raise ConfigError(f"unknown reliability {self.reliability!r}; use a grade from A to F")
        if self.source is not None and not 0 < len(self.source.strip()) <= MAX_SOURCE:
            raise ConfigError(f"a source name must have 1 to {MAX_SOURCE} characters")
        if self.max_bytes < 1 or self.max_pages < 1 or self.batch_size < 1:
            raise ConfigError("--max-bytes and --max-pages must be positive")
        object.__setattr__(self, "encoding", check_encoding(self.encoding))

    def read_options(self) -> ReadOptions:
        return ReadOptions(encoding=self.encoding, max_bytes=self.max_bytes, max_pages=self.max_pages)


@dataclass(frozen=True)
class Problem:
    """A file or record that failed (or, for a warning, was stored with a caveat)."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


@dataclass
class IngestReport:
    """What one run did. ``known_documents`` counts records whose text was already stored;
    ``new_sources`` counts the new sources among those (a known text from a new file or source)."""

    files: int = 0
    records: int = 0
    new_documents: int = 0
    known_documents: int = 0
    new_sources: int = 0
    unsupported_language: int = 0
    failed: int = 0
    warned: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def summary(self) -> str:
        return (
            f"Ingested {self.new_documents} new documents ({self.known_documents} already known, "
            f"{self.new_sources} new sources; {self.failed} failed)"
        )


class Observer:
    """Hooks for progress and messages while a batch runs; the default does nothing."""

    def files_found(self, total: int) -> None:
        """The number of files the run will read."""

    def file_started(self, path: Path) -> None:
        """A file is about to be read."""

    def file_done(self, path: Path) -> None:
        """A file was read (stored or failed)."""

    def record_stored(self, count: int) -> None:
        """``count`` more records were committed."""

    def error(self, problem: Problem) -> None:
        """A file or record failed."""

    def warning(self, problem: Problem) -> None:
        """A record was stored with a caveat (e.g. a date not understood)."""


@dataclass(frozen=True)
class _Prepared:
    text: str
    title: str | None
    lang: str
    published: str | None
    url: str | None
    source: SourceInfo

    def new_document(self) -> NewDocument:
        return NewDocument(
            text=self.text,
            source=self.source,
            title=self.title,
            lang=self.lang,
            lang_supported=is_supported(self.lang),
            published=self.published,
            url=self.url,
        )


def _clean_line(value: str | None, limit: int = MAX_TITLE) -> str | None:
    if value is None:
        return None
    value = " ".join(unicodedata.normalize("NFC", value).replace("\x00", " ").split())
    value = value.encode("utf-8", "replace").decode("utf-8")
    return value[:limit] or None


def _normalize_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.strip()


def _lang_code(value: str | None) -> str | None:
    if not value:
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if code.isalpha() and 2 <= len(code) <= 3 else None


class _Run:
    """One call of ``ingest_paths``: the store, options, report and observer together."""

    def __init__(self, store: DocumentStore, options: IngestOptions, observer: Observer) -> None:
        self.store = store
        self.options = options
        self.observer = observer
        self.report = IngestReport()

    # -- messages ----------------------------------------------------------
    def fail(self, problem: Problem, *, record: bool = True) -> None:
        """Count and announce a failure; record it in the store unless the caller does later."""
        self.report.failed += 1
        if len(self.report.errors) < MAX_KEPT:
            self.report.errors.append(problem)
        self.observer.error(problem)
        if record:
            self.record(problem)

    def record(self, problem: Problem) -> None:
        try:
            self.store.record_error(problem.origin, problem.reason)
        except SQLAlchemyError as exc:
            raise StoreError(f"the store failed while recording an error: {exc}") from exc

    def warn(self, problem: Problem) -> None:
        self.report.warned += 1
        if len(self.report.warnings) < MAX_KEPT:
            self.report.warnings.append(problem)
        self.observer.warning(problem)

    # -- one record --------------------------------------------------------
    def prepare(self, raw: RawRecord, path: Path) -> _Prepared | Problem:
        text = _normalize_text(raw.text)
        if not text:
            return Problem(raw.origin, "no text found")
        if "\x00" in text:
            return Problem(raw.origin, "binary data, not text (NUL character)")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            return Problem(raw.origin, f"text is not valid Unicode (lone surrogate at character {exc.start})")
        for message in raw.warnings:
            self.warn(Problem(raw.origin, message))
        try:
            published = normalize_date(raw.published)
        except ValueError:
            published = None
            self.warn(
                Problem(raw.origin, f"published date {raw.published!r} not understood; stored without a date")
            )
        lang = _lang_code(raw.lang) or _lang_code(self.options.lang) or detect(text) or UNDETERMINED
        title = _clean_line(raw.title)
        url = _clean_line(raw.url, 2000)
        source_name = (
            _clean_line(raw.source, MAX_SOURCE) or self.options.source or path.parent.name or "files"
        )
        source = SourceInfo(
            source=source_name,
            origin=raw.origin,
            publisher_kind=_publisher_kind(raw.publisher_kind) or self.options.publisher_kind,
            reliability=self.options.reliability,
            url=url,
            title=title,
        )
        return _Prepared(text=text, title=title, lang=lang, published=published, url=url, source=source)

    # -- storing -----------------------------------------------------------
    def _add(self, conn: Connection, doc: _Prepared) -> tuple[bool, bool]:
        [result] = self.store.add_many(conn, [doc.new_document()])
        return result.new_document, result.new_source

    def _count(self, doc: _Prepared, new_document: bool, new_source: bool) -> None:
        self.report.records += 1
        if new_document:
            self.report.new_documents += 1
            if not is_supported(doc.lang):
                self.report.unsupported_language += 1
        else:
            self.report.known_documents += 1
            if new_source:
                self.report.new_sources += 1

    def store_batch(self, batch: list[_Prepared]) -> None:
        """Store a batch in one transaction; if the database refuses it, store record by record."""
        if not batch:
            return
        try:
            with self.store.engine.begin() as conn:
                added = self.store.add_many(conn, [doc.new_document() for doc in batch])
                results = [(a.new_document, a.new_source) for a in added]
        except OperationalError as exc:
            raise StoreError(f"the store failed while ingesting: {exc.orig}") from exc
        except SQLAlchemyError:
            self._store_one_by_one(batch)
            return
        for doc, (new_document, new_source) in zip(batch, results, strict=True):
            self._count(doc, new_document, new_source)
        self.observer.record_stored(len(batch))

    def _store_one_by_one(self, batch: list[_Prepared]) -> None:
        for doc in batch:
            try:
                with self.store.engine.begin() as conn:
                    new_document, new_source = self._add(conn, doc)
            except (IntegrityError, DataError) as exc:
                self.fail(Problem(doc.source.origin, f"the store refused this document ({exc.orig})"))
                continue
            except OperationalError as exc:
                raise StoreError(f"the store failed while ingesting: {exc.orig}") from exc
            self._count(doc, new_document, new_source)
            self.observer.record_stored(1)

    # -- one file ----------------------------------------------------------
    def ingest_file(self, path: Path) -> None:
        origin = str(path)
        try:
            reader = reader_for(path)
            size = path.stat().st_size
        except IngestError as exc:
            self.fail(Problem(origin, exc.reason))
            return
        except OSError as exc:
            self.fail(Problem(origin, f"cannot read ({exc.strerror or exc})"))
            return
        if size == 0:
            self.fail(Problem(origin, "empty file"))
            return
        if not reader.streaming and size > self.options.max_bytes:
            self.fail(
                Problem(
                    origin,
                    f"file is {size} bytes, over the limit of {self.options.max_bytes} "
                    "(raise --max-bytes or PISTA_MAX_BYTES)",
                )
            )
            return
        batch: list[_Prepared] = []
        bad: list[Problem] = []
        items = reader.read(path, origin, self.options.read_options())
        while True:
            try:
                item = next(items, None)
            except IngestError as exc:
                self._flush(batch, bad)
                self.fail(Problem(origin, exc.reason))
                return
            except OSError as exc:
                self._flush(batch, bad)
                self.fail(Problem(origin, f"cannot read ({exc.strerror or exc})"))
                return
            except MemoryError:
                self._flush(batch, bad)
                self.fail(Problem(origin, "too large to read in memory; lower --max-bytes"))
                return
            except Exception as exc:  # a parser failing in a way it does not document
                # One malformed file must not stop a batch of thousands: record it and go on.
                log.debug("unexpected failure reading %s", origin, exc_info=True)
                self._flush(batch, bad)
                self.fail(
                    Problem(
                        origin, f"unexpected {type(exc).__name__} while reading ({exc}); please report it"
                    )
                )
                return
            if item is None:
                break
            prepared = (
                Problem(item.origin, item.reason) if isinstance(item, BadRecord) else self.prepare(item, path)
            )
            if isinstance(prepared, Problem):
                self.fail(prepared, record=False)  # recorded with its batch, after the commit
                bad.append(prepared)
            else:
                batch.append(prepared)
            if len(batch) >= self.options.batch_size or len(bad) >= self.options.batch_size:
                self._flush(batch, bad)
        self._flush(batch, bad)

    def _flush(self, batch: list[_Prepared], bad: list[Problem]) -> None:
        self.store_batch(batch)
        for problem in bad:
            self.record(problem)
        batch.clear()
        bad.clear()

    def run(self, paths: Iterable[str | Path]) -> IngestReport:
        files, missing = collect_files(paths)
        self.observer.files_found(len(files))
        for problem in missing:
            self.fail(Problem(problem.path, problem.reason))
        for path in files:
            self.observer.file_started(path)
            self.report.files += 1
            self.ingest_file(path)
            self.observer.file_done(path)
        return self.report


def ingest_paths(
    store: DocumentStore,
    paths: Iterable[str | Path],
    options: IngestOptions | None = None,
    *,
    observer: Observer | None = None,
) -> IngestReport:
    """Read files and folders into ``store``; bad files and records are reported, not raised.

    Raises ``StoreError`` only when the store itself fails (then the run stops; what was
    committed stays).
    """
    return _Run(store, options or IngestOptions(), observer or Observer()).run(paths)


def iter_records(path: str | Path, options: IngestOptions | None = None) -> Iterator[RawRecord | BadRecord]:
    """The raw records of one file, without storing them (for inspection and tests)."""
    file = Path(path)
    opts = options or IngestOptions()
    return reader_for(file).read(file, os.path.abspath(file), opts.read_options())


def _publisher_kind(value: str | None) -> str | None:
    """A record's own publisher kind when it is one pista knows."""
    kind = (value or "").strip().lower()
    return kind if kind in PUBLISHER_KINDS else None
