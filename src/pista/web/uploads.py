"""Uploaded files: kept in the store, ingested, then analysed in the background.

``process_upload`` runs after the response (FastAPI BackgroundTasks): it reads the file
with the ingestion readers, stores its documents, analyses them with the configured
analyzer and saves the analyses, updating the upload's status as it goes.
"""

from __future__ import annotations

import json
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, or_, select

from pista.documents import Document
from pista.errors import PistaError
from pista.ingest import IngestOptions, Observer, Problem, ingest_paths, known_suffixes
from pista.store import schema as t
from pista.store.documents import PUBLISHER_KINDS, RELIABILITY_GRADES, DocumentStore, SourceInfo
from pista.store.users import audit
from pista.web.settings import Analyzer

# Formats the web upload accepts (JSONL and CSV carry one document per record); a suffix
# must also have an ingestion reader.
UPLOAD_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".eml", ".jsonl", ".csv")
MAGIC = {".pdf": b"%PDF-", ".docx": b"PK\x03\x04"}
MAX_MESSAGES = 50


class UploadRejected(PistaError):
    """An upload that cannot be accepted (type, size, form fields)."""


def allowed_suffixes() -> list[str]:
    known = set(known_suffixes())
    return [s for s in UPLOAD_SUFFIXES if s in known]


def safe_filename(name: str | None) -> str:
    """The file's base name with anything but letters, digits, dot, dash and underscore replaced."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = re.sub(r"[^\w.\-]+", "_", base).strip("._") or "upload"
    return base[-120:]


def check_upload(
    filename: str, data: bytes, *, max_bytes: int, publisher_kind: str, reliability: str | None
) -> None:
    suffix = Path(filename).suffix.lower()
    allowed = allowed_suffixes()
    if suffix not in allowed:
        raise UploadRejected(
            f"{filename}: files of type '{suffix or 'none'}' are not accepted; allowed: {', '.join(allowed)}"
        )
    if not data:
        raise UploadRejected(f"{filename}: the file is empty")
    if len(data) > max_bytes:
        raise UploadRejected(f"{filename}: {len(data)} bytes, over the limit of {max_bytes}")
    magic = MAGIC.get(suffix)
    if magic and not data.startswith(magic):
        raise UploadRejected(f"{filename}: the content is not a {suffix[1:].upper()} file")
    if publisher_kind not in PUBLISHER_KINDS:
        raise UploadRejected(
            f"unknown publisher kind {publisher_kind!r}; use one of {', '.join(PUBLISHER_KINDS)}"
        )
    if reliability is not None and reliability not in RELIABILITY_GRADES:
        raise UploadRejected(
            f"unknown reliability {reliability!r}; use one of {', '.join(RELIABILITY_GRADES)}"
        )


def create_upload(
    engine: Engine,
    *,
    filename: str,
    data: bytes,
    source: str,
    publisher_kind: str,
    reliability: str | None,
    uploader: str,
) -> int:
    """Keep the file and return the upload's id (status "received")."""
    now = datetime.now(UTC)
    with engine.begin() as conn:
        result = conn.execute(
            t.uploads.insert().values(
                filename=filename,
                size=len(data),
                data=data,
                source=source,
                publisher_kind=publisher_kind,
                reliability=reliability,
                uploader=uploader,
                status="received",
                done=0,
                total=0,
                document_ids="[]",
                messages="[]",
                created_at=now,
                updated_at=now,
            )
        )
        key = result.inserted_primary_key
        upload_id = int(key[0]) if key else 0
        audit(
            conn,
            uploader,
            "document.upload",
            f"upload {upload_id}: {filename} ({len(data)} bytes) as {source}",
        )
    return upload_id


def upload_status(engine: Engine, upload_id: int) -> dict[str, Any] | None:
    u = t.uploads
    with engine.connect() as conn:
        row = conn.execute(
            select(
                u.c.id,
                u.c.filename,
                u.c.size,
                u.c.uploader,
                u.c.status,
                u.c.done,
                u.c.total,
                u.c.document_ids,
                u.c.messages,
                u.c.created_at,
                u.c.updated_at,
            ).where(u.c.id == upload_id)
        ).first()
    if row is None:
        return None
    return {
        "id": row.id,
        "filename": row.filename,
        "size": row.size,
        "uploader": row.uploader,
        "status": row.status,
        "done": row.done,
        "total": row.total,
        "document_ids": json.loads(row.document_ids),
        "messages": json.loads(row.messages),
        "created_at": row.created_at.isoformat(timespec="seconds"),
        "updated_at": row.updated_at.isoformat(timespec="seconds"),
    }


def mark_interrupted(engine: Engine) -> int:
    """Uploads left unfinished by a server that stopped are marked failed; returns how many."""
    unfinished = ("received", "ingesting", "analysing")
    with engine.connect() as conn:
        rows = conn.execute(
            select(t.uploads.c.id, t.uploads.c.messages).where(t.uploads.c.status.in_(unfinished))
        ).all()
    for row in rows:
        messages = [
            *json.loads(row.messages),
            "interrupted: the server stopped before the end; upload the file again",
        ]
        _update(engine, row.id, status="failed", messages=messages[-MAX_MESSAGES:])
    return len(rows)


