"""Signing in and out, tokens, roles and CSRF."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select, update
from web_helpers import PASSWORD, Web, make_web

from pista.store import schema as t
from pista.store.users import MAX_LOGIN_FAILURES


def test_login_sets_a_protected_session_cookie_and_logout_ends_it(web: Web) -> None:
    web.add_user("ana", "analyst")
    response = web.login("ana")
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert "pista_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    me = web.client.get("/api/me").json()
    assert me["name"] == "ana" and me["role"] == "analyst" and me["via"] == "cookie"
    out = web.client.post("/logout", data={"csrf_token": me["csrf_token"]}, follow_redirects=False)
    assert out.status_code == 303
    web.client.cookies.clear()
    assert web.client.get("/api/me").status_code == 401


def test_wrong_password_and_unknown_user_are_refused_alike(web: Web) -> None:
    web.add_user("ana", "analyst")
    wrong = web.login("ana", "not the password")
    unknown = web.login("nobody", PASSWORD)
    assert wrong.status_code == unknown.status_code == 401
    assert "Wrong user name or password" in wrong.text
    assert web.client.get("/api/me").status_code == 401
    actions = [a["action"] for a in web.users.audit_tail()]
    assert actions.count("login.failed") == 2


def test_repeated_failures_lock_the_user_name_for_a_while(sqlite_web: Web) -> None:
    sqlite_web.add_user("ana", "analyst")
    for _ in range(MAX_LOGIN_FAILURES):
        assert sqlite_web.login("ana", "guess").status_code == 401
    assert sqlite_web.login("ana").status_code == 429
    with sqlite_web.users.engine.begin() as conn:
        conn.execute(update(t.audit_log).values(at=datetime.now(UTC) - timedelta(hours=1)))
    assert sqlite_web.login("ana").status_code == 303


def test_login_form_needs_its_csrf_token(web: Web) -> None:
    web.add_user("ana", "analyst")
    web.client.get("/login")
    response = web.client.post(
        "/login", data={"username": "ana", "password": PASSWORD, "csrf_token": "forged"}
    )
    assert response.status_code == 403


def test_login_redirects_only_to_local_paths(web: Web) -> None:
    web.add_user("ana", "analyst")
    page = web.client.get("/login", params={"next": "//evil.example/x"})
    assert 'name="next" value="/"' in page.text


def test_pages_send_anonymous_visitors_to_login_and_api_answers_401(web: Web) -> None:
    page = web.client.get("/documents", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login?next=")
    api = web.client.get("/api/documents")
    assert api.status_code == 401 and api.headers["www-authenticate"] == "Bearer"


def test_bearer_tokens_unknown_forged_and_expired_are_refused(web: Web) -> None:
    web.add_user("vera", "viewer")
    good = web.token("vera")
    assert web.client.get("/api/documents", headers=good).status_code == 200
    random_part = good["Authorization"].split()[1].split(".")[0]
    for header in (f"Bearer {random_part}.{'0' * 32}", "Bearer nonsense", "Basic dmVyYTp4", "Bearer "):
        assert web.client.get("/api/documents", headers={"Authorization": header}).status_code == 401, header
    with web.users.engine.begin() as conn:
        conn.execute(update(t.sessions).values(expires_at=int(time.time()) - 1))
    assert web.client.get("/api/documents", headers=good).status_code == 401


def test_removing_a_user_ends_their_tokens(web: Web) -> None:
    web.add_user("root", "admin")
    web.add_user("vera", "viewer")
    token = web.token("vera")
    web.users.remove("vera", actor="root")
    assert web.client.get("/api/documents", headers=token).status_code == 401


def test_viewer_cannot_upload(web: Web) -> None:
    web.add_user("vera", "viewer")
    files = {"file": ("a.txt", b"Some text about a gang.", "text/plain")}
    assert web.client.post("/api/documents", files=files, headers=web.token("vera")).status_code == 403
    web.login("vera")
    assert web.client.get("/upload").status_code == 403
    response = web.client.post("/upload", files=files, data={"csrf_token": web.csrf()})
    assert response.status_code == 403


def test_analyst_cannot_manage_users(web: Web) -> None:
    web.add_user("ana", "analyst")
    web.login("ana")
    assert web.client.get("/users").status_code == 403
    response = web.client.post(
        "/users", data={"name": "mallory", "role": "admin", "password": PASSWORD, "csrf_token": web.csrf()}
    )
    assert response.status_code == 403
    assert web.users.get("mallory") is None


def test_admin_manages_users_through_the_page_with_an_audit_trail(web: Web) -> None:
    web.add_user("root", "admin")
    web.login("root")
    csrf = web.csrf()
    added = web.client.post(
        "/users",
        data={"name": "vera", "role": "viewer", "password": PASSWORD, "csrf_token": csrf},
        follow_redirects=False,
    )
    assert added.status_code == 303
    assert web.users.get("vera") is not None
    web.client.post("/users/vera/role", data={"role": "analyst", "csrf_token": csrf})
    user = web.users.get("vera")
    assert user is not None and user.role == "analyst"
    web.client.post("/users/vera/remove", data={"csrf_token": csrf})
    assert web.users.get("vera") is None
    page = web.client.get("/users")
    assert page.status_code == 200 and 'data-user="root"' in page.text
    with web.users.engine.connect() as conn:
        rows = conn.execute(
            select(t.audit_log.c.actor, t.audit_log.c.action).order_by(t.audit_log.c.id)
        ).all()
    assert ("root", "user.add") in rows and ("root", "user.role") in rows and ("root", "user.remove") in rows


def test_the_last_admin_cannot_be_removed(web: Web) -> None:
    web.add_user("root", "admin")
    web.add_user("boss", "admin")
    web.login("root")
    csrf = web.csrf()
    web.client.post("/users/boss/remove", data={"csrf_token": csrf})
    refused = web.client.post("/users/root/remove", data={"csrf_token": csrf})
    assert refused.status_code == 422
    assert web.users.get("root") is not None


def test_state_changing_forms_need_the_session_csrf_token(web: Web) -> None:
    web.add_user("root", "admin")
    web.login("root")
    form = {"name": "vera", "role": "viewer", "password": PASSWORD}
    assert web.client.post("/users", data=form).status_code == 403  # missing
    assert web.client.post("/users", data={**form, "csrf_token": "wrong"}).status_code == 403
    other = (
        make_web(str(web.users.engine.url.database)) if web.users.engine.dialect.name == "sqlite" else None
    )
    if other is not None:  # a token of another session is wrong too
        other.add_user("sam", "admin")
        other.login("sam")
        assert web.client.post("/users", data={**form, "csrf_token": other.csrf()}).status_code == 403
        other.docs.engine.dispose()
    assert web.users.get("vera") is None
    assert (
        web.client.post("/users", data={**form, "csrf_token": web.csrf()}, follow_redirects=False).status_code
        == 303
    )


def test_cross_origin_posts_are_refused_even_with_a_token(web: Web) -> None:
    web.add_user("root", "admin")
    web.login("root")
    form = {"name": "vera", "role": "viewer", "password": PASSWORD, "csrf_token": web.csrf()}
    response = web.client.post("/users", data=form, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403


def test_bearer_requests_need_no_csrf_token(web: Web) -> None:
    web.add_user("ana", "analyst")
    files = {"file": ("a.txt", b"Police arrested Juan Perez in Lima.", "text/plain")}
    assert web.client.post("/api/documents", files=files, headers=web.token("ana")).status_code == 202


def test_open_local_server_acts_as_local_admin_but_still_checks_csrf(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("USER", "carmen")
    w = make_web(str(tmp_path / "open.db"), auth_required=False)
    me = w.client.get("/api/me").json()
    assert me == {"name": "carmen", "role": "admin", "via": "local", "csrf_token": me["csrf_token"]}
    assert w.client.get("/users").status_code == 200
    form = {"name": "vera", "role": "viewer", "password": PASSWORD}
    assert w.client.post("/users", data=form).status_code == 403
    assert w.client.post("/users", data={**form, "csrf_token": me["csrf_token"]}).status_code == 200
    assert w.users.get("vera") is not None
    # DNS rebinding: a page of another site resolved to 127.0.0.1 sends its own Host name.
    assert w.client.get("/api/me", headers={"Host": "evil.example"}).status_code == 400
    assert w.client.get("/api/me", headers={"Host": "[::1]:8000"}).status_code == 200
    w.docs.engine.dispose()


def test_cookies_can_be_marked_secure_for_https(tmp_path) -> None:
    w = make_web(str(tmp_path / "tls.db"), secure_cookies=True)
    w.client = TestClient(w.app, base_url="https://127.0.0.1")
    w.add_user("ana", "analyst")
    response = w.login("ana")
    assert "Secure" in response.headers["set-cookie"]
    w.docs.engine.dispose()


def test_an_expired_browser_session_leads_back_to_login(sqlite_web: Web) -> None:
    sqlite_web.add_user("ana", "analyst")
    sqlite_web.login("ana")
    assert sqlite_web.client.get("/documents").status_code == 200
    with sqlite_web.users.engine.begin() as conn:
        conn.execute(update(t.sessions).values(expires_at=int(time.time()) - 1))
    response = sqlite_web.client.get("/documents", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login?next=%2Fdocuments"
