"""Dates in text, resolved to ISO strings as precise as the text allows.

Pure functions over strings. ``find_dates`` lists every date expression with its span and
its resolved value: absolute ("December 2, 2022", "2 de diciembre de 2022", "02/12/2022"),
partial ("December 2": the year comes from a year written in the same sentence, else the
most recent such day not after publication, else the nearest year written in the text),
relative to publication ("ayer", "last week", "hoy"), weekdays ("on Tuesday", "el pasado
martes": the day nearest a full date written before in the same paragraph, else the latest
such day not after the dateline or the publication date), day ranges ("between March 25 and
27", "del 25 al 27 de marzo": the month), anaphoric ("later that month": the last date written
before), month-only and year-only ("in March 2023", "en 2022"). The vocabulary is in
``lexicons/dates.yml``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any, Literal

from pista.extract import lexicon

Precision = Literal["day", "month", "year"]


@dataclass(frozen=True)
class DateMention:
    """One date expression and the date it stands for."""

    start: int
    end: int
    value: str  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    precision: Precision
    text: str = ""


@dataclass(frozen=True)
class Anchor:
    """The publication date as far as it is known: year, month, day (later ones may be None)."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def date(self) -> dt.date | None:
        if self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)

    @property
    def last_day(self) -> dt.date:
        """The latest day the anchor may stand for ("2023-01" -> 2023-01-31)."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)


def parse_anchor(published: str | None) -> Anchor | None:
    """The publication date from an ISO string ("2023-01-05", "2023-01", "2023"), or None."""
    if not published:
        return None
    m = re.match(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", published)
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    try:
        if month is not None:
            dt.date(year, month, day or 1)
    except ValueError:
        return None
    return Anchor(year, month, day if month else None)


def iso(year: int, month: int | None = None, day: int | None = None) -> str:
    """An ISO date string as precise as the parts given."""
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def agree(a: str | None, b: str | None) -> bool:
    """Whether two ISO dates can stand for the same day (one may be less precise)."""
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def weekday_before(anchor: dt.date, weekday: int, *, strictly: bool = False) -> dt.date:
    """The latest ``weekday`` (0 = Monday) on or before ``anchor`` (before it when ``strictly``)."""
    delta = (anchor.weekday() - weekday) % 7
    if strictly and delta == 0:
        delta = 7
    return anchor - dt.timedelta(days=delta)


def weekday_after(anchor: dt.date, weekday: int) -> dt.date:
    """The next ``weekday`` strictly after ``anchor``."""
    delta = (weekday - anchor.weekday()) % 7 or 7
    return anchor + dt.timedelta(days=delta)


def weekday_nearest(anchor: dt.date, weekday: int) -> dt.date:
    """The ``weekday`` nearest ``anchor``: the same day, up to three days after, else before."""
    ahead = (weekday - anchor.weekday()) % 7
    return anchor + dt.timedelta(days=ahead if ahead <= 3 else ahead - 7)


def shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    """``(year, month)`` moved by ``offset`` months."""
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def infer_year(month: int, day: int | None, anchor: Anchor | None) -> int | None:
    """The year of the most recent ``month``/``day`` not after publication."""
    if anchor is None:
        return None
    last = anchor.last_day
    for year in (last.year, last.year - 1):
        try:
            candidate = dt.date(year, month, day or 1)
        except ValueError:
            continue
        if candidate <= last:
            return year
    return last.year - 1


@dataclass(frozen=True)
class _Vocab:
    months: dict[str, int]
    weekdays: dict[str, int]
    last_cues: tuple[str, ...]
    next_cues: tuple[str, ...]
    relative: tuple[dict[str, Any], ...]
    anaphoric: tuple[dict[str, Any], ...]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    later_units: dict[str, int]


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.cache
def _vocab(lang: str) -> _Vocab:
    data: dict[str, Any] = lexicon.load("dates")
    d = data.get(lang) or data["en"]
    months = {w.casefold(): int(n) for n, ws in d["months"].items() for w in ws}
    weekdays = {w.casefold(): int(n) for n, ws in d["weekdays"].items() for w in ws}
    month_any = _alt(list(months))
    month_full = _alt([ws[0].casefold() for ws in d["months"].values()] + [w for w in months if len(w) > 4])
    day_names = _alt([w for w in weekdays if len(w) > 4])
    last = _alt([w.casefold() for w in d["last_cues"]])
    nxt = _alt([w.casefold() for w in d["next_cues"]])
    b = r"(?<![\w-])"
    e = r"(?![\w])"
    year = r"((?:19|20)\d{2})(?![\d,.]\d)"
    pats: list[tuple[str, str]] = []
    pats.append(("iso", rf"{b}(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){e}"))
    pats.append(("numeric", rf"{b}(\d{{1,2}})[/.-](\d{{1,2}})[/.-](\d{{4}}|\d{{2}}){e}"))
    wd = rf"(?:(?:el|the)\s+)?(?:(?:{day_names}),?\s+)?"
    if lang == "es":
        pats.append(
            (
                "range_dm",
                rf"{b}(?:entre|del|de|desde)\s+{wd}(\d{{1,2}})\s+(?:y|al|a|hasta)\s+{wd}(\d{{1,2}})(?:º|°)?"
                rf"\s+de\s+({month_any})\.?(?:\s+(?:de|del)\s+{year})?{e}",
            )
        )
        pats.append(
            (
                "dmy",
                rf"{b}(?:(?:{day_names})\s+)?(\d{{1,2}})(?:º|°)?\s+de\s+({month_any})\.?(?:\s+(?:de|del)\s+{year})?{e}",
            )
        )
        pats.append(("my", rf"{b}({month_full})\s+(?:de|del)\s+{year}{e}"))
        pats.append(
            (
                "m",
                rf"{b}(?:en|desde|hasta|durante|de|a\s+(?:principios|mediados|finales)\s+de)\s+({month_full}){e}",
            )
        )
        pats.append(
            (
                "wd",
                rf"{b}(?:(?:el|este|esta|la)\s+)?(?:({last}|{nxt})\s+)?({day_names})(?:\s+({last}|{nxt}))?{e}",
            )
        )
        pats.append(
            (
                "y",
                rf"{b}(?:(?:en|desde|hasta|durante|de|del|año|a\s+(?:principios|mediados|finales)\s+de)\s+){year}{e}",
            )
        )
    else:
        pats.append(
            (
                "range_md",
                rf"{b}(?:between|from)\s+{wd}({month_any})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?"
                rf"\s+(?:and|to|through|until|-|–)\s+{wd}(\d{{1,2}})(?:st|nd|rd|th)?{e}(?:,?\s+{year}{e})?",
            )
        )
        pats.append(
            (
                "range_dm",
                rf"{b}(?:between|from)\s+{wd}(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:and|to|through|until|-|–)\s+"
                rf"{wd}(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({month_any})\.?(?:,?\s+{year})?{e}",
            )
        )
        pats.append(
            (
                "mdy",
                rf"{b}(?:(?:{day_names}),?\s+)?({month_any})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?{e}(?:,?\s+{year}{e})?",
            )
        )
        pats.append(
            ("dmy", rf"{b}(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({month_any})\.?(?:,?\s+{year})?{e}")
        )
        pats.append(("my", rf"{b}({month_any})\.?,?\s+(?:of\s+)?{year}{e}"))
        pats.append(
            ("m", rf"{b}(?:in|since|until|during|by|from|of|early|late|mid-|last|this)\s+({month_full}){e}")
        )
        pats.append(("wd", rf"{b}(?:({last}|{nxt}|this)\s+)?({day_names}){e}"))
        pats.append(
            ("y", rf"{b}(?:(?:in|since|until|during|by|from|of|the|early|late|mid-|year)\s+){year}(?!s){e}")
        )
        pats.append(("y", rf"{b}{year}(?!s){e}(?=\s+[a-z])"))
    for joiner in d["year_joiners"]:  # the second year of "in 2007 and 2010", "en 2022 y 2023"
        pats.append(("y", rf"(?<=\d{{4}}{re.escape(joiner)}){year}(?!s){e}"))
    units = _alt(list(d["later"]["units"]))
    cues = _alt(d["later"]["cues"])
    pats.append(("later", rf"{b}([\w-]+)\s+({units})\s+(?:{cues}){e}"))
    rel = tuple(sorted(d["relative"], key=lambda r: -len(r["phrase"])))
    ana = tuple(sorted(d["anaphoric"], key=lambda r: -len(r["phrase"])))
    for r in rel:
        pats.append(("rel:" + r["phrase"], rf"{b}{re.escape(r['phrase'])}{e}"))
    for r in ana:
        pats.append(("ana:" + r["phrase"], rf"{b}{re.escape(r['phrase'])}{e}"))
    compiled = tuple((kind, re.compile(p, re.IGNORECASE)) for kind, p in pats)
    return _Vocab(
        months=months,
        weekdays=weekdays,
        last_cues=tuple(w.casefold() for w in d["last_cues"]),
        next_cues=tuple(w.casefold() for w in d["next_cues"]),
        relative=rel,
        anaphoric=ana,
        patterns=compiled,
        later_units={k.casefold(): int(v) for k, v in d["later"]["units"].items()},
    )


_SENTENCE_BREAK = re.compile(r"[.!?]\s+(?=[A-ZÁÉÍÓÚÑ\"“])|\n")
_YEAR = re.compile(r"(?<![\w,.])((?:19|20)\d{2})(?![\w,.]\d)(?!s)")


def _year_in_sentence(text: str, start: int) -> int | None:
    """A year written earlier in the sentence holding ``start``."""
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text, 0, start)]
    begin = breaks[-1] if breaks else 0
    years = _YEAR.findall(text, begin, start)
    return int(years[-1]) if years else None


_FULL_DATE = re.compile(r"(?<!\d)\d{1,2}\W+(?:\w+\W+){0,3}?((?:19|20)\d{2})(?!\d)")


def _year_in_paragraph(text: str, pos: int) -> int | None:
    """The year of the last full date (day, month and year) told before ``pos`` in its paragraph
    ("detected on January 7, 2024 ... On January 9, gunmen ...")."""
    begin = text.rfind("\n", 0, pos) + 1
    years = _FULL_DATE.findall(text, begin, pos)
    return int(years[-1]) if years else None


def _nearest_year(text: str, pos: int) -> int | None:
    """The year written nearest ``pos`` in the text."""
    best: tuple[int, int] | None = None
    for m in _YEAR.finditer(text):
        dist = abs(m.start() - pos)
        if best is None or dist < best[0]:
            best = (dist, int(m.group(1)))
    return best[1] if best else None


def find_dates(text: str, lang: str = "en", published: str | None = None) -> list[DateMention]:
    """Every date expression in ``text`` that can be resolved, in text order."""
    vocab = _vocab(lang)
    anchor = parse_anchor(published)
    spans: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, pattern in vocab.patterns:
        for m in pattern.finditer(text):
            spans.append((m.start(), m.end(), kind, m))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    chosen: list[tuple[int, int, str, re.Match[str]]] = []
    for span in sorted(spans, key=lambda s: -(s[1] - s[0])):
        if all(span[1] <= c[0] or span[0] >= c[1] for c in chosen):
            chosen.append(span)
    chosen.sort(key=lambda s: s[0])
    out: list[DateMention] = []
    for start, end, kind, m in chosen:
        resolved = _resolve(kind, m, text, lang, vocab, anchor, out)
        if resolved is None:
            continue
        value, precision = resolved
        out.append(DateMention(start, end, value, precision, text[start:end]))
    return out


def _resolve(
    kind: str,
    m: re.Match[str],
    text: str,
    lang: str,
    vocab: _Vocab,
    anchor: Anchor | None,
    before: list[DateMention],
) -> tuple[str, Precision] | None:
    g = m.groups()
    try:
        if kind == "iso":
            return _checked(int(g[0]), int(g[1]), int(g[2]))
        if kind == "numeric":
            a, b_, y = int(g[0]), int(g[1]), int(g[2])
            y = y + 2000 if y < 100 else y
            day, month = (a, b_) if lang == "es" or a > 12 else (b_, a)
            return _checked(y, month, day)
        if kind in ("mdy", "dmy"):
            if kind == "mdy":
                month, day, year = vocab.months[g[0].casefold()], int(g[1]), g[2]
            else:
                day, month, year = int(g[0]), vocab.months[g[1].casefold()], g[2]
            if not 1 <= day <= 31:
                return None
            year_of: int | None = int(year) if year else _partial_year(text, m.start(), month, day, anchor)
            return _checked(year_of, month, day) if year_of else None
        if kind in ("range_dm", "range_md"):
            if kind == "range_md":
                month, first, last, year = vocab.months[g[0].casefold()], int(g[1]), int(g[2]), g[3]
            else:
                first, last, month, year = int(g[0]), int(g[1]), vocab.months[g[2].casefold()], g[3]
            if not 1 <= first < last <= 31:
                return None
            year_r = int(year) if year else _partial_year(text, m.start(), month, first, anchor)
            return (iso(year_r, month), "month") if year_r else None
        if kind == "my":
            return iso(int(g[1]), vocab.months[g[0].casefold()]), "month"
        if kind == "m":
            month = vocab.months[g[0].casefold()]
            year_m = _partial_year(text, m.start(), month, None, anchor)
            return (iso(year_m, month), "month") if year_m else None
        if kind == "y":
            return iso(int(g[0])), "year"
        if kind == "wd":
            return _weekday(g, vocab, _weekday_anchor(text, m.start(), anchor, before))
        if kind.startswith("rel:"):
            return _relative(kind[4:], vocab, _dateline_anchor(text, before) or anchor)
        if kind == "later":
            return _later(g, lang, vocab, before)
        if kind.startswith("ana:"):
            if _OF_EVENT.match(text, m.end()):
                return None  # "the day after the extradition": counted from an event, not a date
            return _anaphoric(kind[4:], vocab, before)
    except (ValueError, KeyError):
        return None
    return None


def _checked(year: int | None, month: int, day: int) -> tuple[str, Precision] | None:
    if year is None:
        return None
    dt.date(year, month, day)  # raises ValueError on an impossible date
    return iso(year, month, day), "day"


def _partial_year(text: str, pos: int, month: int, day: int | None, anchor: Anchor | None) -> int | None:
    """The year of a date written without one."""
    written = _year_in_sentence(text, pos)
    if written:
        return written
    told = _year_in_paragraph(text, pos)
    if told:
        return told
    inferred = infer_year(month, day, anchor)
    if inferred:
        return inferred
    return _nearest_year(text, pos)


_DATELINE_AFTER = re.compile(r"^\s*[.,]?\s*[—–-]")
_DATELINE_LEAD = 60


def is_dateline(text: str, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` heads the story ("LIMA, Oct. 5 —", "Quito, 26 de junio
    de 2025.–"): a short place before it on its line and a dash after it."""
    line_start = text.rfind("\n", 0, start) + 1
    return (
        end - start > 0
        and start - line_start <= _DATELINE_LEAD
        and bool(_DATELINE_AFTER.match(text[end : end + 4]))
    )


