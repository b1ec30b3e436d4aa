"""Uploading documents (analysts): the API, the upload page and the progress of each upload."""

from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from pista.store.documents import PUBLISHER_KINDS, RELIABILITY_GRADES
from pista.web import uploads
from pista.web.auth import Principal, require
from pista.web.render import page
from pista.web.schemas import UploadAccepted, UploadStatus
from pista.web.settings import WebSettings

router = APIRouter()


async def _accept(
    request: Request,
    background: BackgroundTasks,
    principal: Principal,
    file: UploadFile,
    source: str,
    publisher_kind: str,
    reliability: str,
) -> int:
    """Check and keep the upload, schedule its processing and return its id."""
    settings: WebSettings = request.app.state.settings
    data = await file.read(settings.max_upload_bytes + 1)
    filename = uploads.safe_filename(file.filename)
    try:
        uploads.check_upload(
            filename,
            data,
            max_bytes=settings.max_upload_bytes,
            publisher_kind=publisher_kind,
            reliability=reliability or None,
        )
    except uploads.UploadRejected as exc:
        status = 413 if len(data) > settings.max_upload_bytes else 422
        raise HTTPException(status, str(exc)) from exc
    engine = request.app.state.engine
    upload_id = uploads.create_upload(
        engine,
        filename=filename,
        data=data,
        source=source.strip() or "upload",
        publisher_kind=publisher_kind,
        reliability=reliability or None,
        uploader=principal.user.name,
    )
    background.add_task(uploads.process_upload, engine, upload_id, settings.analyzer)
    return upload_id


@router.post(
    "/api/documents",
    response_model=UploadAccepted,
    status_code=202,
    tags=["documents"],
    summary="Upload a document (analyst)",
    responses={
        413: {"description": "file too large"},
        422: {"description": "file type or fields not accepted"},
    },
)
async def api_upload(
    request: Request,
    background: BackgroundTasks,
    file: UploadFile = File(..., description="one .txt, .md, .html, .pdf, .docx or .eml file"),
    source: str = Form("upload", max_length=200),
    publisher_kind: str = Form("other", description=", ".join(PUBLISHER_KINDS)),
    reliability: str = Form("", max_length=1, description="A (reliable) to F (cannot be judged), or empty"),
    principal: Principal = Depends(require("analyst")),
) -> UploadAccepted:
    """Keep the file, then ingest and analyse it in the background; follow ``status_url``."""
    upload_id = await _accept(request, background, principal, file, source, publisher_kind, reliability)
    return UploadAccepted(id=upload_id, status="received", status_url=f"/api/uploads/{upload_id}")


@router.get(
    "/api/uploads/{upload_id}",
    response_model=UploadStatus,
    tags=["documents"],
    summary="Progress of an upload",
    responses={404: {"description": "no such upload"}},
)
def api_upload_status(
    request: Request, upload_id: int, _: Principal = Depends(require("viewer"))
) -> UploadStatus:
    status = uploads.upload_status(request.app.state.engine, upload_id)
    if status is None:
        raise HTTPException(404, "no such upload")
    return UploadStatus.model_validate(status)


@router.get("/upload", response_class=HTMLResponse, include_in_schema=False)
def upload_page(request: Request, principal: Principal = Depends(require("analyst"))) -> Response:
    settings: WebSettings = request.app.state.settings
    return page(
        request,
        "upload.html",
        principal,
        {
            "suffixes": uploads.allowed_suffixes(),
            "max_mb": round(settings.max_upload_bytes / (1024 * 1024), 1),
            "publisher_kinds": PUBLISHER_KINDS,
            "grades": RELIABILITY_GRADES,
        },
    )


@router.post("/upload", include_in_schema=False)
async def upload_form(
    request: Request,
    background: BackgroundTasks,
    file: UploadFile = File(...),
    source: str = Form("upload", max_length=200),
    publisher_kind: str = Form("other"),
    reliability: str = Form("", max_length=1),
    principal: Principal = Depends(require("analyst")),
) -> Response:
    upload_id = await _accept(request, background, principal, file, source, publisher_kind, reliability)
    return RedirectResponse(f"/uploads/{upload_id}", status_code=303)


@router.get("/uploads/{upload_id}", response_class=HTMLResponse, include_in_schema=False)
def upload_status_page(
    request: Request, upload_id: int, principal: Principal = Depends(require("viewer"))
) -> Response:
    status = uploads.upload_status(request.app.state.engine, upload_id)
    if status is None:
        raise HTTPException(404, "no such upload")
    return page(request, "upload_status.html", principal, {"upload": status})
