"""Figures in text: digits in both separator conventions and numbers written as words.

Pure functions over strings. ``find_quantities`` lists every figure with its character span
and the qualifier written before it ("some 4,000" -> about, "más de 90" -> more_than);
``parse_number`` reads one figure. The number words and cue phrases are in
``lexicons/numbers.yml``.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from typing import Any

from pista.extract import lexicon

# A group of exactly three digits after a separator is a thousands group ("4,300", "4.300",
# "1 500"); anything else after "," or "." is a decimal part ("2,5 millones", "1.5 million").
_DIGITS = re.compile(
    r"(?<![\w.,])\d{1,3}(?:([,.\u00a0\u202f ])\d{3}(?!\d))(?:\1\d{3}(?!\d))*(?:[.,]\d+)?(?![\w])|(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])"
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(frozen=True)
class Quantity:
    """One figure found in a text."""

    value: float
    start: int
    end: int
    qualifier: str = "exact"
    text: str = ""

    @property
    def is_whole(self) -> bool:
        return float(self.value).is_integer()


@dataclass(frozen=True)
class _Words:
    units: dict[str, int]
    hundreds: dict[str, int]
    scales: dict[str, int]
    groups: dict[str, tuple[int, bool]]
    vague: frozenset[str]
    articles: frozenset[str]
    connectors: frozenset[str]
    qualifiers: tuple[tuple[str, str], ...]  # (phrase, qualifier), longest phrase first


@functools.cache
def _words(lang: str) -> _Words:
    data: dict[str, Any] = lexicon.load("numbers")
    d = data.get(lang) or data["en"]
    quals = [(p.casefold(), q) for q, phrases in d["qualifiers"].items() for p in phrases]
    quals.sort(key=lambda pq: -len(pq[0]))
    return _Words(
        units={k.casefold(): int(v) for k, v in d["units"].items()},
        hundreds={k.casefold(): int(v) for k, v in d["hundreds"].items()},
        scales={k.casefold(): int(v) for k, v in d["scales"].items()},
        groups={k.casefold(): (int(v["value"]), bool(v.get("about"))) for k, v in d["groups"].items()},
        vague=frozenset(w.casefold() for w in d["vague"]),
        articles=frozenset(w.casefold() for w in d["articles"]),
        connectors=frozenset(w.casefold() for w in d["connectors"]),
        qualifiers=tuple(quals),
    )


def parse_digits(text: str) -> float | None:
    """The value of a figure written in digits, in either separator convention."""
    s = text.strip().replace("\u00a0", " ").replace("\u202f", " ")
    if not s or not s[0].isdigit():
        return None
    m = re.fullmatch(r"(\d{1,3})((?:([,. ])\d{3})+)([.,]\d+)?", s)
    if m and not (m.group(4) and m.group(4)[0] == m.group(3)):
        whole = m.group(1) + re.sub(r"\D", "", m.group(2))
        frac = m.group(4)[1:] if m.group(4) else ""
        return float(f"{whole}.{frac}") if frac else float(whole)
    m = re.fullmatch(r"(\d+)(?:[.,](\d+))?", s)
    if not m:
        return None
    return float(f"{m.group(1)}.{m.group(2)}") if m.group(2) else float(m.group(1))


def _word_value(tokens: list[str], words: _Words) -> tuple[float, int, bool] | None:
    """Read number words from the start of ``tokens``: (value, tokens used, approximate)."""
    total = 0
    current = 0
    used = 0
    seen = False
    about = False
    last_unit = 0  # the last unit word read, to tell "twenty one" from "one two"
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        parts = tok.split("-")
        if (
            tok in words.articles
            and not seen
            and i + 1 < len(tokens)
            and _next_is_multiplier(tokens[i + 1], words)
        ):
            current = 1  # "a hundred", "a dozen", "un millón"
        elif len(parts) > 1 and all(p in words.units for p in parts):
            current += sum(words.units[p] for p in parts)  # "twenty-three"
            last_unit = 1
        elif tok in words.units:
            value = words.units[tok]
            if seen and last_unit and (last_unit < 10 or value >= 10):
                break  # "one two", "twenty thirty" are two figures
            current += value
            last_unit = value or 1
        elif tok in words.hundreds:
            value = words.hundreds[tok]
            current = current * 100 if value == 100 and current else current + value
            last_unit = 0
        elif tok in words.scales:
            total += max(current, 1) * words.scales[tok]
            current = 0
            last_unit = 0
        elif tok in words.groups:
            value, approx = words.groups[tok]
            if not (seen or current):
                break
            current = max(current, 1) * value
            about = about or approx
            used = i + 1
            seen = True
            break
        elif (
            tok in words.connectors and seen and i + 1 < len(tokens) and _is_number_word(tokens[i + 1], words)
        ):
            i += 1
            continue
        else:
            break
        seen = seen or tok not in words.articles or current > 0
        i += 1
        used = i
    if not seen or used == 0:
        return None
    return float(total + current), used, about


def _next_is_multiplier(tok: str, words: _Words) -> bool:
    return tok in words.hundreds or tok in words.scales or tok in words.groups


def _is_number_word(tok: str, words: _Words) -> bool:
    parts = tok.split("-")
    return (
        tok in words.units
        or tok in words.hundreds
        or tok in words.scales
        or tok in words.groups
        or (len(parts) > 1 and all(p in words.units for p in parts))
    )


def parse_number(text: str, lang: str = "en") -> float | None:
    """The value of one figure ("4,300", "4.300", "fifteen", "ciento cincuenta", "two dozen")."""
    quantities = find_quantities(text, lang)
    if len(quantities) != 1:
        return None
    return quantities[0].value


def qualifier_before(text: str, start: int, lang: str = "en") -> tuple[str, int]:
    """The qualifier written just before ``start`` and where its phrase begins."""
    words = _words(lang)
    head = text[max(0, start - 40) : start].casefold().rstrip()
    for phrase, qual in words.qualifiers:
        if head.endswith(phrase) and (len(head) == len(phrase) or not head[-len(phrase) - 1].isalnum()):
            return qual, start - (len(text[max(0, start - 40) : start]) - len(head)) - len(phrase)
    return "exact", start


def find_quantities(text: str, lang: str = "en") -> list[Quantity]:
    """Every figure in ``text`` with its span and qualifier, in text order.

    Vague collectives ("dozens", "decenas") are not figures. A scale word after digits
    multiplies them ("2,5 millones" -> 2500000, "5 mil" -> 5000).
    """
    words = _words(lang)
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    tokens = [(m.group().casefold(), m.start(), m.end()) for m in _WORD.finditer(text)]
    for m in _DIGITS.finditer(text):
        value = parse_digits(m.group())
        if value is None:
            continue
        end = m.end()
        nxt = next((t for t in tokens if t[1] >= end), None)
        if nxt and text[end : nxt[1]].strip() == "" and nxt[0] in words.scales:
            value *= words.scales[nxt[0]]
            end = nxt[2]
        found.append(_qualified(text, value, m.start(), end, lang))
        taken.append((m.start(), end))
    i = 0
    while i < len(tokens):
        tok, start, _ = tokens[i]
        if tok in words.vague or any(s <= start < e for s, e in taken):
            i += 1
            continue
        window = [t[0] for t in tokens[i : i + 8]]
        contiguous = _contiguous(text, tokens[i : i + 8])
        read = _word_value(window[:contiguous], words)
        if read is None or read[1] == 0:
            i += 1
            continue
        value, used, about = read
        end = tokens[i + used - 1][2]
        if used == 1 and tok in words.articles:
            i += 1
            continue
        q = _qualified(text, value, start, end, lang)
        if about and q.qualifier == "exact":
            q = Quantity(q.value, q.start, q.end, "about", q.text)
        found.append(q)
        i += used
    found.sort(key=lambda q: q.start)
    return found


def _contiguous(text: str, toks: list[tuple[str, int, int]]) -> int:
    """How many of ``toks`` follow each other separated by blanks only."""
    n = 1 if toks else 0
    for a, b in itertools.pairwise(toks):
        if text[a[2] : b[1]].strip():
            break
        n += 1
    return n


def _qualified(text: str, value: float, start: int, end: int, lang: str) -> Quantity:
    qual, _ = qualifier_before(text, start, lang)
    return Quantity(value=value, start=start, end=end, qualifier=qual, text=text[start:end])
