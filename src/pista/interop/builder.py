"""A structured source as a document: readable text lines, and the analysis they stand for.

Each entity, relation and event is written as one line of text; mentions and evidence point
into those lines, so a fact from a list or a record is quoted like a fact from a report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from pista.documents import Analysis, Claim, Crime, Entity, Event, Evidence, Mention, Relation


@dataclass
class ExternalInfo:
    """What a list or record says of an entity beyond names (kept in ``interop_entities``)."""

    schema: str
    external_id: str | None = None
    birth_dates: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self, entity: Entity) -> str:
        return json.dumps(
            {
                "names": entity.names,
                "aliases": entity.aliases,
                "birth_dates": self.birth_dates,
                "nationalities": self.nationalities,
                **self.extra,
            },
            ensure_ascii=False,
            sort_keys=True,
        )


@dataclass
class SyntheticDoc:
    """Lines of text with the analysis they carry; ``text`` and ``analysis`` when done."""

    title: str
    published: str | None = None
    lines: list[str] = field(default_factory=list)
    analysis: Analysis = field(default_factory=lambda: Analysis(doc_id=None, lang=None, published=None))
    external: dict[str, ExternalInfo] = field(default_factory=dict)
    _offset: int = 0

    def __post_init__(self) -> None:
        self.analysis.published = self.published
        self._line(self.title)

    def _line(self, line: str) -> tuple[int, str]:
        line = " ".join(line.split())
        start = self._offset
        self.lines.append(line)
        self._offset += len(line) + 1
        return start, line

    def _evidence(self, line: str) -> Evidence:
        start, clean = self._line(line)
        return Evidence(start, start + len(clean), clean)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def entity_ids(self) -> set[str]:
        return {e.id for e in self.analysis.entities}

    def add_entity(
        self,
        entity_id: str,
        type: str,
        names: list[str],
        *,
        line: str,
        aliases: list[str] | None = None,
        subtype: str | None = None,
        country: str | None = None,
        role: str | None = None,
        external: ExternalInfo | None = None,
    ) -> Entity:
        """One entity with a mention for each of its names and aliases found in ``line``."""
        start, clean = self._line(line)
        mentions = []
        for name in [*names, *(aliases or [])]:
            at = clean.find(name)
            if at >= 0:
                mentions.append(Mention(name, start + at, start + at + len(name), clean))
        entity = Entity(
            id=entity_id,
            type=type,  # type: ignore[arg-type]
            names=list(names),
            subtype=subtype,
            aliases=list(aliases or []),
            country=country,
            role=role if type == "person" else None,
            mentions=mentions,
            confidence=1.0,
        )
        self.analysis.entities.append(entity)
        if external is not None:
            self.external[entity_id] = external
        return entity

    def add_relation(self, type: str, subject: str, object: str, line: str) -> None:
        self.analysis.relations.append(Relation(type, subject, object, self._evidence(line), 1.0))

    def add_crime(self, subject: str, type: str, line: str) -> None:
        self.analysis.crimes.append(Crime(subject, type, self._evidence(line), 1.0))

    def add_claim(self, claim: Claim, line: str) -> None:
        claim.evidence = self._evidence(line)
        claim.confidence = 1.0
        self.analysis.claims.append(claim)

    def add_event(self, event: Event, line: str) -> None:
        event.evidence = [self._evidence(line)]
        event.confidence = 1.0
        self.analysis.events.append(event)
