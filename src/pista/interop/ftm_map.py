"""How pista's vocabulary maps onto FollowTheMoney schemata, both ways.

Facts FtM has no property for travel as keywords prefixed ``pista:`` (``pista:subtype=faction``,
``pista:role=criminal``, ``pista:event=operation``, ``pista:relation=rival_of``) so an export
imports back losslessly; the same facts are also written for people in summaries and notes.
"""

from __future__ import annotations

PREFIX = "pista:"

ENTITY_SCHEMA = {"person": "Person", "organization": "Organization", "location": "Address"}

# FtM schemata read as pista entity types on import.
PERSON_SCHEMATA = frozenset({"Person"})
ORG_SCHEMATA = frozenset({"Organization", "Company", "LegalEntity", "PublicBody"})
PLACE_SCHEMATA = frozenset({"Address"})

MEMBERSHIP_ROLES = {"leader_of": "leader", "member_of": "member", "official_of": "official"}
ROLE_RELATIONS = {v: k for k, v in MEMBERSHIP_ROLES.items()}

# FtM topics for pista facts where FtM has one.
SUBTYPE_TOPICS = {"criminal_group": "crime", "faction": "crime", "agency": "gov.security"}
ROLE_TOPICS = {"criminal": "crime", "official": "gov"}
CRIME_TOPICS = {
    "drug_trafficking": "crime.traffick.drug",
    "human_trafficking": "crime.traffick.human",
    "migrant_smuggling": "crime.traffick",
    "arms_trafficking": "crime.traffick",
    "sexual_exploitation": "crime.traffick.human",
    "fraud": "crime.fraud",
    "money_laundering": "crime.fin",
    "corruption": "crime.fin",
    "theft": "crime.theft",
    "robbery": "crime.theft",
    "terrorism": "crime.terror",
    "illegal_mining": "crime.env",
}


def tag(name: str, value: str) -> str:
    return f"{PREFIX}{name}={value}"


def tags(keywords: list[str]) -> dict[str, str]:
    """``pista:name=value`` keywords as a dict (other keywords are ignored)."""
    out: dict[str, str] = {}
    for k in keywords:
        if k.startswith(PREFIX) and "=" in k:
            name, _, value = k[len(PREFIX) :].partition("=")
            out.setdefault(name, value)
    return out
