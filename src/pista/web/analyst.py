"""Read-side queries of the analyst pages: resolved entities with evidence, events, review, map.

Every fact comes with where it was read: the document, its publisher, the sentence and the
character offsets, so a page can link to the document with that sentence highlighted.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import Engine, func, or_, select

from pista.documents import Evidence
from pista.store import schema as t
from pista.web.queries import _like, _sources, bounded
from pista.web.render import sentence_span
from pista.web.resolved import MAX_EVIDENCE_DOCUMENTS, ResolvedIndex

ENTITY_TYPES = ("person", "organization", "location")
MAX_MENTIONS = 200
MAX_EVENTS = 200  # the latest, by key (keys start with the date)


def evidence_link(doc_id: str, start: int, end: int) -> str:
    return f"/documents/{doc_id}?hl={start}-{end}#hl"


def list_entities(
    engine: Engine, *, q: str = "", type: str | None = None, limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    """Resolved entities whose canonical name or any name contains ``q``, most documents first."""
    limit, offset = bounded(limit, offset)
    r = t.resolved_entities
    where = []
    if type:
        where.append(r.c.type == type)
    for word in q.split()[:8]:
        pattern = _like(word.lower())
        where.append(
            or_(func.lower(r.c.canonical).like(pattern, escape="\\"), r.c.key.like(pattern, escape="\\"))
        )
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(r).where(*where)).scalar_one()
        rows = conn.execute(
            select(r.c.key, r.c.type, r.c.subtype, r.c.canonical, r.c.n_documents)
            .where(*where)
            .order_by(r.c.n_documents.desc(), r.c.key)
            .limit(limit)
            .offset(offset)
        ).all()
    items = [
        {
            "key": x.key,
            "type": x.type,
            "subtype": x.subtype,
            "canonical": x.canonical,
            "documents": x.n_documents,
        }
        for x in rows
    ]
    return {"total": int(total), "limit": limit, "offset": offset, "items": items}


def _documents(engine: Engine, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Title, date, publisher and analysis of each document."""
    if not ids:
        return {}
    d, a = t.documents, t.analyses
    with engine.connect() as conn:
        rows = conn.execute(
            select(d.c.id, d.c.title, d.c.published, d.c.text, a.c.result)
            .join(a, a.c.document_id == d.c.id, isouter=True)
            .where(d.c.id.in_(ids))
        ).all()
    sources = _sources(engine, ids)
    out = {}
    for r in rows:
        src = sources.get(r.id) or [{}]
        out[r.id] = {
            "title": r.title,
            "published": r.published,
            "text": r.text,
            "size": len(r.text),
            "publisher": src[0].get("source"),
            "publisher_kind": src[0].get("publisher_kind"),
            "reliability": src[0].get("reliability"),
            "analysis": json.loads(r.result) if r.result else {},
        }
    return out


def _evidence(doc_id: str, doc: dict[str, Any], ev: dict[str, Any] | None) -> dict[str, Any] | None:
    if not ev:
        return None
    start, end = int(ev.get("start", 0)), int(ev.get("end", 0))
    valid = 0 <= start < end <= doc["size"]
    sentence = ev.get("sentence") or ""
    low, high = sentence_span(doc["text"], Evidence(start, end, sentence)) if valid else (start, end)
    return {
        "document_id": doc_id,
        "document_title": doc["title"],
        "published": doc["published"],
        "publisher": doc["publisher"],
        "publisher_kind": doc["publisher_kind"],
        "reliability": doc["reliability"],
        "sentence": sentence,
        "start": start,
        "end": end,
        "link": evidence_link(doc_id, low, high) if valid else f"/documents/{doc_id}",
    }


