"""Scoring against the tiny gold set, with every figure worked out by hand."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from pista.evaluate import (
    GoldError,
    ResolutionItem,
    b_cubed,
    dates_agree,
    load_gold,
    match_entities,
    normalize_name,
    score,
)

GOLD_TINY = Path(__file__).parent / "fixtures" / "gold_tiny"


def _ent(id_: str, type_: str, names: list[str], **extra: Any) -> dict[str, Any]:
    return {"id": id_, "type": type_, "names": names, "aliases": [], **extra}


def _event(type_: str, date: str | None, location: str | None, targets: list[str], **extra: Any) -> dict:
    return {"type": type_, "date": date, "location": location, "targets": targets, **extra}


SYSTEM: dict[str, dict[str, Any]] = {
    "t-001": {
        "doc_id": "t-001",
        "entities": [
            _ent(
                "s1", "person", ["Juan Carlos Pérez", "Pérez"], role="criminal", country="VE", key="K-perez"
            ),
            _ent(
                "s2", "organization", ["Tren de Aragua"], subtype="criminal_group", country="VE", key="K-tda"
            ),
            _ent(
                "s3",
                "organization",
                ["Peruvian National Police"],
                subtype="agency",
                country="pe",
                key="K-pnp",
            ),
            _ent("s4", "location", ["Lima"], subtype="city", country="PE", key="K-lima"),
            _ent("s5", "person", ["Twelve"], role="other", key="K-twelve"),
        ],
        "relations": [
            {"type": "member_of", "subject": "s1", "object": "s2"},
            {"type": "operates_in", "subject": "s2", "object": "s4"},
            {"type": "headquartered_in", "subject": "s2", "object": "s4"},
        ],
        "crimes": [
            {"subject": "s2", "type": "extortion"},
            {"subject": "s1", "type": "extortion"},
            {"subject": "s2", "type": "drug_trafficking"},
        ],
        "events": [_event("operation", "2023-03-03", "s4", ["s2"], arrested=12, key="EV-1")],
        "claims": [{"subject": "s2", "attribute": "member_count", "value": 5100}],
    },
    "t-002": {
        "doc_id": "t-002",
        "entities": [
            _ent("q1", "person", ["Juan Carlos Pérez", "El Flaco"], role="victim", key="K-perez"),
            _ent(
                "q2", "organization", ["Tren de Aragua"], subtype="criminal_group", country="VE", key="K-tda"
            ),
            _ent(
                "q3",
                "organization",
                ["Policía Nacional del Perú"],
                subtype="agency",
                country="PE",
                key="K-pnp",
            ),
            _ent("q4", "organization", ["Los Pulpos"], subtype="criminal_group", key="K-pulpos"),
            _ent("q5", "location", ["Lima"], subtype="city", country="PE", key="K-lima"),
        ],
        "relations": [
            {"type": "member_of", "subject": "q1", "object": "q2"},
            {"type": "rival_of", "subject": "q4", "object": "q2"},
        ],
        "crimes": [{"subject": "q2", "type": "extortion"}],
        "events": [_event("operation", "2023-03", "q5", ["q2"], arrested=13, key="EV-1")],
        "claims": [],
    },
    "t-003": {
        "doc_id": "t-003",
        "entities": [
            _ent("r1", "person", ["Pérez"], role="criminal", key="K-perez"),
            _ent("r2", "location", ["Trujillo"], subtype="city", country="PE", key="K-trujillo"),
        ],
        "relations": [],
        "crimes": [{"subject": "r1", "type": "money_laundering"}],
        "events": [
            _event("legal_action", None, "r2", ["r1"], key="EV-1"),
            _event("violent_incident", "2022-05-01", None, []),
        ],
        "claims": [],
    },
}


@pytest.fixture(scope="module")
def gold() -> dict[str, dict[str, Any]]:
    return load_gold(GOLD_TINY)


@pytest.fixture(scope="module")
def report(gold: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return score(gold, SYSTEM)


def _prf(section: dict[str, Any]) -> tuple[float, float, float, int, int, int]:
    return (section["p"], section["r"], section["f1"], section["tp"], section["sys"], section["gold"])


def test_load_gold_reads_documents_in_file_order(gold: dict[str, dict[str, Any]]) -> None:
    assert list(gold) == ["t-001", "t-002", "t-003"]


def test_entities_per_type_and_overall(report: dict[str, Any]) -> None:
    # persons: s1, q1, r1 match; s5 "Twelve" is spurious.
    assert _prf(report["entity:person"]) == (0.75, 1.0, 0.857, 3, 4, 3)
    assert _prf(report["entity:organization"]) == (1.0, 1.0, 1.0, 5, 5, 5)
    assert _prf(report["entity:location"]) == (1.0, 1.0, 1.0, 3, 3, 3)
    assert _prf(report["entity"]) == (0.917, 1.0, 0.957, 11, 12, 11)


def test_attribute_accuracy_over_matched_pairs(report: dict[str, Any]) -> None:
    assert report["acc:subtype"] == 1.0
    # 9 gold countries: t-002 misses Pérez's VE and gives Los Pulpos none; "pe" counts as PE.
    assert report["acc:country"] == 0.778
    # roles: criminal (ok), victim for a criminal (wrong), criminal (ok)
    assert report["acc:role"] == 0.667


def test_merge_recall(report: dict[str, Any]) -> None:
    # Pérez in t-001: 2 of 3 names ("El Flaco" normalizes to "flaco"); PNP: 1 of 2;
    # Pérez in t-002: 2 of 2; Mario Pérez: 1 of 2.  6 / 9.
    assert report["merge_recall"] == 0.667


def test_relations_overall_and_per_type(report: dict[str, Any]) -> None:
    assert _prf(report["relation"]) == (0.6, 0.75, 0.667, 3, 5, 4)
    assert _prf(report["relation:leader_of"]) == (0.0, 0.0, 0.0, 0, 0, 1)
    assert _prf(report["relation:member_of"]) == (0.5, 1.0, 0.667, 1, 2, 1)
    assert _prf(report["relation:operates_in"]) == (1.0, 1.0, 1.0, 1, 1, 1)
    assert _prf(report["relation:headquartered_in"]) == (0.0, 0.0, 0.0, 0, 1, 0)
    # rival_of is symmetric: (Los Pulpos, TdA) equals gold (TdA, Los Pulpos)
    assert _prf(report["relation:rival_of"]) == (1.0, 1.0, 1.0, 1, 1, 1)


def test_crimes(report: dict[str, Any]) -> None:
    assert _prf(report["crime"]) == (0.6, 1.0, 0.75, 3, 5, 3)


def test_events_and_their_attributes(report: dict[str, Any]) -> None:
    # t-001 exact date; t-002 month-precise date; t-003 no date, matched by location.
    assert _prf(report["event"]) == (0.75, 1.0, 0.857, 3, 4, 3)
    assert report["acc:event.arrested"] == 0.5
    assert report["acc:event.location"] == 1.0
    assert report["acc:event.targets"] == 1.0
    assert "acc:event.killed" not in report


def test_claims_within_five_percent(report: dict[str, Any]) -> None:
    assert _prf(report["claim"]) == (1.0, 1.0, 1.0, 1, 1, 1)


def test_resolution_b_cubed(report: dict[str, Any]) -> None:
    # K-perez holds both Juan Carlos Pérez (x2) and Mario Pérez: precision 2/3, 2/3, 1/3, then 8 x 1.
    assert report["resolution_b3"] == {"p": 0.879, "r": 1.0, "f1": 0.935, "items": 11}
    # hard: PNP named disjointly in t-001 and t-002; "perez" names two different people.
    assert report["resolution_b3_hard"] == {"p": 0.75, "r": 1.0, "f1": 0.857, "items": 4}


def test_cross_document_events(report: dict[str, Any]) -> None:
    # one gold pair (the Lima operation twice); the system also joins the charge to it.
    assert report["event_dedup"] == {"p": 0.333, "r": 1.0, "f1": 0.5, "gold_pairs": 1}


def test_missing_documents_and_empty_output(gold: dict[str, dict[str, Any]]) -> None:
    out = score(gold, {})
    assert out["documents"] == 3
    assert out["missing_documents"] == ["t-001", "t-002", "t-003"]
    assert _prf(out["entity"]) == (0.0, 0.0, 0.0, 0, 0, 11)
    assert "resolution_b3" not in out
    assert "event_dedup" not in out
    assert out["merge_recall"] == 0.0


def test_perfect_output_scores_one(gold: dict[str, dict[str, Any]]) -> None:
    system = copy.deepcopy(gold)
    for doc in system.values():
        for ent in doc["entities"]:
            ent["key"] = ent["ref"]
        for ev in doc["events"]:
            ev["key"] = ev["event_ref"]
    out = score(gold, system)
    for key in ("entity", "relation", "crime", "event", "claim"):
        assert out[key]["f1"] == 1.0, key
    assert out["resolution_b3"]["f1"] == 1.0
    assert out["event_dedup"]["f1"] == 1.0
    assert out["merge_recall"] == 1.0


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("El Flaco", "flaco"),
        ("the Tren de Aragua's", "tren de aragua"),
        ("Policía  Nacional\ndel Perú", "policia nacional del peru"),
        ("“Niño” Guerrero", "nino guerrero"),
        ("La Libertad", "libertad"),
        ("Las Tunas", "las tunas"),
    ],
)
def test_normalize_name(raw: str, expected: str) -> None:
    assert normalize_name(raw) == expected


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("2022-12-02", "2022-12-02", True),
        ("2022-12", "2022-12-02", True),
        ("2022", "2022-03-01", True),
        ("2022-11", "2022-12-02", False),
        (None, "2022", False),
        ("22", "22", False),
    ],
)
def test_dates_agree(a: str | None, b: str | None, agree: bool) -> None:
    assert dates_agree(a, b) is agree


def test_entity_matching_is_one_to_one_most_shared_first() -> None:
    sys_ents = [_ent("a", "person", ["Guerrero"]), _ent("b", "person", ["Héctor Guerrero", "Guerrero"])]
    gold_ents = [_ent("g", "person", ["Héctor Guerrero", "Guerrero"])]
    assert match_entities(sys_ents, gold_ents) == {"b": "g"}
    assert match_entities(sys_ents, [_ent("g", "organization", ["Guerrero"])]) == {}


def test_b_cubed_splits_and_joins() -> None:
    n = frozenset({"x"})
    split = [ResolutionItem("k1", "r", n), ResolutionItem("k2", "r", n)]
    assert b_cubed(split) == {"p": 1.0, "r": 0.5, "f1": 0.667, "items": 2}
    joined = [ResolutionItem("k", "r1", n), ResolutionItem("k", "r2", n)]
    assert b_cubed(joined) == {"p": 0.5, "r": 1.0, "f1": 0.667, "items": 2}


def test_load_gold_names_the_problem(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="does not exist"):
        load_gold(tmp_path / "nope")
    with pytest.raises(GoldError, match=r"no \*\.json"):
        load_gold(tmp_path)
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldError, match=r"bad\.json: not valid JSON"):
        load_gold(tmp_path)
    (tmp_path / "bad.json").write_text('{"doc_id": "x"}', encoding="utf-8")
    with pytest.raises(GoldError, match=r"bad\.json: missing or empty 'text'"):
        load_gold(tmp_path)
