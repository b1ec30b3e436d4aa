"""``resolve_corpus``: corpus-wide keys for every document's entities and events.

Judgements and stability. Keys are derived from content (the type and the most used full name
of a cluster, with a short hash of its first member only when two clusters would share a
name), so they stay the same across runs as long as the analyses do not change. But a full
re-extraction can rename or renumber entities, and a new document can change which name a
cluster is best known by; a key alone is therefore a poor anchor for a person's decision.
A judgement is therefore stored on its *members*: for each side, every (document id, entity
id, type, names) that formed the cluster when the person judged it. Document ids are content
hashes and survive re-ingestion; on re-application a member is found by its entity id if that
entity still carries one of the remembered names, otherwise by any entity of the same type in
the same document with one of those names. The keys are kept too, for display only.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from pista.documents import Analysis
from pista.resolve.blocking import DEFAULT_CAP, candidate_pairs
from pista.resolve.cluster import Clusters
from pista.resolve.events import (
    EVENT_THRESHOLD,
    build_event_profiles,
    compare_events,
    event_pairs,
)
from pista.resolve.features import REVIEW_MARGIN, THRESHOLD, Comparison, compare, neighbour_idf
from pista.resolve.model import (
    Candidate,
    Judgement,
    MemberRef,
    Resolution,
    ResolvedEntity,
    ResolvedEvent,
)
from pista.resolve.normalize import fold, norm_name
from pista.resolve.profile import ItemId, Profile, build_profiles

_TYPE_PREFIX = {"person": "per", "organization": "org", "location": "loc"}


def slug(text: str, limit: int = 48) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return s[:limit].rstrip("-") or "x"


def _short_hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:6]


def member_ref(doc_id: str, analysis: Analysis, entity_id: str) -> MemberRef | None:
    for e in analysis.entities:
        if e.id == entity_id:
            names = tuple(dict.fromkeys(norm_name(n) for n in [*e.names, *e.aliases] if norm_name(n)))
            return MemberRef(doc_id, e.id, e.type, names)
    return None


def _locate(ref: MemberRef, by_item: dict[ItemId, Profile], by_doc: dict[str, list[Profile]]) -> int | None:
    names = set(ref.names)
    p = by_item.get((ref.doc_id, ref.entity_id))
    if p is not None and p.type == ref.type and names & set(p.names):
        return p.index
    for q in by_doc.get(ref.doc_id, []):
        if q.type == ref.type and names & set(q.names):
            return q.index
    return None


def _judgement_links(
    judgements: Sequence[Judgement], profiles: list[Profile]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]], set[frozenset[int]]]:
    """(must-links, cannot-links, judged pairs) from the judgements in force, later ones winning."""
    by_item = {p.item: p for p in profiles}
    by_doc: dict[str, list[Profile]] = defaultdict(list)
    for p in profiles:
        by_doc[p.item[0]].append(p)
    verdict: dict[frozenset[int], str] = {}
    stars: list[tuple[int, list[int], list[int]]] = []
    ordered = sorted((j for j in judgements if not j.withdrawn_at), key=lambda j: (j.created_at, j.id or 0))
    for n, j in enumerate(ordered):
        side_a = sorted({i for r in j.members_a if (i := _locate(r, by_item, by_doc)) is not None})
        side_b = sorted({i for r in j.members_b if (i := _locate(r, by_item, by_doc)) is not None})
        if j.kind == "split":
            for x in side_a:
                for y in side_a:
                    if x < y:
                        verdict[frozenset((x, y))] = "different"
            continue
        for x in side_a:
            for y in side_b:
                if x != y:
                    verdict[frozenset((x, y))] = j.kind
        if j.kind == "same" and side_a and side_b:
            stars.append((n, side_a, side_b))
    must: list[tuple[int, int]] = []
    for _, side_a, side_b in stars:
        hub = side_a[0]
        for y in [*side_a[1:], *side_b]:
            if verdict.get(frozenset((hub, y))) != "different":
                must.append((hub, y))
    cannot = [tuple(sorted(pair)) for pair, v in verdict.items() if v == "different"]
    return must, [(a, b) for a, b in cannot], set(verdict)


def _canonical(members: list[Profile]) -> str:
    counts: Counter[str] = Counter()
    display: dict[str, str] = {}
    for p in members:
        raw = p.raw.names[0] if p.raw.names else (p.raw.aliases[0] if p.raw.aliases else p.names[0])
        n = norm_name(raw)
        counts[n] += 1
        display.setdefault(n, raw)
        if n in display and raw < display[n]:
            display[n] = raw
    best = min(counts, key=lambda n: (-counts[n], -len(n), n))
    return display[best]


def _entity_keys(groups: list[list[Profile]]) -> dict[int, str]:
    """A key per cluster (by its first member's index): type prefix + slug of its best name."""
    proposals = []
    for g in groups:
        g_sorted = sorted(g, key=lambda p: p.item)
        base = f"{_TYPE_PREFIX.get(g[0].type, 'ent')}-{slug(_canonical(g))}"
        proposals.append((base, -len({p.item[0] for p in g}), g_sorted[0].item, g_sorted[0].index))
    proposals.sort()
    out: dict[int, str] = {}
    taken: set[str] = set()
    for base, _, first, idx in proposals:
        key = base if base not in taken else f"{base}-{_short_hash(*first)}"
        taken.add(key)
        out[idx] = key
    return out


def resolve_corpus(
    analyses: Iterable[tuple[str, Analysis]],
    judgements: Sequence[Judgement] = (),
    *,
    block_cap: int = DEFAULT_CAP,
    review_margin: float = REVIEW_MARGIN,
) -> Resolution:
    """Resolve every document's entities and events across the corpus.

    ``analyses`` are (document id, Analysis) pairs; ``judgements`` are people's decisions, applied
    before any scored pair (withdrawn ones are ignored). Deterministic: the same input, in any
    order, gives the same keys.
    """
    # Resolution allocates many small objects and no reference cycles: pausing the cyclic
    # garbage collector keeps its passes from growing with the corpus.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _resolve(sorted(analyses, key=lambda p: p[0]), judgements, block_cap, review_margin)
    finally:
        if was_enabled:
            gc.enable()


def _resolve(
    corpus: list[tuple[str, Analysis]], judgements: Sequence[Judgement], block_cap: int, review_margin: float
) -> Resolution:
    profiles = build_profiles(corpus)
    idf = neighbour_idf(profiles)
    clusters = Clusters(profiles)
    must, cannot, judged = _judgement_links(judgements, profiles)
    for x, y in cannot:
        clusters.forbid(x, y)
    for x, y in must:
        clusters.merge(x, y, force=True)

    scored: list[tuple[float, int, int, Comparison]] = []
    near: list[tuple[int, int, float, str]] = []
    cache: dict[Any, Comparison] = {}
    low = THRESHOLD - review_margin
    for i, j in candidate_pairs(profiles, cap=block_cap):
        c = compare(profiles[i], profiles[j], idf, cache)
        if c.conflict or c.score < low:
            continue
        if c.score - THRESHOLD <= review_margin and frozenset((i, j)) not in judged:
            near.append((i, j, c.score, c.explain()))
        if c.score >= THRESHOLD:
            scored.append((c.score, i, j, c))
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))  # profile indexes follow (document, entity) order
    explanations: dict[tuple[ItemId, ItemId], str] = {}
    for score, i, j, c in scored:
        if clusters.merge(i, j):
            explanations[(profiles[i].item, profiles[j].item)] = f"{score:.2f}: {c.explain()}"

    result = Resolution(explanations=explanations)
    groups = [[profiles[i] for i in g] for g in clusters.groups()]
    keys_by_first = _entity_keys(groups)
    for g in groups:
        first = min(g, key=lambda p: p.item)
        key = keys_by_first[first.index]
        for p in g:
            result.entity_keys[p.item] = key
        result.entities[key] = _resolved_entity(key, g)
    for doc_id, analysis in corpus:  # entities without any name still get a key of their own
        for e in analysis.entities:
            if (doc_id, e.id) not in result.entity_keys:
                result.entity_keys[(doc_id, e.id)] = (
                    f"{_TYPE_PREFIX.get(e.type, 'ent')}-unnamed-{_short_hash(doc_id, e.id)}"
                )
    for i, j, score, why in near:
        a, b = profiles[i].item, profiles[j].item
        result.candidates.append(
            Candidate(a, b, round(score, 3), why, result.entity_keys[a], result.entity_keys[b])
        )
    result.candidates.sort(key=lambda c: (c.uncertainty, c.a, c.b))
    _resolve_events(corpus, result)
    return result


