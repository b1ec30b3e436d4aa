"""The application factory: the store, the settings, the routers, the security layers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

import pista
from pista.store import DocumentStore, connect
from pista.store.users import UserStore
from pista.web.auth import NotAuthenticated, optional_principal
from pista.web.render import page
from pista.web.routers import auth, documents, entities, events, review, search, stats, uploads, users
from pista.web.security import LOOPBACK_HOST_HEADERS, BodyLimit, SecurityHeaders
from pista.web.settings import DEFAULT_MAX_UPLOAD, Analyzer, WebSettings, default_analyzer
from pista.web.uploads import mark_interrupted

STATIC = Path(__file__).resolve().parent / "static"
FORM_OVERHEAD = 1024 * 1024  # room for the multipart envelope and the other form fields

TAGS = [
    {"name": "documents", "description": "Documents, their sources and analyses; uploading new ones."},
    {"name": "search", "description": "Full-text search over documents and entity names."},
    {
        "name": "entities",
        "description": "Entities resolved across documents, each fact with its evidence; their networks.",
    },
    {"name": "events", "description": "Events resolved across documents, with every reported figure."},
    {
        "name": "review",
        "description": "Uncertain merges to judge (analyst role); every judgement is audited.",
    },
    {"name": "stats", "description": "What the store holds."},
    {
        "name": "auth",
        "description": "Who the caller is. Send `Authorization: Bearer <token>` (`pista users token NAME`).",
    },
]


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", "")


def create_app(
    db_url: str | None,
    *,
    auth_required: bool,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD,
    analyzer: Analyzer | None = None,
    allowed_hosts: list[str] | None = None,
    secure_cookies: bool = False,
) -> FastAPI:
    """The web application over the store at ``db_url`` (default: ``PISTA_DB`` or ./pista.db).

    Without ``auth_required`` every request acts as a local admin (for a server on a
    loopback address only; ``pista serve`` decides); then only loopback ``Host`` headers
    are accepted, which defeats DNS-rebinding, unless ``allowed_hosts`` says otherwise.
    ``secure_cookies`` marks the session cookie Secure (for a server behind an HTTPS proxy).
    """
    engine = connect(db_url)
    settings = WebSettings(
        auth_required=auth_required,
        max_upload_bytes=max_upload_bytes,
        analyzer=analyzer or default_analyzer,
        allowed_hosts=allowed_hosts,
        secure_cookies=secure_cookies,
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        mark_interrupted(engine)
        yield
        engine.dispose()

    app = FastAPI(
        lifespan=lifespan,
        title="pista",
        version=pista.__version__,
        summary="Reports on organized crime in, an evidence-backed network out.",
        description=(
            "Read the documents in a pista store, their analyses (entities, relations, crimes, "
            "events, claims, each with its evidence) and search them. Authenticate with "
            "`Authorization: Bearer <token>`; state-changing requests made with a session "
            "cookie need the `X-CSRF-Token` header (see `/api/me`)."
        ),
        openapi_tags=TAGS,
        openapi_url="/api/openapi.json",
        docs_url=None,  # the bundled API explorers load scripts from a CDN
        redoc_url=None,
    )

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                description=app.description,
                routes=app.routes,
                tags=TAGS,
            )
            spec.setdefault("components", {})["securitySchemes"] = {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "a token from `pista users token NAME`",
                }
            }
            spec["security"] = [{"bearer": []}]
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    app.state.engine = engine
    app.state.settings = settings
    app.state.users = UserStore(engine)
    app.state.documents = DocumentStore(engine)

    for router in (
        auth.router,
        documents.router,
        search.router,
        stats.router,
        uploads.router,
        users.router,
        entities.router,
        events.router,
        review.router,
    ):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    hosts = allowed_hosts if allowed_hosts is not None else (None if auth_required else LOOPBACK_HOST_HEADERS)
    if hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts)
    app.add_middleware(BodyLimit, max_bytes=max_upload_bytes + FORM_OVERHEAD)
    app.add_middleware(SecurityHeaders)

    @app.exception_handler(NotAuthenticated)
    async def not_authenticated(request: Request, exc: NotAuthenticated) -> Response:
        if request.url.path.startswith("/api/") or "authorization" in request.headers:
            return JSONResponse(
                {"detail": exc.reason}, status_code=401, headers={"WWW-Authenticate": "Bearer"}
            )
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        try:
            principal = optional_principal(request)
        except NotAuthenticated:
            principal = None
        return page(
            request,
            "error.html",
            principal,
            {"status": exc.status_code, "message": str(exc.detail)},
            status_code=exc.status_code,
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        return JSONResponse({"detail": errors}, status_code=422)

    return app
