"""The analyst pages: rendered with the evidence, escaped, forms protected by CSRF."""

from __future__ import annotations

import re

import pytest
from analyst_corpus import seed
from web_helpers import Web

from pista.documents import Analysis, Entity, Evidence, Mention, Relation
from pista.resolve.service import resolve_store

ORG = "org-tren-de-aragua"
HTML = {"accept": "text/html"}
HOSTILE = '<script>alert(1)</script>Banda <img src=x onerror=alert(2)> "Mala"'


@pytest.fixture
def seeded(sqlite_web: Web) -> Web:
    seed(sqlite_web)
    sqlite_web.add_user("ana", "analyst")
    sqlite_web.add_user("vera", "viewer")
    sqlite_web.login("ana")
    return sqlite_web


def _scripts(html: str) -> list[str]:
    return re.findall(r"<script[^>]*>", html)


def test_entity_page_links_every_fact_to_its_sentence(seeded: Web) -> None:
    html = seeded.client.get(f"/entities/{ORG}", headers=HTML).text
    assert "Prosecutors say Hector Guerrero leads the Tren de Aragua." in html
    links = re.findall(r'href="(/documents/[0-9a-f]+\?hl=\d+-\d+#hl)"', html)
    assert len(links) >= 5
    target = seeded.client.get(links[0].replace("&amp;", "&"), headers=HTML).text
    assert 'id="hl"' in target and re.search(r'data-ev="[^"]*\bhl\b', target)
    assert _scripts(html) == []


def test_pages_render_for_a_viewer(seeded: Web) -> None:
    seeded.client.cookies.clear()
    assert seeded.login("vera").status_code == 303
    for path in (
        "/entities",
        f"/entities/{ORG}",
        f"/graph/{ORG}",
        "/timeline",
        "/map",
        f"/organizations/{ORG}",
    ):
        page = seeded.client.get(path, headers=HTML)
        assert page.status_code == 200, path
        assert all(s.startswith('<script src="/static/') for s in _scripts(page.text)), path
    assert seeded.client.get("/review", headers=HTML).status_code == 403
    assert 'id="split-form"' not in seeded.client.get(f"/entities/{ORG}", headers=HTML).text


def test_timeline_lists_events_by_month_and_filters_by_entity(seeded: Web) -> None:
    html = seeded.client.get("/timeline", headers=HTML).text
    assert "2024-03" in html and "arrest" in html
    empty = seeded.client.get("/timeline", params={"entity": "per-yohan-petrica"}, headers=HTML).text
    assert "No events." in empty


def test_review_form_records_a_judgement_with_csrf(seeded: Web) -> None:
    page = seeded.client.get("/review", headers=HTML).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    pair = re.search(r'data-a="([^"]+)" data-b="([^"]+)"', page)
    assert token and pair
    form = {"a": pair.group(1), "b": pair.group(2), "judgement": "different"}
    refused = seeded.client.post("/review/judge", data=form, follow_redirects=False)
    assert refused.status_code == 403
    done = seeded.client.post(
        "/review/judge", data={**form, "csrf_token": token.group(1)}, follow_redirects=False
    )
    assert done.status_code == 303
    after = seeded.client.get(done.headers["location"], headers=HTML).text
    assert 'id="review-done"' in after and "different" in after


def test_hostile_names_are_escaped_on_every_analyst_page(sqlite_web: Web) -> None:
    text = "Banda Mala opera en Caracas. Banda Mala extorsiona comerciantes."
    sentence = Evidence(0, 28, "Banda Mala opera en Caracas.")
    analysis = Analysis(
        doc_id=None,
        lang="es",
        published=None,
        entities=[
            Entity("e1", "organization", [HOSTILE], mentions=[Mention("Banda Mala", 0, 10, HOSTILE)]),
            Entity("e2", "location", ["javascript:alert(3)"], mentions=[Mention("Caracas", 20, 27)]),
        ],
        relations=[
            Relation("operates_in", "e1", "e2", Evidence(0, 28, f"{HOSTILE} {sentence.sentence}"), 0.9)
        ],
    )
    sqlite_web.add_document(text, title=HOSTILE, lang="es", analysis=analysis)
    resolve_store(sqlite_web.docs.engine, actor="test")
    sqlite_web.add_user("ana", "analyst")
    sqlite_web.login("ana")
    keys = [i["key"] for i in sqlite_web.client.get("/api/entities").json()["items"]]
    assert len(keys) == 2
    for path in [
        "/entities",
        "/timeline",
        "/review",
        *(f"/entities/{k}" for k in keys),
        *(f"/graph/{k}" for k in keys),
    ]:
        html = sqlite_web.client.get(path, headers=HTML).text
        assert "<script>alert" not in html and "<img src=x" not in html, path
        assert 'href="javascript:' not in html, path
        assert all(s.startswith('<script src="/static/') for s in _scripts(html)), path


def test_split_form_from_the_entity_page(seeded: Web) -> None:
    page = seeded.client.get(f"/entities/{ORG}", headers=HTML).text
    token = re.search(r'id="split-form".*?name="csrf_token" value="([^"]+)"', page, re.DOTALL)
    assert token
    assert seeded.client.post(f"/entities/{ORG}/split", follow_redirects=False).status_code == 403
    done = seeded.client.post(
        f"/entities/{ORG}/split", data={"csrf_token": token.group(1)}, follow_redirects=False
    )
    assert done.status_code == 303
    assert seeded.client.get("/api/entities", params={"q": "aragua"}).json()["total"] == 3
