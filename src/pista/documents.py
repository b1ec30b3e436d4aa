"""The Document and Analysis types: the contract every stage reads and writes.

``Analysis.to_dict()`` gives exactly the shape of the evaluation format (entities,
relations, crimes, events, claims) plus evidence and confidence on every fact.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

EntityType = Literal["person", "organization", "location"]

ORG_SUBTYPES = ("criminal_group", "faction", "agency", "media", "other")
LOC_SUBTYPES = ("country", "region", "city", "facility", "area")
ROLES = ("criminal", "official", "expert", "victim", "other")
RELATION_TYPES = (
    "leader_of",
    "member_of",
    "part_of",
    "subordinate_of",
    "allied_with",
    "rival_of",
    "official_of",
    "operates_in",
    "headquartered_in",
    "imprisoned_in",
    "family_of",
)
SYMMETRIC_RELATIONS = frozenset({"allied_with", "rival_of", "family_of"})
CRIME_TYPES = (
    "homicide",
    "contract_killing",
    "kidnapping",
    "human_trafficking",
    "sexual_exploitation",
    "robbery",
    "extortion",
    "theft",
    "drug_trafficking",
    "fraud",
    "corruption",
    "money_laundering",
    "migrant_smuggling",
    "arms_trafficking",
    "terrorism",
    "illegal_mining",
    "other",
)
EVENT_TYPES = ("operation", "legal_action", "violent_incident")
SEIZED_CATEGORIES = (
    "firearm",
    "ammunition",
    "explosive",
    "drugs",
    "cash",
    "vehicle",
    "phone",
    "document",
    "other",
)
QUALIFIERS = ("exact", "about", "more_than", "less_than")


@dataclass(frozen=True)
class Document:
    """One ingested text with what is known of where it came from."""

    id: str
    text: str
    title: str | None = None
    lang: str | None = None
    published: str | None = None
    url: str | None = None
    content_hash: str = ""


@dataclass
class Evidence:
    """Where a fact rests in the text: a character span and its sentence."""

    start: int
    end: int
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "sentence": self.sentence}


@dataclass
class Mention:
    """One surface form of an entity at one place in the text."""

    text: str
    start: int
    end: int
    sentence: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Entity:
    """A person, organization or location as one document names it."""

    id: str
    type: EntityType
    names: list[str]
    subtype: str | None = None
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    role: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    confidence: float = 0.5
    key: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "subtype": self.subtype,
            "names": list(self.names),
            "aliases": list(self.aliases),
            "country": self.country,
        }
        if self.type == "person":
            out["role"] = self.role
        out["confidence"] = round(self.confidence, 3)
        out["mentions"] = [m.to_dict() for m in self.mentions]
        if self.key is not None:
            out["key"] = self.key
        return out


@dataclass
class Relation:
    type: str
    subject: str
    object: str
    evidence: Evidence | None = None
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "subject": self.subject,
            "object": self.object,
            "confidence": round(self.confidence, 3),
            "evidence": self.evidence.to_dict() if self.evidence else None,
        }


@dataclass
class Crime:
    subject: str
    type: str
    evidence: Evidence | None = None
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "type": self.type,
            "confidence": round(self.confidence, 3),
            "evidence": self.evidence.to_dict() if self.evidence else None,
        }


@dataclass
class Event:
    id: str
    type: str
    date: str | None = None
    location: str | None = None
    agencies: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    arrested: int | None = None
    rescued: int | None = None
    killed: int | None = None
    seized: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5
    key: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "date": self.date,
            "location": self.location,
            "agencies": list(self.agencies),
            "targets": list(self.targets),
            "arrested": self.arrested,
            "rescued": self.rescued,
            "killed": self.killed,
            "seized": list(self.seized),
            "confidence": round(self.confidence, 3),
            "evidence": [e.to_dict() for e in self.evidence],
        }
        if self.key is not None:
            out["key"] = self.key
        return out


@dataclass
class Claim:
    subject: str
    value: float
    attribute: str = "member_count"
    qualifier: str = "exact"
    location: str | None = None
    evidence: Evidence | None = None
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {
            "subject": self.subject,
            "attribute": self.attribute,
            "value": value,
            "qualifier": self.qualifier,
            "location": self.location,
            "confidence": round(self.confidence, 3),
            "evidence": self.evidence.to_dict() if self.evidence else None,
        }


@dataclass
class Analysis:
    """Everything extraction found in one document (the evaluation format)."""

    doc_id: str | None
    lang: str | None
    published: str | None
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    crimes: list[Crime] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "lang": self.lang,
            "published": self.published,
            "entities": [e.to_dict() for e in self.entities],
            "relations": [r.to_dict() for r in self.relations],
            "crimes": [c.to_dict() for c in self.crimes],
            "events": [e.to_dict() for e in self.events],
            "claims": [c.to_dict() for c in self.claims],
            "warnings": list(self.warnings),
        }

    def to_json(self) -> str:
        """The analysis as the store keeps it: compact JSON, non-ASCII text as is."""
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """Rebuild an Analysis from ``to_dict`` output (as kept in the store)."""

        def ev(d: dict[str, Any] | None) -> Evidence | None:
            return Evidence(**d) if d else None

        entities = [
            Entity(
                id=e["id"],
                type=e["type"],
                names=list(e.get("names") or []),
                subtype=e.get("subtype"),
                aliases=list(e.get("aliases") or []),
                country=e.get("country"),
                role=e.get("role"),
                mentions=[Mention(**m) for m in e.get("mentions") or []],
                confidence=e.get("confidence", 0.5),
                key=e.get("key"),
            )
            for e in data.get("entities") or []
        ]
        relations = [
            Relation(r["type"], r["subject"], r["object"], ev(r.get("evidence")), r.get("confidence", 0.5))
            for r in data.get("relations") or []
        ]
        crimes = [
            Crime(c["subject"], c["type"], ev(c.get("evidence")), c.get("confidence", 0.5))
            for c in data.get("crimes") or []
        ]
        events = [
            Event(
                id=e.get("id") or f"v{i + 1}",
                type=e["type"],
                date=e.get("date"),
                location=e.get("location"),
                agencies=list(e.get("agencies") or []),
                targets=list(e.get("targets") or []),
                arrested=e.get("arrested"),
                rescued=e.get("rescued"),
                killed=e.get("killed"),
                seized=list(e.get("seized") or []),
                evidence=[Evidence(**x) for x in e.get("evidence") or []],
                confidence=e.get("confidence", 0.5),
                key=e.get("key"),
            )
            for i, e in enumerate(data.get("events") or [])
        ]
        claims = [
            Claim(
                subject=c["subject"],
                value=c["value"],
                attribute=c.get("attribute", "member_count"),
                qualifier=c.get("qualifier", "exact"),
                location=c.get("location"),
                evidence=ev(c.get("evidence")),
                confidence=c.get("confidence", 0.5),
            )
            for c in data.get("claims") or []
        ]
        return cls(
            doc_id=data.get("doc_id"),
            lang=data.get("lang"),
            published=data.get("published"),
            entities=entities,
            relations=relations,
            crimes=crimes,
            events=events,
            claims=claims,
            warnings=list(data.get("warnings") or []),
        )
