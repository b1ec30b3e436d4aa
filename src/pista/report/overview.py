"""The overview page: what the store holds and, per analysed document, every fact with its evidence.

Data is assembled here into plain view objects (``build_overview``); the Jinja2 template
(``templates/overview.html``, extending ``templates/base.html``) only lays them out, with
autoescaping on. New sections (network, timeline, map) add a field to ``Overview`` and a
block to the template.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pista.documents import Analysis, Entity, Evidence
from pista.errors import PistaError
from pista.report.evidence import Quote, quote
from pista.report.templates import environment
from pista.store.documents import DocumentStore

DEFAULT_LIMIT = 1000
MAX_ERRORS = 200  # the most recent ingestion errors shown; the count covers them all
WEB_URL = re.compile(r"https?://[^\s\"'<>]+\Z", re.IGNORECASE)
ENTITY_TYPES = (("person", "People"), ("organization", "Organizations"), ("location", "Places"))
QUALIFIER_WORDS = {"exact": "", "about": "about", "more_than": "more than", "less_than": "fewer than"}


@dataclass(frozen=True)
class DocumentRow:
    """One document of the store, as listed in the documents table."""

    id: str
    title: str | None
    lang: str | None
    lang_supported: bool
    published: str | None
    words: int
    sources: list[dict[str, Any]]
    analysed: bool = False
    url: str | None = None
    facts: dict[str, int] = field(default_factory=dict)

    @property
    def link(self) -> str | None:
        """The URL when it is a plain web address, safe to put in ``href``; None otherwise."""
        return self.url if self.url and WEB_URL.match(self.url) else None


@dataclass(frozen=True)
class EntityView:
    id: str
    type: str
    name: str
    other_names: list[str]
    aliases: list[str]
    subtype: str | None
    role: str | None
    country: str | None
    key: str | None
    confidence: float
    mentions: int
    quote: Quote | None


@dataclass(frozen=True)
class RelationView:
    subject: str
    type: str
    object: str
    confidence: float
    quote: Quote | None


@dataclass(frozen=True)
class CrimeView:
    subject: str
    type: str
    confidence: float
    quote: Quote | None


@dataclass(frozen=True)
class EventView:
    id: str
    type: str
    date: str | None
    location: str | None
    agencies: list[str]
    targets: list[str]
    counts: list[tuple[str, int]]
    seized: list[str]
    confidence: float
    quotes: list[Quote]


@dataclass(frozen=True)
class ClaimView:
    subject: str
    attribute: str
    value: str
    location: str | None
    confidence: float
    quote: Quote | None


@dataclass(frozen=True)
class AnalysisView:
    """Everything extraction found in one document, ready to lay out."""

    document: DocumentRow
    entity_groups: list[tuple[str, list[EntityView]]]
    relations: list[RelationView]
    crimes: list[CrimeView]
    events: list[EventView]
    claims: list[ClaimView]
    warnings: list[str]

    @property
    def fact_count(self) -> int:
        return len(self.relations) + len(self.crimes) + len(self.events) + len(self.claims)


@dataclass(frozen=True)
class Overview:
    """The data of the overview page."""

    title: str
    store: str
    generated: str
    counts: dict[str, int]
    by_language: dict[str, int]
    by_source: dict[str, int]
    by_publisher_kind: dict[str, int]
    fact_totals: dict[str, int]
    errors: list[dict[str, Any]]
    documents: list[DocumentRow]
    analyses: list[AnalysisView]
    limit: int
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def truncated(self) -> bool:
        return self.counts["documents"] > len(self.documents)


# -- assembling ----------------------------------------------------------------
def _names(analysis: Analysis) -> dict[str, str]:
    return {e.id: (e.names[0] if e.names else e.id) for e in analysis.entities}


def _first_evidence(entity: Entity) -> Evidence | None:
    for mention in entity.mentions:
        return Evidence(mention.start, mention.end, mention.sentence)
    return None


def _fact_counts(analysis: Analysis | None) -> dict[str, int]:
    """How many entities, relations, crimes, events and claims an analysis holds ({} without one)."""
    if analysis is None:
        return {}
    return {
        "entities": len(analysis.entities),
        "relations": len(analysis.relations),
        "crimes": len(analysis.crimes),
        "events": len(analysis.events),
        "claims": len(analysis.claims),
    }


def _value(value: float, qualifier: str) -> str:
    number = f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
    word = QUALIFIER_WORDS.get(qualifier, qualifier.replace("_", " "))
    return f"{word} {number}".strip()


def analysis_view(document: DocumentRow, analysis: Analysis, text: str | None) -> AnalysisView:
    """Lay out one analysis: entity ids become names, evidence becomes highlighted quotes."""
    names = _names(analysis)

    def name(entity_id: str | None) -> str | None:
        return None if entity_id is None else names.get(entity_id, entity_id)

    groups: list[tuple[str, list[EntityView]]] = []
    for etype, label in ENTITY_TYPES:
        views = [
            EntityView(
                id=e.id,
                type=e.type,
                name=names[e.id],
                other_names=[n for n in e.names[1:] if n not in e.aliases],
                aliases=[n for n in e.aliases if n != names[e.id]],
                subtype=e.subtype,
                role=e.role,
                country=e.country,
                key=e.key,
                confidence=e.confidence,
                mentions=len(e.mentions),
                quote=quote(_first_evidence(e), text),
            )
            for e in analysis.entities
            if e.type == etype
        ]
        if views:
            groups.append((label, sorted(views, key=lambda v: (-v.mentions, v.name.casefold()))))
    relations = [
        RelationView(
            names.get(r.subject, r.subject),
            r.type,
            names.get(r.object, r.object),
            r.confidence,
            quote(r.evidence, text),
        )
        for r in analysis.relations
    ]
    crimes = [
        CrimeView(names.get(c.subject, c.subject), c.type, c.confidence, quote(c.evidence, text))
        for c in analysis.crimes
    ]
    events = []
    for ev in sorted(analysis.events, key=lambda v: (v.date or "9999", v.id)):
        counts = [
            (k, n)
            for k, n in (("arrested", ev.arrested), ("rescued", ev.rescued), ("killed", ev.killed))
            if n is not None
        ]
        quotes = [q for q in (quote(x, text) for x in ev.evidence) if q is not None]
        events.append(
            EventView(
                id=ev.id,
                type=ev.type,
                date=ev.date,
                location=name(ev.location),
                agencies=[names.get(a, a) for a in ev.agencies],
                targets=[names.get(a, a) for a in ev.targets],
                counts=counts,
                seized=list(ev.seized),
                confidence=ev.confidence,
                quotes=quotes,
            )
        )
    claims = [
        ClaimView(
            names.get(c.subject, c.subject),
            c.attribute,
            _value(c.value, c.qualifier),
            name(c.location),
            c.confidence,
            quote(c.evidence, text),
        )
        for c in analysis.claims
    ]
    return AnalysisView(document, groups, relations, crimes, events, claims, list(analysis.warnings))


def build_overview(
    store: DocumentStore,
    *,
    limit: int = DEFAULT_LIMIT,
    title: str = "pista overview",
    now: datetime | None = None,
) -> Overview:
    """Gather the page's data from the store: counts, up to ``limit`` documents and their analyses."""
    if limit < 1:
        raise PistaError("the number of documents to show must be positive")
    stats = store.stats()
    errors = store.errors()[-MAX_ERRORS:]
    listing = store.listing()[:limit]
    listed = {d["id"] for d in listing}
    # Stream the analyses: totals cover them all, only the listed documents' are kept.
    analyses: dict[str, Analysis] = {}
    totals: Counter[str] = Counter()
    n_analysed = 0
    for doc_id, analysis in store.analyses():
        n_analysed += 1
        totals.update(_fact_counts(analysis))
        if doc_id in listed:
            analyses[doc_id] = analysis
    texts: dict[str, str] = {}
    urls: dict[str, str] = {}
    for doc in store.documents():
        if doc.id in listed and doc.url:
            urls[doc.id] = doc.url
        if doc.id in analyses:
            texts[doc.id] = doc.text
    rows = [
        DocumentRow(
            id=d["id"],
            title=d["title"],
            lang=d["lang"],
            lang_supported=d["lang_supported"],
            published=d["published"],
            words=d["words"] or 0,
            sources=d["sources"],
            analysed=d["id"] in analyses,
            url=urls.get(d["id"]),
            facts=_fact_counts(analyses.get(d["id"])),
        )
        for d in listing
    ]
    views = [analysis_view(row, analyses[row.id], texts.get(row.id)) for row in rows if row.analysed]
    counts = {
        "documents": stats["documents"],
        "languages": len(stats["by_language"]),
        "sources": len(stats["by_source"]),
        "document_sources": stats["document_sources"],
        "analysed": n_analysed,
        "errors": stats["ingest_errors"],
    }
    return Overview(
        title=title,
        store=store.engine.url.render_as_string(hide_password=True),
        generated=(now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC"),
        counts=counts,
        by_language=stats["by_language"],
        by_source=stats["by_source"],
        by_publisher_kind=stats["by_publisher_kind"],
        fact_totals={k: totals[k] for k in ("entities", "relations", "crimes", "events", "claims")},
        errors=errors,
        documents=rows,
        analyses=views,
        limit=limit,
    )


# -- rendering -----------------------------------------------------------------
def render_overview(overview: Overview) -> str:
    """The overview as one self-contained HTML page (inline CSS, no scripts, no external requests)."""
    return environment().get_template("overview.html").render(page=overview)


def write_overview(store: DocumentStore, out: Path, *, limit: int = DEFAULT_LIMIT) -> Path:
    """Build, render and write the overview page to ``out``; return the path written."""
    html = render_overview(build_overview(store, limit=limit))
    out = Path(out)
    if out.is_dir():
        raise PistaError(f"{out} is a folder: give a file name such as {out / 'report.html'}")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise PistaError(f"cannot write the report to {out}: {exc.strerror or exc}") from exc
    return out
