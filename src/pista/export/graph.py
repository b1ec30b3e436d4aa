"""The network as GraphML, GEXF (Gephi) or node-link JSON, with measures, cells and key players.

Node attributes: label, type, subtype, role, country, documents, degree, betweenness,
eigenvector, core, community, key_player_rank (0 = not a key player). Edge attributes: type,
kind (relation or co_mention), sources, confidence, weight (in GEXF, where an edge's "type" is
reserved, the relation type is ``relation`` and the edge's label). The JSON file also carries the
sentences every edge rests on.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
from sqlalchemy import Engine

from pista.analysis.corpus import Period, load_corpus
from pista.analysis.graph import NetworkView, network_of
from pista.errors import PistaError


def network_for_export(
    engine: Engine, *, since: str | None = None, until: str | None = None, everyone: bool = False
) -> NetworkView:
    corpus = load_corpus(engine, Period(since, until))
    if not corpus.resolved:
        raise PistaError(
            "the store holds no resolved entities: run `pista extract --store` and `pista resolve`"
        )
    return network_of(corpus, everyone=everyone)


def to_networkx(view: NetworkView) -> nx.MultiDiGraph:
    """A directed multigraph (one edge per relation type) with plain, file-friendly attributes."""
    community = view.community_of
    rank = view.key_player_rank
    graph = nx.MultiDiGraph(name="pista network")
    for key, node in sorted(view.nodes.items()):
        m = view.measures.get(key)
        graph.add_node(
            key,
            label=node.label,
            type=node.type,
            subtype=node.subtype or "",
            role=node.role or "",
            country=view.node_country.get(key) or "",
            documents=view.node_documents.get(key, 0),
            degree=m.degree if m else 0.0,
            betweenness=m.betweenness if m else 0.0,
            eigenvector=m.eigenvector if m else 0.0,
            core=m.core if m else 0,
            community=community.get(key, 0),
            key_player_rank=rank.get(key, 0),
        )
    for link in view.links:
        e = link.edge
        graph.add_edge(
            e.source,
            e.target,
            key=e.type,
            type=e.type,
            kind=e.kind,
            sources=e.sources,
            confidence=float(e.confidence),
            weight=float(e.weight),
        )
    return graph


def _write(out: Path, write: Any) -> None:
    out = Path(out)
    if out.is_dir():
        raise PistaError(f"{out} is a folder: give a file name")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write(out)
    except OSError as exc:
        raise PistaError(f"cannot write {out}: {exc.strerror or exc}") from exc


def write_graphml(
    engine: Engine, out: Path, *, since: str | None = None, until: str | None = None, everyone: bool = False
) -> int:
    graph = to_networkx(network_for_export(engine, since=since, until=until, everyone=everyone))
    _write(out, lambda path: nx.write_graphml(graph, path, named_key_ids=True))
    return graph.number_of_nodes() + graph.number_of_edges()


def write_gexf(
    engine: Engine, out: Path, *, since: str | None = None, until: str | None = None, everyone: bool = False
) -> int:
    graph = to_networkx(network_for_export(engine, since=since, until=until, everyone=everyone))
    # GEXF reserves an edge's "type" for directed/undirected: the relation goes in "relation" and "label".
    for _, _, data in graph.edges(data=True):
        data["relation"] = data.pop("type")
        data["label"] = data["relation"]
    _write(out, lambda path: nx.write_gexf(graph, path))
    return graph.number_of_nodes() + graph.number_of_edges()


def node_link(view: NetworkView) -> dict[str, Any]:
    """Node-link data (readable by ``networkx.node_link_graph(data, edges="links")``) with evidence."""
    graph = to_networkx(view)
    players = {p.key: p for p in view.key_players}
    nodes = [{"id": key, **data} for key, data in graph.nodes(data=True)]
    links = [
        {
            "source": link.edge.source,
            "target": link.edge.target,
            "key": link.edge.type,
            **graph.edges[link.edge.source, link.edge.target, link.edge.type],
            "evidence": [e.to_dict() for e in link.evidence],
        }
        for link in view.links
    ]
    return {
        "directed": True,
        "multigraph": True,
        "graph": {"name": "pista network"},
        "nodes": nodes,
        "links": links,
        "communities": view.cells,
        "key_players": [
            {
                "key": key,
                "rank": n,
                "largest_component_drop": players[key].largest_component_drop,
                "efficiency_drop": players[key].efficiency_drop,
            }
            for key, n in sorted(view.key_player_rank.items(), key=lambda kv: kv[1])
        ],
        "stated_leaders": [
            {"key": s.key, "leads": list(s.leads), "subordinates": s.subordinates}
            for s in view.stated_leaders
        ],
    }


def write_json(
    engine: Engine, out: Path, *, since: str | None = None, until: str | None = None, everyone: bool = False
) -> int:
    data = node_link(network_for_export(engine, since=since, until=until, everyone=everyone))
    text = json.dumps(data, ensure_ascii=False, indent=1)
    _write(out, lambda path: path.write_text(text, encoding="utf-8"))
    return len(data["nodes"]) + len(data["links"])