def _update(engine: Engine, upload_id: int, **values: Any) -> None:
    for key in ("document_ids", "messages"):
        if key in values:
            values[key] = json.dumps(values[key], ensure_ascii=False)
    with engine.begin() as conn:
        conn.execute(
            t.uploads.update()
            .where(t.uploads.c.id == upload_id)
            .values(updated_at=datetime.now(UTC), **values)
        )


class _Collect(Observer):
    """An ingestion observer keeping the problems met, for the upload's status."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages

    def error(self, problem: Problem) -> None:
        self.messages.append(str(problem))

    def warning(self, problem: Problem) -> None:
        self.messages.append(str(problem))


def ingest_file(
    engine: Engine, path: Path, source: SourceInfo, messages: list[str], *, max_bytes: int
) -> list[Document]:
    """Ingest one file with ``pista.ingest.ingest_paths``; its documents, problems into ``messages``.

    The pipeline names a record by the path it read; those temporary names are replaced by
    ``source.origin`` (``upload:<id>/<file>``) so the provenance stays meaningful.
    """
    store = DocumentStore(engine)
    options = IngestOptions(
        source=source.source,
        publisher_kind=source.publisher_kind,
        reliability=source.reliability,
        max_bytes=max_bytes,
    )
    ingest_paths(store, [path], options, observer=_Collect(messages))
    temp = str(path)
    s, e, d = t.document_sources, t.ingest_errors, t.documents
    with engine.begin() as conn:
        for table in (s, e):
            rows = conn.execute(
                select(table.c.id, table.c.origin).where(
                    or_(table.c.origin == temp, table.c.origin.startswith(temp + "#", autoescape=True))
                )
            ).all()
            for row in rows:
                conn.execute(
                    table.update()
                    .where(table.c.id == row.id)
                    .values(origin=source.origin + row.origin[len(temp) :])
                )
        found = conn.execute(
            select(d.c.id, d.c.text, d.c.title, d.c.lang, d.c.published, d.c.url, d.c.content_hash)
            .join(s, s.c.document_id == d.c.id)
            .where(
                or_(s.c.origin == source.origin, s.c.origin.startswith(source.origin + "#", autoescape=True))
            )
            .order_by(s.c.id)
        ).all()
    messages[:] = [m.replace(temp, source.origin) for m in messages]
    seen: set[str] = set()
    docs = []
    for r in found:
        if r.id not in seen:
            seen.add(r.id)
            docs.append(Document(r.id, r.text, r.title, r.lang, r.published, r.url, r.content_hash))
    return docs


def process_upload(engine: Engine, upload_id: int, analyzer: Analyzer) -> None:
    """Ingest and analyse one upload, recording progress; never raises."""
    from pista.extract.analyze import EXTRACTOR_VERSION
    from pista.language import is_supported

    messages: list[str] = []
    try:
        with engine.connect() as conn:
            row = conn.execute(select(t.uploads).where(t.uploads.c.id == upload_id)).first()
        if row is None:
            return
        _update(engine, upload_id, status="ingesting")
        source = SourceInfo(
            source=row.source,
            origin=f"upload:{upload_id}/{row.filename}",
            publisher_kind=row.publisher_kind,
            reliability=row.reliability,
        )
        with tempfile.TemporaryDirectory(prefix="pista-upload-") as tmp:
            path = Path(tmp) / safe_filename(row.filename)
            path.write_bytes(row.data)
            docs = ingest_file(engine, path, source, messages, max_bytes=max(row.size, 1))
        ids = [d.id for d in docs]
        to_analyse = [d for d in docs if d.lang and is_supported(d.lang)]
        for d in docs:
            if d not in to_analyse:
                messages.append(f"{d.id}: language {d.lang or 'undetermined'} is not analysed")
        _update(
            engine,
            upload_id,
            status="analysing",
            total=len(to_analyse),
            document_ids=ids,
            messages=messages[:MAX_MESSAGES],
        )
        store = DocumentStore(engine)
        for done, (doc, analysis) in enumerate(zip(to_analyse, analyzer(to_analyse), strict=True), start=1):
            with engine.begin() as conn:
                store.save_analysis(conn, doc.id, doc.content_hash, EXTRACTOR_VERSION, analysis)
            _update(engine, upload_id, done=done)
        with engine.begin() as conn:
            audit(
                conn,
                row.uploader,
                "document.ingest",
                f"upload {upload_id}: documents {', '.join(ids) or 'none'}",
            )
        if not docs and not messages:
            messages.append(f"{source.origin}: no text found")
        _update(engine, upload_id, status="done" if docs else "failed", messages=messages[:MAX_MESSAGES])
    except PistaError as exc:
        _update(engine, upload_id, status="failed", messages=[*messages, str(exc)][:MAX_MESSAGES])
    except Exception as exc:  # a background job must record its failure, whatever it is
        _update(
            engine,
            upload_id,
            status="failed",
            messages=[*messages, f"{type(exc).__name__}: {exc}"][:MAX_MESSAGES],
        )
