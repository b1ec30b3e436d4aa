"""An organization's profile: who leads it, its parts, friends and enemies, where and what it does.

Every line counts its independent sources (distinct documents) and keeps the sentences it
rests on. Figures of operations come from resolved events, so a raid reported by three
outlets counts once; member-count estimates are listed side by side, never averaged.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from pista.analysis.corpus import Corpus, EvidenceRef, evidence_ref
from pista.analysis.graph import Link, relation_links
from pista.errors import PistaError
from pista.resolve.normalize import norm_name

FIGURES = ("arrested", "rescued", "killed")
GROUP_RELATIONS = frozenset({"part_of", "subordinate_of"})
PLACE_RELATIONS = {"operates_in": "operates in", "headquartered_in": "headquartered in"}
CRIMINAL_SUBTYPES = ("criminal_group", "faction")


@dataclass
class Line:
    """One statement about the organization: another entity, how many documents say so, and where."""

    key: str
    name: str
    sources: int
    evidence: list[EvidenceRef]
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "sources": self.sources,
            "note": self.note,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass
class Territory:
    key: str
    name: str
    subtype: str | None
    country: str | None
    sources: int
    how: list[str]
    evidence: list[EvidenceRef]

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "subtype": self.subtype,
            "country": self.country,
            "sources": self.sources,
            "how": self.how,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass
class CrimeLine:
    type: str
    sources: int
    by: list[str]
    evidence: list[EvidenceRef]

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "sources": self.sources,
            "by": self.by,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass
class Figure:
    """One figure of one real event: the value counted and every value reported."""

    value: int
    reported: list[tuple[int, list[str]]]  # (value, documents), most reported first

    @property
    def disputed(self) -> bool:
        return len(self.reported) > 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "reported": [{"value": v, "documents": d} for v, d in self.reported],
            "disputed": self.disputed,
        }


def choose_figure(reports: list[dict[str, Any]]) -> Figure | None:
    """The value most documents give (the largest on a tie), with every reported value beside it."""
    by_value: dict[int, set[str]] = defaultdict(set)
    for r in reports:
        try:
            by_value[int(r["value"])].add(str(r.get("document", "")))
        except (KeyError, TypeError, ValueError):
            continue
    if not by_value:
        return None
    ranked = sorted(by_value.items(), key=lambda kv: (-len(kv[1]), -kv[0]))
    return Figure(ranked[0][0], [(v, sorted(d)) for v, d in ranked])


@dataclass
class TimelineEvent:
    key: str
    date: str | None
    type: str
    places: list[str]
    agencies: list[str]
    targets: list[str]
    figures: dict[str, Figure]
    seized: list[str]
    documents: list[str]
    evidence: list[EvidenceRef]
    reported: str | None = None  # the earliest publication date of its reports

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "date": self.date,
            "reported": self.reported,
            "type": self.type,
            "places": self.places,
            "agencies": self.agencies,
            "targets": self.targets,
            "figures": {k: f.to_dict() for k, f in self.figures.items()},
            "seized": self.seized,
            "sources": len(self.documents),
            "documents": self.documents,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass
class MemberCount:
    value: float
    qualifier: str
    location: str | None
    date: str | None
    document: str
    publisher: str
    evidence: EvidenceRef

    def to_dict(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {
            "value": value,
            "qualifier": self.qualifier,
            "location": self.location,
            "date": self.date,
            "document": self.document,
            "publisher": self.publisher,
            "evidence": self.evidence.to_dict(),
        }


@dataclass
class Profile:
    key: str
    name: str
    subtype: str | None
    countries: list[str]
    period: str
    documents: list[str]
    names: list[tuple[str, int]]
    aliases: list[tuple[str, int]]
    same_name: list[str]  # other resolved entities sharing one of its names
    leaders: list[Line] = field(default_factory=list)
    members: list[Line] = field(default_factory=list)
    factions: list[Line] = field(default_factory=list)
    parents: list[Line] = field(default_factory=list)
    allies: list[Line] = field(default_factory=list)
    rivals: list[Line] = field(default_factory=list)
    territories: list[Territory] = field(default_factory=list)
    crimes: list[CrimeLine] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    seizures: dict[str, int] = field(default_factory=dict)  # category -> events seizing it
    member_counts: list[MemberCount] = field(default_factory=list)

    @property
    def group(self) -> set[str]:
        """The organization and its factions."""
        return {self.key, *(f.key for f in self.factions)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "subtype": self.subtype,
            "countries": self.countries,
            "period": self.period,
            "documents": self.documents,
            "names": [{"name": n, "documents": c} for n, c in self.names],
            "aliases": [{"name": n, "documents": c} for n, c in self.aliases],
            "same_name": self.same_name,
            "leaders": [x.to_dict() for x in self.leaders],
            "members": [x.to_dict() for x in self.members],
            "factions": [x.to_dict() for x in self.factions],
            "part_of": [x.to_dict() for x in self.parents],
            "allies": [x.to_dict() for x in self.allies],
            "rivals": [x.to_dict() for x in self.rivals],
            "territories": [x.to_dict() for x in self.territories],
            "crimes": [x.to_dict() for x in self.crimes],
            "timeline": [x.to_dict() for x in self.timeline],
            "totals": {**self.totals, "events": len(self.timeline), "seizures": self.seizures},
            "member_counts": [x.to_dict() for x in self.member_counts],
        }


# -- finding the organization ------------------------------------------------------
def _all_names(data: dict[str, Any]) -> list[str]:
    return [data["canonical"], *data.get("names", {}), *data.get("aliases", {})]


def find_organization(corpus: Corpus, name: str) -> str:
    """The key of the organization known by ``name`` (accents and case ignored).

    Several matches: a criminal group or faction first, then the most documented. None: a
    PistaError listing close names.
    """
    wanted = norm_name(name)
    if not wanted:
        raise PistaError("give the name of an organization")
    orgs = {k: d for k, d in corpus.entities.items() if d["type"] == "organization"}
    found = [k for k, d in orgs.items() if wanted in {norm_name(n) for n in _all_names(d)}]
    if found:
        return min(found, key=lambda k: _rank(orgs[k], len(corpus.entity_documents(k))))
    if not orgs:
        raise PistaError(
            "the store holds no resolved organizations"
            + ("" if corpus.period.open else f" for {corpus.period.describe()}")
            + ": run `pista extract --store` and `pista resolve` first"
        )
    display: dict[str, str] = {}
    for d in orgs.values():
        for n in _all_names(d):
            display.setdefault(norm_name(n), n)
    close = difflib.get_close_matches(wanted, list(display), n=6, cutoff=0.6)
    close += [n for n in display if wanted in n and n not in close][: 6 - len(close)]
    if not close:
        ranked = sorted(orgs, key=lambda k: _rank(orgs[k], len(corpus.entity_documents(k))))[:6]
        hint = "most mentioned: " + ", ".join(orgs[k]["canonical"] for k in ranked)
    else:
        hint = "close names: " + ", ".join(display[n] for n in close)
    raise PistaError(f"no organization named {name!r} in the store ({hint})")


def _rank(data: dict[str, Any], n_docs: int) -> tuple[int, int, str]:
    return (0 if data.get("subtype") in CRIMINAL_SUBTYPES else 1, -n_docs, data["key"])


def most_mentioned_group(corpus: Corpus) -> str | None:
    """The criminal group named in most documents of the period (None when there is none)."""
    groups = [k for k, d in corpus.entities.items() if d.get("subtype") == "criminal_group"]
    if not groups:
        groups = [k for k, d in corpus.entities.items() if d.get("subtype") == "faction"]
    if not groups:
        return None
    return min(groups, key=lambda k: (-len(corpus.entity_documents(k)), k))


# -- building the profile ------------------------------------------------------------
def _line(corpus: Corpus, key: str, link: Link, note: str = "") -> Line:
    return Line(key, corpus.name(key), link.edge.sources, link.evidence, note)


def _merge(lines: list[Line]) -> list[Line]:
    """One line per entity (several relation types or paths merged), most sourced first."""
    out: dict[str, Line] = {}
    for x in lines:
        if x.key in out:
            have = out[x.key]
            docs = {e.document for e in have.evidence} | {e.document for e in x.evidence}
            notes = [n for n in dict.fromkeys((have.note, x.note)) if n]
            out[x.key] = Line(x.key, x.name, len(docs), have.evidence + x.evidence, "; ".join(notes))
        else:
            out[x.key] = x
    return sorted(out.values(), key=lambda x: (-x.sources, x.name.casefold()))


def _counted_names(corpus: Corpus, mapping: dict[str, list[str]]) -> list[tuple[str, int]]:
    counted = [(n, len([d for d in docs if d in corpus.documents])) for n, docs in mapping.items()]
    return sorted([x for x in counted if x[1]], key=lambda x: (-x[1], x[0].casefold()))


def build_profile(corpus: Corpus, key: str) -> Profile:
    """Everything the period's reports say about the organization ``key``."""
    data = corpus.entities.get(key)
    if data is None:
        raise PistaError(f"no resolved entity {key!r}")
    folded = {norm_name(n) for n in _all_names(data)}
    same_name = sorted(
        k
        for k, d in corpus.entities.items()
        if k != key and d["type"] == "organization" and folded & {norm_name(n) for n in _all_names(d)}
    )
    profile = Profile(
        key=key,
        name=data["canonical"],
        subtype=data.get("subtype"),
        countries=list(data.get("countries", [])),
        period=corpus.period.describe(),
        documents=corpus.entity_documents(key),
        names=_counted_names(
            corpus, {n: d for n, d in data.get("names", {}).items() if n not in data.get("aliases", {})}
        ),
        aliases=_counted_names(corpus, data.get("aliases", {})),
        same_name=same_name,
    )
    links = relation_links(corpus)
    _structure(corpus, profile, links)
    _territories(corpus, profile, links)
    _crimes(corpus, profile)
    _timeline(corpus, profile)
    _member_counts(corpus, profile)
    return profile


