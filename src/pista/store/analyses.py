"""Analyses in the store: what still needs analysing, and keeping a batch of results."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, Engine, func, select

from pista.documents import Analysis, Document
from pista.store import schema as t
from pista.store.documents import DocumentStore


def _current_analysis_exists(version: str) -> ColumnElement[bool]:
    """True for a document whose analysis matches its text and the extractor version."""
    return (
        select(t.analyses.c.document_id)
        .where(
            t.analyses.c.document_id == t.documents.c.id,
            t.analyses.c.content_hash == t.documents.c.content_hash,
            t.analyses.c.extractor_version == version,
        )
        .exists()
    )


def count_unanalysed(engine: Engine, version: str) -> int:
    """How many documents lack an analysis of their current text by ``version``."""
    q = select(func.count()).select_from(t.documents).where(~_current_analysis_exists(version))
    with engine.connect() as conn:
        return int(conn.execute(q).scalar_one())


def save_analyses(store: DocumentStore, results: Sequence[tuple[Document, Analysis]], version: str) -> None:
    """Keep a batch of analyses (replacing older ones) in one transaction."""
    save_encoded_analyses(store.engine, [(doc, analysis.to_json()) for doc, analysis in results], version)


def save_encoded_analyses(engine: Engine, results: Sequence[tuple[Document, str]], version: str) -> None:
    """Keep a batch of analyses already encoded as JSON, replacing older ones, in one
    transaction: one delete and one multi-row insert."""
    if not results:
        return
    now = datetime.now(UTC)
    rows = [
        {
            "document_id": doc.id,
            "content_hash": doc.content_hash,
            "extractor_version": version,
            "result": result,
            "created_at": now,
        }
        for doc, result in results
    ]
    with engine.begin() as conn:
        conn.execute(t.analyses.delete().where(t.analyses.c.document_id.in_([doc.id for doc, _ in results])))
        conn.execute(t.analyses.insert(), rows)


def load_analysis(engine: Engine, document_id: str) -> tuple[str, Analysis] | None:
    """The stored analysis of one document with its extractor version, or None."""
    q = select(t.analyses.c.extractor_version, t.analyses.c.result).where(
        t.analyses.c.document_id == document_id
    )
    with engine.connect() as conn:
        row = conn.execute(q).first()
    if row is None:
        return None
    return row.extractor_version, Analysis.from_dict(json.loads(row.result))
