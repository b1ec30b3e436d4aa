"""The entity lexicons, compiled once into lookup tables (titles, roles, agencies, groups, ...)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from pista.extract import lexicon
from pista.extract.normalize import norm


@dataclass(frozen=True)
class KnownOrg:
    """A well-known organization from a lexicon."""

    name: str
    subtype: str
    country: str | None
    aliases: tuple[str, ...] = ()
    international: bool = False


@dataclass
class Domain:
    """Every entity lexicon as sets and dictionaries of lowercased words or normalized names."""

    titles: dict[tuple[str, ...], str] = field(default_factory=dict)
    role_cues: dict[str, list[str]] = field(default_factory=dict)
    agency_heads: set[str] = field(default_factory=set)
    agency_head_phrases: list[str] = field(default_factory=list)
    other_heads: set[str] = field(default_factory=set)
    media_heads: set[str] = field(default_factory=set)
    media_before: set[tuple[str, ...]] = field(default_factory=set)
    media_after: set[str] = field(default_factory=set)
    known: dict[str, KnownOrg] = field(default_factory=dict)
    known_acronyms: dict[str, KnownOrg] = field(default_factory=dict)
    #: known names that begin with an article ("La República"): without it, a common noun
    article_names: set[str] = field(default_factory=set)
    group_prefixes: dict[str, str] = field(default_factory=dict)
    group_cues: set[str] = field(default_factory=set)
    group_cue_phrases: set[tuple[str, ...]] = field(default_factory=set)
    faction_cues: set[str] = field(default_factory=set)
    armed_words: set[str] = field(default_factory=set)
    state_words: set[str] = field(default_factory=set)
    demonyms: dict[str, str] = field(default_factory=dict)
    facility_heads: set[tuple[str, ...]] = field(default_factory=set)
    region_cues: set[str] = field(default_factory=set)
    detention_words: set[str] = field(default_factory=set)
    feature_heads: set[str] = field(default_factory=set)
    city_cues: set[str] = field(default_factory=set)
    area_cues: set[str] = field(default_factory=set)
    junk: set[str] = field(default_factory=set)
    connectors: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    alias_cues: set[tuple[str, ...]] = field(default_factory=set)
    nationality_nouns: set[str] = field(default_factory=set)
    not_person_words: set[str] = field(default_factory=set)
    #: head words of designations, laws, programmes, operations: such names are never entities
    not_entity_first: set[str] = field(default_factory=set)
    not_entity_last: set[str] = field(default_factory=set)
    not_entity_any: set[str] = field(default_factory=set)
    #: month and weekday names that may open a run of capitalized words ("July 2024 the ...")
    month_words: set[str] = field(default_factory=set)
    weekday_words: set[str] = field(default_factory=set)
    #: crime nouns whose object is a victim ("the murder of X")
    victim_nouns: set[str] = field(default_factory=set)


def _both(section: dict[str, list[str]] | None) -> list[str]:
    section = section or {}
    return [str(w) for lang in ("en", "es") for w in section.get(lang) or []]


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.lower().split())


@functools.cache
def domain() -> Domain:
    """The compiled lexicons (built on first use, then shared)."""
    d = Domain()
    titles = lexicon.load("titles")
    for role, section in titles.items():
        for phrase in _both(section):
            d.titles.setdefault(_words(phrase), role)
    roles = lexicon.load("roles")
    for role, section in roles.items():
        if role == "victim_nouns":
            d.victim_nouns = {w.lower() for w in _both(section)}
            continue
        d.role_cues[role] = [w.lower() for w in _both(section)]

    agencies = lexicon.load("agencies")
    for phrase in _both(agencies["heads"]):
        if " " in phrase:
            d.agency_head_phrases.append(phrase.lower())
        else:
            d.agency_heads.add(phrase.lower())
    for entry in agencies["known"]:
        _add_known(d, entry, "agency")

    groups = lexicon.load("groups")
    for subtype, prefixes in groups["prefixes"].items():
        for prefix in prefixes:
            d.group_prefixes[prefix.lower()] = subtype
    for phrase in _both(groups["cues"]["criminal_group"]):
        d.group_cue_phrases.add(_words(phrase))
        d.group_cues.add(_words(phrase)[-1])
    d.faction_cues = {w.lower() for w in _both(groups["cues"]["faction"])}
    d.armed_words = {w.lower() for w in _both(groups.get("armed_words"))}
    d.state_words = {w.lower() for w in groups.get("state_words") or []}
    for entry in groups["known"]:
        _add_known(d, entry, "criminal_group")

    orgs = lexicon.load("organizations")
    d.media_before = {_words(w) for w in orgs["media_cues"]["before"]}
    d.media_after = {w.lower() for w in orgs["media_cues"]["after"]}
    d.media_heads = {w.lower() for w in orgs["media_heads"]}
    d.other_heads = {w.lower() for w in orgs["other_heads"]}
    for entry in orgs["known_media"]:
        _add_known(d, entry, "media")
    for entry in orgs["known_other"]:
        _add_known(d, entry, "other")

    for code, forms in lexicon.load("demonyms").items():
        for form in forms:
            d.demonyms[form.lower()] = code
    places = lexicon.load("places")
    d.facility_heads = {_words(w) for w in _both(places["facility_heads"])}
    d.region_cues = {w.lower() for w in places["region_cues"]}
    d.detention_words = {w.lower() for w in places.get("detention_words") or []}
    d.feature_heads = {w.lower() for w in places.get("feature_heads") or []}
    d.city_cues = {w.lower() for w in places["city_cues"]}
    d.area_cues = {w.lower() for w in places["area_cues"]}

    names = lexicon.load("names")
    d.junk = {w.lower() for w in _both(names["junk"])}
    d.connectors = {w.lower() for w in names["connectors"]}
    d.articles = {w.lower() for w in names["articles"]}
    d.alias_cues = {_words(w) for w in _both(names["alias_cues"])}
    d.nationality_nouns = {w.lower() for w in names.get("nationality_nouns") or []}
    d.not_person_words = {w.lower() for w in _both(names.get("not_person_words"))}
    dates = lexicon.load("dates")
    for section in dates.values():
        for forms in (section.get("months") or {}).values():
            d.month_words.update(str(f).lower() for f in forms)
        for forms in (section.get("weekdays") or {}).values():
            d.weekday_words.update(str(f).lower() for f in forms if len(str(f)) > 3)
    not_entity = names.get("not_entity_words") or {}
    d.not_entity_first = {str(w).lower() for w in not_entity.get("first") or []}
    d.not_entity_last = {str(w).lower() for w in not_entity.get("last") or []}
    d.not_entity_any = {str(w).lower() for w in not_entity.get("any") or []}
    return d


def _add_known(d: Domain, entry: dict, subtype: str) -> None:
    names = [str(n) for n in entry["names"]]
    aliases = tuple(str(a) for a in entry.get("aliases") or [])
    org = KnownOrg(names[0], subtype, entry.get("country"), aliases, bool(entry.get("international")))
    for name in names:
        d.known.setdefault(norm(name), org)
    if all(name.split()[0].lower() in {"el", "la", "the"} for name in names if " " in name) and all(
        " " in name for name in names
    ):
        d.article_names.update(norm(name) for name in names)
    for alias in aliases:
        d.known_acronyms.setdefault(alias, org)
