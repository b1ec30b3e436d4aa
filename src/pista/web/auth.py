"""Who is asking, and may they: authentication, role checks and CSRF as FastAPI dependencies.

A request is authenticated by ``Authorization: Bearer <token>`` (API clients), else by
the session cookie (browsers), else, when the server runs open on a loopback address,
as the local admin. State-changing requests must carry the session's CSRF token (form
field ``csrf_token`` or header ``X-CSRF-Token``) unless they come with a bearer token.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from fastapi import Depends, HTTPException, Request

from pista.store.users import ROLE_RANK, User, UserStore
from pista.web.settings import WebSettings

SESSION_COOKIE = "pista_session"
LOGIN_CSRF_COOKIE = "pista_login_csrf"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Principal:
    """The user behind a request, how they proved it and their CSRF token."""

    user: User
    via: str  # "bearer", "cookie" or "local"
    csrf_token: str


class NotAuthenticated(Exception):
    """No valid credentials: API callers get 401, browsers the login page."""

    def __init__(self, reason: str = "authentication required") -> None:
        super().__init__(reason)
        self.reason = reason


def web_settings(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


def user_store(request: Request) -> UserStore:
    store: UserStore = request.app.state.users
    return store


def optional_principal(request: Request) -> Principal | None:
    """The authenticated principal, or None; a 401 for a malformed or unknown bearer token."""
    if hasattr(request.state, "principal"):
        cached: Principal | None = request.state.principal
        return cached
    settings = web_settings(request)
    users = user_store(request)
    found: Principal | None = None
    header = request.headers.get("authorization")
    if header is not None:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise NotAuthenticated("malformed Authorization header: use 'Bearer <token>'")
        session = users.session(token.strip())
        if session is None:
            raise NotAuthenticated("unknown or expired token")
        found = Principal(session.user, "bearer", session.csrf_token)
    else:
        session = users.session(request.cookies.get(SESSION_COOKIE))
        if session is not None:
            found = Principal(session.user, "cookie", session.csrf_token)
        elif not settings.auth_required:
            found = Principal(settings.local_user, "local", settings.local_csrf)
    request.state.principal = found
    return found


def current_principal(principal: Principal | None = Depends(optional_principal)) -> Principal:
    if principal is None:
        raise NotAuthenticated()
    return principal


async def check_csrf(request: Request, principal: Principal) -> None:
    """403 unless a state-changing request carries the principal's CSRF token (bearer exempt)."""
    if request.method in SAFE_METHODS or principal.via == "bearer":
        return
    origin = request.headers.get("origin")
    if origin and origin != "null" and origin.split("://", 1)[-1] != request.headers.get("host", ""):
        raise HTTPException(403, "cross-origin request refused")
    sent = request.headers.get("x-csrf-token")
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get("csrf_token")
        sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent.encode(), principal.csrf_token.encode()):
        raise HTTPException(403, "CSRF token missing or wrong: reload the page and try again")


def require(role: str) -> Callable[..., Awaitable[Principal]]:
    """A dependency: the principal, when their role is ``role`` or above and CSRF holds."""
    if role not in ROLE_RANK:
        raise ValueError(f"unknown role {role!r}")

    async def dependency(request: Request, principal: Principal = Depends(current_principal)) -> Principal:
        if not principal.user.can(role):
            raise HTTPException(403, f"this needs the {role} role; you are {principal.user.role}")
        await check_csrf(request, principal)
        return principal

    dependency.__name__ = f"require_{role}"
    return dependency


def safe_next(target: str | None) -> str:
    """A local path to go to after login; anything else (other sites, odd schemes) becomes ``/``."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    if any(c in target for c in "\r\n\t"):
        return "/"
    return target
