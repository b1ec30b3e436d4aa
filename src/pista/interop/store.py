"""Keeping imported lists and records: documents, structured analyses, external facts, errors."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, delete, select

from pista.extract.analyze import EXTRACTOR_VERSION
from pista.interop.builder import SyntheticDoc
from pista.store import schema as t
from pista.store.documents import DocumentStore, NewDocument, SourceInfo

INTEROP_VERSION = EXTRACTOR_VERSION  # analyses written here count as current for `pista extract`


@dataclass
class ImportReport:
    """What one import did: documents written, entities and events they hold, rows refused."""

    source: str
    documents: int = 0
    new_documents: int = 0
    entities: int = 0
    events: int = 0
    relations: int = 0
    errors: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        text = (
            f"Imported {self.entities} entities, {self.relations} relations and {self.events} events "
            f"in {self.documents} documents ({self.new_documents} new) as source {self.source!r}"
        )
        if self.skipped:
            text += "; not imported: " + ", ".join(f"{n} {k}" for k, n in sorted(self.skipped.items()))
        if self.errors:
            text += f"; {len(self.errors)} refused"
        return text


def save_import(
    engine: Engine,
    docs: Sequence[tuple[SyntheticDoc, str]],
    *,
    source: str,
    fmt: str,
    publisher_kind: str,
    report: ImportReport,
    url: str | None = None,
) -> ImportReport:
    """Write each (document, origin) with its analysis and external facts in one transaction.

    Refused inputs already in ``report.errors`` are recorded as ingestion errors.
    """
    store = DocumentStore(engine)
    with engine.begin() as conn:
        for doc, origin in docs:
            info = SourceInfo(source=source, origin=origin, publisher_kind=publisher_kind, url=url)
            added = store.add_many(
                conn,
                [NewDocument(text=doc.text, source=info, title=doc.title, published=doc.published, url=url)],
            )[0]
            doc.analysis.doc_id = added.document_id
            digest = conn.execute(
                select(t.documents.c.content_hash).where(t.documents.c.id == added.document_id)
            ).scalar_one()
            store.save_analysis(conn, added.document_id, digest, INTEROP_VERSION, doc.analysis)
            conn.execute(
                delete(t.interop_entities).where(t.interop_entities.c.document_id == added.document_id)
            )
            rows: list[dict[str, Any]] = []
            for entity in doc.analysis.entities:
                ext = doc.external.get(entity.id)
                if ext is None:
                    continue
                rows.append(
                    {
                        "document_id": added.document_id,
                        "entity_id": entity.id,
                        "source": source,
                        "format": fmt,
                        "external_id": ext.external_id,
                        "schema": ext.schema,
                        "data": ext.to_json(entity),
                    }
                )
            if rows:
                conn.execute(t.interop_entities.insert(), rows)
            report.documents += 1
            report.new_documents += int(added.new_document)
            report.entities += len(doc.analysis.entities)
            report.events += len(doc.analysis.events)
            report.relations += len(doc.analysis.relations)
    for error in report.errors:
        origin, _, reason = error.partition(": ")
        store.record_error(origin, reason or error)
    return report


@dataclass(frozen=True)
class ListedEntity:
    """One entity of an imported list or records source, with what the source says of it."""

    document_id: str
    entity_id: str
    source: str
    external_id: str | None
    schema: str
    names: list[str]
    aliases: list[str]
    birth_dates: list[str]
    nationalities: list[str]


def listed_entities(engine: Engine, source: str | None = None) -> list[ListedEntity]:
    """The imported entities (of one source, or all), in a stable order."""
    q = select(t.interop_entities).order_by(
        t.interop_entities.c.source, t.interop_entities.c.document_id, t.interop_entities.c.entity_id
    )
    if source is not None:
        q = q.where(t.interop_entities.c.source == source)
    with engine.connect() as conn:
        rows = conn.execute(q).all()
    out = []
    for r in rows:
        data = json.loads(r.data)
        out.append(
            ListedEntity(
                document_id=r.document_id,
                entity_id=r.entity_id,
                source=r.source,
                external_id=r.external_id,
                schema=r.schema,
                names=list(data.get("names") or []),
                aliases=list(data.get("aliases") or []),
                birth_dates=list(data.get("birth_dates") or []),
                nationalities=list(data.get("nationalities") or []),
            )
        )
    return out


def sources(engine: Engine) -> list[str]:
    """The names of the imported lists and records sources."""
    with engine.connect() as conn:
        return sorted(set(conn.execute(select(t.interop_entities.c.source).distinct()).scalars()))