def _resolved_entity(key: str, group: list[Profile]) -> ResolvedEntity:
    names: dict[str, set[str]] = defaultdict(set)
    aliases: dict[str, set[str]] = defaultdict(set)
    subtypes: Counter[str] = Counter()
    for p in group:
        for n in p.raw.names:
            names[n].add(p.item[0])
        for a in p.raw.aliases:
            aliases[a].add(p.item[0])
        if p.subtype:
            subtypes[p.subtype] += 1
    return ResolvedEntity(
        key=key,
        type=group[0].type,
        subtype=min(subtypes, key=lambda s: (-subtypes[s], s)) if subtypes else None,
        canonical=_canonical(group),
        names={n: sorted(d) for n, d in sorted(names.items())},
        aliases={n: sorted(d) for n, d in sorted(aliases.items())},
        countries=sorted({p.country for p in group if p.country}),
        roles=sorted({p.role for p in group if p.role}),
        members=sorted(p.item for p in group),
    )


def _resolve_events(corpus: list[tuple[str, Analysis]], result: Resolution) -> None:
    location_info: dict[str, tuple[str | None, bool]] = {}
    for key, ent in result.entities.items():
        if ent.type == "location":
            country = ent.countries[0] if len(ent.countries) == 1 else None
            location_info[key] = (country, ent.subtype == "country")
    profiles = build_event_profiles(corpus, result.entity_keys, location_info)
    # Events need one constraint only (one report per document), so a plain union-find.
    parent = list(range(len(profiles)))
    docs: dict[int, set[str]] = {p.index: {p.item[0]} for p in profiles}
    targets: dict[int, set[str]] = {p.index: set(p.target_family) for p in profiles}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    scored = []
    for i, j in event_pairs(profiles):
        c = compare_events(profiles[i], profiles[j])
        if not c.conflict and c.score >= EVENT_THRESHOLD:
            scored.append((c.score, i, j))
    scored.sort(key=lambda s: (-s[0], profiles[s[1]].item, profiles[s[2]].item))
    for _, i, j in scored:
        ri, rj = find(i), find(j)
        if ri == rj or docs[ri] & docs[rj]:
            continue
        if targets[ri] and targets[rj] and not targets[ri] & targets[rj]:
            continue  # aimed at unrelated groups: a chain of near matches must not join them
        if len(docs[ri]) < len(docs[rj]):
            ri, rj = rj, ri
        parent[rj] = ri
        docs[ri] |= docs.pop(rj)
        targets[ri] |= targets.pop(rj)
    groups: dict[int, list[int]] = defaultdict(list)
    for p in profiles:
        groups[find(p.index)].append(p.index)
    proposals = []
    for members in groups.values():
        ms = sorted((profiles[m] for m in members), key=lambda p: p.item)
        first = ms[0]
        dates = Counter(p.raw.date for p in ms if p.raw.date)
        date = min(dates, key=lambda d: (-dates[d], -len(d), d)) if dates else "undated"
        aimed_at = sorted({t for p in ms for t in p.targets})
        sig = _short_hash(first.type, date, *aimed_at[:3], first.location or "")
        proposals.append((f"ev-{date}-{first.type}-{sig}", first.item, ms))
    proposals.sort(key=lambda p: (p[0], p[1]))
    taken: set[str] = set()
    for base, first_item, ms in proposals:
        key = base if base not in taken else f"{base}-{_short_hash(*first_item)}"
        taken.add(key)
        for p in ms:
            result.event_keys[p.item] = key
        result.events[key] = _resolved_event(key, ms)


