"""Reading and writing documents, their sources, ingestion errors and analyses."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from pista.documents import Analysis, Document
from pista.store import schema as t

PUBLISHER_KINDS = ("police", "prosecutor", "government", "press", "ngo", "other")
RELIABILITY_GRADES = ("A", "B", "C", "D", "E", "F")


def content_hash(text: str) -> str:
    """SHA-256 of the text with line endings and surrounding white space normalized."""
    norm = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return hashlib.sha256(norm.strip().encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SourceInfo:
    """Where one copy of a document came from."""

    source: str
    origin: str
    publisher_kind: str = "other"
    reliability: str | None = None
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class AddResult:
    document_id: str
    new_document: bool
    new_source: bool


@dataclass(frozen=True)
class NewDocument:
    """The arguments of one ``DocumentStore.add`` call, for ``add_many``."""

    text: str
    source: SourceInfo
    title: str | None = None
    lang: str | None = None
    lang_supported: bool = False
    published: str | None = None
    url: str | None = None


class DocumentStore:
    """Documents and their provenance in one store (SQLite or PostgreSQL)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- writing ---------------------------------------------------------
    def add(
        self,
        conn: Connection,
        *,
        text: str,
        source: SourceInfo,
        title: str | None = None,
        lang: str | None = None,
        lang_supported: bool = False,
        published: str | None = None,
        url: str | None = None,
    ) -> AddResult:
        """Add one document (or only a new source of a known text) inside ``conn``'s transaction."""
        digest = content_hash(text)
        doc_id = digest[:16]
        now = datetime.now(UTC)
        exists = conn.execute(select(t.documents.c.id).where(t.documents.c.id == doc_id)).first()
        if not exists:
            conn.execute(
                t.documents.insert().values(
                    id=doc_id,
                    content_hash=digest,
                    text=text,
                    title=title,
                    lang=lang,
                    lang_supported=int(lang_supported),
                    published=published,
                    url=url or source.url,
                    word_count=len(text.split()),
                    created_at=now,
                )
            )
        known_source = conn.execute(
            select(t.document_sources.c.id).where(
                t.document_sources.c.document_id == doc_id,
                t.document_sources.c.source == source.source,
                t.document_sources.c.origin == source.origin,
            )
        ).first()
        if not known_source:
            conn.execute(
                t.document_sources.insert().values(
                    document_id=doc_id,
                    source=source.source,
                    origin=source.origin,
                    publisher_kind=source.publisher_kind,
                    reliability=source.reliability,
                    url=source.url,
                    title=source.title or title,
                    ingested_at=now,
                )
            )
        return AddResult(doc_id, new_document=not exists, new_source=not known_source)

    def add_many(self, conn: Connection, items: Sequence[NewDocument]) -> list[AddResult]:
        """``add`` for each item in order, inside ``conn``'s transaction, with a few statements per batch.

        Items repeating a text (or a text and source) of the same batch behave as if added one
        after the other. Creation times follow the items' order.
        """
        if not items:
            return []
        digests = [content_hash(item.text) for item in items]
        ids = sorted({digest[:16] for digest in digests})
        known_docs = set(conn.execute(select(t.documents.c.id).where(t.documents.c.id.in_(ids))).scalars())
        known_sources = {
            (row.document_id, row.source, row.origin)
            for row in conn.execute(
                select(
                    t.document_sources.c.document_id, t.document_sources.c.source, t.document_sources.c.origin
                ).where(t.document_sources.c.document_id.in_(ids))
            )
        }
        now = datetime.now(UTC)
        doc_rows: list[dict[str, Any]] = []
        source_rows: list[dict[str, Any]] = []
        results: list[AddResult] = []
        for n, (item, digest) in enumerate(zip(items, digests, strict=True)):
            doc_id = digest[:16]
            at = now + timedelta(microseconds=n)
            new_document = doc_id not in known_docs
            if new_document:
                known_docs.add(doc_id)
                doc_rows.append(
                    {
                        "id": doc_id,
                        "content_hash": digest,
                        "text": item.text,
                        "title": item.title,
                        "lang": item.lang,
                        "lang_supported": int(item.lang_supported),
                        "published": item.published,
                        "url": item.url or item.source.url,
                        "word_count": len(item.text.split()),
                        "created_at": at,
                    }
                )
            key = (doc_id, item.source.source, item.source.origin)
            new_source = key not in known_sources
            if new_source:
                known_sources.add(key)
                source_rows.append(
                    {
                        "document_id": doc_id,
                        "source": item.source.source,
                        "origin": item.source.origin,
                        "publisher_kind": item.source.publisher_kind,
                        "reliability": item.source.reliability,
                        "url": item.source.url,
                        "title": item.source.title or item.title,
                        "ingested_at": at,
                    }
                )
            results.append(AddResult(doc_id, new_document=new_document, new_source=new_source))
        if doc_rows:
            conn.execute(t.documents.insert(), doc_rows)
        if source_rows:
            conn.execute(t.document_sources.insert(), source_rows)
        return results

    def record_error(self, origin: str, reason: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(t.ingest_errors.insert().values(origin=origin, reason=reason, at=datetime.now(UTC)))

    def save_analysis(
        self, conn: Connection, doc_id: str, digest: str, version: str, analysis: Analysis
    ) -> None:
        """Keep (or replace) the analysis of one document."""
        conn.execute(t.analyses.delete().where(t.analyses.c.document_id == doc_id))
        conn.execute(
            t.analyses.insert().values(
                document_id=doc_id,
                content_hash=digest,
                extractor_version=version,
                result=analysis.to_json(),
                created_at=datetime.now(UTC),
            )
        )

    # -- reading ---------------------------------------------------------
    def documents(self, *, only_unanalysed_for: str | None = None) -> Iterator[Document]:
        """Every document, oldest first; with a version, only those lacking a current analysis."""
        q = select(
            t.documents.c.id,
            t.documents.c.text,
            t.documents.c.title,
            t.documents.c.lang,
            t.documents.c.published,
            t.documents.c.url,
            t.documents.c.content_hash,
        ).order_by(t.documents.c.created_at, t.documents.c.id)
        if only_unanalysed_for is not None:
            current = select(t.analyses.c.document_id).where(
                t.analyses.c.document_id == t.documents.c.id,
                t.analyses.c.content_hash == t.documents.c.content_hash,
                t.analyses.c.extractor_version == only_unanalysed_for,
            )
            q = q.where(~current.exists())
        with self.engine.connect() as conn:
            for row in conn.execute(q):
                yield Document(
                    id=row.id,
                    text=row.text,
                    title=row.title,
                    lang=row.lang,
                    published=row.published,
                    url=row.url,
                    content_hash=row.content_hash,
                )

    def listing(self) -> list[dict[str, Any]]:
        """One row per document with its sources, for ``pista documents``."""
        with self.engine.connect() as conn:
            docs = conn.execute(
                select(
                    t.documents.c.id,
                    t.documents.c.title,
                    t.documents.c.lang,
                    t.documents.c.lang_supported,
                    t.documents.c.published,
                    t.documents.c.word_count,
                ).order_by(t.documents.c.created_at, t.documents.c.id)
            ).all()
            sources = conn.execute(
                select(
                    t.document_sources.c.document_id,
                    t.document_sources.c.source,
                    t.document_sources.c.origin,
                    t.document_sources.c.publisher_kind,
                    t.document_sources.c.reliability,
                ).order_by(t.document_sources.c.id)
            ).all()
        by_doc: dict[str, list[dict[str, Any]]] = {}
        for s in sources:
            by_doc.setdefault(s.document_id, []).append(
                {
                    "source": s.source,
                    "origin": s.origin,
                    "publisher_kind": s.publisher_kind,
                    "reliability": s.reliability,
                }
            )
        return [
            {
                "id": d.id,
                "title": d.title,
                "lang": d.lang,
                "lang_supported": bool(d.lang_supported),
                "published": d.published,
                "words": d.word_count,
                "sources": by_doc.get(d.id, []),
            }
            for d in docs
        ]

    def stats(self) -> dict[str, Any]:
        """Counts by language, source and publisher kind, and ingestion errors."""
        with self.engine.connect() as conn:

            def grouped(col: Any, table: Any, count_col: Any) -> dict[str, int]:
                rows = conn.execute(select(col, func.count(func.distinct(count_col))).group_by(col)).all()
                return {str(k): int(n) for k, n in sorted(rows, key=lambda r: (-r[1], str(r[0])))}

            n_docs = conn.execute(select(func.count()).select_from(t.documents)).scalar_one()
            n_sources = conn.execute(select(func.count()).select_from(t.document_sources)).scalar_one()
            n_errors = conn.execute(select(func.count()).select_from(t.ingest_errors)).scalar_one()
            n_analysed = conn.execute(select(func.count()).select_from(t.analyses)).scalar_one()
            return {
                "documents": int(n_docs),
                "document_sources": int(n_sources),
                "analysed": int(n_analysed),
                "ingest_errors": int(n_errors),
                "by_language": grouped(t.documents.c.lang, t.documents, t.documents.c.id),
                "by_source": grouped(
                    t.document_sources.c.source, t.document_sources, t.document_sources.c.document_id
                ),
                "by_publisher_kind": grouped(
                    t.document_sources.c.publisher_kind, t.document_sources, t.document_sources.c.document_id
                ),
            }

    def errors(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.ingest_errors).order_by(t.ingest_errors.c.id)).all()
        return [{"origin": r.origin, "reason": r.reason, "at": r.at.isoformat()} for r in rows]

    def analyses(self) -> Iterator[tuple[str, Analysis]]:
        with self.engine.connect() as conn:
            for row in conn.execute(
                select(t.analyses.c.document_id, t.analyses.c.result).order_by(t.analyses.c.document_id)
            ):
                yield row.document_id, Analysis.from_dict(json.loads(row.result))
