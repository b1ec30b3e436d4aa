"""One real event reported by several documents becomes one resolved event.

Two reports are the same event when they have the same type, their dates agree (within
``DAY_WINDOW`` days, or the same month when one is only month-precise), their places are
compatible (the same resolved place, or one is the country the other lies in) and they share a
resolved target or agency. Reports are blocked by type and month, so cost stays linear.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from pista.documents import Analysis, Event
from pista.resolve.features import Comparison
from pista.resolve.profile import ItemId

DAY_WINDOW = 3
EVENT_THRESHOLD = 2.0
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@dataclass
class EventProfile:
    item: ItemId
    index: int
    type: str
    day: date | None
    month: tuple[int, int] | None
    year: int | None
    location: str | None  # resolved entity key
    location_country: str | None
    location_is_country: bool
    agencies: frozenset[str]
    targets: frozenset[str]
    target_family: frozenset[str]  # the targets and the groups they belong to (resolved keys)
    arrested: int | None
    raw: Event


def parse_date(value: str | None) -> tuple[date | None, tuple[int, int] | None, int | None]:
    """(day, (year, month), year), as precise as the ISO string allows."""
    m = _DATE.match(value or "")
    if not m:
        return None, None, None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day_n = int(m.group(3)) if m.group(3) else None
    try:
        day = date(year, month, day_n) if month and day_n else None
    except ValueError:
        day = None
    return day, ((year, month) if month and 1 <= month <= 12 else None), year


FAMILY_RELATIONS = frozenset({"part_of", "subordinate_of", "member_of", "leader_of"})


def group_links(corpus: list[tuple[str, Analysis]], entity_keys: dict[ItemId, str]) -> dict[str, set[str]]:
    """Resolved key -> keys of the groups it belongs to or leads, from every document's relations."""
    links: dict[str, set[str]] = defaultdict(set)
    for doc_id, analysis in corpus:
        for r in analysis.relations:
            if r.type in FAMILY_RELATIONS:
                child, parent = entity_keys.get((doc_id, r.subject)), entity_keys.get((doc_id, r.object))
                if child and parent and child != parent:
                    links[child].add(parent)
    return links


def build_event_profiles(
    corpus: list[tuple[str, Analysis]],
    entity_keys: dict[ItemId, str],
    location_info: dict[str, tuple[str | None, bool]],
) -> list[EventProfile]:
    links = group_links(corpus, entity_keys)
    out: list[EventProfile] = []
    for doc_id, analysis in sorted(corpus, key=lambda p: p[0]):
        for ev in sorted(analysis.events, key=lambda e: e.id):
            day, month, year = parse_date(ev.date)
            loc = entity_keys.get((doc_id, ev.location)) if ev.location else None
            country, is_country = location_info.get(loc, (None, False)) if loc else (None, False)
            out.append(
                EventProfile(
                    item=(doc_id, ev.id),
                    index=len(out),
                    type=ev.type,
                    day=day,
                    month=month,
                    year=year,
                    location=loc,
                    location_country=country,
                    location_is_country=is_country,
                    agencies=frozenset(k for x in ev.agencies if (k := entity_keys.get((doc_id, x)))),
                    targets=(
                        targets := frozenset(k for x in ev.targets if (k := entity_keys.get((doc_id, x))))
                    ),
                    target_family=targets.union(*(links.get(t, set()) for t in targets)),
                    arrested=ev.arrested,
                    raw=ev,
                )
            )
    return out


def event_blocks(p: EventProfile) -> set[str]:
    if p.day:
        keys = {f"{p.type}:{p.day.year}-{p.day.month}"}
        for delta in (-DAY_WINDOW, DAY_WINDOW):
            other = p.day + timedelta(days=delta)
            keys.add(f"{p.type}:{other.year}-{other.month}")
        return keys
    if p.month:
        return {f"{p.type}:{p.month[0]}-{p.month[1]}"}
    if p.year:
        return {f"{p.type}:{p.year}"}
    return set()


def event_pairs(profiles: list[EventProfile], cap: int = 40) -> list[tuple[int, int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for p in profiles:
        for k in event_blocks(p):
            blocks[k].append(p.index)
    seen: set[tuple[int, int]] = set()
    for key in sorted(blocks):
        members = blocks[key]
        for pos, i in enumerate(members):
            start = 0 if len(members) <= cap else max(0, pos - cap)
            for j in members[start:pos]:
                if profiles[i].item[0] != profiles[j].item[0]:
                    seen.add((min(i, j), max(i, j)))
    return sorted(seen)


def compare_events(a: EventProfile, b: EventProfile) -> Comparison:
    c = Comparison(0.0)
    if a.type != b.type:
        c.conflict = "type"
        return c
    if a.day and b.day:
        gap = abs((a.day - b.day).days)
        if gap > DAY_WINDOW:
            c.conflict = f"{gap} days apart"
            return c
        c.add("date", 1.5 if gap == 0 else 1.0, f"{gap} days apart")
    elif a.month and b.month:
        if a.month != b.month:
            c.conflict = "different months"
            return c
        c.add("date", 0.7, "same month")
    elif a.year and b.year and not a.month and not b.month:
        if a.year != b.year:
            c.conflict = "different years"
            return c
        c.add("date", 0.3, "same year")
    else:
        c.conflict = "dates not comparable"
        return c
    if a.location and b.location:
        if a.location == b.location:
            c.add("place", 1.0, a.location)
        elif a.location_country and a.location_country == b.location_country:
            if a.location_is_country or b.location_is_country:
                c.add("place_within", 0.6, a.location_country)
            else:
                c.add("other_place_same_country", -1.5, f"{a.location} / {b.location}")
        elif a.location_country and b.location_country:
            c.conflict = f"places in {a.location_country} / {b.location_country}"
            return c
    shared_targets = a.targets & b.targets
    related_targets = a.target_family & b.target_family
    shared_agencies = a.agencies & b.agencies
    same_place = bool(a.location and a.location == b.location)
    # The same police force acts every day: a shared agency counts only at the same place.
    if not related_targets and not (shared_agencies and same_place):
        c.conflict = "no shared target (nor agency at the same place)"
        return c
    if shared_targets:
        c.add("targets", 1.5, ", ".join(sorted(shared_targets)))
    elif related_targets:
        c.add("related_targets", 1.0, "one is part of the other: " + ", ".join(sorted(related_targets)))
    elif a.targets and b.targets:
        c.add("targets_differ", -1.5, "different targets")
    if shared_agencies:
        c.add("agencies", 0.5, ", ".join(sorted(shared_agencies)))
    if a.arrested is not None and b.arrested is not None:
        hi, lo = max(a.arrested, b.arrested), min(a.arrested, b.arrested)
        if hi == lo:
            c.add("arrested", 0.5, str(hi))
        elif lo and hi / lo <= 1.5:
            c.add("arrested_close", 0.2, f"{lo} / {hi}")
        elif hi > 3 * max(lo, 1):
            c.add("arrested_differ", -1.5, f"{lo} / {hi}")
        else:
            c.add("arrested_differ", -0.6, f"{lo} / {hi}")
    return c