def _resolved_event(key: str, ms: list) -> ResolvedEvent:
    dates: dict[str, set[str]] = defaultdict(set)
    figures: dict[str, list[dict[str, object]]] = {}
    for p in ms:
        if p.raw.date:
            dates[p.raw.date].add(p.item[0])
        for attr in ("arrested", "rescued", "killed"):
            value = getattr(p.raw, attr)
            if value is not None:
                figures.setdefault(attr, []).append({"value": value, "document": p.item[0]})
    return ResolvedEvent(
        key=key,
        type=ms[0].type,
        dates={d: sorted(v) for d, v in sorted(dates.items())},
        locations=sorted({p.location for p in ms if p.location}),
        agencies=sorted({a for p in ms for a in p.agencies}),
        targets=sorted({t for p in ms for t in p.targets}),
        figures=figures,
        seized=sorted({s for p in ms for s in p.raw.seized}),
        members=sorted(p.item for p in ms),
    )


def assign_keys(analyses: Sequence[Analysis], judgements: Sequence[Judgement] = ()) -> Resolution:
    """Resolve a list of analyses as one corpus and set ``Entity.key`` and ``Event.key`` in place.

    Each analysis is identified by its ``doc_id`` (or its position when that is missing).
    """
    pairs = [(a.doc_id or f"#{n}", a) for n, a in enumerate(analyses)]
    result = resolve_corpus(pairs, judgements)
    for doc_id, analysis in pairs:
        for e in analysis.entities:
            e.key = result.entity_keys.get((doc_id, e.id))
        for ev in analysis.events:
            ev.key = result.event_keys.get((doc_id, ev.id))
    return result
