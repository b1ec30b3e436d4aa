"""Full-text search over document titles and texts and over entity names: API and page."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from pista.web import analyst, queries
from pista.web.auth import Principal, require
from pista.web.render import page
from pista.web.schemas import SearchResult

router = APIRouter()


@router.get(
    "/api/search", response_model=SearchResult, tags=["search"], summary="Search documents and entities"
)
def api_search(
    request: Request,
    q: str = Query(
        ..., min_length=1, max_length=queries.MAX_QUERY, description="words, all of which must match"
    ),
    limit: int = Query(20, ge=1, le=queries.MAX_LIMIT),
    offset: int = Query(0, ge=0, le=queries.MAX_OFFSET),
    _: Principal = Depends(require("viewer")),
) -> SearchResult:
    """Documents whose title or text contains every word of ``q`` (case-insensitive), or whose
    analysis names an entity containing them; each hit with a snippet cut into matching parts."""
    return SearchResult.model_validate(
        queries.search(request.app.state.engine, q, limit=limit, offset=offset)
    )


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(
    request: Request,
    q: str = Query("", max_length=queries.MAX_QUERY),
    offset: int = Query(0, ge=0, le=queries.MAX_OFFSET),
    principal: Principal = Depends(require("viewer")),
) -> Response:
    result = queries.search(request.app.state.engine, q, limit=20, offset=offset) if q.strip() else None
    terms = queries.query_terms(q)
    titles = {}
    if result:
        titles = {item["id"]: queries.title_fragments(item["title"], terms) for item in result["items"]}
    resolved = analyst.list_entities(request.app.state.engine, q=q, limit=10)["items"] if q.strip() else []
    return page(
        request, "search.html", principal, {"q": q, "result": result, "titles": titles, "resolved": resolved}
    )
