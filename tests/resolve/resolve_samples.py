"""Small hand-built analyses for resolution tests."""

from __future__ import annotations

from pista.documents import Analysis, Entity, Event, Mention


def person(
    eid: str, *names: str, aliases: tuple[str, ...] = (), country: str | None = None, role: str | None = None
) -> Entity:
    return Entity(
        id=eid,
        type="person",
        names=list(names) + [a for a in aliases if a not in names],
        aliases=list(aliases),
        country=country,
        role=role,
        mentions=[Mention(names[0], 0, len(names[0]), f"{names[0]} was named in this report.")],
    )


def org(
    eid: str, *names: str, subtype: str = "agency", aliases: tuple[str, ...] = (), country: str | None = None
) -> Entity:
    return Entity(
        id=eid,
        type="organization",
        subtype=subtype,
        names=list(names) + [a for a in aliases if a not in names],
        aliases=list(aliases),
        country=country,
    )


def place(eid: str, *names: str, subtype: str = "city", country: str | None = None) -> Entity:
    return Entity(id=eid, type="location", subtype=subtype, names=list(names), country=country)


def doc(
    doc_id: str, *entities: Entity, events: tuple[Event, ...] = (), lang: str = "en"
) -> tuple[str, Analysis]:
    return doc_id, Analysis(
        doc_id=doc_id, lang=lang, published=None, entities=list(entities), events=list(events)
    )


def same(resolution: object, a: tuple[str, str], b: tuple[str, str]) -> bool:
    keys = resolution.entity_keys  # type: ignore[attr-defined]
    return bool(keys[a] == keys[b])


def store_with(url: str, corpus: list[tuple[str, Analysis]]) -> dict[str, str]:
    """A store holding one document per analysis; returns analysis doc id -> stored document id."""
    from pista.store import DocumentStore, connect
    from pista.store.documents import SourceInfo

    store = DocumentStore(connect(url))
    ids: dict[str, str] = {}
    with store.engine.begin() as conn:
        for doc_id, analysis in corpus:
            added = store.add(conn, text=f"Report {doc_id}.", source=SourceInfo("test", f"{doc_id}.txt"))
            ids[doc_id] = added.document_id
            stored = Analysis.from_dict({**analysis.to_dict(), "doc_id": added.document_id})
            store.save_analysis(conn, added.document_id, "h", "test", stored)
    store.engine.dispose()
    return ids


def sample_corpus() -> list[tuple[str, Analysis]]:
    return [
        doc(
            "a",
            person("p", "Héctor Rusthenford Guerrero Flores", aliases=("Niño Guerrero",), role="criminal"),
            org("o", "Peruvian National Police", "PNP", aliases=("PNP",), country="PE"),
            person("q", "Guerrero", role="official"),
        ),
        doc(
            "b",
            person("p", "Héctor Guerrero", aliases=("Niño Guerrero",), role="criminal"),
            org("o", "Policía Nacional del Perú", country="PE"),
            lang="es",
        ),
        doc("c", person("p", "Guerrero", role="official"), org("o", "PNP", aliases=("PNP",))),
    ]
