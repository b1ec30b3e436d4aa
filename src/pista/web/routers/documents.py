"""Documents: the JSON listing and detail, and the document pages."""

from __future__ import annotations

from collections import Counter

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import Engine

from pista.store.documents import PUBLISHER_KINDS
from pista.web import queries
from pista.web.auth import Principal, require
from pista.web.render import annotate, page
from pista.web.schemas import DocumentDetail, DocumentPage

router = APIRouter()

DOC_ID = r"^[0-9a-f]{1,64}$"


def _engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


@router.get("/api/documents", response_model=DocumentPage, tags=["documents"], summary="List documents")
def api_documents(
    request: Request,
    lang: str | None = Query(None, max_length=8, description="ISO 639-1 code, e.g. en or es"),
    source: str | None = Query(None, max_length=200),
    publisher_kind: str | None = Query(None, description=", ".join(PUBLISHER_KINDS)),
    limit: int = Query(20, ge=1, le=queries.MAX_LIMIT),
    offset: int = Query(0, ge=0, le=queries.MAX_OFFSET),
    _: Principal = Depends(require("viewer")),
) -> DocumentPage:
    """Documents, newest first, with their sources; filter by language, source or publisher kind."""
    if publisher_kind is not None and publisher_kind not in PUBLISHER_KINDS:
        raise HTTPException(
            422, f"unknown publisher kind {publisher_kind!r}; use one of {', '.join(PUBLISHER_KINDS)}"
        )
    data = queries.list_documents(
        _engine(request), lang=lang, source=source, publisher_kind=publisher_kind, limit=limit, offset=offset
    )
    return DocumentPage.model_validate(data)


@router.get(
    "/api/documents/{doc_id}",
    response_model=DocumentDetail,
    tags=["documents"],
    summary="One document with its analysis",
    responses={404: {"description": "no such document"}},
)
def api_document(request: Request, doc_id: str, _: Principal = Depends(require("viewer"))) -> DocumentDetail:
    """The text, metadata and sources of a document, and its analysis (entities with mentions,
    relations, crimes, events, claims, each with its evidence) when it has one."""
    view = queries.get_document(_engine(request), doc_id) if len(doc_id) <= 64 else None
    if view is None:
        raise HTTPException(404, "no such document")
    return DocumentDetail.model_validate(
        {
            "id": view.id,
            "title": view.title,
            "lang": view.lang,
            "published": view.published,
            "url": view.url,
            "words": view.words,
            "text": view.text,
            "sources": view.sources,
            "analysis": queries.analysis_out(view),
        }
    )


def _span(value: str) -> tuple[int, int] | None:
    start, _, end = value.partition("-")
    if start.isdigit() and end.isdigit():
        return int(start), int(end)
    return None


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
@router.get("/documents", response_class=HTMLResponse, include_in_schema=False)
def documents_page(
    request: Request,
    lang: str | None = Query(None, max_length=8),
    source: str | None = Query(None, max_length=200),
    publisher_kind: str | None = Query(None, max_length=20),
    offset: int = Query(0, ge=0, le=queries.MAX_OFFSET),
    principal: Principal = Depends(require("viewer")),
) -> Response:
    kind = publisher_kind if publisher_kind in PUBLISHER_KINDS else None
    data = queries.list_documents(
        _engine(request),
        lang=lang or None,
        source=source or None,
        publisher_kind=kind,
        limit=25,
        offset=offset,
    )
    return page(
        request,
        "documents.html",
        principal,
        {
            "data": data,
            "filters": {"lang": lang or "", "source": source or "", "publisher_kind": kind or ""},
            "publisher_kinds": PUBLISHER_KINDS,
        },
    )


@router.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
def document_page(
    request: Request,
    doc_id: str,
    hl: str = Query("", max_length=30, description="START-END of a sentence to highlight"),
    principal: Principal = Depends(require("viewer")),
) -> Response:
    view = queries.get_document(_engine(request), doc_id) if len(doc_id) <= 64 else None
    if view is None:
        raise HTTPException(404, "no such document")
    analysis = view.analysis if view.analysis_current else None
    segments, facts = annotate(view.text, analysis, _span(hl))
    entities = analysis.entities if analysis else []
    return page(
        request,
        "document.html",
        principal,
        {
            "doc": view,
            "segments": segments,
            "facts": facts,
            "entities": entities,
            "fact_counts": Counter(f.kind for f in facts),
            "stale": view.analysis is not None and not view.analysis_current,
        },
    )
