"""The criminal network: nodes, typed edges, and the measures an analyst asks for.

Input is plain data (``Node`` and ``Edge`` rows built from the resolved store), so the
measures can be tested on hand-built networks with known answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

EFFICIENCY_BUDGET = 10_000_000  # graph steps spent on efficiency losses in a large network
SAMPLE_ABOVE = 400
BETWEENNESS_SAMPLE = 200
CRIMINAL_SUBTYPES = frozenset({"criminal_group", "faction"})
# Relation types that carry the organization's structure (used for the structural view).
STRUCTURAL_TYPES = frozenset(
    {"leader_of", "member_of", "part_of", "subordinate_of", "allied_with", "rival_of", "family_of"}
)


@dataclass(frozen=True)
class Node:
    """A resolved person or organization."""

    key: str
    label: str
    type: str  # person | organization
    subtype: str | None = None
    role: str | None = None

    @property
    def criminal(self) -> bool:
        """Criminals, groups and factions: the side of the network an analyst targets."""
        return self.role == "criminal" or self.subtype in CRIMINAL_SUBTYPES


@dataclass(frozen=True)
class Edge:
    """A typed relation between two nodes, weighted by its independent sources."""

    source: str
    target: str
    type: str
    sources: int = 1
    confidence: float = 1.0
    kind: str = "relation"  # relation | co_mention (weaker: named in one sentence)

    @property
    def weight(self) -> float:
        base = self.sources * self.confidence
        return base * (0.25 if self.kind == "co_mention" else 1.0)


@dataclass
class Network:
    """A directed multigraph of typed edges, with an undirected weighted view for measures."""

    graph: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)

    @classmethod
    def build(
        cls,
        nodes: Iterable[Node],
        edges: Iterable[Edge],
        *,
        criminal_only: bool = True,
        co_mentions: bool = True,
    ) -> Network:
        graph = nx.MultiDiGraph()
        keep = {}
        for node in nodes:
            if criminal_only and not node.criminal:
                continue
            keep[node.key] = node
            graph.add_node(node.key, label=node.label, type=node.type, subtype=node.subtype, role=node.role)
        for edge in edges:
            if edge.source not in keep or edge.target not in keep or edge.source == edge.target:
                continue
            if edge.kind == "co_mention" and not co_mentions:
                continue
            graph.add_edge(
                edge.source,
                edge.target,
                type=edge.type,
                kind=edge.kind,
                sources=edge.sources,
                confidence=edge.confidence,
                weight=edge.weight,
            )
        return cls(graph)

    def undirected(self) -> nx.Graph:
        """One weighted undirected edge per connected pair (weights summed)."""
        simple = nx.Graph()
        simple.add_nodes_from(self.graph.nodes(data=True))
        for a, b, data in self.graph.edges(data=True):
            if simple.has_edge(a, b):
                simple[a][b]["weight"] += data["weight"]
            else:
                simple.add_edge(a, b, weight=data["weight"])
        return simple


@dataclass(frozen=True)
class NodeMeasures:
    key: str
    degree: float
    betweenness: float
    eigenvector: float
    core: int


def measures(network: Network) -> dict[str, NodeMeasures]:
    """Degree, betweenness, eigenvector centrality and k-core number of every node."""
    g = network.undirected()
    if g.number_of_nodes() == 0:
        return {}
    degree = nx.degree_centrality(g)
    # Betweenness over distances: a strong (well-sourced) tie is a short one.
    for _, _, data in g.edges(data=True):
        data["distance"] = 1.0 / data["weight"] if data["weight"] > 0 else 1e9
    # Above SAMPLE_ABOVE nodes betweenness is estimated from a fixed sample of sources.
    n = g.number_of_nodes()
    sample = BETWEENNESS_SAMPLE if n > SAMPLE_ABOVE else None
    betweenness = nx.betweenness_centrality(g, k=sample, weight="distance", normalized=True, seed=42)
    eigenvector = _eigenvector(g)
    core = nx.core_number(g)
    return {
        n: NodeMeasures(n, round(degree[n], 6), round(betweenness[n], 6), round(eigenvector[n], 6), core[n])
        for n in g.nodes
    }


def _eigenvector(g: nx.Graph) -> dict[str, float]:
    """Eigenvector centrality per connected component, scaled by the component's share of nodes."""
    out: dict[str, float] = {}
    total = g.number_of_nodes()
    for comp in nx.connected_components(g):
        sub = g.subgraph(comp)
        if sub.number_of_nodes() < 3:
            out.update({n: 0.0 for n in sub})
            continue
        values = nx.eigenvector_centrality(sub, weight="weight", max_iter=1000, tol=1e-8)
        share = sub.number_of_nodes() / total
        out.update({n: abs(v) * share for n, v in values.items()})
    return out


