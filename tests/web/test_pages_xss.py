"""Document text is hostile: every page shows it escaped, and links only to http(s)."""

from __future__ import annotations

import re

from web_helpers import Web

from pista.documents import Analysis, Claim, Entity, Evidence, Mention, Relation

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE_TEXT = (
    f"Tren Aragua {SCRIPT} extorted traders in Santiago. "
    f"A second note {IMG} was found. "
    'See <a href="javascript:alert(1)">here</a> for "quotes" & more.'
)
RAW = (SCRIPT, IMG, 'href="javascript:', "onerror=alert(1)>")


def _hostile_analysis() -> Analysis:
    start = HOSTILE_TEXT.index("Tren Aragua")
    where = HOSTILE_TEXT.index("Santiago")
    sentence_end = HOSTILE_TEXT.index(".") + 1
    evidence = Evidence(0, sentence_end, HOSTILE_TEXT[:sentence_end])
    return Analysis(
        doc_id=None,
        lang="en",
        published=None,
        entities=[
            Entity(
                "e1", "organization", [f"Tren {SCRIPT}"], mentions=[Mention("Tren Aragua", start, start + 11)]
            ),
            Entity("e2", "location", [IMG], mentions=[Mention("Santiago", where, where + 8)]),
        ],
        relations=[Relation("operates_in", "e1", "e2", evidence, 0.9)],
        claims=[Claim("e1", 300, evidence=Evidence(0, 5, f"{IMG} sentence"), location="e2")],
    )


def _seed(web: Web) -> str:
    web.add_user("vera", "viewer")
    doc_id = web.add_document(
        HOSTILE_TEXT,
        title=f"Report {SCRIPT}",
        url="javascript:alert(1)",
        analysis=_hostile_analysis(),
    )
    web.login("vera")
    return doc_id


def _assert_escaped(html: str) -> None:
    for raw in RAW:
        assert raw not in html, raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "&lt;img src=x onerror=alert(1)&gt;" in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert all(s == '<script src="/static/document.js">' for s in scripts), scripts


def test_document_page_escapes_text_title_names_and_evidence(sqlite_web: Web) -> None:
    doc_id = _seed(sqlite_web)
    html = sqlite_web.client.get(f"/documents/{doc_id}").text
    _assert_escaped(html)
    assert "Report &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&amp; more" in html and "&#34;quotes&#34;" in html
    assert 'href="javascript' not in html.lower()
    assert '<span class="unsafe-url">javascript:alert(1)</span>' in html


def test_document_page_marks_mentions_and_links_facts_to_evidence(sqlite_web: Web) -> None:
    doc_id = _seed(sqlite_web)
    html = sqlite_web.client.get(f"/documents/{doc_id}").text
    marks = {
        (m.group(1), re.sub(r"<[^>]+>", "", m.group(2)))
        for m in re.finditer(r'<mark class="m t-\w+" data-entity="(\w+)"[^>]*>(.*?)</mark>', html)
    }
    assert marks == {("e1", "Tren Aragua"), ("e2", "Santiago")}
    fact = re.search(r'<li class="fact" data-kind="relation" data-target="(ev\d+)">', html)
    assert fact is not None
    target = fact.group(1)
    assert f'<span class="anchor" id="{target}"></span>' in html
    assert f'data-ev="{target}"' in html or f'data-ev="{target} ' in html


def test_search_and_listing_escape_hostile_text(sqlite_web: Web) -> None:
    _seed(sqlite_web)
    for path in ("/search?q=alert", "/search?q=script", "/search?q=%3Cimg", "/documents", "/"):
        html = sqlite_web.client.get(path).text
        for raw in RAW:
            assert raw not in html, (path, raw)
    html = sqlite_web.client.get("/search", params={"q": "<img"}).text
    assert "<mark>&lt;img</mark>" in html
    html = sqlite_web.client.get("/search", params={"q": '"><script>x</script>'}).text
    assert "<script>x</script>" not in html
    assert 'value="&#34;&gt;&lt;script&gt;x&lt;/script&gt;"' in html


def test_api_returns_hostile_text_as_json_data(sqlite_web: Web) -> None:
    doc_id = _seed(sqlite_web)
    response = sqlite_web.client.get(f"/api/documents/{doc_id}")
    assert response.headers["content-type"] == "application/json"
    assert response.json()["text"] == HOSTILE_TEXT


def test_every_response_carries_security_headers(sqlite_web: Web) -> None:
    _seed(sqlite_web)
    for path in ("/documents", "/api/documents", "/login", "/static/pista.css", "/nope"):
        headers = sqlite_web.client.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "'unsafe-inline'" not in csp
        assert headers["x-content-type-options"] == "nosniff"


def test_pages_request_nothing_from_other_hosts(sqlite_web: Web) -> None:
    doc_id = _seed(sqlite_web)
    for path in (f"/documents/{doc_id}", "/documents", "/search?q=tren", "/stats", "/login"):
        html = sqlite_web.client.get(path).text
        for attr in re.findall(r'(?:src|href)="([^"]*)"', html):
            assert not attr.startswith(("http:", "https:", "//")), (path, attr)
