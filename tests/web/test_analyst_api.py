"""The analyst API: resolved entities with evidence, events, graph neighbourhoods, review."""

from __future__ import annotations

import json

import pytest
from analyst_corpus import REPORT_1, REPORT_2, seed
from sqlalchemy import select
from web_helpers import Web

from pista.store import schema as t

ORG = "org-tren-de-aragua"


@pytest.fixture
def seeded(web: Web) -> Web:
    seed(web)
    web.add_user("vera", "viewer")
    web.add_user("ana", "analyst")
    return web


def test_entities_list_filters_by_name_and_type(seeded: Web) -> None:
    auth = seeded.token("vera")
    found = seeded.client.get("/api/entities", params={"q": "aragua"}, headers=auth).json()
    assert [i["key"] for i in found["items"]] == [ORG]
    assert found["items"][0]["documents"] == 3
    people = seeded.client.get("/api/entities", params={"type": "person"}, headers=auth).json()
    assert {i["key"] for i in people["items"]} == {"per-hector-guerrero", "per-yohan-petrica"}
    assert seeded.client.get("/api/entities", params={"type": "planet"}, headers=auth).status_code == 422


def test_entity_detail_gives_every_fact_with_its_evidence(seeded: Web) -> None:
    body = seeded.client.get(f"/api/entities/{ORG}", headers=seeded.token("vera")).json()
    assert body["canonical"] == "Tren de Aragua" and body["documents"] == 3
    rels = {(r["type"], r["direction"], r["other"]["key"]) for r in body["relations"]}
    assert ("leader_of", "in", "per-hector-guerrero") in rels
    assert ("operates_in", "out", "loc-lima") in rels
    assert ("allied_with", "out", "org-los-choneros") in rels
    leader = next(r for r in body["relations"] if r["type"] == "leader_of")
    ev = leader["evidence"]
    assert ev["publisher"] == "outlet1" and ev["document_title"] == "Arrests in Santiago"
    assert (
        REPORT_1[ev["start"] : ev["end"]]
        == ev["sentence"]
        == "Prosecutors say Hector Guerrero leads the Tren de Aragua."
    )
    assert ev["link"] == f"/documents/{ev['document_id']}?hl={ev['start']}-{ev['end']}#hl"
    assert [c["type"] for c in body["crimes"]] == ["extortion"]
    assert body["claims"][0]["value"] == 300 and body["claims"][0]["location"]["key"] == "loc-lima"
    assert [e["type"] for e in body["events"]] == ["arrest"]
    for m in body["mentions"]:
        assert m["text"] == "Tren de Aragua"
        assert m["evidence"]["end"] - m["evidence"]["start"] == len("Tren de Aragua")
    assert seeded.client.get("/api/entities/per-nobody", headers=seeded.token("vera")).status_code == 404
    assert seeded.client.get("/api/entities/..%2Fetc", headers=seeded.token("vera")).status_code == 404


def test_events_filter_and_detail_with_figures_and_sources(seeded: Web) -> None:
    auth = seeded.token("vera")
    listed = seeded.client.get(
        "/api/events", params={"type": "arrest", "since": "2024-03"}, headers=auth
    ).json()
    assert listed["total"] == 1
    key = listed["items"][0]["key"]
    assert seeded.client.get("/api/events", params={"until": "2024-02"}, headers=auth).json()["total"] == 0
    assert seeded.client.get("/api/events", params={"since": "March"}, headers=auth).status_code == 422
    detail = seeded.client.get(f"/api/events/{key}", headers=auth).json()
    assert detail["date"] == "2024-03-02"
    assert detail["figures"]["arrested"][0]["value"] == 12
    assert [loc["key"] for loc in detail["locations"]] == ["loc-santiago"]
    assert detail["sources"] == ["outlet1"]
    report = detail["reports"][0]
    assert report["arrested"] == 12 and "arrested 12 members" in report["evidence"][0]["sentence"]
    assert seeded.client.get("/api/events", params={"entity": ORG}, headers=auth).json()["total"] == 1


def test_graph_neighbourhood_depth_filters_and_key_players(seeded: Web) -> None:
    auth = seeded.token("vera")
    one = seeded.client.get("/api/graph/per-yohan-petrica", params={"depth": 1}, headers=auth).json()
    assert {n["key"] for n in one["nodes"]} == {"per-yohan-petrica", ORG, "per-hector-guerrero"}
    two = seeded.client.get("/api/graph/per-yohan-petrica", params={"depth": 2}, headers=auth).json()
    keys = {n["key"] for n in two["nodes"]}
    assert {"loc-santiago", "loc-lima", "org-los-choneros"} <= keys
    assert next(n for n in two["nodes"] if n["key"] == ORG)["key_player"] is True
    edge = next(e for e in two["edges"] if e["type"] == "leader_of")
    assert (
        edge["source"] == "per-hector-guerrero"
        and edge["sources"] == 1
        and edge["first_seen"] == "2024-03-03"
    )
    people = seeded.client.get(f"/api/graph/{ORG}", params={"types": "person"}, headers=auth).json()
    assert {n["type"] for n in people["nodes"] if not n["center"]} == {"person"}
    strong = seeded.client.get(f"/api/graph/{ORG}", params={"min_confidence": 0.85}, headers=auth).json()
    assert {e["type"] for e in strong["edges"]} == {"operates_in", "allied_with"}
    late = seeded.client.get(f"/api/graph/{ORG}", params={"since": "2024-05"}, headers=auth).json()
    assert "loc-santiago" not in {n["key"] for n in late["nodes"]}
    assert seeded.client.get(f"/api/graph/{ORG}", params={"depth": 4}, headers=auth).status_code == 422
    assert seeded.client.get("/api/graph/per-nobody", headers=auth).status_code == 404


