"""Resolution knowledge as data: ``data/<name>.yml``, loaded once and indexed for lookup."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from pista.errors import ConfigError
from pista.resolve.normalize import fold, norm_name


@functools.cache
def load(name: str) -> Any:
    """The parsed content of ``data/<name>.yml`` (cached; treat as read-only)."""
    path = resources.files("pista.resolve") / "data" / f"{name}.yml"
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"resolution lexicon {name!r} is missing ({path})") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"resolution lexicon {name!r} is not valid YAML: {exc}") from exc


@dataclass(frozen=True)
class OrgKnowledge:
    """Indexed organizations.yml: name -> agency, generic name -> generic id, word glossary."""

    by_name: dict[str, tuple[str, str | None]]  # normalized name or acronym -> (agency id, country)
    generic_by_name: dict[str, str]  # normalized generic name -> generic id
    specific_for_generic: dict[tuple[str, str], str]  # (generic id, country) -> agency id
    country_of: dict[str, str | None]  # agency id -> its country (None: international)
    glossary: dict[str, str]
    generic_words: frozenset[str]
    stopwords: frozenset[str]


@functools.cache
def organizations() -> OrgKnowledge:
    data = load("organizations")
    by_name: dict[str, tuple[str, str | None]] = {}
    specific: dict[tuple[str, str], str] = {}
    country_of: dict[str, str | None] = {}
    for entry in data.get("agencies") or []:
        country = entry.get("country")
        country_of[entry["id"]] = country
        for name in [*(entry.get("names") or []), *(entry.get("acronyms") or [])]:
            by_name.setdefault(norm_name(str(name)), (entry["id"], country))
        if entry.get("generic") and country:
            specific[(entry["generic"], country)] = entry["id"]
    generic: dict[str, str] = {}
    for entry in data.get("generic_agencies") or []:
        for name in entry.get("names") or []:
            generic.setdefault(norm_name(str(name)), entry["id"])
    glossary = {fold(str(k)): fold(str(v)) for k, v in (data.get("glossary") or {}).items()}
    return OrgKnowledge(
        by_name=by_name,
        generic_by_name=generic,
        specific_for_generic=specific,
        country_of=country_of,
        glossary=glossary,
        generic_words=frozenset(fold(str(w)) for w in data.get("generic_words") or []),
        stopwords=frozenset(fold(str(w)) for w in data.get("stopwords") or []),
    )


@dataclass(frozen=True)
class NameKnowledge:
    """Indexed names.yml: a canonical form for every given-name variant and hypocorism."""

    variant_of: dict[str, str]  # folded token -> canonical token of its variant group
    hypocorism_of: dict[str, frozenset[str]]  # folded short form -> canonical full given names
    titles: frozenset[str]
    particles: frozenset[str]


@functools.cache
def names() -> NameKnowledge:
    data = load("names")
    variant_of: dict[str, str] = {}
    for group in data.get("given_name_variants") or []:
        folded = [fold(str(g)) for g in group]
        head = folded[0]
        for token in folded:
            variant_of.setdefault(token, head)
    hypo: dict[str, frozenset[str]] = {}
    for short, fulls in (data.get("hypocorisms") or {}).items():
        hypo[fold(str(short))] = frozenset(variant_of.get(fold(str(f)), fold(str(f))) for f in fulls)
    return NameKnowledge(
        variant_of=variant_of,
        hypocorism_of=hypo,
        titles=frozenset(fold(str(t)) for t in data.get("titles") or []),
        particles=frozenset(fold(str(p)) for p in data.get("particles") or []),
    )


@functools.cache
def country_codes() -> dict[str, str]:
    """Normalized country name (English or Spanish) -> ISO alpha-2."""
    out: dict[str, str] = {}
    for code, labels in (load("places").get("country_names") or {}).items():
        for label in labels:
            out.setdefault(norm_name(str(label)), str(code))
    return out


@functools.cache
def nationality_words() -> dict[str, str]:
    """Normalized country names and demonyms (English and Spanish) -> ISO alpha-2."""
    out = dict(country_codes())
    for code, words in (load("places").get("demonyms") or {}).items():
        for w in words:
            out.setdefault(norm_name(str(w)), str(code))
    return out
