"""The network from the resolved store: resolved people and organizations, typed and co-mention edges.

Each document's relations are mapped from its local entity ids to resolved keys; one edge per
(subject, object, type) counts the distinct documents stating it (its independent sources) and
their mean confidence. Two entities named in one sentence with no stated relation get a weaker
``co_mention`` edge. ``analyse`` adds the measures, candidate cells, key players and stated leaders.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from pista.analysis.corpus import Corpus, EvidenceRef, evidence_ref
from pista.analysis.network import (
    Edge,
    KeyPlayer,
    Network,
    Node,
    NodeMeasures,
    StatedLeader,
    communities,
    key_players,
    measures,
    stated_leaders,
)
from pista.documents import SYMMETRIC_RELATIONS

ACTOR_TYPES = ("person", "organization")
PLACE_RELATIONS = frozenset({"operates_in", "headquartered_in", "imprisoned_in"})
CO_MENTION = "co_mention"


@dataclass
class Link:
    """One edge of the network with every sentence stating it."""

    edge: Edge
    evidence: list[EvidenceRef]


@dataclass
class NetworkView:
    """The network of a period, with what an analyst reads from it."""

    network: Network
    nodes: dict[str, Node]
    links: list[Link]
    node_country: dict[str, str | None]
    node_documents: dict[str, int]
    measures: dict[str, NodeMeasures] = field(default_factory=dict)
    cells: list[list[str]] = field(default_factory=list)
    key_players: list[KeyPlayer] = field(default_factory=list)
    stated_leaders: list[StatedLeader] = field(default_factory=list)

    @property
    def community_of(self) -> dict[str, int]:
        return {key: n + 1 for n, cell in enumerate(self.cells) for key in cell}

    @property
    def key_player_rank(self) -> dict[str, int]:
        """Rank 1 = whose capture would hurt the network most; only nodes whose removal costs something."""
        ranked = [k for k in self.key_players if k.largest_component_drop > 0 or k.efficiency_drop > 0]
        return {k.key: n + 1 for n, k in enumerate(ranked)}

    def label(self, key: str) -> str:
        node = self.nodes.get(key)
        return node.label if node else key


def actor_nodes(corpus: Corpus) -> dict[str, Node]:
    """Every resolved person and organization named in the period, with its majority role."""
    nodes = {}
    for key, data in corpus.entities.items():
        if data["type"] not in ACTOR_TYPES:
            continue
        role = corpus.majority(key, "role") if data["type"] == "person" else None
        nodes[key] = Node(key, data["canonical"], data["type"], data.get("subtype"), role)
    return nodes


def relation_links(corpus: Corpus, *, types: frozenset[str] | None = None) -> list[Link]:
    """Relations between resolved keys, one per (subject, object, type), with their documents."""
    docs: dict[tuple[str, str, str], dict[str, float]] = defaultdict(dict)
    evidence: dict[tuple[str, str, str], list[EvidenceRef]] = defaultdict(list)
    for doc_id, analysis in sorted(corpus.analyses.items()):
        for r in analysis.relations:
            if types is not None and r.type not in types:
                continue
            a, b = corpus.key_of(doc_id, r.subject), corpus.key_of(doc_id, r.object)
            if not a or not b or a == b:
                continue
            if r.type in SYMMETRIC_RELATIONS and b < a:
                a, b = b, a
            k = (a, b, r.type)
            docs[k][doc_id] = max(docs[k].get(doc_id, 0.0), r.confidence)
            evidence[k].append(evidence_ref(doc_id, r.evidence))
    links = []
    for (a, b, rtype), per_doc in sorted(docs.items()):
        confidence = round(sum(per_doc.values()) / len(per_doc), 3)
        links.append(Link(Edge(a, b, rtype, len(per_doc), confidence), evidence[(a, b, rtype)]))
    return links


def co_mention_links(corpus: Corpus, actors: set[str], related: set[frozenset[str]]) -> list[Link]:
    """Actors named in one sentence with no stated relation between them (a weaker tie)."""
    docs: dict[tuple[str, str], set[str]] = defaultdict(set)
    evidence: dict[tuple[str, str], list[EvidenceRef]] = defaultdict(list)
    for doc_id, analysis in sorted(corpus.analyses.items()):
        by_sentence: dict[str, set[str]] = defaultdict(set)
        for e in analysis.entities:
            key = corpus.key_of(doc_id, e.id)
            if key not in actors:
                continue
            for m in e.mentions:
                if m.sentence:
                    by_sentence[m.sentence].add(key)
        for sentence, keys in by_sentence.items():
            for a, b in combinations(sorted(keys), 2):
                if frozenset((a, b)) in related:
                    continue
                if doc_id not in docs[(a, b)]:
                    evidence[(a, b)].append(EvidenceRef(doc_id, sentence))
                docs[(a, b)].add(doc_id)
    return [
        Link(Edge(a, b, CO_MENTION, len(d), 1.0, kind=CO_MENTION), evidence[(a, b)])
        for (a, b), d in sorted(docs.items())
    ]


def build_view(corpus: Corpus, *, everyone: bool = False, co_mentions: bool = True) -> NetworkView:
    """The network of the corpus: the criminal side only unless ``everyone``."""
    nodes = actor_nodes(corpus)
    relations = [
        link
        for link in relation_links(corpus)
        if link.edge.type not in PLACE_RELATIONS and link.edge.source in nodes and link.edge.target in nodes
    ]
    related = {frozenset((x.edge.source, x.edge.target)) for x in relations}
    links = relations + (co_mention_links(corpus, set(nodes), related) if co_mentions else [])
    network = Network.build(nodes.values(), [x.edge for x in links], criminal_only=not everyone)
    kept = set(network.graph.nodes)
    links = [x for x in links if x.edge.source in kept and x.edge.target in kept]
    return NetworkView(
        network=network,
        nodes={k: n for k, n in nodes.items() if k in kept},
        links=links,
        node_country={k: corpus.majority(k, "country") for k in kept},
        node_documents={k: len(corpus.entity_documents(k)) for k in kept},
    )


def analyse(view: NetworkView, *, key_player_limit: int | None = None) -> NetworkView:
    """Fill in the measures, candidate cells, key players and stated leaders (in place)."""
    view.measures = measures(view.network)
    view.cells = communities(view.network)
    view.key_players = key_players(view.network, limit=key_player_limit)
    view.stated_leaders = stated_leaders(view.network)
    return view


def network_of(corpus: Corpus, *, everyone: bool = False, co_mentions: bool = True) -> NetworkView:
    """Build and analyse the network in one call."""
    return analyse(build_view(corpus, everyone=everyone, co_mentions=co_mentions))
