"""Resolved entities: listing, detail with evidence, graph neighbourhoods, organization profiles."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import Engine

from pista.web import analyst, queries
from pista.web.auth import Principal, require
from pista.web.render import page
from pista.web.resolved import GraphFilter, ResolvedIndex, analysis_profile, neighbourhood, resolved_index
from pista.web.schemas_analyst import EntityDetail, EntityPage, GraphOut, OrganizationProfile

router = APIRouter()

KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,119}$")
RELATION_TYPES = (
    "leader_of",
    "member_of",
    "part_of",
    "subordinate_of",
    "allied_with",
    "rival_of",
    "family_of",
    "operates_in",
    "located_in",
    "associated_with",
)


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def index_of(request: Request) -> ResolvedIndex:
    return resolved_index(engine_of(request), request.app.state)


def checked_key(key: str) -> str:
    if not KEY.match(key):
        raise HTTPException(404, "no such entity")
    return key


def _entity_type(value: str | None) -> str | None:
    if value and value not in analyst.ENTITY_TYPES:
        raise HTTPException(
            422, f"unknown entity type {value!r}; use one of {', '.join(analyst.ENTITY_TYPES)}"
        )
    return value or None


def _csv(value: str | None, allowed: tuple[str, ...] | None, what: str) -> frozenset[str]:
    items = frozenset(x.strip() for x in (value or "").split(",") if x.strip())
    if allowed is not None and not items <= set(allowed):
        bad = ", ".join(sorted(items - set(allowed)))
        raise HTTPException(422, f"unknown {what}: {bad}; use {', '.join(allowed)}")
    return items


DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


@router.get("/api/entities", response_model=EntityPage, tags=["entities"], summary="List resolved entities")
def api_entities(
    request: Request,
    q: str = Query("", max_length=queries.MAX_QUERY, description="words in the name"),
    type: str | None = Query(None, description="person, organization or location"),
    limit: int = Query(50, ge=1, le=queries.MAX_LIMIT),
    offset: int = Query(0, ge=0, le=queries.MAX_OFFSET),
    _: Principal = Depends(require("viewer")),
) -> EntityPage:
    """Entities resolved across documents, most documents first."""
    data = analyst.list_entities(engine_of(request), q=q, type=_entity_type(type), limit=limit, offset=offset)
    return EntityPage.model_validate(data)


@router.get(
    "/api/entities/{key}",
    response_model=EntityDetail,
    tags=["entities"],
    summary="One resolved entity with its evidence",
    responses={404: {"description": "no such entity"}},
)
def api_entity(request: Request, key: str, _: Principal = Depends(require("viewer"))) -> EntityDetail:
    """Names, aliases, attributes, relations to other resolved entities, crimes, events and
    mentions; each fact with its source document, publisher, sentence and offsets."""
    data = analyst.entity_detail(engine_of(request), index_of(request), checked_key(key))
    if data is None:
        raise HTTPException(404, "no such entity")
    return EntityDetail.model_validate(data)


def graph_filter(
    depth: int = Query(1, ge=1, le=3, description="hops from the entity"),
    types: str | None = Query(None, max_length=200, description="entity types to keep, comma-separated"),
    relations: str | None = Query(
        None, max_length=400, description="relation types to keep, comma-separated"
    ),
    since: str | None = Query(
        None, pattern=DATE, description="relations reported on or after (YYYY[-MM[-DD]])"
    ),
    until: str | None = Query(None, pattern=DATE, description="relations reported on or before"),
    min_confidence: float = Query(0.0, ge=0.0, le=1.0),
) -> GraphFilter:
    return GraphFilter(
        depth=depth,
        entity_types=_csv(types, analyst.ENTITY_TYPES, "entity types"),
        relation_types=_csv(relations, None, "relation types"),
        since=since or None,
        until=until or None,
        min_confidence=min_confidence,
    )


@router.get(
    "/api/graph/{key}",
    response_model=GraphOut,
    tags=["entities"],
    summary="The network around an entity",
    responses={404: {"description": "no such entity"}},
)
def api_graph(
    request: Request,
    key: str,
    flt: GraphFilter = Depends(graph_filter),
    _: Principal = Depends(require("viewer")),
) -> GraphOut:
    """Entities within ``depth`` relations and the relations among them (per type, with the
    documents stating them), filtered by type, report date and confidence; key players flagged."""
    try:
        return GraphOut.model_validate(neighbourhood(index_of(request), checked_key(key), flt))
    except KeyError:
        raise HTTPException(404, "no such entity") from None


@router.get(
    "/api/organizations/{key}/profile",
    response_model=OrganizationProfile,
    tags=["entities"],
    summary="What the reports say about an organization",
    responses={404: {"description": "no such organization"}},
)
def api_profile(request: Request, key: str, _: Principal = Depends(require("viewer"))) -> OrganizationProfile:
    """Leaders, members, territories, alliances and rivalries, crimes, figures and events."""
    return OrganizationProfile.model_validate(_profile(request, key))


def _profile(request: Request, key: str) -> dict[str, Any]:
    engine = engine_of(request)
    data = analyst.organization_profile(engine, index_of(request), checked_key(key))
    if data is None:
        raise HTTPException(404, "no such organization")
    data["analysis"] = analysis_profile(engine, request.app.state, key)
    return data


# -- pages ----------------------------------------------------------------------------------


@router.get("/entities", response_class=HTMLResponse, include_in_schema=False)
def entities_page(
    request: Request,
    q: str = Query("", max_length=queries.MAX_QUERY),
    type: str = Query("", max_length=20),
    offset: int = Query(0, ge=0, le=queries.MAX_OFFSET),
    principal: Principal = Depends(require("viewer")),
) -> Response:
    kind = type if type in analyst.ENTITY_TYPES else None
    data = analyst.list_entities(engine_of(request), q=q, type=kind, limit=50, offset=offset)
    return page(
        request,
        "entities.html",
        principal,
        {"data": data, "q": q, "type": kind or "", "types": analyst.ENTITY_TYPES},
    )


@router.get("/entities/{key}", response_class=HTMLResponse, include_in_schema=False)
def entity_page(request: Request, key: str, principal: Principal = Depends(require("viewer"))) -> Response:
    data = analyst.entity_detail(engine_of(request), index_of(request), checked_key(key))
    if data is None:
        raise HTTPException(404, "no such entity")
    return page(request, "entity.html", principal, {"e": data})


@router.get("/graph/{key}", response_class=HTMLResponse, include_in_schema=False)
def graph_page(request: Request, key: str, principal: Principal = Depends(require("viewer"))) -> Response:
    index = index_of(request)
    row = index.entities.get(checked_key(key))
    if row is None:
        raise HTTPException(404, "no such entity")
    types = sorted({e.type for e in index.edges})
    return page(
        request,
        "graph.html",
        principal,
        {"e": row, "relation_types": types, "entity_types": analyst.ENTITY_TYPES},
    )


@router.get("/organizations/{key}", response_class=HTMLResponse, include_in_schema=False)
def profile_page(request: Request, key: str, principal: Principal = Depends(require("viewer"))) -> Response:
    return page(request, "organization.html", principal, {"p": _profile(request, key)})