def communities(network: Network, *, seed: int = 42) -> list[list[str]]:
    """Candidate cells: Leiden communities of the undirected view (largest first, deterministic)."""
    import igraph as ig
    import leidenalg

    g = network.undirected()
    if g.number_of_nodes() == 0:
        return []
    names = sorted(g.nodes)
    index = {n: i for i, n in enumerate(names)}
    ig_graph = ig.Graph(n=len(names), edges=[(index[a], index[b]) for a, b in g.edges])
    weights = [g[a][b]["weight"] for a, b in g.edges]
    partition = leidenalg.find_partition(
        ig_graph, leidenalg.ModularityVertexPartition, weights=weights or None, seed=seed
    )
    groups = [sorted(names[i] for i in part) for part in partition]
    return sorted(groups, key=lambda grp: (-len(grp), grp))


@dataclass(frozen=True)
class KeyPlayer:
    """A node whose removal fragments the network: the cost of losing it, to the network."""

    key: str
    largest_component_drop: int  # nodes cut off from the largest connected part
    efficiency_drop: float  # loss of global efficiency (how easily the rest can reach each other)
    components_after: int


def key_players(
    network: Network,
    *,
    limit: int | None = None,
    efficiency_max_nodes: int = 150,
    efficiency_candidates: int = 25,
) -> list[KeyPlayer]:
    """Rank nodes by how much their removal fragments the (undirected) network.

    Loss of efficiency costs one all-pairs search per node; above ``efficiency_max_nodes`` it is
    computed only for the ``efficiency_candidates`` nodes that cut off most and have most ties
    (fewer, or none, when even that would take long; the others get 0.0), so a large network
    is ranked in seconds.
    """
    g = network.undirected()
    n = g.number_of_nodes()
    if n == 0:
        return []
    parts = list(nx.connected_components(g))
    largest = max(parts, key=len)
    base_lcc = len(largest)
    part_of = {x: i for i, part in enumerate(parts) for x in part}
    sizes = sorted((len(p) for p in parts), reverse=True)
    cutters = set(nx.articulation_points(g))
    cut: dict[str, tuple[int, int]] = {}  # node -> (cut off from the largest part, parts after removal)
    for node in g.nodes:
        part = parts[part_of[node]]
        if node not in cutters:  # its part stays whole (or vanishes, for an isolated node)
            cut[node] = (0, len(parts) - (1 if len(part) == 1 else 0))
            continue
        pieces = [len(c) for c in nx.connected_components(g.subgraph(part - {node}))]
        others = sizes[1] if len(sizes) > 1 else 0  # the largest part left elsewhere
        drop = base_lcc - max(max(pieces), others) - 1 if part is largest else 0
        cut[node] = (max(drop, 0), len(parts) - 1 + len(pieces))
    if n <= efficiency_max_nodes:
        candidates = set(g.nodes)
    else:
        # One efficiency costs about n * (n + m) steps: stay within a budget of some seconds.
        affordable = EFFICIENCY_BUDGET // (n * (n + g.number_of_edges()))
        by_cut = sorted(g.nodes, key=lambda x: (-cut[x][0], -g.degree(x), x))
        candidates = set(by_cut[: min(efficiency_candidates, affordable)])
    base_eff = nx.global_efficiency(g) if candidates else 0.0
    ranked = []
    for node in g.nodes:
        eff = 0.0
        if node in candidates and n > 1:
            rest = g.copy()
            rest.remove_node(node)
            eff = base_eff - nx.global_efficiency(rest)
        ranked.append(KeyPlayer(node, cut[node][0], round(eff, 6), cut[node][1]))
    ranked.sort(key=lambda k: (-k.largest_component_drop, -k.efficiency_drop, -k.components_after, k.key))
    return ranked[:limit] if limit else ranked


@dataclass(frozen=True)
class StatedLeader:
    """A person the reports call leader, with the chain of command below them."""

    key: str
    leads: tuple[str, ...]  # organizations they are stated to lead
    subordinates: int  # persons and organizations reporting to them, directly or not


def stated_leaders(network: Network) -> list[StatedLeader]:
    """Leaders as the text states them (leader_of, subordinate_of chains), most subordinates first."""
    g = network.graph
    command = nx.DiGraph()  # superior -> subordinate
    leads: dict[str, set[str]] = {}
    for a, b, data in g.edges(data=True):
        if data["type"] == "leader_of":
            leads.setdefault(a, set()).add(b)
            command.add_edge(a, b)
        elif data["type"] in ("subordinate_of", "member_of", "part_of"):
            command.add_edge(b, a)
    out = []
    for person, orgs in leads.items():
        below = nx.descendants(command, person) - {person}
        out.append(StatedLeader(person, tuple(sorted(orgs)), len(below)))
    for _, b, data in g.edges(data=True):
        if data["type"] == "subordinate_of" and g.nodes[b].get("type") == "person" and b not in leads:
            leads[b] = set()
            out.append(StatedLeader(b, (), len(nx.descendants(command, b))))
    return sorted(out, key=lambda s: (-s.subordinates, s.key))
