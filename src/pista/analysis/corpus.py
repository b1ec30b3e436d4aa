"""What every analysis reads from the store: documents, analyses and resolution, within a period.

``load_corpus(engine, period)`` keeps the documents published in the period (and their
analyses), and the resolved events dated in it (an undated event falls back on the dates of
the documents reporting it). Entities are kept when a kept document names them.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select

from pista.documents import Analysis, Evidence
from pista.errors import PistaError
from pista.store import schema as t

_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Period:
    """Inclusive ISO date bounds (a year, a month or a day); None is open."""

    since: str | None = None
    until: str | None = None

    def __post_init__(self) -> None:
        for name, value in (("--since", self.since), ("--until", self.until)):
            if value is not None and not _ISO.match(value):
                raise PistaError(f"{name} {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
        if self.since and self.until and _low(self.since) > _high(self.until):
            raise PistaError(f"--since {self.since} is after --until {self.until}")

    @property
    def open(self) -> bool:
        return self.since is None and self.until is None

    def contains(self, date: str | None) -> bool:
        """Whether a date (as precise as known) overlaps the period; an unknown date only an open one."""
        if self.open:
            return True
        if not date or not _ISO.match(date[:10]):
            return False
        day = date[:10]
        if self.since and _high(day) < _low(self.since):
            return False
        return not (self.until and _low(day) > _high(self.until))

    def describe(self) -> str:
        if self.open:
            return "all dates"
        if self.since and self.until:
            return f"{self.since} to {self.until}"
        return f"since {self.since}" if self.since else f"until {self.until}"


def _low(date: str) -> str:
    """The first day a partial ISO date covers."""
    return (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10]


def _high(date: str) -> str:
    """The last day a partial ISO date covers (day 31 is fine for string comparison)."""
    return (date + "-12-31")[:10] if len(date) == 4 else (date + "-31")[:10]


@dataclass(frozen=True)
class Source:
    source: str
    publisher_kind: str
    reliability: str | None
    origin: str


@dataclass(frozen=True)
class DocumentInfo:
    id: str
    title: str | None
    published: str | None
    lang: str | None
    url: str | None
    sources: tuple[Source, ...]

    @property
    def publisher(self) -> str:
        return ", ".join(dict.fromkeys(s.source for s in self.sources)) or "unknown"


@dataclass(frozen=True)
class EvidenceRef:
    """Where a statement rests: a document and the sentence in it."""

    document: str
    sentence: str

    def to_dict(self) -> dict[str, str]:
        return {"document": self.document, "sentence": self.sentence}


def evidence_ref(document: str, evidence: Evidence | None) -> EvidenceRef:
    return EvidenceRef(document, evidence.sentence if evidence else "")


@dataclass
class Corpus:
    """Documents, analyses and resolution within one period."""

    period: Period
    documents: dict[str, DocumentInfo]
    analyses: dict[str, Analysis]
    keys: dict[tuple[str, str], str]  # (document, local entity id) -> resolved key
    entities: dict[str, dict[str, Any]]  # resolved key -> stored resolved entity
    events: list[dict[str, Any]]  # resolved events in the period
    event_keys: dict[tuple[str, str], str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return bool(self.entities)

    def name(self, key: str | None) -> str:
        if key is None:
            return ""
        entity = self.entities.get(key)
        return str(entity["canonical"]) if entity else key

    def key_of(self, document: str, local: str | None) -> str | None:
        return self.keys.get((document, local)) if local else None

    def entity_documents(self, key: str) -> list[str]:
        """The kept documents that name a resolved entity."""
        entity = self.entities.get(key) or {}
        return [d for d in entity.get("documents", []) if d in self.documents]

    def majority(self, key: str, attribute: str) -> str | None:
        """The value of a local attribute (role, country, subtype) most documents give the entity."""
        counts: Counter[str] = Counter()
        for doc_id, local in self.members(key):
            analysis = self.analyses.get(doc_id)
            for e in analysis.entities if analysis else ():
                if e.id == local and getattr(e, attribute):
                    counts[getattr(e, attribute)] += 1
        if not counts:
            return None
        return max(counts, key=lambda v: (counts[v], v == "criminal", v))

    def members(self, key: str) -> list[tuple[str, str]]:
        entity = self.entities.get(key) or {}
        return [(d, e) for d, e in entity.get("members", []) if d in self.documents]


def load_corpus(engine: Engine, period: Period | None = None) -> Corpus:
    """Read the store once; keep what the period covers."""
    period = period or Period()
    with engine.connect() as conn:
        doc_rows = conn.execute(
            select(
                t.documents.c.id,
                t.documents.c.title,
                t.documents.c.published,
                t.documents.c.lang,
                t.documents.c.url,
            )
        ).all()
        source_rows = conn.execute(
            select(
                t.document_sources.c.document_id,
                t.document_sources.c.source,
                t.document_sources.c.publisher_kind,
                t.document_sources.c.reliability,
                t.document_sources.c.origin,
            ).order_by(t.document_sources.c.id)
        ).all()
        analysis_rows = conn.execute(select(t.analyses.c.document_id, t.analyses.c.result)).all()
        key_rows = conn.execute(select(t.entity_keys)).all()
        event_key_rows = conn.execute(select(t.event_keys)).all()
        entity_rows = conn.execute(select(t.resolved_entities.c.key, t.resolved_entities.c.data)).all()
        event_rows = conn.execute(select(t.resolved_events.c.data).order_by(t.resolved_events.c.key)).all()
    sources: dict[str, list[Source]] = defaultdict(list)
    for s in source_rows:
        sources[s.document_id].append(Source(s.source, s.publisher_kind, s.reliability, s.origin))
    all_docs = {
        r.id: DocumentInfo(r.id, r.title, r.published, r.lang, r.url, tuple(sources.get(r.id, ())))
        for r in doc_rows
    }
    documents = {d: info for d, info in all_docs.items() if period.contains(info.published)}
    problems: list[str] = []
    analyses: dict[str, Analysis] = {}
    for row in analysis_rows:
        if row.document_id not in documents:
            continue
        try:
            analyses[row.document_id] = Analysis.from_dict(json.loads(row.result))
        except (ValueError, KeyError, TypeError) as exc:
            problems.append(f"analysis of document {row.document_id} is unreadable ({exc!r}): skipped")
    keys = {(r.document_id, r.entity_id): r.key for r in key_rows if r.document_id in documents}
    entities = {}
    for row in entity_rows:
        data = json.loads(row.data)
        if any(d in documents for d in data.get("documents", [])):
            entities[row.key] = data
    events = []
    for row in event_rows:
        data = json.loads(row.data)
        if _event_in_period(data, period, all_docs):
            events.append(data)
    event_keys = {(r.document_id, r.event_id): r.key for r in event_key_rows}
    return Corpus(period, documents, analyses, keys, entities, events, event_keys, problems)


def _event_in_period(event: dict[str, Any], period: Period, docs: dict[str, DocumentInfo]) -> bool:
    if period.open:
        return True
    if event.get("date"):
        return period.contains(event["date"])
    dates = sorted(d.published for x in event.get("documents", []) if (d := docs.get(x)) and d.published)
    return bool(dates) and period.contains(dates[0])
