"""Publication dates to ISO: ``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when that is all that is known.

Accepted: ISO 8601 (with or without time and zone; the date is kept as written, not moved
to UTC), ``YYYY/MM/DD``, RFC 2822 (e-mail ``Date:``), numeric ``DD/MM/YYYY`` (also with ``.``
or ``-``), and written dates in English or Spanish ("5 January 2023", "January 5, 2023",
"5 de enero de 2023", "enero de 2023"). Numeric dates are read **day first**, as in Spanish
and most sources of this field; a date that cannot be day-first (``01/25/2023``) is read
month-first. Anything else raises ``ValueError``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from importlib import resources

import yaml

MIN_YEAR = 1900
MAX_YEAR = 2100

_ISO = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:[T ]\d{1,2}:\d{2}.*)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T.*)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[T ,]+\d{1,2}:\d{2}.*)?$")
_TIME = re.compile(
    r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*(?:[+-]\d{2}:?\d{2}|[a-z]{1,5}))?", re.I
)
_TOKEN = re.compile(r"\d+|[^\W\d_]+")


@dataclass(frozen=True)
class _Words:
    months: dict[str, int]
    ignore: frozenset[str]


@functools.cache
def _words() -> _Words:
    data = yaml.safe_load(resources.files("pista.ingest").joinpath("dates.yml").read_text("utf-8"))
    months = {str(word): int(number) for number, words in data["months"].items() for word in words}
    return _Words(months=months, ignore=frozenset(str(w) for w in data["ignore"]))


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"year {year} out of range")
    if month is None:
        return f"{year:04d}"
    if day is None:
        if not 1 <= month <= 12:
            raise ValueError(f"no month {month}")
        return f"{year:04d}-{month:02d}"
    return date(year, month, day).isoformat()  # raises ValueError for 2023-02-30


def _year(text: str) -> int:
    value = int(text)
    if len(text) == 2:
        return 2000 + value if value < 50 else 1900 + value
    return value


def _written(text: str) -> str:
    words = _words()
    tokens = _TOKEN.findall(_fold(_TIME.sub(" ", text)))
    month: int | None = None
    numbers: list[str] = []
    for token in tokens:
        if token.isdigit():
            numbers.append(token)
        elif token in words.months and month is None:
            month = words.months[token]
        elif token not in words.ignore:
            raise ValueError(f"unknown word {token!r}")
    years = [n for n in numbers if len(n) == 4]
    days = [n for n in numbers if len(n) <= 2]
    if month is None or len(years) != 1 or len(days) > 1 or len(numbers) != len(years) + len(days):
        raise ValueError("not a date")
    return _iso(int(years[0]), month, int(days[0]) if days else None)


def normalize_date(value: str | date | datetime | None) -> str | None:
    """The ISO form of a publication date, ``None`` for an empty value; ValueError if not understood."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return _iso(value.year, value.month, value.day)
    if isinstance(value, date):
        return _iso(value.year, value.month, value.day)
    text = " ".join(value.split())
    if not text:
        return None
    if m := _ISO.match(text):
        year, month, day = m.groups()
        return _iso(int(year), int(month) if month else None, int(day) if day else None)
    if m := _COMPACT.match(text):
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _NUMERIC.match(text):
        first, second, year = int(m.group(1)), int(m.group(2)), _year(m.group(3))
        day, month = (second, first) if second > 12 >= first else (first, second)
        return _iso(year, month, day)
    if _TIME.search(text):
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            parsed = None
        if parsed is not None:
            return _iso(parsed.year, parsed.month, parsed.day)
    return _written(text)