def entity_detail(engine: Engine, index: ResolvedIndex, key: str) -> dict[str, Any] | None:
    """Names, attributes, relations, crimes, events and mentions of one resolved entity, each with
    its evidence (from at most ``MAX_EVIDENCE_DOCUMENTS`` documents, most recent first)."""
    with engine.connect() as conn:
        row = conn.execute(select(t.resolved_entities).where(t.resolved_entities.c.key == key)).first()
        if row is None:
            return None
        member_rows = conn.execute(
            select(t.entity_keys.c.document_id, t.entity_keys.c.entity_id, t.documents.c.published)
            .join(t.documents, t.documents.c.id == t.entity_keys.c.document_id)
            .where(t.entity_keys.c.key == key)
        ).all()
    data = json.loads(row.data)
    members: dict[str, set[str]] = defaultdict(set)
    published: dict[str, str] = {}
    for m in member_rows:
        members[m.document_id].add(m.entity_id)
        published[m.document_id] = m.published or ""
    all_docs = sorted(members)
    recent = sorted(all_docs, key=lambda d: (published[d], d), reverse=True)
    shown = recent[:MAX_EVIDENCE_DOCUMENTS]
    docs = _documents(engine, shown)
    shown = [d for d in shown if d in docs]
    with engine.connect() as conn:
        local_keys = {
            (r.document_id, r.entity_id): r.key
            for r in conn.execute(select(t.entity_keys).where(t.entity_keys.c.document_id.in_(shown)))
        }

    def other(k: str | None) -> dict[str, Any]:
        ent = index.entities.get(k or "")
        if ent is None:
            return {"key": k, "label": k or "?", "type": None}
        return {"key": ent.key, "label": ent.canonical, "type": ent.type}

    mentions: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    crimes: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    for doc_id in shown:
        doc = docs[doc_id]
        analysis = doc["analysis"]
        mine = members[doc_id]
        for e in analysis.get("entities") or []:
            if e.get("id") in mine:
                for m in e.get("mentions") or []:
                    if len(mentions) < MAX_MENTIONS:
                        ev = _evidence(doc_id, doc, m)
                        if ev:
                            mentions.append({"text": m.get("text", ""), "evidence": ev})
        for r in analysis.get("relations") or []:
            if r.get("subject") in mine or r.get("object") in mine:
                outgoing = r.get("subject") in mine
                far = r.get("object") if outgoing else r.get("subject")
                relations.append(
                    {
                        "type": r.get("type"),
                        "direction": "out" if outgoing else "in",
                        "other": other(local_keys.get((doc_id, far))),
                        "confidence": r.get("confidence"),
                        "evidence": _evidence(doc_id, doc, r.get("evidence")),
                    }
                )
        for c in analysis.get("crimes") or []:
            if c.get("subject") in mine:
                crimes.append(
                    {
                        "type": c.get("type"),
                        "confidence": c.get("confidence"),
                        "evidence": _evidence(doc_id, doc, c.get("evidence")),
                    }
                )
        for c in analysis.get("claims") or []:
            if c.get("subject") in mine:
                claims.append(
                    {
                        "attribute": c.get("attribute"),
                        "value": c.get("value"),
                        "qualifier": c.get("qualifier"),
                        "location": other(local_keys.get((doc_id, c.get("location"))))
                        if c.get("location")
                        else None,
                        "evidence": _evidence(doc_id, doc, c.get("evidence")),
                    }
                )
    relations.sort(key=lambda r: (r["type"] or "", r["other"]["label"] or "", r["direction"]))
    event_keys = sorted(index.events_of.get(key, ()))
    events = events_by_keys(engine, event_keys[-MAX_EVENTS:])
    return {
        "key": row.key,
        "type": row.type,
        "subtype": row.subtype,
        "canonical": row.canonical,
        "documents": len(all_docs),
        "documents_shown": len(shown),
        "names": [{"name": n, "documents": len(d)} for n, d in sorted(data.get("names", {}).items())],
        "aliases": [{"name": n, "documents": len(d)} for n, d in sorted(data.get("aliases", {}).items())],
        "attributes": {"roles": data.get("roles") or [], "countries": data.get("countries") or []},
        "claims": claims,
        "relations": relations,
        "crimes": crimes,
        "events": events,
        "events_total": len(event_keys),
        "mentions": mentions,
    }


# -- events -------------------------------------------------------------------------------


