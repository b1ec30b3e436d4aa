"""Structured police records: arrest tables (CSV) and wanted-person notices (JSON), by a mapping.

A mapping (YAML) names the file's fields for each pista field and how to read them::

    kind: arrest                # arrest: an operation event arresting the person; wanted: a legal action
    source: pnp-arrests         # default source name
    publisher_kind: police
    country: PE                 # country of the stations and places, when the file does not say
    id: record_no               # the record's own id (optional)
    fields:                     # pista field -> the file's column or JSON key
      name: full_name
      aliases: alias
      birth_date: dob
      nationality: nationality
      charges: charges
      agency: station           # arrests: the station; notices: the issuing authority
      date: arrest_date
      place: place
      country: issuing_country  # notices: the issuing country
    date_formats: ["%d/%m/%Y", "%Y-%m-%d"]

Each record becomes a document of its own (so two records of one person can resolve together)
holding the person, the agency, the place and the event. Names in upper case are title-cased;
aliases and charges in one field are split on the usual separators. A record that cannot be
read (no name, an unreadable date) is refused with the file and row named, and recorded; the
other records are kept.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
import yaml
from sqlalchemy import Engine

from pista.documents import Event
from pista.errors import ConfigError, IngestError
from pista.interop.builder import ExternalInfo, SyntheticDoc
from pista.interop.names import parse_date, split_values, tidy_name
from pista.interop.store import ImportReport, save_import
from pista.resolve.normalize import fold
from pista.store.documents import PUBLISHER_KINDS

KINDS = ("arrest", "wanted")
JSON_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson"})
FIELDS = ("name", "aliases", "birth_date", "nationality", "charges", "agency", "date", "place", "country")


@dataclass
class Mapping:
    kind: str = "arrest"
    source: str | None = None
    publisher_kind: str = "police"
    country: str | None = None
    id: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    date_formats: list[str] = field(default_factory=list)
    alias_separators: list[str] | None = None
    charge_separators: list[str] = field(default_factory=lambda: [";", ",", "/", "|"])


def load_mapping(path: Path) -> Mapping:
    """Read a mapping file; a ConfigError says what is wrong with it."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read the mapping {path}: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"mapping {path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"mapping {path} must be a YAML mapping")
    fields = data.get("fields") or {}
    if not isinstance(fields, dict) or "name" not in fields:
        raise ConfigError(f"mapping {path}: 'fields' must map at least 'name' to a column")
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise ConfigError(f"mapping {path}: unknown fields {', '.join(unknown)} (known: {', '.join(FIELDS)})")
    kind = str(data.get("kind", "arrest"))
    if kind not in KINDS:
        raise ConfigError(f"mapping {path}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    publisher_kind = str(data.get("publisher_kind", "police"))
    if publisher_kind not in PUBLISHER_KINDS:
        raise ConfigError(
            f"mapping {path}: publisher_kind must be one of {', '.join(PUBLISHER_KINDS)}, not {publisher_kind!r}"
        )
    return Mapping(
        kind=kind,
        source=data.get("source"),
        publisher_kind=publisher_kind,
        country=_country(data.get("country")),
        id=data.get("id"),
        fields={str(k): str(v) for k, v in fields.items()},
        date_formats=[str(f) for f in data.get("date_formats") or []],
        alias_separators=data.get("alias_separators"),
        charge_separators=data.get("charge_separators") or [";", ",", "/", "|"],
    )


@functools.cache
def _charge_words() -> list[tuple[str, str]]:
    text = resources.files("pista.interop").joinpath("charges.yml").read_text("utf-8")
    data: dict[str, list[str]] = yaml.safe_load(text)
    pairs = [(fold(w), crime) for crime, words in data.items() for w in words]
    return sorted(pairs, key=lambda p: -len(p[0]))


def crime_type(charge: str) -> str:
    """The pista crime type a charge names ("Extorsión agravada" -> extortion), else "other"."""
    text = f" {fold(charge)} "
    for word, crime in _charge_words():
        if f" {word} " in text:
            return crime
    return "other"


def _country(value: Any) -> str | None:
    """An ISO alpha-2 code from a code, an alpha-3 code, a name or a demonym-free country name."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    if len(text) == 2 and text.isalpha():
        return text.upper()
    try:
        found = pycountry.countries.lookup(text)
    except LookupError:
        try:
            found = pycountry.countries.search_fuzzy(text)[0]
        except LookupError:
            return None
    return str(found.alpha_2)


def _rows(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """(where, record) for each row of a CSV file or item of a JSON / JSON-lines file."""
    try:
        content = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(str(path), f"cannot be read ({exc})") from exc
    if path.suffix.lower() in JSON_SUFFIXES:
        stripped = content.lstrip()
        if stripped.startswith("["):
            try:
                items = json.loads(stripped)
            except json.JSONDecodeError as exc:
                raise IngestError(str(path), f"invalid JSON ({exc.msg} at line {exc.lineno})") from exc
            return [(f"{path} item {n}", item) for n, item in enumerate(items, 1)]
        out = []
        for n, line in enumerate(content.splitlines(), 1):
            if line.strip():
                try:
                    out.append((f"{path} line {n}", json.loads(line)))
                except json.JSONDecodeError as exc:
                    out.append((f"{path} line {n}", {"__error__": f"invalid JSON ({exc.msg})"}))
        return out
    dialect: type[csv.Dialect] | csv.Dialect = csv.excel
    with contextlib.suppress(csv.Error):
        dialect = csv.Sniffer().sniff(content[:4096], delimiters=",;\t|")
    reader = csv.DictReader(content.splitlines(), dialect=dialect)
    return [(f"{path} row {n}", row) for n, row in enumerate(reader, 2)]


def _get(record: dict[str, Any], mapping: Mapping, name: str) -> Any:
    column = mapping.fields.get(name)
    if column is None:
        return None
    value = record.get(column)
    if isinstance(value, str):
        value = value.strip() or None
    return value


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:40] or "x"


def record_document(record: dict[str, Any], mapping: Mapping, where: str, source: str) -> SyntheticDoc:
    """One record as a document; ValueError names the problem with the record."""
    if not isinstance(record, dict):
        raise ValueError("not a record (expected an object or a row)")
    if "__error__" in record:
        raise ValueError(str(record["__error__"]))
    raw_names = split_values(_get(record, mapping, "name"), mapping.alias_separators)
    if not raw_names:
        raise ValueError(f"no name (field {mapping.fields['name']!r} is empty)")
    names = [tidy_name(n) for n in raw_names]
    aliases = [tidy_name(a) for a in split_values(_get(record, mapping, "aliases"), mapping.alias_separators)]
    aliases = [a for a in aliases if a not in names]
    try:
        birth = parse_date(_get(record, mapping, "birth_date"), mapping.date_formats)
    except ValueError as exc:
        raise ValueError(f"birth date: {exc}") from exc
    try:
        day = parse_date(_get(record, mapping, "date"), mapping.date_formats)
    except ValueError as exc:
        raise ValueError(f"date: {exc}") from exc
    nationalities = []
    for value in split_values(_get(record, mapping, "nationality"), [";", ",", "/", "|"]):
        code = _country(value)
        if code is None:
            raise ValueError(f"unknown nationality {value!r}")
        nationalities.append(code)
    charges = split_values(_get(record, mapping, "charges"), mapping.charge_separators)
    issuing = _country(_get(record, mapping, "country")) or mapping.country
    record_id = str(record.get(mapping.id) or "").strip() if mapping.id else ""
    label = "Arrest record" if mapping.kind == "arrest" else "Wanted notice"
    doc = SyntheticDoc(title=f"{label} {record_id or where} ({source})", published=day)
    details = []
    if aliases:
        details.append(f"alias {'; '.join(aliases)}")
    if birth:
        details.append(f"born {birth}")
    if nationalities:
        details.append(f"nationality {', '.join(nationalities)}")
    person = doc.add_entity(
        "p1",
        "person",
        names,
        aliases=aliases,
        country=nationalities[0] if nationalities else None,
        role="criminal",
        line=f"Person: {'; '.join(names)}" + (f", {', '.join(details)}." if details else "."),
        external=ExternalInfo(
            schema="Person",
            external_id=record_id or None,
            birth_dates=[birth] if birth else [],
            nationalities=nationalities,
            extra={"charges": charges, "origin": where, "kind": mapping.kind},
        ),
    )
    for n, charge in enumerate(charges):
        doc.add_crime(person.id, crime_type(charge), f"Charge {n + 1}: {charge}.")
    agency_name = _get(record, mapping, "agency")
    agency_id = None
    if agency_name:
        agency = tidy_name(str(agency_name))
        agency_id = "o1"
        doc.add_entity(
            agency_id, "organization", [agency], subtype="agency", country=issuing, line=f"Agency: {agency}."
        )
    place_name = _get(record, mapping, "place")
    place_id = None
    if place_name:
        place = tidy_name(str(place_name))
        place_id = "l1"
        doc.add_entity(
            place_id, "location", [place], subtype="city", country=issuing, line=f"Place: {place}."
        )
    elif mapping.kind == "wanted" and issuing:
        found = pycountry.countries.get(alpha_2=issuing)
        place_id = "l1"
        label_place = str(found.name) if found else issuing
        doc.add_entity(
            place_id,
            "location",
            [label_place],
            subtype="country",
            country=issuing,
            line=f"Issuing country: {label_place}.",
        )
    if mapping.kind == "arrest":
        event = Event(
            id="v1",
            type="operation",
            date=day,
            location=place_id,
            agencies=[agency_id] if agency_id else [],
            targets=[person.id],
            arrested=1,
        )
        line = (
            f"{names[0]} was arrested"
            + (f" on {day}" if day else "")
            + (f" in {place_name}" if place_name else "")
        )
        line += f" by {agency_name}." if agency_name else "."
    else:
        event = Event(
            id="v1",
            type="legal_action",
            date=day,
            location=place_id,
            agencies=[agency_id] if agency_id else [],
            targets=[person.id],
        )
        line = f"A notice seeks {names[0]}" + (f", issued on {day}" if day else "") + "."
    doc.add_event(event, line)
    return doc


def import_records(
    engine: Engine,
    path: Path,
    mapping: Mapping,
    *,
    source: str | None = None,
) -> ImportReport:
    """Load each record of ``path`` as a document; refused records are named in the report."""
    name = source or mapping.source or path.stem
    report = ImportReport(source=name)
    docs: list[tuple[SyntheticDoc, str]] = []
    rows = _rows(path)
    if rows and path.suffix.lower() not in JSON_SUFFIXES:  # a CSV header must hold every mapped column
        header = list(rows[0][1])
        missing = [c for c in mapping.fields.values() if c not in header]
        if missing:
            raise ConfigError(
                f"{path}: mapped columns {', '.join(map(repr, missing))} are not in the file "
                f"(it has {', '.join(map(repr, header))})"
            )
    for where, record in rows:
        try:
            docs.append((record_document(record, mapping, where, name), where))
        except ValueError as exc:
            report.errors.append(f"{where}: {exc}")
    return save_import(
        engine, docs, source=name, fmt="records", publisher_kind=mapping.publisher_kind, report=report
    )
