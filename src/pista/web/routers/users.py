"""Managing users (admins): the users page with its forms, and the recent audit log."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from pista.errors import PistaError
from pista.store.users import MAX_PASSWORD, ROLES
from pista.web.auth import Principal, require, user_store
from pista.web.render import page

router = APIRouter()


def _users_page(
    request: Request, principal: Principal, *, error: str | None = None, status_code: int = 200
) -> Response:
    users = user_store(request)
    return page(
        request,
        "users.html",
        principal,
        {"users": users.listing(), "roles": ROLES, "audit": users.audit_tail(30), "error": error},
        status_code=status_code,
    )


@router.get("/users", response_class=HTMLResponse, include_in_schema=False)
def users_page(request: Request, principal: Principal = Depends(require("admin"))) -> Response:
    return _users_page(request, principal)


@router.post("/users", include_in_schema=False)
def add_user(
    request: Request,
    name: str = Form(..., max_length=100),
    role: str = Form(...),
    password: str = Form(..., max_length=MAX_PASSWORD),
    principal: Principal = Depends(require("admin")),
) -> Response:
    try:
        user_store(request).add(name, password, role, actor=principal.user.name)
    except PistaError as exc:
        return _users_page(request, principal, error=str(exc), status_code=422)
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{name}/role", include_in_schema=False)
def change_role(
    request: Request, name: str, role: str = Form(...), principal: Principal = Depends(require("admin"))
) -> Response:
    try:
        user_store(request).set_role(name, role, actor=principal.user.name)
    except PistaError as exc:
        return _users_page(request, principal, error=str(exc), status_code=422)
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{name}/remove", include_in_schema=False)
def remove_user(request: Request, name: str, principal: Principal = Depends(require("admin"))) -> Response:
    if name == principal.user.name and principal.via != "local":
        raise HTTPException(422, "you cannot remove yourself; ask another admin")
    try:
        user_store(request).remove(name, actor=principal.user.name)
    except PistaError as exc:
        return _users_page(request, principal, error=str(exc), status_code=422)
    return RedirectResponse("/users", status_code=303)
