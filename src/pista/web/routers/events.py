"""Resolved events: listing, detail with every reported figure, the timeline and the map."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from pista.web import analyst, queries
from pista.web.auth import Principal, require
from pista.web.places import map_data
from pista.web.render import page
from pista.web.routers.entities import DATE, KEY, engine_of, index_of
from pista.web.schemas_analyst import EventDetail, EventPage, MapData

router = APIRouter()


@router.get("/api/events", response_model=EventPage, tags=["events"], summary="List resolved events")
def api_events(
    request: Request,
    type: str | None = Query(None, max_length=30, description="e.g. arrest, seizure, rescue"),
    since: str | None = Query(None, pattern=DATE, description="on or after (YYYY[-MM[-DD]])"),
    until: str | None = Query(None, pattern=DATE, description="on or before"),
    entity: str | None = Query(
        None, max_length=120, description="only events at or involving this entity key"
    ),
    limit: int = Query(50, ge=1, le=queries.MAX_LIMIT),
    offset: int = Query(0, ge=0, le=queries.MAX_OFFSET),
    _: Principal = Depends(require("viewer")),
) -> EventPage:
    """Events resolved across documents, oldest first (undated last)."""
    data = analyst.list_events(
        engine_of(request),
        type=type or None,
        since=since,
        until=until,
        entity=entity,
        index=index_of(request) if entity else None,
        limit=limit,
        offset=offset,
    )
    return EventPage.model_validate(data)


@router.get(
    "/api/events/{key}",
    response_model=EventDetail,
    tags=["events"],
    summary="One resolved event with every report",
    responses={404: {"description": "no such event"}},
)
def api_event(request: Request, key: str, _: Principal = Depends(require("viewer"))) -> EventDetail:
    """Dates, places, agencies, targets and every figure reported, each with its document."""
    data = analyst.event_detail(engine_of(request), index_of(request), key) if KEY.match(key) else None
    if data is None:
        raise HTTPException(404, "no such event")
    return EventDetail.model_validate(data)


@router.get("/api/map", response_model=MapData, tags=["events"], summary="Places on the map")
def api_map(request: Request, _: Principal = Depends(require("viewer"))) -> MapData:
    """Countries and cities where events happened or organizations are stated to operate."""
    return MapData.model_validate(map_data(index_of(request)))


@router.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
def timeline_page(
    request: Request,
    type: str = Query("", max_length=30),
    since: str = Query("", max_length=10),
    until: str = Query("", max_length=10),
    entity: str = Query("", max_length=120),
    principal: Principal = Depends(require("viewer")),
) -> Response:
    import re

    ok = re.compile(DATE)
    data = analyst.list_events(
        engine_of(request),
        type=type or None,
        since=since if ok.match(since) else None,
        until=until if ok.match(until) else None,
        entity=entity or None,
        index=index_of(request) if entity else None,
        limit=queries.MAX_LIMIT,
    )
    months: dict[str, list[dict[str, object]]] = {}
    for item in data["items"]:
        months.setdefault((item["date"] or "undated")[:7], []).append(item)
    entity_row = index_of(request).entities.get(entity) if entity else None
    return page(
        request,
        "timeline.html",
        principal,
        {
            "data": data,
            "months": months,
            "filters": {"type": type, "since": since, "until": until, "entity": entity},
            "entity": entity_row,
        },
    )


@router.get("/events/{key}", response_class=HTMLResponse, include_in_schema=False)
def event_page(request: Request, key: str, principal: Principal = Depends(require("viewer"))) -> Response:
    data = analyst.event_detail(engine_of(request), index_of(request), key) if KEY.match(key) else None
    if data is None:
        raise HTTPException(404, "no such event")
    return page(request, "event.html", principal, {"ev": data})


@router.get("/map", response_class=HTMLResponse, include_in_schema=False)
def map_page(request: Request, principal: Principal = Depends(require("viewer"))) -> Response:
    return page(request, "map.html", principal, {})