def _event_summary(r: Any, index: ResolvedIndex | None = None) -> dict[str, Any]:
    data = json.loads(r.data)
    figures = {k: [f.get("value") for f in v] for k, v in (data.get("figures") or {}).items()}
    return {
        "key": r.key,
        "type": r.type,
        "date": r.date,
        "corroboration": int(r.corroboration),
        "locations": data.get("locations") or [],
        "figures": figures,
        "sources": data.get("sources") or [],
    }


def events_by_keys(engine: Engine, keys: list[str]) -> list[dict[str, Any]]:
    if not keys:
        return []
    e = t.resolved_events
    with engine.connect() as conn:
        rows = conn.execute(select(e).where(e.c.key.in_(keys)).order_by(e.c.date, e.c.key)).all()
    return [_event_summary(r) for r in rows]


def list_events(
    engine: Engine,
    *,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    entity: str | None = None,
    index: ResolvedIndex | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """Resolved events, oldest first, filtered by type, date range and (with ``index``) entity."""
    limit, offset = bounded(limit, offset)
    e = t.resolved_events
    where = []
    if type:
        where.append(e.c.type == type)
    if since:
        where.append(e.c.date >= since)
    if until:
        where.append(e.c.date <= until + "\uffff")
    if entity and index is not None:
        where.append(e.c.key.in_(sorted(index.events_of.get(entity, ())) or [""]))
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(e).where(*where)).scalar_one()
        rows = conn.execute(
            select(e)
            .where(*where)
            .order_by(e.c.date.is_(None), e.c.date, e.c.key)
            .limit(limit)
            .offset(offset)
        ).all()
    return {"total": int(total), "limit": limit, "offset": offset, "items": [_event_summary(r) for r in rows]}


def event_detail(engine: Engine, index: ResolvedIndex, key: str) -> dict[str, Any] | None:
    """A resolved event with every reported figure and date, each with its source and sentence."""
    e = t.resolved_events
    with engine.connect() as conn:
        row = conn.execute(select(e).where(e.c.key == key)).first()
        if row is None:
            return None
        member_rows = conn.execute(
            select(t.event_keys.c.document_id, t.event_keys.c.event_id).where(t.event_keys.c.key == key)
        ).all()
    data = json.loads(row.data)
    members: dict[str, set[str]] = defaultdict(set)
    for m in member_rows:
        members[m.document_id].add(m.event_id)
    docs = _documents(engine, sorted(members)[:MAX_EVIDENCE_DOCUMENTS])
    reports = []
    for doc_id, doc in sorted(docs.items()):
        for ev in doc["analysis"].get("events") or []:
            if ev.get("id") not in members[doc_id]:
                continue
            reports.append(
                {
                    "document_id": doc_id,
                    "document_title": doc["title"],
                    "publisher": doc["publisher"],
                    "date": ev.get("date"),
                    "arrested": ev.get("arrested"),
                    "rescued": ev.get("rescued"),
                    "killed": ev.get("killed"),
                    "seized": ev.get("seized") or [],
                    "evidence": [
                        x for x in (_evidence(doc_id, doc, v) for v in ev.get("evidence") or []) if x
                    ],
                }
            )

    def labelled(keys: list[str]) -> list[dict[str, Any]]:
        out = []
        for k in keys:
            ent = index.entities.get(k)
            out.append({"key": k, "label": ent.canonical if ent else k, "type": ent.type if ent else None})
        return out

    return {
        "key": row.key,
        "type": row.type,
        "date": row.date,
        "dates": data.get("dates") or {},
        "corroboration": int(row.corroboration),
        "sources": data.get("sources") or [],
        "locations": labelled(data.get("locations") or []),
        "agencies": labelled(data.get("agencies") or []),
        "targets": labelled(data.get("targets") or []),
        "figures": data.get("figures") or {},
        "seized": data.get("seized") or [],
        "reports": reports,
    }


# -- review ------------------------------------------------------------------------------


