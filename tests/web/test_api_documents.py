"""The JSON API over a real store: listing, one document, search and stats, on SQLite and PostgreSQL."""

from __future__ import annotations

from web_helpers import Web, sample_analysis

TEXT_EN = "Police said Tren Aragua extorted shop owners in Santiago Centro. Officers arrested four men."
TEXT_ES = "La Fiscalía informó que Los Choneros operan en la provincia de Guayas desde hace años."


def _seed(web: Web) -> tuple[str, str]:
    web.add_user("vera", "viewer")
    en = web.add_document(TEXT_EN, title="Extortion ring dismantled", analysis=sample_analysis(TEXT_EN))
    es = web.add_document(
        TEXT_ES, title="Informe fiscal", lang="es", source="fiscalia", publisher_kind="prosecutor"
    )
    return en, es


def test_documents_are_listed_with_filters_and_paging(web: Web) -> None:
    en, es = _seed(web)
    auth = web.token("vera")
    everything = web.client.get("/api/documents", headers=auth).json()
    assert everything["total"] == 2
    assert {d["id"] for d in everything["items"]} == {en, es}
    spanish = web.client.get("/api/documents", params={"lang": "es"}, headers=auth).json()
    assert [d["id"] for d in spanish["items"]] == [es]
    prosecutors = web.client.get(
        "/api/documents", params={"publisher_kind": "prosecutor"}, headers=auth
    ).json()
    assert [d["id"] for d in prosecutors["items"]] == [es]
    assert prosecutors["items"][0]["sources"][0]["source"] == "fiscalia"
    by_source = web.client.get("/api/documents", params={"source": "tests"}, headers=auth).json()
    assert [d["id"] for d in by_source["items"]] == [en]
    assert by_source["items"][0]["analysed"] is True
    first = web.client.get("/api/documents", params={"limit": 1}, headers=auth).json()
    second = web.client.get("/api/documents", params={"limit": 1, "offset": 1}, headers=auth).json()
    assert first["total"] == 2 and len(first["items"]) == 1
    assert first["items"][0]["id"] != second["items"][0]["id"]


def test_listing_bounds_and_filters_are_checked(web: Web) -> None:
    _seed(web)
    auth = web.token("vera")
    assert web.client.get("/api/documents", params={"limit": 1000}, headers=auth).status_code == 422
    assert web.client.get("/api/documents", params={"offset": -1}, headers=auth).status_code == 422
    assert web.client.get("/api/documents", params={"publisher_kind": "x"}, headers=auth).status_code == 422


def test_one_document_carries_text_sources_and_analysis(web: Web) -> None:
    en, es = _seed(web)
    auth = web.token("vera")
    doc = web.client.get(f"/api/documents/{en}", headers=auth).json()
    assert doc["text"] == TEXT_EN
    assert doc["title"] == "Extortion ring dismantled"
    assert doc["sources"][0]["publisher_kind"] == "press"
    analysis = doc["analysis"]
    assert analysis["current"] is True
    assert [e["names"][0] for e in analysis["entities"]] == ["Tren Aragua", "Santiago Centro"]
    assert analysis["entities"][0]["mentions"][0]["start"] == TEXT_EN.index("Tren Aragua")
    assert analysis["relations"][0]["type"] == "operates_in"
    assert analysis["crimes"][0]["evidence"]["sentence"].startswith("Police said")
    assert web.client.get(f"/api/documents/{es}", headers=auth).json()["analysis"] is None
    assert web.client.get("/api/documents/ffff0000", headers=auth).status_code == 404


def test_search_finds_text_title_and_entity_names(web: Web) -> None:
    en, es = _seed(web)
    auth = web.token("vera")
    by_text = web.client.get("/api/search", params={"q": "choneros guayas"}, headers=auth).json()
    assert [hit["id"] for hit in by_text["items"]] == [es]
    assert any(f["match"] and f["text"] == "Choneros" for f in by_text["items"][0]["snippet"])
    by_title = web.client.get("/api/search", params={"q": "dismantled"}, headers=auth).json()
    assert by_title["items"][0]["id"] == en and "title" in by_title["items"][0]["matched_in"]
    by_entity = web.client.get("/api/search", params={"q": "tren aragua"}, headers=auth).json()
    assert by_entity["items"][0]["id"] == en
    assert "entity" in by_entity["items"][0]["matched_in"]
    assert by_entity["entities"][0]["name"] == "Tren Aragua"
    none = web.client.get("/api/search", params={"q": "cartel"}, headers=auth).json()
    assert none["total"] == 0 and none["items"] == []


def test_search_treats_wildcards_and_quotes_as_text(web: Web) -> None:
    _seed(web)
    auth = web.token("vera")
    for q in ("%", "_", "' OR 1=1 --", "\\"):
        result = web.client.get("/api/search", params={"q": q}, headers=auth)
        assert result.status_code == 200
        assert result.json()["total"] == 0, q
    assert web.client.get("/api/search", params={"q": "x" * 300}, headers=auth).status_code == 422
    assert web.client.get("/api/search", params={"q": "a", "limit": 101}, headers=auth).status_code == 422


def test_stats_count_documents_and_entities(web: Web) -> None:
    _seed(web)
    stats = web.client.get("/api/stats", headers=web.token("vera")).json()
    assert stats["documents"] == 2
    assert stats["analysed"] == 1
    assert stats["by_language"] == {"en": 1, "es": 1}
    assert stats["entities_by_type"] == {"organization": 1, "location": 1}


def test_openapi_spec_documents_the_api(web: Web) -> None:
    spec = web.client.get("/api/openapi.json").json()
    assert {
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/search",
        "/api/stats",
        "/api/uploads/{upload_id}",
    } <= set(spec["paths"])
    assert spec["paths"]["/api/search"]["get"]["tags"] == ["search"]
    assert "DocumentDetail" in spec["components"]["schemas"]
    assert spec["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    assert web.client.get("/docs").status_code == 404  # the API explorer would load a CDN
