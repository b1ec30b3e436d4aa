"""Signing in and out (pages) and ``/api/me`` (who the caller is)."""

from __future__ import annotations

import hmac
import secrets

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from pista.store.users import MAX_LOGIN_FAILURES, MAX_PASSWORD
from pista.web.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    Principal,
    current_principal,
    optional_principal,
    require,
    safe_next,
    user_store,
)
from pista.web.render import page
from pista.web.schemas import Me

router = APIRouter()


def _secure(request: Request) -> bool:
    return bool(request.app.state.settings.secure_cookies) or request.url.scheme == "https"


@router.get("/api/me", response_model=Me, tags=["auth"], summary="Who the caller is")
def me(principal: Principal = Depends(current_principal)) -> Me:
    """The caller's name and role, and the CSRF token for cookie or local sessions."""
    return Me(
        name=principal.user.name, role=principal.user.role, via=principal.via, csrf_token=principal.csrf_token
    )


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_page(
    request: Request, next: str = "/", principal: Principal | None = Depends(optional_principal)
) -> Response:
    token = secrets.token_urlsafe(32)
    response = page(
        request, "login.html", principal, {"login_csrf": token, "next": safe_next(next), "error": None}
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        max_age=3600,
        path="/login",
    )
    return response


@router.post("/login", include_in_schema=False)
def login(
    request: Request,
    username: str = Form(..., max_length=100),
    password: str = Form(..., max_length=MAX_PASSWORD),
    csrf_token: str = Form(""),
    next: str = Form("/"),
) -> Response:
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not csrf_token or not hmac.compare_digest(cookie.encode(), csrf_token.encode()):
        raise HTTPException(403, "CSRF token missing or wrong: reload the login page and try again")
    users = user_store(request)
    if users.recent_failures(username) >= MAX_LOGIN_FAILURES:
        raise HTTPException(429, "too many failed sign-ins for this user name: wait 15 minutes")
    user = users.verify(username, password)
    if user is None:
        users.record(username[:100] or "?", "login.failed", request.client.host if request.client else None)
        token = secrets.token_urlsafe(32)
        response = page(
            request,
            "login.html",
            None,
            {"login_csrf": token, "next": safe_next(next), "error": "Wrong user name or password."},
            status_code=401,
        )
        response.set_cookie(
            LOGIN_CSRF_COOKIE,
            token,
            httponly=True,
            samesite="strict",
            secure=_secure(request),
            max_age=3600,
            path="/login",
        )
        return response
    session = users.open_session(user, kind="browser")
    users.record(user.name, "login", request.client.host if request.client else None)
    redirect = RedirectResponse(safe_next(next), status_code=303)
    redirect.set_cookie(
        SESSION_COOKIE, session, httponly=True, samesite="lax", secure=_secure(request), path="/"
    )
    redirect.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return redirect


@router.post("/logout", include_in_schema=False)
def logout(request: Request, principal: Principal = Depends(require("viewer"))) -> Response:
    users = user_store(request)
    if principal.via == "cookie":
        users.close_session(request.cookies.get(SESSION_COOKIE))
        users.record(principal.user.name, "logout")
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
