"""The network built from a resolved store: nodes, typed edges with sources, co-mentions, periods."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from analysis_samples import fill_store
from sqlalchemy import Engine

from pista.analysis.corpus import Period, load_corpus
from pista.analysis.graph import CO_MENTION, build_view, network_of
from pista.store import connect


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    url = str(tmp_path_factory.mktemp("graph") / "pista.db")
    fill_store(url)
    engine = connect(url)
    yield engine
    engine.dispose()


def edges(view: object) -> dict[tuple[str, str, str], object]:
    return {(x.edge.source, x.edge.target, x.edge.type): x for x in view.links}  # type: ignore[attr-defined]


def test_criminal_view_keeps_criminals_groups_and_factions_only(engine: Engine) -> None:
    view = build_view(load_corpus(engine))
    assert set(view.nodes) == {
        "org-tren-de-aragua",
        "org-los-gallegos",
        "org-los-trinitarios",
        "per-hector-guerrero",
        "per-juan-perez-rojas",
    }
    everyone = build_view(load_corpus(engine), everyone=True)
    assert "org-carabineros" in everyone.nodes
    assert everyone.nodes["org-carabineros"].subtype == "agency"


def test_edges_count_distinct_documents_and_map_local_ids_to_keys(engine: Engine) -> None:
    links = edges(build_view(load_corpus(engine)))
    part = links[("org-los-gallegos", "org-tren-de-aragua", "part_of")]
    assert part.edge.sources == 2  # type: ignore[attr-defined]
    assert part.edge.confidence == pytest.approx(0.7)  # type: ignore[attr-defined]  # mean of 0.8 and 0.6
    assert {e.sentence for e in part.evidence} == {"Los Gallegos is a faction of Tren de Aragua."}  # type: ignore[attr-defined]
    assert links[("per-hector-guerrero", "org-tren-de-aragua", "leader_of")].edge.sources == 2  # type: ignore[attr-defined]
    rival = links[("org-los-trinitarios", "org-tren-de-aragua", "rival_of")]  # symmetric: ordered by key
    assert rival.edge.sources == 1  # type: ignore[attr-defined]
    assert not any(t in ("operates_in", "headquartered_in") for _, _, t in links)


def test_co_mentions_are_a_weaker_separate_kind_only_without_a_stated_relation(engine: Engine) -> None:
    view = build_view(load_corpus(engine))
    links = edges(view)
    co = links[("per-hector-guerrero", "per-juan-perez-rojas", CO_MENTION)]
    assert co.edge.kind == CO_MENTION  # type: ignore[attr-defined]
    assert co.edge.weight == pytest.approx(0.25)  # type: ignore[attr-defined]
    assert ("org-los-gallegos", "org-tren-de-aragua", CO_MENTION) not in links  # stated: part_of
    assert not any(k == CO_MENTION for _, _, k in edges(build_view(load_corpus(engine), co_mentions=False)))


def test_measures_cells_key_players_and_stated_leaders(engine: Engine) -> None:
    view = network_of(load_corpus(engine))
    rank = view.key_player_rank
    assert set(list(rank)[:2]) == {"org-tren-de-aragua", "org-los-gallegos"}
    assert view.measures["org-tren-de-aragua"].betweenness > view.measures["per-hector-guerrero"].betweenness
    assert sorted(k for cell in view.cells for k in cell) == sorted(view.nodes)
    leaders = {s.key: s for s in view.stated_leaders}
    assert leaders["per-hector-guerrero"].leads == ("org-tren-de-aragua",)
    assert leaders["per-hector-guerrero"].subordinates >= 2  # the faction and its leader


def test_since_until_compare_the_network_before_and_after(engine: Engine) -> None:
    before = build_view(load_corpus(engine, Period(until="2023-12-31")))
    after = build_view(load_corpus(engine, Period(since="2024-01-01")))
    assert "per-juan-perez-rojas" in before.nodes and "per-juan-perez-rojas" not in after.nodes
    assert "org-los-trinitarios" in after.nodes and "org-los-trinitarios" not in before.nodes
    assert edges(before)[("per-hector-guerrero", "org-tren-de-aragua", "leader_of")].edge.sources == 1  # type: ignore[attr-defined]


def test_an_unresolved_store_gives_an_empty_network(tmp_path: Path) -> None:
    engine = connect(str(tmp_path / "empty.db"))
    view = network_of(load_corpus(engine))
    engine.dispose()
    assert view.nodes == {} and view.links == [] and view.key_players == []