@dataclass(frozen=True)
class _DayAnchor:
    """The day a weekday is read against, and whether the weekday may fall after it."""

    date: dt.date
    narrative: bool


def _weekday_anchor(
    text: str, pos: int, anchor: Anchor | None, before: list[DateMention]
) -> _DayAnchor | None:
    """A full date told earlier in the same paragraph ("el domingo 27 de marzo ... El domingo"),
    else the dateline, else the publication date."""
    paragraph = text.rfind("\n", 0, pos)
    latest = anchor.last_day if anchor is not None else None
    dateline: dt.date | None = None
    for d in reversed(before):
        day = _last_day_told(d)
        if day is None:
            continue
        if is_dateline(text, d.start, d.end):
            dateline = dateline or day
            continue
        if d.start > paragraph and _written_in_full(d.text) and (latest is None or day <= latest):
            return _DayAnchor(day, narrative=True)
    if dateline is not None:
        return _DayAnchor(dateline, narrative=False)
    if anchor is None or anchor.date is None:
        return None
    return _DayAnchor(anchor.date, narrative=False)


_DAY_NUMBER = re.compile(r"(?<!\d)\d{1,2}(?!\d)")


def _last_day_told(d: DateMention) -> dt.date | None:
    """The day a date names; for a day range ("del 25 al 27 de marzo"), its last day."""
    if d.precision == "day":
        return dt.date.fromisoformat(d.value)
    days = _DAY_NUMBER.findall(d.text)
    if d.precision != "month" or len(days) < 2:
        return None
    try:
        return dt.date.fromisoformat(f"{d.value}-{int(days[-1]):02d}")
    except ValueError:
        return None


