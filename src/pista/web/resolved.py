"""The resolved store as the analyst pages read it: entities, their evidence, events, the graph.

Relations live inside each document's analysis, keyed by the document's local entity ids;
``ResolvedIndex`` maps them once onto resolved keys so a graph neighbourhood is a walk in
memory. The index is rebuilt when a new resolution is saved (checked at most every few
seconds). This is the seam to ``pista.analysis``: when it offers a network built from the
store, ``ResolvedIndex.build`` is the one place to switch over.
"""

from __future__ import annotations

import gc
import json
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from sqlalchemy import Engine, func, select

from pista.analysis.network import Edge, Network, Node, key_players
from pista.store import schema as t

RECHECK_SECONDS = 3.0
MAX_GRAPH_NODES = 200
MAX_EDGE_DOCUMENTS = 10  # document ids listed per relation (``sources`` counts them all)
MAX_EVIDENCE_DOCUMENTS = 60
KEY_PLAYERS = 3
EXACT_KEY_PLAYERS_UP_TO = 80  # nodes; above, key players are approximated by sampled betweenness


@dataclass(frozen=True)
class EntityRow:
    key: str
    type: str
    subtype: str | None
    canonical: str
    n_documents: int
    roles: tuple[str, ...]
    countries: tuple[str, ...]


GroupKey = tuple[str, str, str]


@dataclass(frozen=True)
class EdgeRow:
    """One relation stated in one document, between two resolved entities."""

    source: str
    target: str
    type: str
    document_id: str
    confidence: float
    date: str | None  # the document's publication date


@dataclass
class ResolvedIndex:
    stamp: tuple[int, int]
    entities: dict[str, EntityRow] = field(default_factory=dict)
    edges: list[EdgeRow] = field(default_factory=list)
    # (source, target, type) -> the documents' statements of that relation
    groups: dict[GroupKey, list[EdgeRow]] = field(default_factory=lambda: defaultdict(list))
    # entity -> its relation groups, best attested first
    adjacency: dict[str, list[GroupKey]] = field(default_factory=lambda: defaultdict(list))
    events_of: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def build(cls, engine: Engine, stamp: tuple[int, int]) -> ResolvedIndex:
        index = cls(stamp)
        with engine.connect() as conn:
            for r in conn.execute(select(t.resolved_entities)):
                data = json.loads(r.data)
                index.entities[r.key] = EntityRow(
                    r.key,
                    r.type,
                    r.subtype,
                    r.canonical,
                    int(r.n_documents),
                    tuple(data.get("roles") or ()),
                    tuple(data.get("countries") or ()),
                )
            keys = {(r.document_id, r.entity_id): r.key for r in conn.execute(select(t.entity_keys))}
            published = dict(conn.execute(select(t.documents.c.id, t.documents.c.published)).tuples().all())
            for r in conn.execute(select(t.resolved_events.c.key, t.resolved_events.c.data)):
                data = json.loads(r.data)
                for k in [*data.get("locations", []), *data.get("agencies", []), *data.get("targets", [])]:
                    index.events_of[k].add(r.key)
            for r in conn.execute(select(t.analyses.c.document_id, t.analyses.c.result)):
                try:
                    result = json.loads(r.result)
                except ValueError:
                    continue
                relations = result.get("relations") or []
                date = published.get(r.document_id) or result.get("published")
                for rel in relations:
                    a = keys.get((r.document_id, rel.get("subject")))
                    b = keys.get((r.document_id, rel.get("object")))
                    if a is None or b is None or a == b:
                        continue
                    index.add_edge(
                        EdgeRow(
                            a,
                            b,
                            str(rel.get("type")),
                            r.document_id,
                            float(rel.get("confidence") or 0.0),
                            date,
                        )
                    )
        index.link()
        return index

    def add_edge(self, edge: EdgeRow) -> None:
        self.edges.append(edge)
        self.groups[(edge.source, edge.target, edge.type)].append(edge)

    def link(self) -> None:
        """Fill ``adjacency`` from ``groups`` (call after the last ``add_edge``)."""
        self.adjacency = defaultdict(list)
        for group in sorted(self.groups, key=lambda g: (-len(self.groups[g]), g)):
            self.adjacency[group[0]].append(group)
            self.adjacency[group[1]].append(group)


_lock = threading.Lock()


def _stamp(engine: Engine) -> tuple[int, int]:
    """Changes whenever a resolution is saved (every save writes one ``resolve`` audit line)."""
    with engine.connect() as conn:
        last = conn.execute(
            select(func.max(t.audit_log.c.id)).where(t.audit_log.c.action == "resolve")
        ).scalar_one()
        n = conn.execute(select(func.count()).select_from(t.resolved_entities)).scalar_one()
    return int(last or 0), int(n)


def resolved_index(engine: Engine, state: Any, *, fresh: bool = False) -> ResolvedIndex:
    """The index kept on the application ``state``, rebuilt when the resolution changed."""
    with _lock:
        index: ResolvedIndex | None = getattr(state, "resolved_index", None)
        checked: float = getattr(state, "resolved_checked", 0.0)
        now = time.monotonic()
        if index is not None and not fresh and now - checked < RECHECK_SECONDS:
            return index
        stamp = _stamp(engine)
        if index is None or index.stamp != stamp:
            index = ResolvedIndex.build(engine, stamp)
            # The index is long-lived: keep the collector from rescanning it on every full pass
            # (pauses of half a second on a large store); the previous one is released first.
            state.resolved_index = None
            gc.unfreeze()
            gc.collect()
            gc.freeze()
        state.resolved_index = index
        state.resolved_checked = now
        return index