def review_queue(engine: Engine, index: ResolvedIndex, *, limit: int = 50) -> dict[str, Any]:
    """The most uncertain pairs, with each side's names and sentence, and the judgements so far."""
    rv = t.resolution_review
    with engine.connect() as conn:
        rows = conn.execute(select(rv).order_by(rv.c.rank).limit(max(1, min(limit, 200)))).all()
        total = conn.execute(select(func.count()).select_from(rv)).scalar_one()
        judged = conn.execute(select(t.judgements).order_by(t.judgements.c.id.desc()).limit(50)).all()
    items_needed = set()
    parsed = []
    for r in rows:
        data = json.loads(r.data)
        a, b = tuple(data.get("a") or ("", "")), tuple(data.get("b") or ("", ""))
        items_needed.update({a[0], b[0]})
        parsed.append((r, data, a, b))
    docs = _documents(engine, sorted(x for x in items_needed if x))

    def side(item: tuple[str, ...], key: str) -> dict[str, Any]:
        doc_id, entity_id = item[0], item[1]
        doc = docs.get(doc_id)
        names: list[str] = []
        sentence = None
        if doc:
            for e in doc["analysis"].get("entities") or []:
                if e.get("id") == entity_id:
                    names = list(e.get("names") or [])
                    mention = (e.get("mentions") or [None])[0]
                    sentence = _evidence(doc_id, doc, mention)
        ent = index.entities.get(key)
        return {
            "item": f"{doc_id}:{entity_id}",
            "key": key,
            "label": ent.canonical if ent else key,
            "type": ent.type if ent else None,
            "names": names,
            "document_title": doc["title"] if doc else None,
            "evidence": sentence,
        }

    items = [
        {
            "rank": r.rank,
            "score": float(r.score),
            "merged": r.key_a == r.key_b,
            "explanation": data.get("explanation") or "",
            "a": side(a, r.key_a),
            "b": side(b, r.key_b),
        }
        for r, data, a, b in parsed
    ]
    judgements = [
        {
            "id": int(j.id),
            "judgement": j.judgement,
            "key_a": j.key_a,
            "key_b": j.key_b,
            "user": j.user_name,
            "created_at": str(j.created_at),
            "withdrawn": j.withdrawn_at is not None,
        }
        for j in judged
    ]
    return {"total": int(total), "items": items, "judgements": judgements}


# -- organization profile ------------------------------------------------------------------

MEMBERSHIP = ("member_of", "leader_of", "subordinate_of", "part_of")


def organization_profile(engine: Engine, index: ResolvedIndex, key: str) -> dict[str, Any] | None:
    """Who belongs to and leads an organization, where it operates, what it is accused of."""
    detail = entity_detail(engine, index, key)
    if detail is None or detail["type"] != "organization":
        return None
    people: dict[tuple[str, str], dict[str, Any]] = {}
    territories: Counter[str] = Counter()
    allies: dict[str, dict[str, Any]] = {}
    labels: dict[str, dict[str, Any]] = {}
    for r in detail["relations"]:
        k = r["other"]["key"]
        labels[k] = r["other"]
        if r["type"] in MEMBERSHIP and r["direction"] == "in":
            role = "leader" if r["type"] == "leader_of" else "member"
            people.setdefault((k, role), {**r["other"], "role": role, "sources": 0})["sources"] += 1
        elif r["type"] in ("operates_in", "located_in") and r["direction"] == "out":
            territories[k] += 1
        elif r["type"] in ("allied_with", "rival_of"):
            allies.setdefault(f"{r['type']}:{k}", {**r["other"], "relation": r["type"], "sources": 0})[
                "sources"
            ] += 1
    crimes = Counter(c["type"] for c in detail["crimes"])
    members = sorted(people.values(), key=lambda p: (p["role"] != "leader", -p["sources"], p["label"]))
    return {
        "key": key,
        "canonical": detail["canonical"],
        "subtype": detail["subtype"],
        "documents": detail["documents"],
        "names": detail["names"],
        "aliases": detail["aliases"],
        "leaders": [p for p in members if p["role"] == "leader"],
        "members": [p for p in members if p["role"] == "member"],
        "territories": [{**labels[k], "sources": n} for k, n in territories.most_common()],
        "alliances": sorted(allies.values(), key=lambda a: (a["relation"], -a["sources"])),
        "crimes": [{"type": c, "reports": n} for c, n in crimes.most_common()],
        "claims": detail["claims"],
        "events": detail["events"],
    }
