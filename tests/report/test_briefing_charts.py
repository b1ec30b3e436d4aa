"""The inline SVG charts: deterministic drawings, large networks drawn around the organization, escaping."""

from __future__ import annotations

from pista.analysis.graph import Link, NetworkView, analyse
from pista.analysis.network import Edge, Network, Node
from pista.analysis.profile import Figure, TimelineEvent
from pista.report.briefing import drawn
from pista.report.svg import bar_chart, network_svg, timeline_svg


def chain_view(n: int) -> NetworkView:
    """A chain of criminals p0 - p1 - ... with one group at its start."""
    nodes = {"grp": Node("grp", "Grupo <b>", "organization", "criminal_group")}
    nodes |= {f"p{i}": Node(f"p{i}", f"P{i}", "person", None, "criminal") for i in range(n)}
    edges = [Edge("p0", "grp", "leader_of")] + [
        Edge(f"p{i + 1}", f"p{i}", "subordinate_of") for i in range(n - 1)
    ]
    network = Network.build(nodes.values(), edges)
    view = NetworkView(network, nodes, [Link(e, []) for e in edges], {}, {})
    return analyse(view)


def test_the_network_drawing_is_deterministic_and_escaped() -> None:
    view = chain_view(6)
    first = network_svg(view, highlight="grp")
    assert first == network_svg(view, highlight="grp")
    assert "Grupo &lt;b&gt;" in first and "Grupo <b>" not in first
    assert first.count("<circle") >= 7
    assert "#1 " in first  # the top key player is numbered


def test_a_large_network_is_drawn_around_the_organization() -> None:
    view = chain_view(40)
    part = drawn(view, "grp", limit=10)
    assert part.number_of_nodes() == 10
    assert {"grp", "p0", "p1"} <= set(part.nodes)  # the nearest first
    assert drawn(view, "grp", limit=100).number_of_nodes() == 41


def test_timeline_places_undated_events_at_their_first_report() -> None:
    dated = TimelineEvent(
        "e1",
        "2023-05-03",
        "operation",
        ["Lima"],
        [],
        [],
        {"arrested": Figure(16, [(16, ["a"])])},
        [],
        ["a"],
        [],
    )
    undated = TimelineEvent(
        "e2", None, "violent_incident", [], [], [], {}, [], ["b"], [], reported="2024-02-01"
    )
    svg = timeline_svg([dated, undated])
    assert svg.count("<circle") == 2
    assert "stroke-dasharray" in svg  # the undated one is hollow
    assert ">16<" in svg
    assert timeline_svg([TimelineEvent("e3", None, "operation", [], [], [], {}, [], [], [])]) == ""


def test_bar_chart_orders_escapes_and_drops_zeros() -> None:
    svg = bar_chart([("<Lima>", 3), ("Callao", 1), ("Nowhere", 0)])
    assert "&lt;Lima&gt;" in svg and "Nowhere" not in svg
    assert svg.index("Lima") < svg.index("Callao")
    assert bar_chart([]) == ""
