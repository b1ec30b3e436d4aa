"""A small hand-built corpus for the analyst pages: three reports, resolved across documents."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import update
from web_helpers import Web

from pista.documents import Analysis, Claim, Crime, Entity, Event, Evidence, Mention, Relation
from pista.resolve.service import resolve_store
from pista.store.schema import documents

REPORT_1 = (
    "The Tren de Aragua runs extortion rackets in Santiago. "
    "Prosecutors say Hector Guerrero leads the Tren de Aragua. "
    "Police arrested 12 members of the gang in Santiago on 2 March 2024."
)
REPORT_2 = (
    "El Tren de Aragua opera en Lima, según la fiscalía. "
    "Yohan Petrica es miembro del Tren de Aragua. "
    "La banda tendría unos 300 integrantes en Lima."
)
REPORT_3 = (
    "Hector Guerrero was seen with Yohan Petrica in Lima. "
    "The Tren de Aragua is allied with the Los Choneros gang."
)


def sentence_of(text: str, needle: str) -> Evidence:
    """The evidence of the sentence holding ``needle`` (the span is the sentence)."""
    at = text.index(needle)
    start = text.rfind(". ", 0, at)
    start = 0 if start < 0 else start + 2
    end = text.find(".", at) + 1
    return Evidence(start, end, text[start:end])


def entity(text: str, eid: str, etype: str, name: str, *, subtype: str | None = None, **kw: object) -> Entity:
    mentions = []
    at = text.find(name)
    while at >= 0:
        mentions.append(Mention(name, at, at + len(name), sentence_of(text, name).sentence))
        at = text.find(name, at + 1)
    return Entity(eid, etype, [name], subtype=subtype, mentions=mentions, confidence=0.9, **kw)  # type: ignore[arg-type]


def analyses() -> list[tuple[str, str, str, Analysis]]:
    """(text, title, published, analysis) of each report."""
    t1, t2, t3 = REPORT_1, REPORT_2, REPORT_3
    a1 = Analysis(
        doc_id=None,
        lang="en",
        published="2024-03-03",
        entities=[
            entity(t1, "e1", "organization", "Tren de Aragua", subtype="criminal_group"),
            entity(t1, "e2", "location", "Santiago", subtype="city", country="CL"),
            entity(t1, "e3", "person", "Hector Guerrero", role="criminal"),
        ],
        relations=[
            Relation("operates_in", "e1", "e2", sentence_of(t1, "extortion"), 0.9),
            Relation("leader_of", "e3", "e1", sentence_of(t1, "leads"), 0.8),
        ],
        crimes=[Crime("e1", "extortion", sentence_of(t1, "extortion"), 0.9)],
        events=[
            Event(
                "v1",
                "arrest",
                date="2024-03-02",
                location="e2",
                targets=["e1"],
                arrested=12,
                evidence=[sentence_of(t1, "arrested")],
                confidence=0.8,
            )
        ],
    )
    a2 = Analysis(
        doc_id=None,
        lang="es",
        published="2024-05-10",
        entities=[
            entity(t2, "e1", "organization", "Tren de Aragua", subtype="criminal_group"),
            entity(t2, "e2", "location", "Lima", subtype="city", country="PE"),
            entity(t2, "e3", "person", "Yohan Petrica", role="criminal"),
        ],
        relations=[
            Relation("operates_in", "e1", "e2", sentence_of(t2, "opera en"), 0.7),
            Relation("member_of", "e3", "e1", sentence_of(t2, "miembro"), 0.6),
        ],
        claims=[Claim("e1", 300, qualifier="approximately", location="e2", evidence=sentence_of(t2, "300"))],
    )
    a3 = Analysis(
        doc_id=None,
        lang="en",
        published="2024-06-01",
        entities=[
            entity(t3, "e1", "person", "Hector Guerrero", role="criminal"),
            entity(t3, "e2", "person", "Yohan Petrica", role="criminal"),
            entity(t3, "e3", "location", "Lima", subtype="city", country="PE"),
            entity(t3, "e4", "organization", "Tren de Aragua", subtype="criminal_group"),
            entity(t3, "e5", "organization", "Los Choneros", subtype="criminal_group"),
        ],
        relations=[
            Relation("associated_with", "e1", "e2", sentence_of(t3, "seen with"), 0.5),
            Relation("allied_with", "e4", "e5", sentence_of(t3, "allied"), 0.9),
        ],
    )
    return [
        (t1, "Arrests in Santiago", "2024-03-03", a1),
        (t2, "La banda en Lima", "2024-05-10", a2),
        (t3, "Guerrero in Lima", "2024-06-01", a3),
    ]


@dataclass
class Seeded:
    docs: list[str]
    texts: list[str]


def seed(web: Web) -> Seeded:
    """Store the three reports with their analyses and resolve the store."""
    ids, texts = [], []
    for n, (text, title, published, analysis) in enumerate(analyses()):
        analysis.published = published
        doc_id = web.add_document(
            text, title=title, lang=analysis.lang or "en", source=f"outlet{n + 1}", analysis=analysis
        )
        with web.docs.engine.begin() as conn:
            conn.execute(update(documents).where(documents.c.id == doc_id).values(published=published))
        ids.append(doc_id)
        texts.append(text)
    resolve_store(web.docs.engine, actor="test")
    return Seeded(ids, texts)
