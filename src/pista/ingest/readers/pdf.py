"""PDF files: the text layer with pypdf, page by page, within the page limit.

A PDF over the page limit is refused rather than cut: a truncated text would be stored
under its own content hash and come back as a second, overlapping document once the limit
is raised. Raise ``--max-pages`` to read it.
"""

from __future__ import annotations

import logging
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

from pista.errors import IngestError
from pista.ingest.records import BadRecord, RawRecord, ReadOptions
from pista.ingest.registry import register

# Malformed PDFs make pypdf fail in many ways besides its own errors.
PDF_FAILURES = (
    PyPdfError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    zlib.error,
    struct.error,
)


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Silence pypdf's log messages about repairs it makes: a failure is reported as one error."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _open(path: Path, origin: str) -> PdfReader:
    try:
        reader = PdfReader(path, strict=False)
    except PDF_FAILURES as exc:
        raise IngestError(origin, f"not a readable PDF (corrupt or truncated: {exc})") from exc
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")  # only an owner password: readable without one
        except (DependencyError, NotImplementedError) as exc:
            raise IngestError(origin, f"encrypted PDF that cannot be opened here ({exc})") from exc
        except PDF_FAILURES as exc:
            raise IngestError(origin, f"encrypted PDF, not readable ({exc})") from exc
        if not opened:
            raise IngestError(origin, "password-protected (encrypted) PDF; remove the password and retry")
    return reader


def _title(reader: PdfReader) -> str | None:
    try:
        meta = reader.metadata
        title = meta.title if meta is not None else None
    except PDF_FAILURES:
        return None
    if not title:
        return None
    return " ".join(str(title).split()) or None


@register(".pdf", name="pdf")
def read_pdf(path: Path, origin: str, options: ReadOptions) -> Iterator[RawRecord | BadRecord]:
    with _quiet_pypdf():
        record = _read(path, origin, options)
    yield record


def _read(path: Path, origin: str, options: ReadOptions) -> RawRecord:
    reader = _open(path, origin)
    try:
        n_pages = len(reader.pages)
    except FileNotDecryptedError as exc:
        raise IngestError(
            origin, "password-protected (encrypted) PDF; remove the password and retry"
        ) from exc
    except PDF_FAILURES as exc:
        raise IngestError(origin, f"not a readable PDF (corrupt or truncated: {exc})") from exc
    if n_pages == 0:
        raise IngestError(origin, "PDF has no pages")
    if n_pages > options.max_pages:
        raise IngestError(
            origin, f"{n_pages} pages, over the limit of {options.max_pages}; raise --max-pages to read it"
        )
    pages: list[str] = []
    warnings: list[str] = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            pages.append((page.extract_text() or "").strip())
        except PDF_FAILURES as exc:
            warnings.append(
                f"page {number}: text not extractable ({type(exc).__name__}: {exc}); page skipped"
            )
    if len(warnings) == n_pages:
        raise IngestError(origin, "no page could be read (corrupt PDF)")
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise IngestError(origin, "no text layer (scanned?); run OCR on it first")
    return RawRecord(text=text, origin=origin, title=_title(reader), warnings=tuple(warnings))
