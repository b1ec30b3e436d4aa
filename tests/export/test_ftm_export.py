from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from followthemoney import model
from sqlalchemy import Engine

from pista.export import export
from pista.interop.ftm_import import import_ftm
from pista.interop.records import import_records, load_mapping
from pista.resolve.service import resolve_store
from pista.store import connect

CSV = """id,name,alias,dob,nat,charges,station,day,place
1,HECTOR GUERRERO FLORES,Niño Guerrero,01/12/1983,VE,Extorsión,Comisaría Zárate,15/03/2024,Lima
"""
MAP = "id: id\nfields: {name: name, aliases: alias, birth_date: dob, nationality: nat, charges: charges, agency: station, date: day, place: place}\ndate_formats: ['%d/%m/%Y']\n"
LIST = [
    {"id": "p1", "schema": "Person", "properties": {"name": ["Yohan José Romero"], "nationality": ["ve"]}},
    {"id": "o1", "schema": "Organization", "properties": {"name": ["Tren de Aragua"], "topics": ["crime"]}},
    {
        "id": "m1",
        "schema": "Membership",
        "properties": {"member": ["p1"], "organization": ["o1"], "role": ["leader"]},
    },
    {"id": "f1", "schema": "Person", "properties": {"name": ["Ana Romero"]}},
    {"id": "k1", "schema": "Family", "properties": {"person": ["f1"], "relative": ["p1"]}},
    {
        "id": "u1",
        "schema": "UnknownLink",
        "properties": {"subject": ["o1"], "object": ["o2"], "role": ["rival_of"]},
    },
    {"id": "o2", "schema": "Organization", "properties": {"name": ["Los Gallegos"]}},
]


@pytest.fixture
def open_store() -> Iterator[Callable[[str], Engine]]:
    engines: list[Engine] = []

    def opener(url: str) -> Engine:
        engine = connect(url)
        engines.append(engine)
        return engine

    yield opener
    for engine in engines:
        engine.dispose()


def _store(db_url: str, tmp_path: Path, open_store: Callable[[str], Engine]) -> Engine:
    engine = open_store(db_url)
    (tmp_path / "a.csv").write_text(CSV, encoding="utf-8")
    (tmp_path / "m.yml").write_text(MAP, encoding="utf-8")
    import_records(engine, tmp_path / "a.csv", load_mapping(tmp_path / "m.yml"), source="arrests")
    (tmp_path / "l.jsonl").write_text("\n".join(json.dumps(x) for x in LIST), encoding="utf-8")
    import_ftm(engine, tmp_path / "l.jsonl", source="list")
    resolve_store(engine, actor="test")
    return engine


def test_export_is_valid_ftm_with_provenance(
    db_url: str, tmp_path: Path, open_store: Callable[[str], Engine]
) -> None:
    engine = _store(db_url, tmp_path, open_store)
    out = tmp_path / "out.jsonl"
    n = export(engine, "ftm", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert n == len(lines)
    proxies = [model.get_proxy(json.loads(line), cleaned=False) for line in lines]
    ids = {p.id for p in proxies}
    by_schema: dict[str, list] = {}
    for p in proxies:
        by_schema.setdefault(p.schema.name, []).append(p)
        for prop, values in p.properties.items():  # every value is valid for its property type
            ptype = p.schema.get(prop).type
            assert all(ptype.clean(v) is not None for v in values), (p.schema.name, prop, values)
        assert all(p.get(req) for req in p.schema.required), (p.schema.name, p.schema.required)
        for prop in p.schema.properties.values():  # entity references point inside the export
            if prop.type.name == "entity":
                assert set(p.get(prop.name)) <= ids, (p.schema.name, prop.name)
    assert {
        "Person",
        "Organization",
        "Address",
        "Membership",
        "Family",
        "UnknownLink",
        "Event",
        "Document",
    } <= set(by_schema)
    hector = next(p for p in by_schema["Person"] if "Guerrero" in p.first("name"))
    assert "ve" in hector.get("nationality") and "Niño Guerrero" in hector.get("weakAlias")
    assert hector.get("proof") and hector.get("publisher") == ["arrests"]
    (membership,) = by_schema["Membership"]
    assert membership.get("role") == ["leader"]
    assert by_schema["UnknownLink"][0].get("role") == ["rival_of"]
    arrest = next(e for e in by_schema["Event"] if e.get("date") == ["2024-03-15"])
    assert hector.id in arrest.get("involved") and "arrested: 1" in arrest.first("summary")
    export(engine, "ftm", tmp_path / "again.jsonl")  # ids are deterministic
    assert (tmp_path / "again.jsonl").read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_unresolved_names_become_mentions_and_dates_filter(
    db_url: str, tmp_path: Path, open_store: Callable[[str], Engine]
) -> None:
    engine = _store(db_url, tmp_path, open_store)
    late = "id,name\n9,Rosa Quispe\n"
    (tmp_path / "late.csv").write_text(late, encoding="utf-8")
    (tmp_path / "late.yml").write_text("id: id\nfields: {name: name}\n", encoding="utf-8")
    import_records(engine, tmp_path / "late.csv", load_mapping(tmp_path / "late.yml"), source="late")
    out = tmp_path / "out.jsonl"
    export(engine, "ftm", out)
    proxies = [model.get_proxy(json.loads(line)) for line in out.read_text(encoding="utf-8").splitlines()]
    mentions = [p for p in proxies if p.schema.name == "Mention"]
    assert [m.first("name") for m in mentions] == ["Rosa Quispe"]
    assert mentions[0].first("document") in {p.id for p in proxies if p.schema.name == "Document"}
    export(engine, "ftm", out, since="2024-03-01", until="2024-03-31")
    kept = [model.get_proxy(json.loads(line)) for line in out.read_text(encoding="utf-8").splitlines()]
    names = {p.first("name") for p in kept if p.schema.name == "Person"}
    assert names == {"Hector Guerrero Flores"}  # the undated list and record are left out
