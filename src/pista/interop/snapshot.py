"""The resolved store as one structure for exporters: entities, relations, events, sources.

Facts are kept when they come from a document published within ``since``..``until`` (both
optional, ISO dates); a document without a date is kept only when no bound is given.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select

from pista.store import schema as t
from pista.store.resolution import ResolutionStore, load_corpus


@dataclass
class SourceDoc:
    id: str
    title: str | None
    url: str | None
    published: str | None
    lang: str | None
    sources: list[dict[str, Any]] = field(default_factory=list)  # {source, publisher_kind, url, origin}

    @property
    def publisher(self) -> str | None:
        return self.sources[0]["source"] if self.sources else None

    @property
    def publisher_kind(self) -> str:
        return self.sources[0]["publisher_kind"] if self.sources else "other"


@dataclass
class LinkFact:
    """One relation between two resolved entities, with every document stating it."""

    type: str
    subject: str
    object: str
    documents: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    confidence: float = 0.0


@dataclass
class Unresolved:
    document: str
    type: str
    name: str
    country: str | None


@dataclass
class Snapshot:
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> resolved entity data
    relations: list[LinkFact] = field(default_factory=list)
    crimes: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # key -> crime -> docs
    claims: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # key -> claims with document
    events: list[dict[str, Any]] = field(default_factory=list)
    documents: dict[str, SourceDoc] = field(default_factory=dict)
    unresolved: list[Unresolved] = field(default_factory=list)

    def name(self, key: str) -> str:
        ent = self.entities.get(key)
        return str(ent["canonical"]) if ent else key


def _in_range(published: str | None, since: str | None, until: str | None) -> bool:
    if since is None and until is None:
        return True
    if not published:
        return False
    day = published[:10]
    if since is not None and day < since[: len(day)]:
        return False
    return not (until is not None and day[: len(until)] > until)


def load_snapshot(engine: Engine, *, since: str | None = None, until: str | None = None) -> Snapshot:
    """What ``pista resolve`` stored, restricted to documents published in the range."""
    snap = Snapshot()
    with engine.connect() as conn:
        docs = conn.execute(
            select(
                t.documents.c.id,
                t.documents.c.title,
                t.documents.c.url,
                t.documents.c.published,
                t.documents.c.lang,
            ).order_by(t.documents.c.id)
        ).all()
        srcs = conn.execute(select(t.document_sources).order_by(t.document_sources.c.id)).all()
    for d in docs:
        if _in_range(d.published, since, until):
            snap.documents[d.id] = SourceDoc(d.id, d.title, d.url, d.published, d.lang)
    for src in srcs:
        if src.document_id in snap.documents:
            snap.documents[src.document_id].sources.append(
                {
                    "source": src.source,
                    "publisher_kind": src.publisher_kind,
                    "url": src.url,
                    "origin": src.origin,
                }
            )
    kept = set(snap.documents)
    store = ResolutionStore(engine)
    for ent in store.resolved_entities():
        documents = [d for d in ent.get("documents") or [] if d in kept]
        if not documents:
            continue
        ent = dict(ent)
        ent["documents"] = documents
        ent["names"] = {n: [d for d in ds if d in kept] for n, ds in ent["names"].items()}
        ent["names"] = {n: ds for n, ds in ent["names"].items() if ds}
        ent["aliases"] = {n: [d for d in ds if d in kept] for n, ds in ent["aliases"].items()}
        ent["aliases"] = {n: ds for n, ds in ent["aliases"].items() if ds}
        snap.entities[ent["key"]] = ent
    keys = store.entity_keys()
    links: dict[tuple[str, str, str], LinkFact] = {}
    crimes: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    corpus, _ = load_corpus(engine)
    for doc_id, analysis in corpus:
        if doc_id not in kept:
            continue
        for e in analysis.entities:
            key = keys.get((doc_id, e.id))
            if key is None or key not in snap.entities:
                name = (e.names or e.aliases or [""])[0]
                if name:
                    snap.unresolved.append(Unresolved(doc_id, e.type, name, e.country))
        for r in analysis.relations:
            s, o = keys.get((doc_id, r.subject)), keys.get((doc_id, r.object))
            if not s or not o or s not in snap.entities or o not in snap.entities or s == o:
                continue
            link = links.setdefault((r.type, s, o), LinkFact(r.type, s, o))
            if doc_id not in link.documents:
                link.documents.append(doc_id)
            if r.evidence and r.evidence.sentence and r.evidence.sentence not in link.sentences:
                link.sentences.append(r.evidence.sentence)
            link.confidence = max(link.confidence, r.confidence)
        for c in analysis.crimes:
            k = keys.get((doc_id, c.subject))
            if k in snap.entities:
                crimes[k][c.type].add(doc_id)
        for cl in analysis.claims:
            k = keys.get((doc_id, cl.subject))
            if k in snap.entities:
                snap.claims.setdefault(k, []).append({**cl.to_dict(), "document": doc_id})
    snap.relations = sorted(links.values(), key=lambda x: (x.type, x.subject, x.object))
    snap.crimes = {k: {c: sorted(ds) for c, ds in sorted(v.items())} for k, v in sorted(crimes.items())}
    for ev in store.resolved_events():
        documents = [d for d in ev.get("documents") or [] if d in kept]
        if documents:
            snap.events.append({**ev, "documents": documents})
    return snap


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
