"""What resolution produces: corpus-wide keys, resolved entities and events, judgements."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pista.resolve.profile import ItemId

JudgementKind = Literal["same", "different", "split"]
JUDGEMENT_KINDS: tuple[str, ...] = ("same", "different", "split")


@dataclass(frozen=True)
class MemberRef:
    """One document's entity as a judgement remembers it: where, and by which names.

    The document id is a content hash, so it survives re-ingestion; the entity id and names let
    the judgement find the entity again after re-extraction renumbers or renames it.
    """

    doc_id: str
    entity_id: str
    type: str
    names: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "entity_id": self.entity_id,
            "type": self.type,
            "names": list(self.names),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MemberRef:
        return cls(data["doc_id"], data["entity_id"], data["type"], tuple(data.get("names") or ()))


@dataclass(frozen=True)
class Judgement:
    """A person's decision about two resolved entities (or about splitting one).

    ``same``: the entities of ``members_a`` and ``members_b`` are one. ``different``: they are
    never one. ``split``: the entities of ``members_a`` are pairwise kept apart.
    """

    kind: JudgementKind
    members_a: tuple[MemberRef, ...]
    members_b: tuple[MemberRef, ...] = ()
    id: int | None = None
    key_a: str | None = None
    key_b: str | None = None
    user: str = ""
    created_at: str = ""
    withdrawn_at: str | None = None


@dataclass
class ResolvedEntity:
    key: str
    type: str
    subtype: str | None
    canonical: str
    names: dict[str, list[str]]  # surface name -> documents it was used in
    aliases: dict[str, list[str]]
    countries: list[str]
    roles: list[str]
    members: list[ItemId]

    @property
    def documents(self) -> list[str]:
        return sorted({d for d, _ in self.members})

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "type": self.type,
            "subtype": self.subtype,
            "canonical": self.canonical,
            "names": self.names,
            "aliases": self.aliases,
            "countries": self.countries,
            "roles": self.roles,
            "documents": self.documents,
            "members": [list(m) for m in self.members],
        }


@dataclass
class ResolvedEvent:
    key: str
    type: str
    dates: dict[str, list[str]]  # date -> documents giving it
    locations: list[str]  # entity keys
    agencies: list[str]
    targets: list[str]
    figures: dict[str, list[dict[str, Any]]]  # "arrested" -> [{"value": 23, "document": ...}]
    seized: list[str]
    members: list[ItemId]

    @property
    def documents(self) -> list[str]:
        return sorted({d for d, _ in self.members})

    @property
    def corroboration(self) -> int:
        """How many distinct documents report this event."""
        return len(self.documents)

    @property
    def date(self) -> str | None:
        if not self.dates:
            return None
        return max(self.dates, key=lambda d: (len(self.dates[d]), len(d), d))

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "type": self.type,
            "date": self.date,
            "dates": self.dates,
            "locations": self.locations,
            "agencies": self.agencies,
            "targets": self.targets,
            "figures": self.figures,
            "seized": self.seized,
            "corroboration": self.corroboration,
            "documents": self.documents,
            "members": [list(m) for m in self.members],
        }


@dataclass
class Candidate:
    """A pair near the merge threshold, for a person to review."""

    a: ItemId
    b: ItemId
    score: float
    explanation: str
    key_a: str = ""
    key_b: str = ""

    @property
    def merged(self) -> bool:
        return self.key_a == self.key_b

    @property
    def uncertainty(self) -> float:
        from pista.resolve.features import THRESHOLD

        return abs(self.score - THRESHOLD)


@dataclass
class Resolution:
    entity_keys: dict[ItemId, str] = field(default_factory=dict)
    event_keys: dict[ItemId, str] = field(default_factory=dict)
    entities: dict[str, ResolvedEntity] = field(default_factory=dict)
    events: dict[str, ResolvedEvent] = field(default_factory=dict)
    candidates: list[Candidate] = field(default_factory=list)
    explanations: dict[tuple[ItemId, ItemId], str] = field(default_factory=dict)

    @property
    def n_mentions(self) -> int:
        return len(self.entity_keys)