def test_organization_profile(seeded: Web) -> None:
    body = seeded.client.get(f"/api/organizations/{ORG}/profile", headers=seeded.token("vera")).json()
    assert [p["key"] for p in body["leaders"]] == ["per-hector-guerrero"]
    assert [p["key"] for p in body["members"]] == ["per-yohan-petrica"]
    assert {p["key"] for p in body["territories"]} == {"loc-lima", "loc-santiago"}
    assert body["alliances"][0]["relation"] == "allied_with"
    assert (
        seeded.client.get("/api/organizations/loc-lima/profile", headers=seeded.token("vera")).status_code
        == 404
    )


def test_map_places_cities_by_coordinates(seeded: Web) -> None:
    body = seeded.client.get("/api/map", headers=seeded.token("vera")).json()
    santiago = next(p for p in body["points"] if p["key"] == "loc-santiago")
    assert santiago["events"] == 1 and santiago["lat"] == pytest.approx(-33.46, abs=0.1)


def test_review_needs_the_analyst_role(seeded: Web) -> None:
    assert seeded.client.get("/api/review", headers=seeded.token("vera")).status_code == 403
    body = seeded.client.get("/api/review", headers=seeded.token("ana")).json()
    assert body["total"] >= 1
    item = body["items"][0]
    assert ":" in item["a"]["item"] and item["a"]["evidence"]["sentence"]


def test_judge_withdraw_and_split_are_audited(seeded: Web) -> None:
    auth = seeded.token("ana")
    answer = seeded.client.post(
        "/api/judgements",
        json={"a": "per-hector-guerrero", "b": "per-yohan-petrica", "judgement": "same"},
        headers=auth,
    )
    assert answer.status_code == 200, answer.text
    judgement_id = answer.json()["id"]
    merged = seeded.client.get("/api/entities", params={"type": "person"}, headers=auth).json()
    assert merged["total"] == 1
    assert seeded.client.post(f"/api/judgements/{judgement_id}/withdraw", headers=auth).status_code == 200
    assert seeded.client.get("/api/entities", params={"type": "person"}, headers=auth).json()["total"] == 2
    again = seeded.client.post(f"/api/judgements/{judgement_id}/withdraw", headers=auth)
    assert again.status_code == 409
    split = seeded.client.post(f"/api/entities/{ORG}/split", headers=auth)
    assert split.status_code == 200, split.text
    orgs = seeded.client.get("/api/entities", params={"q": "aragua"}, headers=auth).json()
    assert orgs["total"] == 3
    with seeded.docs.engine.connect() as conn:
        actions = [
            (r.actor, r.action)
            for r in conn.execute(
                select(t.audit_log.c.actor, t.audit_log.c.action).order_by(t.audit_log.c.id)
            )
        ]
    assert ("ana", "judge same") in actions and ("ana", "withdraw judgement") in actions
    assert ("ana", "judge split") in actions


def test_judging_with_a_session_needs_the_csrf_token(seeded: Web) -> None:
    seeded.login("ana")
    payload = {"a": "per-hector-guerrero", "b": "per-yohan-petrica", "judgement": "different"}
    assert seeded.client.post("/api/judgements", json=payload).status_code == 403
    ok = seeded.client.post("/api/judgements", json=payload, headers={"X-CSRF-Token": seeded.csrf()})
    assert ok.status_code == 200
    bad = seeded.client.post(
        "/api/judgements", json={**payload, "a": "per-nobody"}, headers={"X-CSRF-Token": seeded.csrf()}
    )
    assert bad.status_code == 409 and "no resolved entity" in bad.json()["detail"]


def test_viewer_cannot_judge(seeded: Web) -> None:
    payload = {"a": "per-hector-guerrero", "b": "per-yohan-petrica", "judgement": "same"}
    assert (
        seeded.client.post("/api/judgements", json=payload, headers=seeded.token("vera")).status_code == 403
    )
    assert seeded.client.post(f"/api/entities/{ORG}/split", headers=seeded.token("vera")).status_code == 403


def test_openapi_documents_the_analyst_endpoints(seeded: Web) -> None:
    spec = seeded.client.get("/api/openapi.json").json()
    for path in ("/api/entities/{key}", "/api/graph/{key}", "/api/events", "/api/review", "/api/judgements"):
        assert path in spec["paths"], path
    schema = spec["paths"]["/api/entities/{key}"]["get"]["responses"]["200"]["content"]["application/json"]
    assert schema["schema"]["$ref"].endswith("/EntityDetail")
    assert json.dumps(spec["components"]["schemas"]["EvidenceRef"]).count("sentence") >= 1


def test_spanish_text_evidence_offsets(seeded: Web) -> None:
    body = seeded.client.get(f"/api/entities/{ORG}", headers=seeded.token("vera")).json()
    claim = body["claims"][0]["evidence"]
    assert REPORT_2[claim["start"] : claim["end"]] == claim["sentence"]


def test_profile_carries_the_analysis_profile_when_available(seeded: Web) -> None:
    body = seeded.client.get(f"/api/organizations/{ORG}/profile", headers=seeded.token("vera")).json()
    if body["analysis"] is None:
        pytest.skip("pista.analysis.profile is not available")
    assert body["analysis"]["key"] == ORG
    assert "totals" in body["analysis"]
