"""Cleaning names and values of structured sources: case, alias lists, dates, name keys."""

from __future__ import annotations

import functools
import re
from datetime import datetime
from importlib import resources

import yaml

from pista.ingest import normalize_date
from pista.resolve.normalize import norm_name, phonetic


@functools.cache
def _config() -> dict[str, list[str]]:
    text = resources.files("pista.interop").joinpath("names.yml").read_text("utf-8")
    data: dict[str, list[str]] = yaml.safe_load(text)
    return data


def particles() -> frozenset[str]:
    return frozenset(_config()["particles"])


def _cap(word: str) -> str:
    # O'BRIEN -> O'Brien; d'ARCY -> D'Arcy
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0)[:1].upper() + m.group(0)[1:].lower(), word)


def tidy_name(value: str) -> str:
    """White space collapsed; a name written wholly in upper case is title-cased with its particles.

    "HECTOR GUERRERO DE LA CRUZ" -> "Hector Guerrero de la Cruz"; mixed case is kept as written.
    """
    name = " ".join(value.split())
    letters = [c for c in name if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return name
    small = particles()
    words = name.split(" ")
    out = []
    for n, word in enumerate(words):
        lower = word.lower()
        out.append(lower if n and lower in small else _cap(word))
    return " ".join(out)


def split_values(value: object, separators: list[str] | None = None) -> list[str]:
    """A field holding several values ("alias1; alias2 / alias3") or a JSON list, cleaned, in order."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        items = [str(v) for v in value if v is not None]
    else:
        seps = separators if separators is not None else _config()["alias_separators"]
        pattern = "|".join(re.escape(s) for s in sorted(seps, key=len, reverse=True))
        items = re.split(pattern, str(value), flags=re.I) if pattern else [str(value)]
    out: list[str] = []
    for item in items:
        clean = " ".join(item.split()).strip(" ,.-\"'")
        if clean and clean not in out:
            out.append(clean)
    return out


def parse_date(value: object, formats: list[str] | None = None) -> str | None:
    """An ISO date from a record's value: the mapping's formats first, then the usual readings.

    Empty values give None; a value no reading accepts raises ``ValueError``.
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text or text.lower() in {"-", "n/a", "na", "none", "null", "unknown", "desconocido", "s/d"}:
        return None
    for fmt in formats or []:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    result = normalize_date(text)
    if result is None:
        raise ValueError(f"unreadable date {text!r}")
    return result


def name_key(name: str) -> str:
    """Accents, case, punctuation, script and a leading article folded: the form names are compared in."""
    folded = norm_name(name)
    if folded.isascii():
        return folded
    try:
        from normality import ascii_text  # transliterates Cyrillic, Greek, Arabic, ...
    except ImportError:  # pragma: no cover - normality comes with followthemoney
        return folded
    return norm_name(ascii_text(folded) or folded)


def name_tokens(name: str) -> tuple[str, ...]:
    return tuple(name_key(name).split())


def sound(token: str) -> str:
    return phonetic(token)
