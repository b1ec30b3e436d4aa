"""Constrained agglomeration: merge best pairs first, never across a cannot-link.

A cluster keeps a summary (documents, countries, subtype classes, personal names, explicit
cannot-links) so checking a merge does not look at every member pair.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pista.resolve.features import person_names_conflict
from pista.resolve.profile import Profile


@dataclass
class _Summary:
    members: list[int]
    docs: set[str]
    countries: set[str]
    subclasses: set[str]
    full_names: set[tuple[str, ...]]
    parents: set[str]
    forbidden: set[int] = field(default_factory=set)


class Clusters:
    """Union-find over profile indexes with the constraints of resolution."""

    def __init__(self, profiles: list[Profile]) -> None:
        self.parent = list(range(len(profiles)))
        self.summary: dict[int, _Summary] = {}
        for p in profiles:
            strict_country = p.type == "location" or p.subclass == "agency"
            self.summary[p.index] = _Summary(
                members=[p.index],
                docs={p.item[0]},
                countries={p.country} if p.country and strict_country else set(),
                subclasses={p.subclass} if p.subclass else set(),
                full_names={p.full} if p.full else set(),
                parents=set(p.parents),
            )

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def forbid(self, i: int, j: int) -> None:
        """An explicit cannot-link between two items (a person's judgement)."""
        self.summary[self.find(i)].forbidden.add(j)
        self.summary[self.find(j)].forbidden.add(i)

    def blocked_by(self, ra: int, rb: int) -> str | None:
        a, b = self.summary[ra], self.summary[rb]
        if any(self.find(m) == rb for m in a.forbidden) or any(self.find(m) == ra for m in b.forbidden):
            return "judged different"
        if a.docs & b.docs:
            return "same document"
        if a.countries and b.countries and not a.countries & b.countries:
            return "country"
        if a.subclasses and b.subclasses and a.subclasses != b.subclasses:
            return "subtype"
        if a.parents and b.parents and not a.parents & b.parents:
            return "part of different groups"
        for x in a.full_names:
            for y in b.full_names:
                if person_names_conflict(x, y):
                    return "different full names"
        return None

    def merge(self, i: int, j: int, *, force: bool = False) -> bool:
        """Join the clusters of ``i`` and ``j`` unless a constraint forbids it (``force``: only judgements do)."""
        ra, rb = self.find(i), self.find(j)
        if ra == rb:
            return True
        reason = self.blocked_by(ra, rb)
        if reason and (not force or reason == "judged different"):
            return False
        a, b = self.summary[ra], self.summary[rb]
        if len(a.members) < len(b.members):
            ra, rb, a, b = rb, ra, b, a
        self.parent[rb] = ra
        a.members.extend(b.members)
        a.docs |= b.docs
        a.countries |= b.countries
        a.subclasses |= b.subclasses
        a.full_names |= b.full_names
        a.parents |= b.parents
        a.forbidden |= b.forbidden
        del self.summary[rb]
        return True

    def groups(self) -> list[list[int]]:
        return [sorted(s.members) for s in self.summary.values()]
