"""Read-side queries of the web application: document listings, one document, search, stats.

All SQL goes through SQLAlchemy Core with bound parameters; the same code path runs on
SQLite and PostgreSQL (``ILIKE`` there, ``lower() LIKE lower()`` on SQLite).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, and_, func, or_, select

from pista.documents import Analysis
from pista.store import schema as t
from pista.store.documents import DocumentStore

MAX_LIMIT = 100
MAX_OFFSET = 100_000
MAX_QUERY = 200
MAX_TERMS = 8
CANDIDATE_CAP = 2000  # matching documents considered per search
# Analyses parsed for entity names per search: names come from the text, so a document naming
# the entity almost always matches by its text too; these only add the entity bonus and chips.
ENTITY_CANDIDATE_CAP = 300
SNIPPET_RADIUS = 120


def bounded(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(limit, MAX_LIMIT)), max(0, min(offset, MAX_OFFSET))


def _sources(engine: Engine, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    if not ids:
        return {}
    s = t.document_sources
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                s.c.document_id,
                s.c.source,
                s.c.origin,
                s.c.publisher_kind,
                s.c.reliability,
                s.c.url,
                s.c.title,
            )
            .where(s.c.document_id.in_(ids))
            .order_by(s.c.id)
        ).all()
    out: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        out.setdefault(r.document_id, []).append(
            {
                "source": r.source,
                "origin": r.origin,
                "publisher_kind": r.publisher_kind,
                "reliability": r.reliability,
                "url": r.url,
                "title": r.title,
            }
        )
    return out


def list_documents(
    engine: Engine,
    *,
    lang: str | None = None,
    source: str | None = None,
    publisher_kind: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> dict[str, Any]:
    """One page of documents, newest first, with the total matching the filters."""
    limit, offset = bounded(limit, offset)
    d, s = t.documents, t.document_sources
    where = []
    if lang:
        where.append(d.c.lang == lang)
    if source or publisher_kind:
        sub = select(s.c.id).where(s.c.document_id == d.c.id)
        if source:
            sub = sub.where(s.c.source == source)
        if publisher_kind:
            sub = sub.where(s.c.publisher_kind == publisher_kind)
        where.append(sub.exists())
    analysed = select(t.analyses.c.document_id).where(t.analyses.c.document_id == d.c.id).exists()
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(d).where(*where)).scalar_one()
        rows = conn.execute(
            select(d.c.id, d.c.title, d.c.lang, d.c.published, d.c.word_count, analysed.label("analysed"))
            .where(*where)
            .order_by(d.c.created_at.desc(), d.c.id)
            .limit(limit)
            .offset(offset)
        ).all()
    sources = _sources(engine, [r.id for r in rows])
    items = [
        {
            "id": r.id,
            "title": r.title,
            "lang": r.lang,
            "published": r.published,
            "words": r.word_count,
            "analysed": bool(r.analysed),
            "sources": sources.get(r.id, []),
        }
        for r in rows
    ]
    return {"total": int(total), "limit": limit, "offset": offset, "items": items}


@dataclass
class DocumentView:
    """One document with its sources and its analysis (None when not analysed)."""

    id: str
    title: str | None
    lang: str | None
    published: str | None
    url: str | None
    words: int
    text: str
    sources: list[dict[str, Any]]
    analysis: Analysis | None
    extractor_version: str | None
    analysis_current: bool


def get_document(engine: Engine, doc_id: str) -> DocumentView | None:
    d, a = t.documents, t.analyses
    with engine.connect() as conn:
        row = conn.execute(select(d).where(d.c.id == doc_id)).first()
        if row is None:
            return None
        found = conn.execute(
            select(a.c.result, a.c.extractor_version, a.c.content_hash).where(a.c.document_id == doc_id)
        ).first()
    analysis = Analysis.from_dict(json.loads(found.result)) if found else None
    return DocumentView(
        id=row.id,
        title=row.title,
        lang=row.lang,
        published=row.published,
        url=row.url,
        words=row.word_count,
        text=row.text,
        sources=_sources(engine, [row.id]).get(row.id, []),
        analysis=analysis,
        extractor_version=found.extractor_version if found else None,
        analysis_current=bool(found and found.content_hash == row.content_hash),
    )


def analysis_out(view: DocumentView) -> dict[str, Any] | None:
    """The analysis as the API gives it."""
    if view.analysis is None:
        return None
    data = view.analysis.to_dict()
    return {
        "extractor_version": view.extractor_version or "",
        "current": view.analysis_current,
        **{k: data[k] for k in ("entities", "relations", "crimes", "events", "claims", "warnings")},
    }


# -- search ---------------------------------------------------------------------------


def query_terms(q: str) -> list[str]:
    """The words of a query (at most eight, duplicates dropped)."""
    terms: list[str] = []
    for word in q[:MAX_QUERY].split():
        word = word.strip("\"'")
        if word and word.lower() not in {w.lower() for w in terms}:
            terms.append(word[:100])
    return terms[:MAX_TERMS]


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def term_pattern(terms: list[str]) -> re.Pattern[str]:
    return re.compile(
        "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)), re.IGNORECASE
    )


def fragments(text: str, terms: list[str], *, radius: int = SNIPPET_RADIUS) -> list[dict[str, Any]]:
    """A short excerpt around the first match, cut into matching and plain parts."""
    if not terms:
        return [{"text": text[: 2 * radius], "match": False}]
    pattern = term_pattern(terms)
    first = pattern.search(text)
    if first is None:
        start, end = 0, min(len(text), 2 * radius)
    else:
        start, end = max(0, first.start() - radius), min(len(text), first.end() + radius)
    return split_matches(
        text[start:end], pattern, prefix="…" if start else "", suffix="…" if end < len(text) else ""
    )


def split_matches(
    text: str, pattern: re.Pattern[str], *, prefix: str = "", suffix: str = ""
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if prefix:
        out.append({"text": prefix, "match": False})
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            out.append({"text": text[pos : m.start()], "match": False})
        out.append({"text": m.group(0), "match": True})
        pos = m.end()
    if pos < len(text):
        out.append({"text": text[pos:], "match": False})
    if suffix:
        out.append({"text": suffix, "match": False})
    return out


def _entity_hits(result_json: str, doc_id: str, terms: list[str]) -> list[dict[str, Any]]:
    lowered = [term.lower() for term in terms]
    hits = []
    for entity in json.loads(result_json).get("entities") or []:
        for name in [*(entity.get("names") or []), *(entity.get("aliases") or [])]:
            if all(term in name.lower() for term in lowered):
                hits.append(
                    {"document_id": doc_id, "entity_id": entity["id"], "type": entity["type"], "name": name}
                )
                break
    return hits


def search(engine: Engine, q: str, *, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Documents whose title or text holds every word of ``q``, or with an entity so named."""
    limit, offset = bounded(limit, offset)
    terms = query_terms(q)
    empty: dict[str, Any] = {
        "query": q,
        "total": 0,
        "limit": limit,
        "offset": offset,
        "items": [],
        "entities": [],
    }
    if not terms:
        return empty
    d, a = t.documents, t.analyses
    text_match = and_(
        *(or_(d.c.title.ilike(_like(w), escape="\\"), d.c.text.ilike(_like(w), escape="\\")) for w in terms)
    )
    with engine.connect() as conn:
        by_text = conn.execute(
            select(d.c.id, d.c.title, d.c.created_at)
            .where(text_match)
            .order_by(d.c.created_at.desc(), d.c.id)
            .limit(CANDIDATE_CAP)
        ).all()
        candidates = conn.execute(
            select(a.c.document_id, a.c.result)
            .where(and_(*(a.c.result.ilike(_like(w), escape="\\") for w in terms)))
            .limit(ENTITY_CANDIDATE_CAP)
        ).all()
    entities: list[dict[str, Any]] = []
    for row in candidates:
        entities.extend(_entity_hits(row.result, row.document_id, terms))
    entity_docs = {e["document_id"] for e in entities}
    pattern = term_pattern(terms)
    scored: dict[str, tuple[int, list[str]]] = {}
    for row in by_text:
        in_title = bool(row.title) and all(re.search(re.escape(w), row.title, re.IGNORECASE) for w in terms)
        where = ["title"] if in_title else []
        where.append("text")
        scored[row.id] = (3 * in_title + 1, where)
    for doc_id in entity_docs:
        score, where = scored.get(doc_id, (0, []))
        scored[doc_id] = (score + 2, [*where, "entity"])
    ranked = sorted(scored, key=lambda i: (-scored[i][0], i))
    page = ranked[offset : offset + limit]
    with engine.connect() as conn:
        rows = {
            r.id: r
            for r in conn.execute(
                select(d.c.id, d.c.title, d.c.lang, d.c.published, d.c.text).where(d.c.id.in_(page))
            ).all()
        }
    items = []
    for doc_id in page:
        r = rows.get(doc_id)
        if r is None:
            continue
        snippet = fragments(r.text, terms)
        if not any(f["match"] for f in snippet):
            names = [e["name"] for e in entities if e["document_id"] == doc_id]
            snippet = split_matches(", ".join(names), pattern, prefix="entities: ")
        items.append(
            {
                "id": r.id,
                "title": r.title,
                "lang": r.lang,
                "published": r.published,
                "matched_in": scored[doc_id][1],
                "snippet": snippet,
            }
        )
    return {**empty, "total": len(ranked), "items": items, "entities": entities[:200]}


def title_fragments(title: str | None, terms: list[str]) -> list[dict[str, Any]]:
    """The title cut into matching and plain parts, for highlighting."""
    if not title:
        return []
    return split_matches(title, term_pattern(terms)) if terms else [{"text": title, "match": False}]


# -- stats ----------------------------------------------------------------------------


def stats(engine: Engine) -> dict[str, Any]:
    data = DocumentStore(engine).stats()
    kinds: Counter[str] = Counter()
    with engine.connect() as conn:
        for (result,) in conn.execute(select(t.analyses.c.result)):
            for entity in json.loads(result).get("entities") or []:
                kinds[str(entity.get("type"))] += 1
        uploads = conn.execute(select(t.uploads.c.status, func.count()).group_by(t.uploads.c.status)).all()
    data["entities_by_type"] = dict(kinds.most_common())
    data["uploads_by_status"] = {str(status): int(n) for status, n in uploads}
    return data
