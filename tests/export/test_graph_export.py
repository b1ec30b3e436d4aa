"""Graph exports read back by networkx: GraphML, GEXF and node-link JSON keep nodes, edges and attributes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analysis"))
from analysis_samples import fill_store

from pista.cli import app
from pista.export import export
from pista.store import connect

NODE_ATTRIBUTES = {
    "label",
    "type",
    "subtype",
    "role",
    "country",
    "documents",
    "degree",
    "betweenness",
    "eigenvector",
    "core",
    "community",
    "key_player_rank",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = str(tmp_path_factory.mktemp("export") / "pista.db")
    fill_store(url)
    return url


def _export(db: str, fmt: str, out: Path, **options: object) -> int:
    engine = connect(db)
    try:
        return export(engine, fmt, out, **{"since": None, "until": None, "everyone": False, **options})
    finally:
        engine.dispose()


def _check(graph: nx.Graph, relation_attr: str = "type") -> None:
    assert set(graph.nodes) == {
        "org-tren-de-aragua",
        "org-los-gallegos",
        "org-los-trinitarios",
        "per-hector-guerrero",
        "per-juan-perez-rojas",
    }
    tda = graph.nodes["org-tren-de-aragua"]
    assert set(tda) >= NODE_ATTRIBUTES
    assert tda["label"] == "Tren de Aragua" and tda["subtype"] == "criminal_group"
    assert int(tda["key_player_rank"]) in (1, 2)
    assert graph.nodes["per-hector-guerrero"]["role"] == "criminal"
    part = graph.get_edge_data("org-los-gallegos", "org-tren-de-aragua")
    data = next(iter(part.values())) if graph.is_multigraph() else part
    assert data[relation_attr] == "part_of"
    assert data["kind"] == "relation"
    assert int(data["sources"]) == 2
    assert float(data["confidence"]) == pytest.approx(0.7)
    assert float(data["weight"]) == pytest.approx(1.4)


def test_graphml_round_trip(db: str, tmp_path: Path) -> None:
    out = tmp_path / "net.graphml"
    written = _export(db, "graphml", out)
    graph = nx.read_graphml(out)
    assert written == graph.number_of_nodes() + graph.number_of_edges()
    _check(graph)


def test_gexf_round_trip(db: str, tmp_path: Path) -> None:
    out = tmp_path / "net.gexf"
    _export(db, "gexf", out)
    graph = nx.read_gexf(out)
    _check(graph, relation_attr="relation")
    assert graph.nodes["org-tren-de-aragua"]["label"] == "Tren de Aragua"


def test_json_round_trip_keeps_evidence_and_key_players(db: str, tmp_path: Path) -> None:
    out = tmp_path / "net.json"
    _export(db, "json", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    graph = nx.node_link_graph(data, edges="links")
    _check(graph)
    rival = next(x for x in data["links"] if x["type"] == "rival_of")
    assert rival["evidence"][0]["sentence"] == "Tren de Aragua is a rival of Los Trinitarios."
    assert {k["key"] for k in data["key_players"][:2]} == {"org-tren-de-aragua", "org-los-gallegos"}
    assert data["stated_leaders"][0]["key"] == "per-hector-guerrero"


def test_everyone_and_period_options(db: str, tmp_path: Path) -> None:
    _export(db, "graphml", tmp_path / "all.graphml", everyone=True)
    assert "org-carabineros" in nx.read_graphml(tmp_path / "all.graphml")
    _export(db, "graphml", tmp_path / "early.graphml", until="2023-12-31")
    early = nx.read_graphml(tmp_path / "early.graphml")
    assert "org-los-trinitarios" not in early and "per-juan-perez-rojas" in early


def test_cli_export_and_its_errors(db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "cli" / "net.gexf"
    result = runner.invoke(
        app, ["--db", db, "export", "--format", "gexf", "--out", str(out), "--since", "2024"]
    )
    assert result.exit_code == 0, result.output
    assert "org-los-trinitarios" in nx.read_gexf(out)
    result = runner.invoke(app, ["--db", db, "export", "--format", "graphml", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "is a folder" in result.output
    empty = str(tmp_path / "empty.db")
    result = runner.invoke(
        app, ["--db", empty, "export", "--format", "json", "--out", str(tmp_path / "x.json")]
    )
    assert result.exit_code == 2 and "pista resolve" in result.output
