"""FollowTheMoney import: a JSON-lines file of FtM entities (a sanctions list, an Aleph export).

The file becomes one document of its source: persons, organizations and addresses become its
entities (keeping FtM ids, birth dates and nationalities), memberships, family ties and links
whose role is a pista relation become its relations, and events its events. ``pista resolve``
then resolves them with the entities found in reports. Entities of one list are never merged
with each other (they are one document's entities); a bad line is refused alone.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy
from sqlalchemy import Engine

from pista.documents import EVENT_TYPES, LOC_SUBTYPES, ORG_SUBTYPES, RELATION_TYPES, ROLES, Event
from pista.errors import ConfigError, IngestError
from pista.interop import ftm_map as fm
from pista.interop.builder import ExternalInfo, SyntheticDoc
from pista.interop.store import ImportReport, save_import
from pista.store.documents import PUBLISHER_KINDS


def read_proxies(path: Path, report: ImportReport) -> list[EntityProxy]:
    """The FtM entities of a JSON-lines file (or one JSON array); a bad line is reported, not fatal."""
    try:
        content = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(str(path), f"cannot be read ({exc})") from exc
    stripped = content.lstrip()
    items: Iterable[tuple[str, Any]]
    if stripped.startswith("["):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise IngestError(str(path), f"invalid JSON ({exc.msg} at line {exc.lineno})") from exc
        items = ((f"{path} item {n}", d) for n, d in enumerate(data, 1))
    else:
        items = ((f"{path} line {n}", line) for n, line in enumerate(content.splitlines(), 1) if line.strip())
    proxies = []
    for where, item in items:
        try:
            data = json.loads(item) if isinstance(item, str) else item
            if not isinstance(data, dict):
                raise InvalidData("not a JSON object")
            proxy = model.get_proxy(data, cleaned=False)
            if not proxy.id:
                raise InvalidData("entity has no id")
        except json.JSONDecodeError as exc:
            report.errors.append(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        except (InvalidData, KeyError, TypeError, ValueError) as exc:
            report.errors.append(f"{where}: not a FollowTheMoney entity ({exc})")
            continue
        proxies.append(proxy)
    return proxies


def _local_id(ftm_id: str) -> str:
    return ftm_id if len(ftm_id) <= 64 else hashlib.sha1(ftm_id.encode()).hexdigest()


def _first_country(values: list[str]) -> str | None:
    for v in values:
        if len(v) == 2 and v.isalpha():
            return v.upper()
    return None


def _line(schema: str, names: list[str], aliases: list[str], extra: list[str]) -> str:
    text = f"{schema}: {names[0]}"
    if names[1:]:
        text += "; also " + "; ".join(names[1:])
    if aliases:
        text += "; alias " + "; ".join(aliases)
    return " ".join([text, *extra])


def _add_entity(doc: SyntheticDoc, proxy: EntityProxy, source: str) -> bool:
    schema = proxy.schema.name
    keywords = proxy.get("keywords", quiet=True)
    tags = fm.tags(keywords)
    if schema in fm.PERSON_SCHEMATA or proxy.schema.is_a("Person"):
        kind = "person"
    elif schema in fm.ORG_SCHEMATA or proxy.schema.is_a("Organization") or schema == "LegalEntity":
        kind = "organization"
    elif schema in fm.PLACE_SCHEMATA:
        kind = "location"
    else:
        return False
    primary = proxy.get("name") or proxy.get("full", quiet=True)
    aka = [*proxy.get("alias", quiet=True), *proxy.get("previousName", quiet=True)]
    weak = proxy.get("weakAlias", quiet=True)
    names = list(dict.fromkeys([*primary, *aka])) if primary else list(dict.fromkeys(aka))
    aliases = [a for a in dict.fromkeys(weak) if a not in names]
    if not names and aliases:
        names, aliases = aliases[:1], aliases[1:]
    if not names:
        return False
    nationalities = [
        c.upper() for c in [*proxy.get("nationality", quiet=True), *proxy.get("citizenship", quiet=True)] if c
    ]
    countries = nationalities or [c.upper() for c in proxy.get("country", quiet=True)]
    births = sorted(set(proxy.get("birthDate", quiet=True)))
    subtype = tags.get("subtype")
    valid_subtypes = ORG_SUBTYPES if kind == "organization" else LOC_SUBTYPES if kind == "location" else ()
    if subtype not in valid_subtypes:
        subtype = None
    if subtype is None and kind == "organization":
        topics = set(proxy.get("topics", quiet=True))
        subtype = "criminal_group" if topics & {"crime", "crime.boss", "crime.traffick"} else None
    role = tags.get("role") if tags.get("role") in ROLES else None
    if (
        kind == "person"
        and role is None
        and set(proxy.get("topics", quiet=True))
        & {
            "crime",
            "crime.boss",
            "crime.traffick",
            "crime.traffick.drug",
            "crime.traffick.human",
            "wanted",
        }
    ):
        role = "criminal"
    extra = []
    if births:
        extra.append(f"born {', '.join(births)}.")
    if countries:
        extra.append(f"Country: {', '.join(countries)}.")
    info = ExternalInfo(
        schema=schema,
        external_id=proxy.id,
        birth_dates=births,
        nationalities=nationalities or ([] if kind != "person" else countries),
        extra={
            "topics": sorted(proxy.get("topics", quiet=True)),
            "programs": sorted(proxy.get("program", quiet=True)),
            "source_urls": sorted(proxy.get("sourceUrl", quiet=True)),
        },
    )
    doc.add_entity(
        _local_id(str(proxy.id)),
        kind,
        names,
        aliases=aliases,
        subtype=subtype,
        country=_first_country(countries),
        role=role,
        line=_line(schema, names, aliases, extra) + f" [{source} {proxy.id}]",
        external=info,
    )
    return True


def _name_of(doc: SyntheticDoc, local: str) -> str:
    for e in doc.analysis.entities:
        if e.id == local:
            return e.names[0]
    return local


def _add_link(doc: SyntheticDoc, proxy: EntityProxy, known: set[str]) -> bool:
    schema = proxy.schema.name
    if schema == "Membership":
        pairs = [("member", "organization")]
        roles = [r.lower() for r in proxy.get("role")]
        rel = next((fm.ROLE_RELATIONS[r] for r in roles if r in fm.ROLE_RELATIONS), "member_of")
    elif schema == "Family":
        pairs, rel = [("person", "relative")], "family_of"
    elif schema == "Associate":
        pairs = [("person", "associate")]
        rel = next((r for r in proxy.get("relationship") if r in RELATION_TYPES), "")
    elif schema == "UnknownLink":
        pairs = [("subject", "object")]
        rel = next((r for r in proxy.get("role") if r in RELATION_TYPES), "")
    else:
        return False
    if not rel:
        return False
    made = False
    for a, b in pairs:
        for s in proxy.get(a):
            for o in proxy.get(b):
                sl, ol = _local_id(s), _local_id(o)
                if sl in known and ol in known and sl != ol:
                    line = f"{_name_of(doc, sl)} {rel.replace('_', ' ')} {_name_of(doc, ol)} [{proxy.id}]"
                    doc.add_relation(rel, sl, ol, line)
                    made = True
    return made


def _add_event(doc: SyntheticDoc, proxy: EntityProxy, known: set[str], n: int) -> bool:
    tags = fm.tags(proxy.get("keywords", quiet=True))
    kind = tags.get("event") if tags.get("event") in EVENT_TYPES else None
    if kind is None:
        return False
    involved = [_local_id(i) for i in proxy.get("involved")]
    organizers = {_local_id(i) for i in proxy.get("organizer")}
    targets = [fm.tags([k]).get("target") for k in proxy.get("keywords") if k.startswith("pista:target=")]
    target_ids = [_local_id(t) for t in targets if t]
    if not target_ids:
        target_ids = [i for i in involved if i not in organizers]
    places = [_local_id(a) for a in proxy.get("addressEntity") if _local_id(a) in known]
    dates = proxy.get("date")

    def figure(name: str) -> int | None:
        value = tags.get(name)
        return int(value) if value and value.isdigit() else None

    event = Event(
        id=f"v{n}",
        type=kind,
        date=dates[0] if dates else None,
        location=places[0] if places else None,
        agencies=[i for i in involved if i in organizers and i in known],
        targets=[i for i in target_ids if i in known],
        arrested=figure("arrested"),
        rescued=figure("rescued"),
        killed=figure("killed"),
        seized=[fm.tags([k])["seized"] for k in proxy.get("keywords") if k.startswith("pista:seized=")],
    )
    doc.add_event(event, f"Event: {(proxy.get('name') or [kind])[0]} [{proxy.id}]")
    return True


def build_document(
    proxies: list[EntityProxy], *, title: str, source: str
) -> tuple[SyntheticDoc, dict[str, int]]:
    """One document holding the entities, relations and events of a list of FtM entities."""
    doc = SyntheticDoc(title=title)
    skipped: dict[str, int] = {}
    ordered = sorted(proxies, key=lambda p: (p.schema.name, str(p.id)))
    seen: set[str] = set()
    for proxy in ordered:
        if proxy.schema.edge or proxy.schema.name in {"Event", "Mention", "Document", "Article"}:
            continue
        local = _local_id(str(proxy.id))
        if local in seen:
            continue
        if _add_entity(doc, proxy, source):
            seen.add(local)
        else:
            skipped[proxy.schema.name] = skipped.get(proxy.schema.name, 0) + 1
    known = doc.entity_ids()
    n_events = 0
    for proxy in ordered:
        name = proxy.schema.name
        if name == "Event":
            n_events += 1
            if not _add_event(doc, proxy, known, n_events):
                skipped[name] = skipped.get(name, 0) + 1
        elif proxy.schema.edge or name in {"Membership", "Family", "Associate", "UnknownLink"}:
            if not _add_link(doc, proxy, known):
                skipped[name] = skipped.get(name, 0) + 1
        elif name in {"Mention", "Document", "Article"}:
            skipped[name] = skipped.get(name, 0) + 1
    return doc, skipped


def import_ftm(
    engine: Engine, path: Path, *, source: str | None = None, publisher_kind: str = "other"
) -> ImportReport:
    """Load an FtM JSON-lines file as one document of ``source`` (default: the file's name)."""
    if publisher_kind not in PUBLISHER_KINDS:
        raise ConfigError(
            f"publisher kind must be one of {', '.join(PUBLISHER_KINDS)}, not {publisher_kind!r}"
        )
    name = source or path.stem
    report = ImportReport(source=name)
    proxies = read_proxies(path, report)
    doc, skipped = build_document(proxies, title=f"FollowTheMoney entities of {path.name}", source=name)
    report.skipped = skipped
    if not doc.analysis.entities:
        report.errors.append(f"{path}: no person, organization or address entities")
        return save_import(engine, [], source=name, fmt="ftm", publisher_kind=publisher_kind, report=report)
    return save_import(
        engine, [(doc, str(path))], source=name, fmt="ftm", publisher_kind=publisher_kind, report=report
    )
