from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from interop_samples import MAPPING, MESSY_CSV, write
from sqlalchemy import Engine

from pista.errors import ConfigError
from pista.interop.records import import_records, load_mapping
from pista.store import DocumentStore
from pista.store.analyses import load_analysis


def test_messy_records_load_good_rows_and_name_bad_ones(
    db_url: str, tmp_path: Path, open_store: Callable[[str], Engine]
) -> None:
    engine = open_store(db_url)
    csv_path = write(tmp_path, "arrests.csv", MESSY_CSV)
    report = import_records(engine, csv_path, load_mapping(write(tmp_path, "map.yml", MAPPING)))
    assert report.documents == 3
    assert len(report.errors) == 2
    assert report.errors[0].startswith(f"{csv_path} row 5: no name")
    assert report.errors[1].startswith(f"{csv_path} row 6: birth date")
    recorded = DocumentStore(engine).errors()
    assert [e["origin"] for e in recorded] == [f"{csv_path} row 5", f"{csv_path} row 6"]

    persons = {}
    for doc_id, analysis in DocumentStore(engine).analyses():
        for e in analysis.entities:
            if e.type == "person":
                persons[e.names[0]] = (doc_id, analysis, e)
    assert set(persons) == {
        "Hector Rustenford Guerrero Flores",
        "Maria del Carmen de la Cruz",
        "Jose Luis Ramirez",
    }
    _, analysis, hector = persons["Hector Rustenford Guerrero Flores"]
    assert hector.aliases == ["Niño Guerrero", "El Viejo", "Viejo Hector"]
    assert hector.country == "VE"
    assert {c.type for c in analysis.crimes} == {"extortion", "homicide"}
    (event,) = analysis.events
    assert (event.type, event.date, event.arrested, event.targets) == (
        "operation",
        "2024-03-15",
        1,
        [hector.id],
    )
    agency = next(e for e in analysis.entities if e.id == event.agencies[0])
    assert agency.names == ["Comisaria Zarate"] and agency.subtype == "agency"
    # evidence quotes the document's own text
    doc_id = persons["Maria del Carmen de la Cruz"][0]
    stored = load_analysis(engine, doc_id)
    assert stored is not None
    maria = persons["Maria del Carmen de la Cruz"][2]
    text = next(d.text for d in DocumentStore(engine).documents() if d.id == doc_id)
    m = maria.mentions[0]
    assert text[m.start : m.end] == "Maria del Carmen de la Cruz"
    _, ramirez_analysis, _ = persons["Jose Luis Ramirez"]
    assert ramirez_analysis.events[0].date is None  # a missing date stays missing


def test_reimport_is_idempotent(tmp_path: Path, open_store: Callable[[str], Engine]) -> None:
    engine = open_store(str(tmp_path / "s.db"))
    csv_path = write(tmp_path, "arrests.csv", MESSY_CSV)
    mapping = load_mapping(write(tmp_path, "map.yml", MAPPING))
    import_records(engine, csv_path, mapping)
    again = import_records(engine, csv_path, mapping)
    assert again.new_documents == 0
    assert DocumentStore(engine).stats()["documents"] == 3


def test_bad_mapping_is_a_config_error(tmp_path: Path, open_store: Callable[[str], Engine]) -> None:
    with pytest.raises(ConfigError, match="name"):
        load_mapping(write(tmp_path, "map.yml", "fields: {alias: x}\n"))
    with pytest.raises(ConfigError, match="unknown fields"):
        load_mapping(write(tmp_path, "map2.yml", "fields: {name: a, shoe_size: b}\n"))
    engine = open_store(str(tmp_path / "s.db"))
    mapping = load_mapping(write(tmp_path, "map3.yml", "fields: {name: nombre}\n"))
    with pytest.raises(ConfigError, match="nombre"):
        import_records(engine, write(tmp_path, "a.csv", MESSY_CSV), mapping)


def test_wanted_notices_in_json(tmp_path: Path, open_store: Callable[[str], Engine]) -> None:
    engine = open_store(str(tmp_path / "s.db"))
    notices = '[{"id": "W1", "names": ["YOHAN JOSE ROMERO"], "aliases": ["Johan Petrica"], "born": "", "nat": ["VE"], "charges": ["illegal mining"], "country": "Venezuela"}]'
    mapping = load_mapping(
        write(
            tmp_path,
            "w.yml",
            "kind: wanted\nid: id\nfields: {name: names, aliases: aliases, birth_date: born, nationality: nat, charges: charges, country: country}\n",
        )
    )
    report = import_records(engine, write(tmp_path, "w.json", notices), mapping)
    assert report.errors == [] and report.documents == 1
    ((_, analysis),) = DocumentStore(engine).analyses()
    assert analysis.events[0].type == "legal_action"
    assert analysis.crimes[0].type == "illegal_mining"
    place = next(e for e in analysis.entities if e.type == "location")
    assert place.country == "VE" and place.subtype == "country"
