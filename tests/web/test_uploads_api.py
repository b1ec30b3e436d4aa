"""Uploading documents: bounded in size and type, ingested and analysed in the background."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from web_helpers import Web, make_web

from pista.store import schema as t

TEXT = (
    "Guardia Civil officers arrested three members of a gang in Madrid.\n"
    "The detainees had extorted shop owners for months, prosecutors said."
)


def test_upload_is_ingested_and_analysed_with_progress(web: Web) -> None:
    web.add_user("ana", "analyst")
    auth = web.token("ana")
    files = {"file": ("note.txt", TEXT.encode(), "text/plain")}
    response = web.client.post(
        "/api/documents",
        files=files,
        data={"source": "desk", "publisher_kind": "police", "reliability": "B"},
        headers=auth,
    )
    assert response.status_code == 202
    accepted = response.json()
    status = web.client.get(accepted["status_url"], headers=auth).json()
    assert status["status"] == "done", status
    assert status["done"] == status["total"] == 1
    (doc_id,) = status["document_ids"]
    doc = web.client.get(f"/api/documents/{doc_id}", headers=auth).json()
    assert doc["text"] == TEXT
    assert doc["sources"][0] == {
        "source": "desk",
        "origin": f"upload:{accepted['id']}/note.txt",
        "publisher_kind": "police",
        "reliability": "B",
        "url": None,
        "title": doc["title"],
    }
    assert [e["names"][0] for e in doc["analysis"]["entities"]] == ["Guardia Civil"]
    with web.users.engine.connect() as conn:
        actions = conn.execute(select(t.audit_log.c.actor, t.audit_log.c.action)).all()
    assert ("ana", "document.upload") in actions and ("ana", "document.ingest") in actions


def test_a_jsonl_upload_yields_one_document_per_record(sqlite_web: Web) -> None:
    sqlite_web.add_user("ana", "analyst")
    auth = sqlite_web.token("ana")
    lines = [
        '{"id": "r1", "title": "First", "text": "Policía Nacional detuvo a dos hombres en Lima."}',
        '{"id": "r2", "text": "Carabineros de Chile allanaron una casa en Arica."}',
        '{"id": "r3", "text": ""}',
    ]
    data = "\n".join(lines).encode()
    accepted = sqlite_web.client.post(
        "/api/documents", files={"file": ("batch.jsonl", data)}, headers=auth
    ).json()
    status = sqlite_web.client.get(accepted["status_url"], headers=auth).json()
    assert status["status"] == "done" and status["total"] == 2 and len(status["document_ids"]) == 2
    assert any(f"upload:{accepted['id']}/batch.jsonl#" in m and "empty" in m for m in status["messages"])
    doc = sqlite_web.client.get(f"/api/documents/{status['document_ids'][0]}", headers=auth).json()
    assert doc["sources"][0]["origin"] == f"upload:{accepted['id']}/batch.jsonl#r1"
    assert doc["title"] == "First"


def test_the_same_text_twice_is_one_document(sqlite_web: Web) -> None:
    sqlite_web.add_user("ana", "analyst")
    auth = sqlite_web.token("ana")
    ids = []
    for name in ("a.txt", "b.txt"):
        accepted = sqlite_web.client.post(
            "/api/documents", files={"file": (name, TEXT.encode())}, headers=auth
        ).json()
        ids.append(sqlite_web.client.get(accepted["status_url"], headers=auth).json()["document_ids"])
    assert ids[0] == ids[1]
    doc = sqlite_web.client.get(f"/api/documents/{ids[0][0]}", headers=auth).json()
    assert len(doc["sources"]) == 2


@pytest.mark.parametrize(
    ("name", "data", "status"),
    [
        ("run.exe", b"MZ...", 422),
        ("notes", b"no suffix", 422),
        ("empty.txt", b"", 422),
        ("fake.pdf", b"<html>not a pdf</html>", 422),
        ("fake.docx", b"plain text", 422),
    ],
)
def test_uploads_of_wrong_type_are_refused(sqlite_web: Web, name: str, data: bytes, status: int) -> None:
    sqlite_web.add_user("ana", "analyst")
    response = sqlite_web.client.post(
        "/api/documents", files={"file": (name, data)}, headers=sqlite_web.token("ana")
    )
    assert response.status_code == status
    with sqlite_web.users.engine.connect() as conn:
        assert conn.execute(select(t.uploads.c.id)).first() is None


def test_uploads_over_the_size_limit_are_refused(tmp_path) -> None:
    w = make_web(str(tmp_path / "small.db"), max_upload_bytes=1000)
    w.add_user("ana", "analyst")
    auth = w.token("ana")
    just_over = w.client.post("/api/documents", files={"file": ("big.txt", b"a " * 501)}, headers=auth)
    assert just_over.status_code == 413
    huge = w.client.post("/api/documents", files={"file": ("huge.txt", b"a" * 3_000_000)}, headers=auth)
    assert huge.status_code == 413
    w.docs.engine.dispose()


def test_bad_fields_are_refused(sqlite_web: Web) -> None:
    sqlite_web.add_user("ana", "analyst")
    auth = sqlite_web.token("ana")
    files = {"file": ("a.txt", TEXT.encode())}
    assert (
        sqlite_web.client.post(
            "/api/documents", files=files, data={"publisher_kind": "x"}, headers=auth
        ).status_code
        == 422
    )
    assert (
        sqlite_web.client.post(
            "/api/documents", files=files, data={"reliability": "Z"}, headers=auth
        ).status_code
        == 422
    )


def test_a_file_that_cannot_be_read_is_reported_failed(sqlite_web: Web) -> None:
    sqlite_web.add_user("ana", "analyst")
    auth = sqlite_web.token("ana")
    broken = b"%PDF-1.4\nthis is not really a PDF"
    accepted = sqlite_web.client.post(
        "/api/documents", files={"file": ("x.pdf", broken)}, headers=auth
    ).json()
    status = sqlite_web.client.get(accepted["status_url"], headers=auth).json()
    assert status["status"] == "failed" and status["document_ids"] == []
    assert status["messages"] and all("upload:" in m for m in status["messages"])
    assert "/tmp" not in " ".join(status["messages"])


def test_upload_page_form_needs_csrf_and_redirects_to_status(sqlite_web: Web) -> None:
    sqlite_web.add_user("ana", "analyst")
    sqlite_web.login("ana")
    page = sqlite_web.client.get("/upload")
    assert page.status_code == 200 and 'id="upload-form"' in page.text
    files = {"file": ("note.md", b"# Gang report\n\nPolice raided a house in Quito.")}
    assert sqlite_web.client.post("/upload", files=files).status_code == 403
    response = sqlite_web.client.post(
        "/upload", files=files, data={"csrf_token": sqlite_web.csrf()}, follow_redirects=False
    )
    assert response.status_code == 303
    status_page = sqlite_web.client.get(response.headers["location"])
    assert 'data-status="done"' in status_page.text
    assert sqlite_web.client.get("/api/uploads/999").status_code == 404


def test_uploads_left_unfinished_are_marked_failed_at_start(tmp_path) -> None:
    from pista.web.uploads import create_upload

    db = str(tmp_path / "restart.db")
    first = make_web(db)
    upload_id = create_upload(
        first.docs.engine,
        filename="a.txt",
        data=b"text",
        source="s",
        publisher_kind="other",
        reliability=None,
        uploader="ana",
    )
    first.docs.engine.dispose()
    second = make_web(db)
    second.add_user("vera", "viewer")
    with second.client:
        status = second.client.get(f"/api/uploads/{upload_id}", headers=second.token("vera")).json()
    assert status["status"] == "failed" and "interrupted" in status["messages"][-1]


@pytest.mark.model
def test_upload_runs_the_real_extraction(tmp_path) -> None:
    from fastapi.testclient import TestClient

    from pista.web import create_app

    app = create_app(str(tmp_path / "real.db"), auth_required=False)
    client = TestClient(app, base_url="http://127.0.0.1")
    csrf = client.get("/api/me").json()["csrf_token"]
    text = "The Tren de Aragua gang extorted merchants in Santiago, Chile, police said on Monday."
    accepted = client.post(
        "/api/documents", files={"file": ("gang.txt", text.encode())}, headers={"X-CSRF-Token": csrf}
    ).json()
    status = client.get(accepted["status_url"]).json()
    assert status["status"] == "done" and status["done"] == 1, status
    doc = client.get(f"/api/documents/{status['document_ids'][0]}").json()
    assert doc["analysis"]["current"] is True
    assert any(e["type"] == "organization" for e in doc["analysis"]["entities"])
    app.state.engine.dispose()
