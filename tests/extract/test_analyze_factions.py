"""A group the text places inside another criminal group is reported as its faction."""

from __future__ import annotations

from pista.documents import Entity, Relation
from pista.extract.analyze import mark_factions


def org(eid: str, subtype: str) -> Entity:
    return Entity(id=eid, type="organization", names=[eid], subtype=subtype)


def test_group_part_of_a_criminal_group_becomes_a_faction() -> None:
    cell, gang, police, unit = (
        org("cell", "criminal_group"),
        org("gang", "criminal_group"),
        org("police", "agency"),
        org("unit", "agency"),
    )
    mark_factions(
        [cell, gang, police, unit],
        [Relation("part_of", "cell", "gang"), Relation("part_of", "unit", "police")],
    )
    assert (cell.subtype, gang.subtype, unit.subtype) == ("faction", "criminal_group", "agency")


def test_other_relations_leave_subtypes_alone() -> None:
    a, b = org("a", "criminal_group"), org("b", "criminal_group")
    mark_factions([a, b], [Relation("allied_with", "a", "b")])
    assert (a.subtype, b.subtype) == ("criminal_group", "criminal_group")