def _written_in_full(text: str) -> bool:
    """A date written with its digits (not "ayer", "on Tuesday")."""
    return any(ch.isdigit() for ch in text)


def _weekday(
    g: tuple[str | Any, ...], vocab: _Vocab, anchor: _DayAnchor | None
) -> tuple[str, Precision] | None:
    if anchor is None:
        return None
    cues = [c.casefold() for c in g if c and c.casefold() not in vocab.weekdays]
    name = next(c.casefold() for c in g if c and c.casefold() in vocab.weekdays)
    weekday = vocab.weekdays[name]
    if any(c in vocab.next_cues for c in cues):
        day = weekday_after(anchor.date, weekday)
    elif any(c in vocab.last_cues for c in cues):
        day = weekday_before(anchor.date, weekday, strictly=True)
    elif anchor.narrative:
        day = weekday_nearest(anchor.date, weekday)
    else:
        day = weekday_before(anchor.date, weekday)
    return day.isoformat(), "day"


def _dateline_anchor(text: str, before: list[DateMention]) -> Anchor | None:
    """The full date of the dateline, when the story has one: "today" and "yesterday" are
    told from it ("Lima, 21 de noviembre de 2025.– ... hoy"), even when the story is
    published a day later."""
    for d in before:
        if d.precision == "day" and _written_in_full(d.text) and is_dateline(text, d.start, d.end):
            day = dt.date.fromisoformat(d.value)
            return Anchor(day.year, day.month, day.day)
    return None


