"""The review queue: uncertain merges to accept or reject, splits, and withdrawing judgements.

Every judgement re-resolves the corpus and is written to the audit log with its author.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from pista.errors import PistaError
from pista.resolve import service
from pista.web import analyst
from pista.web.auth import Principal, require
from pista.web.render import page
from pista.web.resolved import resolved_index
from pista.web.routers.entities import checked_key, engine_of, index_of
from pista.web.schemas_analyst import JudgementIn, JudgementResult, ReviewQueue

router = APIRouter()


def _refresh(request: Request) -> None:
    resolved_index(engine_of(request), request.app.state, fresh=True)


def _judge(
    request: Request, a: str, b: str | None, kind: Literal["same", "different", "split"], user: str
) -> JudgementResult:
    try:
        outcome = service.judge(engine_of(request), a, b, kind, user=user)
    except PistaError as exc:
        raise HTTPException(409, str(exc)) from exc
    _refresh(request)
    return JudgementResult(id=outcome.judgement_id, summary=outcome.summary())


@router.get("/api/review", response_model=ReviewQueue, tags=["review"], summary="Pairs to review")
def api_review(
    request: Request,
    limit: int = Query(50, ge=1, le=200),
    _: Principal = Depends(require("analyst")),
) -> ReviewQueue:
    """The most uncertain candidate merges, each side with its names and a sentence, and the
    latest judgements."""
    return ReviewQueue.model_validate(
        analyst.review_queue(engine_of(request), index_of(request), limit=limit)
    )


@router.post("/api/judgements", response_model=JudgementResult, tags=["review"], summary="Judge a pair")
def api_judge(
    request: Request, body: JudgementIn, principal: Principal = Depends(require("analyst"))
) -> JudgementResult:
    """Record that two entities (resolved keys or DOCUMENT:ENTITY) are the same or different,
    and re-resolve. Send the CSRF token in ``X-CSRF-Token`` unless using a bearer token."""
    return _judge(request, body.a, body.b, body.judgement, principal.user.name)


@router.post(
    "/api/judgements/{judgement_id}/withdraw",
    response_model=JudgementResult,
    tags=["review"],
    summary="Withdraw a judgement",
)
def api_withdraw(
    request: Request, judgement_id: int, principal: Principal = Depends(require("analyst"))
) -> JudgementResult:
    """Withdraw a judgement (it stays on record, stamped) and re-resolve without it."""
    try:
        outcome = service.withdraw(engine_of(request), judgement_id, user=principal.user.name)
    except PistaError as exc:
        raise HTTPException(404 if "no judgement" in str(exc) else 409, str(exc)) from exc
    _refresh(request)
    return JudgementResult(id=judgement_id, summary=outcome.summary())


@router.post(
    "/api/entities/{key}/split", response_model=JudgementResult, tags=["review"], summary="Split an entity"
)
def api_split(
    request: Request, key: str, principal: Principal = Depends(require("analyst"))
) -> JudgementResult:
    """Keep every document's mention of this entity apart, and re-resolve."""
    return _judge(request, checked_key(key), None, "split", principal.user.name)


# -- pages -----------------------------------------------------------------------------------


@router.get("/review", response_class=HTMLResponse, include_in_schema=False)
def review_page(request: Request, principal: Principal = Depends(require("analyst"))) -> Response:
    data = analyst.review_queue(engine_of(request), index_of(request), limit=50)
    message = request.query_params.get("done", "")[:300]
    return page(request, "review.html", principal, {"data": data, "message": message})


@router.post("/review/judge", include_in_schema=False)
def review_judge(
    request: Request,
    a: str = Form(..., max_length=200),
    b: str = Form(..., max_length=200),
    judgement: Literal["same", "different"] = Form(...),
    principal: Principal = Depends(require("analyst")),
) -> Response:
    result = _judge(request, a, b, judgement, principal.user.name)
    return RedirectResponse(f"/review?done={result.id}", status_code=303)


@router.post("/review/withdraw", include_in_schema=False)
def review_withdraw(
    request: Request, judgement_id: int = Form(...), principal: Principal = Depends(require("analyst"))
) -> Response:
    api_withdraw(request, judgement_id, principal)
    return RedirectResponse(f"/review?done={judgement_id}", status_code=303)


@router.post("/entities/{key}/split", include_in_schema=False)
def split_form(request: Request, key: str, principal: Principal = Depends(require("analyst"))) -> Response:
    _judge(request, checked_key(key), None, "split", principal.user.name)
    return RedirectResponse("/review", status_code=303)
