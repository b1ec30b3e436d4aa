"""Export to FollowTheMoney and import back: entities and relations survive."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from pista.export import export
from pista.export.ftm import ftm_entities
from pista.interop.ftm_import import build_document, import_ftm
from pista.interop.snapshot import LinkFact, Snapshot, SourceDoc, load_snapshot
from pista.resolve.service import resolve_store

GIVEN = ["Ana", "Luis", "Yohan", "María", "Héctor", "Wilmer", "Carla", "José"]
SURNAMES = ["Romero", "Guerrero", "Pérez", "Castillo", "Flores", "Mosquera", "Serrano", "Díaz"]
GROUPS = ["Tren de Aragua", "Los Gallegos", "Los Trinitarios", "El Clan del Golfo", "Los Hijos de Dios"]
PLACES = [("Lima", "PE"), ("Arauca", "CO"), ("Santiago", "CL"), ("Maracay", "VE")]


@st.composite
def snapshots(draw: st.DrawFn) -> Snapshot:
    snap = Snapshot()
    snap.documents["d1"] = SourceDoc(
        "d1",
        "A report",
        None,
        "2024-01-02",
        "es",
        [{"source": "press", "publisher_kind": "press", "url": None, "origin": "x"}],
    )
    people = draw(
        st.lists(
            st.tuples(st.sampled_from(GIVEN), st.sampled_from(SURNAMES)), min_size=1, max_size=5, unique=True
        )
    )
    groups = draw(st.lists(st.sampled_from(GROUPS), min_size=1, max_size=3, unique=True))
    places = draw(st.lists(st.sampled_from(PLACES), max_size=2, unique=True))

    def add(key: str, type_: str, canonical: str, **extra: object) -> None:
        snap.entities[key] = {
            "key": key,
            "type": type_,
            "subtype": extra.get("subtype"),
            "canonical": canonical,
            "names": {canonical: ["d1"], **{n: ["d1"] for n in extra.get("more", [])}},  # type: ignore[attr-defined]
            "aliases": {a: ["d1"] for a in extra.get("aliases", [])},  # type: ignore[attr-defined]
            "countries": list(extra.get("countries", [])),
            "roles": list(extra.get("roles", [])),  # type: ignore[call-overload]
            "documents": ["d1"],
            "members": [["d1", key]],
        }

    for n, (g, s) in enumerate(people):
        alias = draw(st.sampled_from(["", "El Viejo", "Gocho", "La Flaca"]))
        add(
            f"per-{n}",
            "person",
            f"{g} {s}",
            aliases=[alias] if alias else [],
            countries=draw(st.sampled_from([[], ["VE"]])),
            roles=["criminal"],
            more=[s] if draw(st.booleans()) else [],
        )
    for n, name in enumerate(groups):
        add(
            f"org-{n}",
            "organization",
            name,
            subtype=draw(st.sampled_from(["criminal_group", "faction"])),
            countries=["VE"],
        )
    for n, (name, country) in enumerate(places):
        add(f"loc-{n}", "location", name, subtype="city", countries=[country])
    persons = [k for k in snap.entities if k.startswith("per-")]
    orgs = [k for k in snap.entities if k.startswith("org-")]
    locs = [k for k in snap.entities if k.startswith("loc-")]
    options = [
        ("leader_of", persons, orgs),
        ("member_of", persons, orgs),
        ("family_of", persons, persons),
        ("allied_with", persons, persons),
        ("rival_of", orgs, orgs),
        ("part_of", orgs, orgs),
    ]
    if locs:
        options.append(("operates_in", orgs, locs))
    links = {}
    for _ in range(draw(st.integers(0, 6))):
        type_, subjects, objects = draw(st.sampled_from(options))
        s, o = draw(st.sampled_from(subjects)), draw(st.sampled_from(objects))
        if s != o:
            links[(type_, s, o)] = LinkFact(type_, s, o, ["d1"], ["A sentence."], 0.8)
    snap.relations = sorted(links.values(), key=lambda x: (x.type, x.subject, x.object))
    return snap


def _entity_view(
    snap: Snapshot,
) -> set[tuple[str, str, frozenset[str], frozenset[str], tuple[str, ...], str | None]]:
    return {
        (
            e["type"],
            e["canonical"],
            frozenset(e["names"]),
            frozenset(e["aliases"]),
            tuple(e["countries"][:1]),
            e.get("subtype"),
        )
        for e in snap.entities.values()
    }


@settings(max_examples=40, deadline=None)
@given(snapshots())
def test_entities_and_relations_survive_export_and_import(snap: Snapshot) -> None:
    doc, skipped = build_document(list(ftm_entities(snap)), title="round trip", source="rt")
    got = {
        (
            e.type,
            e.names[0],
            frozenset(e.names),
            frozenset(e.aliases),
            (e.country,) if e.country else (),
            e.subtype,
        )
        for e in doc.analysis.entities
    }
    assert got == _entity_view(snap)
    name_of = {e.id: e.names[0] for e in doc.analysis.entities}
    relations = {(r.type, name_of[r.subject], name_of[r.object]) for r in doc.analysis.relations}
    assert relations == {(r.type, snap.name(r.subject), snap.name(r.object)) for r in snap.relations}
    roles = {e.names[0]: e.role for e in doc.analysis.entities if e.type == "person"}
    assert set(roles.values()) <= {"criminal"}
    assert set(skipped) <= {"Document", "Article", "Mention"}


def test_store_round_trip(tmp_path: Path, open_store: Callable[[str], Engine]) -> None:
    """A store exported and imported into an empty store resolves to the same entities and links."""
    listing = [
        {
            "id": "p1",
            "schema": "Person",
            "properties": {"name": ["Yohan José Romero"], "alias": ["Johan Petrica"], "nationality": ["ve"]},
        },
        {
            "id": "o1",
            "schema": "Organization",
            "properties": {"name": ["Tren de Aragua"], "keywords": ["pista:subtype=criminal_group"]},
        },
        {
            "id": "m1",
            "schema": "Membership",
            "properties": {"member": ["p1"], "organization": ["o1"], "role": ["member"]},
        },
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(x) for x in listing), encoding="utf-8")
    first = open_store(str(tmp_path / "a.db"))
    import_ftm(first, tmp_path / "in.jsonl", source="list")
    resolve_store(first, actor="test")
    export(first, "ftm", tmp_path / "out.jsonl")
    second = open_store(str(tmp_path / "b.db"))
    import_ftm(second, tmp_path / "out.jsonl", source="export")
    resolve_store(second, actor="test")
    a, b = load_snapshot(first), load_snapshot(second)
    assert _entity_view(a) == _entity_view(b)
    assert {(r.type, a.name(r.subject), a.name(r.object)) for r in a.relations} == {
        (r.type, b.name(r.subject), b.name(r.object)) for r in b.relations
    }