def _structure(corpus: Corpus, p: Profile, links: list[Link]) -> None:
    # Factions and cells: anything part of (or subordinate to) the organization, transitively.
    children: dict[str, list[Link]] = defaultdict(list)
    for x in links:
        if x.edge.type in GROUP_RELATIONS and corpus.entities.get(x.edge.source, {}).get("type") == (
            "organization"
        ):
            children[x.edge.target].append(x)
    factions: list[Line] = []
    seen = {p.key}
    frontier = [p.key]
    while frontier:
        parent = frontier.pop()
        for x in children.get(parent, []):
            child = x.edge.source
            if child in seen:
                continue
            seen.add(child)
            frontier.append(child)
            note = "" if parent == p.key else f"within {corpus.name(parent)}"
            factions.append(_line(corpus, child, x, note))
    p.factions = _merge(factions)
    group = p.group
    leaders: list[Line] = []
    members: list[Line] = []
    parents: list[Line] = []
    allies: list[Line] = []
    rivals: list[Line] = []
    for x in links:
        a, b, rtype = x.edge.source, x.edge.target, x.edge.type
        if rtype == "leader_of" and b in group:
            note = "" if b == p.key else f"leads {corpus.name(b)}"
            (leaders if b == p.key else members).append(_line(corpus, a, x, note))
        elif rtype in ("member_of", "subordinate_of") and b in group and a not in group:
            if corpus.entities.get(a, {}).get("type") == "person":
                note = "" if b == p.key else f"via {corpus.name(b)}"
                members.append(_line(corpus, a, x, note))
        elif rtype in GROUP_RELATIONS and a == p.key and b not in group:
            parents.append(_line(corpus, b, x))
        elif rtype in ("allied_with", "rival_of") and (a in group) != (b in group):
            other = b if a in group else a
            via = a if a in group else b
            note = "" if via == p.key else f"via {corpus.name(via)}"
            (allies if rtype == "allied_with" else rivals).append(_line(corpus, other, x, note))
    leader_keys = {x.key for x in leaders}
    # People stated to serve a leader belong to the organization too.
    for x in links:
        if x.edge.type == "subordinate_of" and x.edge.target in leader_keys and x.edge.source not in group:
            members.append(_line(corpus, x.edge.source, x, f"under {corpus.name(x.edge.target)}"))
    p.leaders = _merge(leaders)
    p.members = _merge([m for m in members if m.key not in leader_keys])
    p.parents = _merge(parents)
    p.allies = _merge(allies)
    p.rivals = _merge(rivals)