def _relative(phrase: str, vocab: _Vocab, anchor: Anchor | None) -> tuple[str, Precision] | None:
    rule = next(r for r in vocab.relative if r["phrase"] == phrase)
    if anchor is None:
        return None
    if "year" in rule:
        return iso(anchor.year + int(rule["year"])), "year"
    if anchor.month is None:
        return None
    if "month" in rule:
        y, mo = shift_month(anchor.year, anchor.month, int(rule["month"]))
        return iso(y, mo), "month"
    if anchor.date is None:
        return None
    if "week" in rule:
        day = anchor.date + dt.timedelta(days=7 * int(rule["week"]))
        return iso(day.year, day.month), "month"
    day = anchor.date + dt.timedelta(days=int(rule.get("days", 0)))
    return day.isoformat(), "day"


def _later(
    g: tuple[str | Any, ...], lang: str, vocab: _Vocab, before: list[DateMention]
) -> tuple[str, Precision] | None:
    """ "three days later", "dos días después": so many days after the last full date told."""
    from pista.extract.numbers import parse_number

    if not before or before[-1].precision != "day":
        return None
    amount = parse_number(str(g[0]), lang)
    if amount is None and str(g[0]).casefold() in ("a", "un", "una"):
        amount = 1
    if amount is None or not 0 < amount < 400:
        return None
    days = int(amount) * vocab.later_units[str(g[1]).casefold()]
    day = dt.date.fromisoformat(before[-1].value) + dt.timedelta(days=days)
    return day.isoformat(), "day"


_OF_EVENT = re.compile(r"\s+(?:of|de|del)\s+(?!\d)", re.IGNORECASE)


def _anaphoric(phrase: str, vocab: _Vocab, before: list[DateMention]) -> tuple[str, Precision] | None:
    rule = next(r for r in vocab.anaphoric if r["phrase"] == phrase)
    if not before:
        return None
    last = before[-1]
    precision: Precision = rule["precision"]
    order = {"year": 4, "month": 7, "day": 10}
    if "days" in rule:  # "the next day", "al día siguiente": so many days after the last day told
        if last.precision != "day":
            return None
        day = dt.date.fromisoformat(last.value) + dt.timedelta(days=int(rule["days"]))
        return day.isoformat(), "day"
    if order[precision] > order[last.precision]:
        return last.value, last.precision
    return last.value[: order[precision]], precision
