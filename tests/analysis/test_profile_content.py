"""The organization profile: names, structure, territories and crimes with sources, totals counted once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from analysis_samples import fill_store
from sqlalchemy import Engine
from typer.testing import CliRunner

from pista.analysis.corpus import Period, load_corpus
from pista.analysis.profile import (
    Profile,
    build_profile,
    choose_figure,
    find_organization,
    most_mentioned_group,
)
from pista.cli import app
from pista.errors import PistaError
from pista.store import connect


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    url = str(tmp_path_factory.mktemp("profile") / "pista.db")
    ids = fill_store(url)
    yield url, ids


@pytest.fixture(scope="module")
def engine(store: tuple[str, dict[str, str]]) -> Iterator[Engine]:
    engine = connect(store[0])
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def profile(engine: Engine) -> Profile:
    corpus = load_corpus(engine)
    return build_profile(corpus, find_organization(corpus, "Tren de Aragua"))


@pytest.mark.parametrize(
    "name", ["Tren de Aragua", "tren de aragua", "TREN DE ARÁGUA", "TdA", "the Tren de Aragua"]
)
def test_found_by_any_name_or_alias_ignoring_accents_and_case(engine: Engine, name: str) -> None:
    assert find_organization(load_corpus(engine), name) == "org-tren-de-aragua"


def test_unknown_name_lists_close_names(engine: Engine) -> None:
    with pytest.raises(PistaError, match="close names: Tren de Aragua"):
        find_organization(load_corpus(engine), "Tren de Aragu")
    with pytest.raises(PistaError, match="most mentioned: Tren de Aragua"):
        find_organization(load_corpus(engine), "Primeiro Comando da Capital")


def test_names_leaders_members_factions_rivals(profile: Profile, store: tuple[str, dict[str, str]]) -> None:
    ids = store[1]
    assert profile.name == "Tren de Aragua"
    assert ("TdA", 1) in profile.aliases
    assert [(x.name, x.sources) for x in profile.leaders] == [("Héctor Guerrero", 2)]
    assert profile.leaders[0].evidence[0].sentence == "Héctor Guerrero leads Tren de Aragua."
    assert [(x.name, x.sources) for x in profile.factions] == [("Los Gallegos", 2)]
    assert {e.document for e in profile.factions[0].evidence} == {ids["a"], ids["b"]}
    members = {x.name: x for x in profile.members}
    assert members["Juan Pérez Rojas"].note == "leads Los Gallegos"
    assert [x.name for x in profile.rivals] == ["Los Trinitarios"]
    assert profile.allies == []


def test_territories_count_sources_from_relations_and_events(profile: Profile) -> None:
    places = {t.name: t for t in profile.territories}
    assert places["Chile"].sources == 2  # two documents: operates_in twice
    assert places["Chile"].subtype == "country"
    assert places["Lima"].sources == 2  # the faction operates there; the raid there was reported twice
    assert set(places["Lima"].how) == {"operates in", "operation there"}
    assert places["Santiago"].sources == 1
    assert profile.territories[0].sources >= profile.territories[-1].sources


def test_crimes_count_sources_and_who_committed_them(profile: Profile) -> None:
    crimes = {c.type: c for c in profile.crimes}
    assert crimes["extortion"].sources == 2
    assert set(crimes["extortion"].by) == {"Los Gallegos", "Tren de Aragua"}
    assert crimes["human_trafficking"].sources == 2
    assert all(e.sentence for c in profile.crimes for e in c.evidence)


def test_duplicate_reports_of_one_raid_count_once_in_totals(profile: Profile) -> None:
    assert len(profile.timeline) == 2
    lima = profile.timeline[0]
    assert lima.date is not None and lima.date.startswith("2023-05")
    assert len(lima.documents) == 2
    figure = lima.figures["arrested"]
    assert figure.value == 16  # a tie between 15 and 16: the larger is counted
    assert figure.disputed and sorted(v for v, _ in figure.reported) == [15, 16]
    assert profile.totals == {"arrested": 24, "rescued": 0, "killed": 0}  # 16 + 8, not 15 + 16 + 8
    assert profile.seizures == {"firearm": 1}


def test_the_most_reported_figure_wins_over_the_largest() -> None:
    figure = choose_figure(
        [{"value": 20, "document": "a"}, {"value": 20, "document": "b"}, {"value": 31, "document": "c"}]
    )
    assert figure is not None and figure.value == 20 and figure.disputed
    assert choose_figure([]) is None


def test_member_counts_side_by_side_with_dates_and_sources(profile: Profile) -> None:
    counts = [(m.value, m.qualifier, m.location, m.date, m.publisher) for m in profile.member_counts]
    assert counts == [
        (5000, "about", None, "2023-05-05", "La República"),
        (3000, "exact", "Chile", "2024-03-01", "BioBio"),
    ]


def test_period_restricts_every_part(engine: Engine) -> None:
    corpus = load_corpus(engine, Period(since="2024-01-01"))
    p = build_profile(corpus, find_organization(corpus, "TdA"))
    assert p.factions == [] and [x.name for x in p.rivals] == ["Los Trinitarios"]
    assert [e.date for e in p.timeline] == ["2024-01-20"]
    assert p.totals["arrested"] == 8
    assert "Lima" not in {t.name for t in p.territories}
    assert [m.value for m in p.member_counts] == [3000]
    assert most_mentioned_group(corpus) == "org-tren-de-aragua"


def test_cli_profile_text_and_json(store: tuple[str, dict[str, str]]) -> None:
    url, ids = store
    runner = CliRunner()
    result = runner.invoke(app, ["--db", url, "profile", "tren de aragua"])
    assert result.exit_code == 0, result.output
    assert "Leaders:" in result.output and "Héctor Guerrero: 2 sources" in result.output
    assert f"[{ids['a']}] Héctor Guerrero leads Tren de Aragua." in result.output
    assert "arrested 16 (reported: 16 / 15)" in result.output
    result = runner.invoke(app, ["--db", url, "profile", "TdA", "--until", "2023-12-31", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["totals"]["arrested"] == 16 and data["totals"]["events"] == 1
    assert data["leaders"][0]["evidence"][0]["document"] in {ids["a"], ids["b"]}


def test_cli_profile_unknown_name_and_bad_date(store: tuple[str, dict[str, str]], tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["--db", store[0], "profile", "Tren de Aragu"])
    assert result.exit_code == 2 and "close names: Tren de Aragua" in " ".join(result.output.split())
    result = runner.invoke(app, ["--db", store[0], "profile", "TdA", "--since", "yesterday"])
    assert result.exit_code == 2 and "not an ISO date" in result.output
    result = runner.invoke(app, ["--db", str(tmp_path / "empty.db"), "profile", "TdA"])
    assert result.exit_code == 2 and "pista resolve" in result.output


def test_cli_network_lists_key_players_and_leaders(store: tuple[str, dict[str, str]]) -> None:
    result = CliRunner().invoke(app, ["--db", store[0], "network", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {x["label"] for x in data["key_players"][:2]} == {"Tren de Aragua", "Los Gallegos"}
    assert data["stated_leaders"][0]["label"] == "Héctor Guerrero"
    text = CliRunner().invoke(app, ["--db", store[0], "network", "--everyone"]).output
    assert "Key players" in text and "Carabineros" in text