def _people(p: Profile) -> set[str]:
    return {x.key for x in p.leaders} | {x.key for x in p.members}


def _territories(corpus: Corpus, p: Profile, links: list[Link]) -> None:
    docs: dict[str, set[str]] = defaultdict(set)
    how: dict[str, set[str]] = defaultdict(set)
    evidence: dict[str, list[EvidenceRef]] = defaultdict(list)
    group = p.group
    for x in links:
        if x.edge.type in PLACE_RELATIONS and x.edge.source in group:
            place = x.edge.target
            docs[place] |= {e.document for e in x.evidence}
            how[place].add(PLACE_RELATIONS[x.edge.type])
            evidence[place].extend(x.evidence)
    targets = group | _people(p)
    for event in corpus.events:
        if not targets & set(event.get("targets", [])):
            continue
        reporting = {d for d in event.get("documents", []) if d in corpus.documents}
        for place in event.get("locations", []):
            docs[place] |= reporting
            how[place].add(f"{event['type'].replace('_', ' ')} there")
            evidence[place].extend(_event_evidence(corpus, event)[:2])
    out: list[Territory] = []
    for place, documents in docs.items():
        entity = corpus.entities.get(place, {})
        if not documents:
            continue
        out.append(
            Territory(
                place,
                corpus.name(place),
                entity.get("subtype"),
                (entity.get("countries") or [None])[0],
                len(documents),
                sorted(how[place]),
                evidence[place],
            )
        )
    p.territories = sorted(out, key=lambda x: (-x.sources, x.name.casefold()))


