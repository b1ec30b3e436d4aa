"""Analyses in the store: what still needs analysing, and keeping a batch of results."""

from __future__ import annotations

import json
from collections.abc import Sequence

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
    with store.engine.begin() as conn:
        for doc, analysis in results:
            store.save_analysis(conn, doc.id, doc.content_hash, version, analysis)


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
