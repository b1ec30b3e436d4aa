"""FollowTheMoney export: the resolved store as JSON lines of FtM entities.

Persons, organizations and places (``Address``) carry every name and alias, nationality or
country, FtM topics and the documents that support them (``proof``, ``publisher``,
``sourceUrl``). Relations become ``Membership`` (leader, member, official), ``Family``,
``Associate`` (other person-to-person links) or ``UnknownLink`` with the relation type as
``role``; operations, legal actions and violent incidents become ``Event``; each source
document becomes an ``Article`` (press) or a ``Document``; a name no resolved entity holds
becomes a ``Mention``. Ids are hashes of pista's keys, so repeated exports agree.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy
from sqlalchemy import Engine

from pista.errors import StoreError
from pista.interop import ftm_map as fm
from pista.interop.snapshot import Snapshot, load_snapshot

DATASET = "pista"


def entity_id(key: str) -> str:
    """The FtM id of a resolved entity or event key."""
    return _make("Thing", "entity", key).id or ""


def document_id(doc_id: str) -> str:
    return _make("Thing", "document", doc_id).id or ""


def _documents(n: int) -> str:
    return f"{n} document" if n == 1 else f"{n} documents"


def _make(schema: str, *parts: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.make_id(DATASET, *parts)
    return proxy


def _provenance(proxy: EntityProxy, snap: Snapshot, documents: list[str]) -> None:
    for doc_id in documents:
        doc = snap.documents.get(doc_id)
        if doc is None:
            continue
        proxy.add("proof", document_id(doc_id))
        for src in doc.sources:
            proxy.add("publisher", src["source"])
        if doc.url:
            proxy.add("sourceUrl", doc.url, quiet=True)


def _entity(ent: dict[str, Any], snap: Snapshot) -> EntityProxy:
    schema = fm.ENTITY_SCHEMA.get(ent["type"], "LegalEntity")
    proxy = _make(schema, "entity", ent["key"])
    names = [ent["canonical"], *sorted(n for n in ent["names"] if n != ent["canonical"])]
    proxy.add("name", names[0])
    if schema == "Address":
        proxy.add("full", names[0])
    for n in names[1:]:
        proxy.add("previousName" if schema == "Address" else "alias", n)
    for a in sorted(ent["aliases"]):
        if a not in names:
            proxy.add("alias" if schema == "Address" else "weakAlias", a)
    countries = [c.lower() for c in ent.get("countries") or []]
    proxy.add("nationality" if schema == "Person" else "country", countries, quiet=True)
    keywords = [fm.tag("key", ent["key"])]
    if ent.get("subtype"):
        keywords.append(fm.tag("subtype", ent["subtype"]))
        if topic := fm.SUBTYPE_TOPICS.get(ent["subtype"]):
            proxy.add("topics", topic)
    for role in ent.get("roles") or []:
        keywords.append(fm.tag("role", role))
        if topic := fm.ROLE_TOPICS.get(role):
            proxy.add("topics", topic)
    notes = []
    for crime, docs in (snap.crimes.get(ent["key"]) or {}).items():
        keywords.append(fm.tag("crime", crime))
        proxy.add("topics", fm.CRIME_TOPICS.get(crime, "crime"))
        notes.append(f"crime: {crime.replace('_', ' ')} ({_documents(len(docs))})")
    for claim in snap.claims.get(ent["key"]) or []:
        where = f" in {claim['location']}" if claim.get("location") else ""
        notes.append(
            f"{claim['attribute'].replace('_', ' ')}: {claim['qualifier']} {claim['value']}{where}"
            f" (document {claim['document']})"
        )
    proxy.add("keywords", keywords)
    proxy.add("notes", notes)
    summary = [ent["subtype"].replace("_", " ")] if ent.get("subtype") else []
    summary += [f"role: {r}" for r in ent.get("roles") or []]
    summary.append(f"named in {_documents(len(ent['documents']))}")
    proxy.add("summary", "; ".join(summary))
    _provenance(proxy, snap, ent["documents"])
    return proxy


def _relation(link: Any, snap: Snapshot) -> EntityProxy:
    subj, obj = snap.entities[link.subject], snap.entities[link.object]
    sid, oid = entity_id(link.subject), entity_id(link.object)
    parts = ("relation", link.type, link.subject, link.object)
    if link.type in fm.MEMBERSHIP_ROLES and obj["type"] == "organization" and subj["type"] != "location":
        proxy = _make("Membership", *parts)
        proxy.add("member", sid)
        proxy.add("organization", oid)
        proxy.add("role", fm.MEMBERSHIP_ROLES[link.type])
    elif link.type == "family_of" and subj["type"] == obj["type"] == "person":
        proxy = _make("Family", *parts)
        proxy.add("person", sid)
        proxy.add("relative", oid)
        proxy.add("relationship", link.type)
    elif subj["type"] == obj["type"] == "person":
        proxy = _make("Associate", *parts)
        proxy.add("person", sid)
        proxy.add("associate", oid)
        proxy.add("relationship", link.type)
    else:
        proxy = _make("UnknownLink", *parts)
        proxy.add("subject", sid)
        proxy.add("object", oid)
        proxy.add("role", link.type)
    proxy.add(
        "summary",
        f"{snap.name(link.subject)} {link.type.replace('_', ' ')} {snap.name(link.object)}"
        f" (confidence {link.confidence:.2f}, {_documents(len(link.documents))})",
    )
    proxy.add("description", link.sentences[:3])
    proxy.add("namesMentioned", [snap.name(link.subject), snap.name(link.object)])
    _provenance(proxy, snap, link.documents)
    return proxy


def _event(ev: dict[str, Any], snap: Snapshot) -> EntityProxy:
    proxy = _make("Event", "event", ev["key"])
    places = [snap.name(k) for k in ev.get("locations") or [] if k in snap.entities]
    title = ev["type"].replace("_", " ")
    if ev.get("date"):
        title += f" on {ev['date']}"
    if places:
        title += f" in {places[0]}"
    proxy.add("name", title[:1].upper() + title[1:])
    proxy.add("date", ev.get("date"), quiet=True)
    for d in sorted(ev.get("dates") or {}):
        if d != ev.get("date"):
            proxy.add("startDate", d, quiet=True)
    proxy.add("location", places)
    proxy.add("addressEntity", [entity_id(k) for k in ev.get("locations") or [] if k in snap.entities])
    agencies = [k for k in ev.get("agencies") or [] if k in snap.entities]
    targets = [k for k in ev.get("targets") or [] if k in snap.entities]
    proxy.add("organizer", [entity_id(k) for k in agencies])
    proxy.add("involved", [entity_id(k) for k in [*targets, *agencies]])
    keywords = [fm.tag("key", ev["key"]), fm.tag("event", ev["type"])]
    keywords += [fm.tag("target", entity_id(k)) for k in targets]
    summary = []
    for figure, values in sorted((ev.get("figures") or {}).items()):
        best = max((v["value"] for v in values), default=None)
        if best is not None:
            keywords.append(fm.tag(figure, str(best)))
        reported = ", ".join(f"{v['value']} (document {v['document']})" for v in values)
        summary.append(f"{figure}: {reported}")
    if ev.get("seized"):
        summary.append("seized: " + ", ".join(ev["seized"]))
        keywords += [fm.tag("seized", s) for s in ev["seized"]]
    summary.append(f"reported by {_documents(len(ev['documents']))}")
    proxy.add("keywords", keywords)
    proxy.add("summary", "; ".join(summary))
    _provenance(proxy, snap, ev["documents"])
    return proxy


def _document(doc: Any) -> EntityProxy:
    schema = "Article" if doc.publisher_kind == "press" else "Document"
    proxy = model.make_entity(schema)
    proxy.id = document_id(doc.id)
    if schema == "Document":  # FtM requires a file name of a Document
        origin = doc.sources[0]["origin"] if doc.sources else doc.id
        proxy.add("fileName", Path(origin.split("#", 1)[0]).name or doc.id)
    proxy.add("title", doc.title)
    proxy.add("name", doc.title or doc.id)
    proxy.add("publishedAt", doc.published, quiet=True)
    proxy.add("sourceUrl", doc.url, quiet=True)
    proxy.add("language", doc.lang, quiet=True)
    proxy.add("publisher", [s["source"] for s in doc.sources])
    proxy.add("keywords", [fm.tag("document", doc.id), fm.tag("publisher_kind", doc.publisher_kind)])
    return proxy


def _mention(item: Any) -> EntityProxy:
    proxy = _make("Mention", "mention", item.document, item.type, item.name)
    proxy.add("name", item.name)
    proxy.add("document", document_id(item.document))
    proxy.add("detectedSchema", fm.ENTITY_SCHEMA.get(item.type, "LegalEntity"))
    if item.country:
        proxy.add("contextCountry", item.country.lower(), quiet=True)
    return proxy


def ftm_entities(snap: Snapshot) -> Iterator[EntityProxy]:
    """Every FtM entity of a snapshot: documents, entities, relations, events, unresolved names."""
    for doc in snap.documents.values():
        yield _document(doc)
    for key in sorted(snap.entities):
        yield _entity(snap.entities[key], snap)
    for link in snap.relations:
        yield _relation(link, snap)
    for ev in sorted(snap.events, key=lambda e: e["key"]):
        yield _event(ev, snap)
    for item in snap.unresolved:
        yield _mention(item)


def write_ftm(
    engine: Engine,
    out: Path,
    *,
    since: str | None = None,
    until: str | None = None,
    everyone: bool = False,
    **_: Any,
) -> int:
    """Write the resolved store as FtM JSON lines to ``out``; returns the number of entities."""
    snap = load_snapshot(engine, since=since, until=until)
    n = 0
    try:
        with Path(out).open("w", encoding="utf-8") as fh:
            for proxy in ftm_entities(snap):
                fh.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
                n += 1
    except OSError as exc:
        raise StoreError(f"cannot write {out}: {exc.strerror or exc}") from exc
    return n