def _crimes(corpus: Corpus, p: Profile) -> None:
    subjects = p.group | _people(p)
    docs: dict[str, set[str]] = defaultdict(set)
    by: dict[str, Counter[str]] = defaultdict(Counter)
    evidence: dict[str, list[EvidenceRef]] = defaultdict(list)
    for doc_id, analysis in sorted(corpus.analyses.items()):
        for c in analysis.crimes:
            key = corpus.key_of(doc_id, c.subject)
            if key not in subjects:
                continue
            docs[c.type].add(doc_id)
            by[c.type][corpus.name(key)] += 1
            evidence[c.type].append(evidence_ref(doc_id, c.evidence))
    p.crimes = sorted(
        (
            CrimeLine(kind, len(d), [n for n, _ in by[kind].most_common()], evidence[kind])
            for kind, d in docs.items()
        ),
        key=lambda x: (-x.sources, x.type),
    )


def _event_evidence(corpus: Corpus, event: dict[str, Any]) -> list[EvidenceRef]:
    out: list[EvidenceRef] = []
    members = {(d, e) for d, e in event.get("members", [])}
    for doc_id, event_id in sorted(members):
        analysis = corpus.analyses.get(doc_id)
        for ev in analysis.events if analysis else ():
            if ev.id == event_id:
                out.extend(EvidenceRef(doc_id, x.sentence) for x in ev.evidence[:1])
                if not ev.evidence:
                    out.append(EvidenceRef(doc_id, ""))
    return out


def _timeline(corpus: Corpus, p: Profile) -> None:
    targets = p.group | _people(p)
    events = []
    totals: Counter[str] = Counter()
    seizures: Counter[str] = Counter()
    for event in corpus.events:
        if not targets & set(event.get("targets", [])):
            continue
        figures = {}
        for attr in FIGURES:
            figure = choose_figure(event.get("figures", {}).get(attr, []))
            if figure is not None:
                figures[attr] = figure
                totals[attr] += figure.value
        seized = list(event.get("seized", []))
        seizures.update(set(seized))
        published = [
            info.published
            for d in event.get("documents", [])
            if (info := corpus.documents.get(d)) and info.published
        ]
        events.append(
            TimelineEvent(
                key=event["key"],
                date=event.get("date"),
                type=event["type"],
                places=[corpus.name(k) for k in event.get("locations", [])],
                agencies=[corpus.name(k) for k in event.get("agencies", [])],
                targets=[corpus.name(k) for k in event.get("targets", [])],
                figures=figures,
                seized=seized,
                documents=list(event.get("documents", [])),
                evidence=_event_evidence(corpus, event),
                reported=min(published, default=None),
            )
        )
    p.timeline = sorted(events, key=lambda e: (e.date is None, e.date or "", e.key))
    p.totals = {attr: totals[attr] for attr in FIGURES}
    p.seizures = dict(sorted(seizures.items(), key=lambda kv: (-kv[1], kv[0])))


def _member_counts(corpus: Corpus, p: Profile) -> None:
    out = []
    for doc_id, analysis in sorted(corpus.analyses.items()):
        for c in analysis.claims:
            if c.attribute != "member_count" or corpus.key_of(doc_id, c.subject) != p.key:
                continue
            doc = corpus.documents[doc_id]
            out.append(
                MemberCount(
                    value=c.value,
                    qualifier=c.qualifier,
                    location=corpus.name(corpus.key_of(doc_id, c.location)) or None,
                    date=doc.published,
                    document=doc_id,
                    publisher=doc.publisher,
                    evidence=evidence_ref(doc_id, c.evidence),
                )
            )
    p.member_counts = sorted(out, key=lambda m: (m.date or "", m.document, m.value))
