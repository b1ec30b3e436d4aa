"""What the store holds: counts as JSON and as a page."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from pista.web import queries
from pista.web.auth import Principal, require
from pista.web.render import page
from pista.web.schemas import StatsOut

router = APIRouter()


@router.get("/api/stats", response_model=StatsOut, tags=["stats"], summary="Counts of the store")
def api_stats(request: Request, _: Principal = Depends(require("viewer"))) -> StatsOut:
    """Documents, sources, analyses and ingestion errors; documents by language, source and
    publisher kind; entities by type; uploads by status."""
    return StatsOut.model_validate(queries.stats(request.app.state.engine))


@router.get("/stats", response_class=HTMLResponse, include_in_schema=False)
def stats_page(request: Request, principal: Principal = Depends(require("viewer"))) -> Response:
    return page(request, "stats.html", principal, {"stats": queries.stats(request.app.state.engine)})
