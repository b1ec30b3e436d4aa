"""Network measures on hand-built networks whose answers are known."""

from __future__ import annotations

from pista.analysis.network import Edge, Network, Node, communities, key_players, measures, stated_leaders


def person(key: str, role: str = "criminal") -> Node:
    return Node(key, key.upper(), "person", None, role)


def star(n: int = 6) -> Network:
    nodes = [person("hub")] + [person(f"p{i}") for i in range(n)]
    edges = [Edge(f"p{i}", "hub", "subordinate_of") for i in range(n)]
    return Network.build(nodes, edges)


def two_cells() -> Network:
    """Two tight cells of four joined only through one broker."""
    nodes = [person("broker")] + [person(f"a{i}") for i in range(4)] + [person(f"b{i}") for i in range(4)]
    edges = []
    for cell in ("a", "b"):
        members = [f"{cell}{i}" for i in range(4)]
        edges += [Edge(x, y, "allied_with") for i, x in enumerate(members) for y in members[i + 1 :]]
    edges += [Edge("broker", "a0", "allied_with"), Edge("broker", "b0", "allied_with")]
    return Network.build(nodes, edges)


def test_star_hub_is_central_and_key_player() -> None:
    net = star()
    m = measures(net)
    assert max(m.values(), key=lambda x: x.degree).key == "hub"
    assert m["hub"].betweenness == 1.0
    assert all(m[f"p{i}"].betweenness == 0.0 for i in range(6))
    top = key_players(net)[0]
    assert top.key == "hub"
    assert top.largest_component_drop == 5  # six leaves fall apart: the largest part left is one node
    assert top.components_after == 6


def test_broker_between_two_cells() -> None:
    net = two_cells()
    m = measures(net)
    assert max(m.values(), key=lambda x: x.betweenness).key == "broker"
    players = key_players(net)
    assert players[0].key in {"broker", "a0", "b0"}
    assert {p.key for p in players[:3]} == {"broker", "a0", "b0"}
    assert players[-1].largest_component_drop == 0


def test_two_cells_are_found_as_communities() -> None:
    cells = communities(two_cells())
    as_sets = [set(c) for c in cells]
    assert any({"a0", "a1", "a2", "a3"} <= c for c in as_sets)
    assert any({"b0", "b1", "b2", "b3"} <= c for c in as_sets)
    assert not any({"a1", "b1"} <= c for c in as_sets)


def test_communities_are_deterministic() -> None:
    assert communities(two_cells()) == communities(two_cells())


def test_chain_of_command_ranks_the_top_leader_first() -> None:
    nodes = [person("boss"), person("lieutenant"), person("soldier1"), person("soldier2")]
    nodes.append(Node("gang", "Gang", "organization", "criminal_group"))
    edges = [
        Edge("boss", "gang", "leader_of"),
        Edge("lieutenant", "boss", "subordinate_of"),
        Edge("soldier1", "lieutenant", "subordinate_of"),
        Edge("soldier2", "lieutenant", "subordinate_of"),
    ]
    leaders = stated_leaders(Network.build(nodes, edges))
    assert leaders[0].key == "boss"
    assert leaders[0].leads == ("gang",)
    assert leaders[0].subordinates == 4  # the gang, the lieutenant and two soldiers
    assert [x.key for x in leaders] == ["boss", "lieutenant"]


def test_criminal_view_leaves_out_officials_and_agencies() -> None:
    nodes = [
        person("boss"),
        person("general", role="official"),
        Node("police", "Police", "organization", "agency"),
    ]
    nodes.append(Node("gang", "Gang", "organization", "criminal_group"))
    edges = [Edge("boss", "gang", "leader_of"), Edge("general", "police", "official_of")]
    net = Network.build(nodes, edges)
    assert set(net.graph.nodes) == {"boss", "gang"}
    everyone = Network.build(nodes, edges, criminal_only=False)
    assert set(everyone.graph.nodes) == {"boss", "gang", "general", "police"}


def test_co_mentions_are_weaker_than_relations() -> None:
    assert Edge("a", "b", "co_mention", kind="co_mention").weight < Edge("a", "b", "member_of").weight
    net = Network.build(
        [person("a"), person("b")], [Edge("a", "b", "co_mention", kind="co_mention")], co_mentions=False
    )
    assert net.graph.number_of_edges() == 0


def test_empty_network_has_no_measures() -> None:
    empty = Network.build([], [])
    assert measures(empty) == {}
    assert communities(empty) == []
    assert key_players(empty) == []


def _brute_force_cuts(net: Network) -> dict[str, tuple[int, int]]:
    """Remove each node in turn and measure (the slow, obvious way)."""
    import networkx as nx

    g = net.undirected()
    largest = max(nx.connected_components(g), key=len)
    out = {}
    for node in g.nodes:
        h = g.copy()
        h.remove_node(node)
        comps = list(nx.connected_components(h))
        lcc = max((len(c) for c in comps), default=0)
        out[node] = (max(len(largest) - lcc - 1, 0) if node in largest else 0, len(comps))
    return out


def test_key_player_cuts_match_removing_each_node() -> None:
    import random

    rng = random.Random(7)
    for _ in range(60):
        n = rng.randint(1, 18)
        nodes = [person(f"n{i}") for i in range(n)]
        edges = [
            Edge(f"n{rng.randrange(n)}", f"n{rng.randrange(n)}", "member_of")
            for _ in range(rng.randint(0, 2 * n))
        ]
        net = Network.build(nodes, edges)
        found = {k.key: (k.largest_component_drop, k.components_after) for k in key_players(net)}
        assert found == _brute_force_cuts(net)


def test_large_networks_limit_efficiency_to_a_few_candidates() -> None:
    net = Network.build(
        [person("hub")] + [person(f"p{i}") for i in range(200)],
        [Edge(f"p{i}", "hub", "member_of") for i in range(200)],
    )
    ranked = key_players(net, efficiency_max_nodes=50, efficiency_candidates=3)
    assert ranked[0].key == "hub" and ranked[0].largest_component_drop == 199
    assert sum(1 for k in ranked if k.efficiency_drop != 0.0) <= 3
