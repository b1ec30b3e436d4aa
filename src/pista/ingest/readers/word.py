"""Word documents (.docx): paragraphs and tables in document order; title and date from core properties."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import docx
import lxml.etree
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from pista.errors import IngestError
from pista.ingest.records import BadRecord, RawRecord, ReadOptions
from pista.ingest.registry import register

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# An archive may expand to this many times the byte limit before it is refused (zip bombs).
MAX_EXPANSION = 10
# The creation date python-docx's own template carries: not a real date of the document.
TEMPLATE_CREATED = datetime(2013, 12, 23, 23, 15)


def _check_archive(path: Path, origin: str, options: ReadOptions) -> None:
    with path.open("rb") as f:
        head = f.read(8)
    if head.startswith(OLE_MAGIC):
        raise IngestError(
            origin,
            "password-protected (encrypted) DOCX or an old binary .doc (OLE compound file, not a zip); "
            "remove the password or save it as .docx",
        )
    if not head.startswith(ZIP_MAGIC):
        raise IngestError(origin, "not a DOCX (not a zip archive: corrupt or another format)")
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise IngestError(origin, f"corrupt DOCX (damaged zip archive: {exc})") from exc
    if "word/document.xml" not in names:
        raise IngestError(origin, "not a Word document (zip archive without word/document.xml)")
    if expanded > options.max_bytes * MAX_EXPANSION:
        raise IngestError(origin, f"DOCX expands to {expanded} bytes, over {MAX_EXPANSION}x the byte limit")


def _cells(table: Table) -> Iterator[str]:
    for row in table.rows:
        seen: list[str] = []
        for cell in row.cells:
            value = " ".join(cell.text.split())
            if value and (not seen or seen[-1] != value):  # merged cells repeat their text
                seen.append(value)
        if seen:
            yield " | ".join(seen)


def _blocks(document: DocxDocument) -> Iterator[str]:
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            if item.text.strip():
                yield item.text.strip()
        elif isinstance(item, Table):
            yield from _cells(item)


@register(".docx", name="docx")
def read_docx(path: Path, origin: str, options: ReadOptions) -> Iterator[RawRecord | BadRecord]:
    _check_archive(path, origin, options)
    try:
        document = docx.Document(str(path))
        text = "\n".join(_blocks(document))
        props = document.core_properties
        title = " ".join((props.title or "").split()) or None
        created = props.created
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, lxml.etree.XMLSyntaxError) as exc:
        raise IngestError(origin, f"corrupt DOCX ({type(exc).__name__}: {exc})") from exc
    published = None
    if created is not None and created.replace(tzinfo=None) != TEMPLATE_CREATED:
        published = created.date().isoformat()
    yield RawRecord(text=text, origin=origin, title=title, published=published)