def analysis_profile(engine: Engine, state: Any, key: str) -> dict[str, Any] | None:
    """The full organization profile of ``pista.analysis.profile`` (factions, totals, disputed
    figures, timeline), over a corpus read once per resolution; None when that module is absent."""
    try:
        from pista.analysis.corpus import load_corpus
        from pista.analysis.profile import build_profile
    except ImportError:
        return None
    index = resolved_index(engine, state)
    with _lock:
        cached = getattr(state, "analysis_corpus", None)
        if cached is None or cached[0] != index.stamp:
            cached = (index.stamp, load_corpus(engine))
            state.analysis_corpus = cached
    corpus = cached[1]
    if key not in corpus.entities:
        return None
    data: dict[str, Any] = build_profile(corpus, key).to_dict()
    return data


# -- neighbourhoods -----------------------------------------------------------------------


@dataclass
class GraphFilter:
    depth: int = 1
    entity_types: frozenset[str] = frozenset()
    relation_types: frozenset[str] = frozenset()
    since: str | None = None
    until: str | None = None
    min_confidence: float = 0.0

    @property
    def trivial(self) -> bool:
        """True when no relation is filtered out."""
        return not (self.relation_types or self.min_confidence > 0 or self.since or self.until)

    def keeps(self, edge: EdgeRow) -> bool:
        if self.relation_types and edge.type not in self.relation_types:
            return False
        if edge.confidence < self.min_confidence:
            return False
        if self.since and (edge.date is None or edge.date[: len(self.since)] < self.since):
            return False
        return not (self.until and (edge.date is None or edge.date[: len(self.until)] > self.until))


def neighbourhood(index: ResolvedIndex, key: str, flt: GraphFilter) -> dict[str, Any]:
    """Nodes within ``flt.depth`` relations of ``key`` and the relations among them, aggregated
    per (source, target, type), with the neighbourhood's key players flagged."""
    if key not in index.entities:
        raise KeyError(key)

    def node_ok(k: str) -> bool:
        row = index.entities.get(k)
        return row is not None and (not flt.entity_types or row.type in flt.entity_types or k == key)

    trivial = flt.trivial
    kept: dict[GroupKey, list[EdgeRow]] = {}

    def rows(group: GroupKey) -> list[EdgeRow]:
        if trivial:
            return index.groups[group]
        if group not in kept:
            kept[group] = [e for e in index.groups[group] if flt.keeps(e)]
        return kept[group]

    seen = {key: 0}
    frontier = [key]
    truncated = False
    for level in range(1, flt.depth + 1):
        nxt: list[str] = []
        for k in frontier:
            for group in index.adjacency.get(k, ()):
                other = group[1] if group[0] == k else group[0]
                if other in seen or not node_ok(other) or not rows(group):
                    continue
                if len(seen) >= MAX_GRAPH_NODES:
                    truncated = True
                    break
                seen[other] = level
                nxt.append(other)
            if truncated:
                break
        frontier = nxt
        if truncated:
            break
    done: set[GroupKey] = set()
    edges: list[dict[str, Any]] = []
    for k in seen:
        for group in index.adjacency.get(k, ()):
            a, b, rtype = group
            if group in done or a not in seen or b not in seen:
                continue
            done.add(group)
            found = rows(group)
            if not found:
                continue
            docs = sorted({r.document_id for r in found})
            dates = sorted(r.date for r in found if r.date)
            edges.append(
                {
                    "id": f"{a}|{rtype}|{b}",
                    "source": a,
                    "target": b,
                    "type": rtype,
                    "documents": docs[:MAX_EDGE_DOCUMENTS],
                    "sources": len(docs),
                    "confidence": round(max(r.confidence for r in found), 3),
                    "first_seen": dates[0] if dates else None,
                    "last_seen": dates[-1] if dates else None,
                }
            )
    edges.sort(key=lambda e: str(e["id"]))
    players = _key_players(index, seen, edges)
    nodes = []
    for k, distance in sorted(seen.items(), key=lambda kv: (kv[1], kv[0])):
        row = index.entities[k]
        nodes.append(
            {
                "key": k,
                "label": row.canonical,
                "type": row.type,
                "subtype": row.subtype,
                "roles": list(row.roles),
                "documents": row.n_documents,
                "distance": distance,
                "key_player": k in players,
                "center": k == key,
            }
        )
    return {"center": key, "depth": flt.depth, "truncated": truncated, "nodes": nodes, "edges": edges}


def _key_players(index: ResolvedIndex, keys: dict[str, int], edges: list[dict[str, Any]]) -> set[str]:
    """The few nodes whose removal fragments this neighbourhood most (none in a trivial one)."""
    if len(keys) < 3:
        return set()
    network = Network.build(
        (Node(k, index.entities[k].canonical, index.entities[k].type) for k in keys),
        (Edge(e["source"], e["target"], e["type"], e["sources"], e["confidence"]) for e in edges),
        criminal_only=False,
    )
    if len(keys) <= EXACT_KEY_PLAYERS_UP_TO:
        ranked = key_players(network, limit=KEY_PLAYERS, efficiency_max_nodes=60)
        return {p.key for p in ranked if p.largest_component_drop > 0 or p.efficiency_drop > 0}
    # Removing each node in turn is too slow for a page; take the brokers (sampled betweenness).
    g = network.undirected()
    scores = nx.betweenness_centrality(g, k=min(len(g), 20), seed=7)
    ranked_keys = sorted(scores, key=lambda k: (-scores[k], k))[:KEY_PLAYERS]
    return {k for k in ranked_keys if scores[k] > 0}
