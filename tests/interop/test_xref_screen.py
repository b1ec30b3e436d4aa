from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from interop_samples import MAPPING, MESSY_CSV, watchlist, write
from sqlalchemy import Engine

from pista.errors import PistaError
from pista.interop import xref
from pista.interop.ftm_import import import_ftm
from pista.interop.records import import_records, load_mapping
from pista.interop.store import listed_entities
from pista.interop.xref import Side, score_pair
from pista.resolve.service import resolve_store


def test_variant_spelling_matches_and_shared_surname_does_not(
    db_url: str, tmp_path: Path, open_store: Callable[[str], Engine]
) -> None:
    engine = open_store(db_url)
    import_records(
        engine, write(tmp_path, "a.csv", MESSY_CSV), load_mapping(write(tmp_path, "m.yml", MAPPING))
    )
    import_ftm(engine, watchlist(tmp_path), source="watchlist")
    resolve_store(engine, actor="test")
    found = xref.run(engine, "watchlist")
    by_list = {m.list_id: m for m in found}
    assert "wl-1" in by_list  # "HECTOR RUSTENFORD" vs "Héctor Rusthenford"
    assert "wl-2" not in by_list  # Carlos Alberto Guerrero Flores shares only the surnames
    hit = by_list["wl-1"]
    assert hit.entity_name == "Hector Rustenford Guerrero Flores" or "Rust" in hit.entity_name
    names = [f[0] for f in hit.features]
    assert names[0] == "name" and "birth_date" in names and "nationality" in names
    assert [m.list_id for m in xref.matches(engine, "watchlist")] == [m.list_id for m in found]
    with pytest.raises(PistaError, match="no imported list"):
        xref.run(engine, "nothing-by-this-name")


def test_scores_are_explainable() -> None:
    listed = Side(["Wilmer José Pérez Castillo"], ["Carne"], set(), {"VE"})
    by_alias = Side(["Wilmer Perez"], ["Carne"], set(), {"VE"})
    score, features = score_pair(by_alias, listed)
    assert score >= 0.85 and features[0][0] == "name"
    subset = Side(["Wilmer Perez Castillo"], [], set(), set())
    assert score_pair(subset, listed)[0] == pytest.approx(0.8)
    other = Side(["Luis Pérez Castillo"], [], set(), set())
    assert score_pair(other, listed)[0] == 0.0
    born_apart = Side(["Wilmer José Pérez Castillo"], [], {"1970-01-01"}, {"CO"})
    listed_born = Side(["Wilmer José Pérez Castillo"], [], {"1990-05-05"}, {"VE"})
    score, features = score_pair(born_apart, listed_born)
    assert score == pytest.approx(0.45)
    assert {f[0] for f in features} == {"name", "birth_date_conflict", "nationality_conflict"}


def test_bad_ftm_lines_are_refused_alone(tmp_path: Path, open_store: Callable[[str], Engine]) -> None:
    engine = open_store(str(tmp_path / "s.db"))
    good = '{"id": "x1", "schema": "Person", "properties": {"name": ["Ana Romero"], "birthDate": ["1990"]}}'
    path = write(
        tmp_path, "l.jsonl", f'{good}\nnot json\n{{"id": "x2", "schema": "Spaceship", "properties": {{}}}}\n'
    )
    report = import_ftm(engine, path, source="l")
    assert report.entities == 1
    assert [e.split(":")[0] for e in report.errors] == [f"{path} line 2", f"{path} line 3"]
    (listed,) = listed_entities(engine, "l")
    assert (listed.external_id, listed.birth_dates) == ("x1", ["1990"])


def test_list_order_and_script_variants() -> None:
    listed = Side(["GUERRERO FLORES, Héctor Rusthenford"], [], set(), set())
    assert score_pair(Side(["Hector Rustenford Guerrero Flores"], [], set(), set()), listed)[0] >= 0.9
    cyrillic = Side(["Владимир Петров"], [], set(), set())
    assert score_pair(Side(["Vladimir Petrov"], [], set(), set()), cyrillic)[0] >= 0.9
