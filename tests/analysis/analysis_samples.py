"""A small resolved store for analysis, export and report tests: four short reports, resolved.

Two reports (published 2023-05-04 and 2023-05-05) tell of one raid in Lima against Los Gallegos,
a faction of Tren de Aragua, one with 15 arrested and one with 16. A 2024 report tells of a raid
in Santiago against Tren de Aragua (8 arrested) and its rivalry with Los Trinitarios; a Spanish
2024 report names the alias TdA and a member-count estimate. Analyses are built by hand, so the
answers are known.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pista.documents import Analysis, Claim, Crime, Entity, Event, Evidence, Mention, Relation

TEXT_A = (
    "Police in Lima arrested 15 members of Los Gallegos on 2 May 2023. "
    "Los Gallegos is a faction of Tren de Aragua. "
    "Héctor Guerrero leads Tren de Aragua. "
    "Juan Pérez Rojas leads Los Gallegos. "
    "Los Gallegos extorts bus drivers in Lima."
)
TEXT_B = (
    "The Peruvian National Police detained 16 people from Los Gallegos in Lima on 3 May 2023. "
    "Los Gallegos is a faction of Tren de Aragua. "
    "Héctor Guerrero and Juan Pérez Rojas were not captured. "
    "Analysts say Tren de Aragua has about 5000 members."
)
TEXT_C = (
    "Carabineros arrested 8 members of Tren de Aragua in Santiago on 20 January 2024. "
    "Tren de Aragua is a rival of Los Trinitarios. "
    "Héctor Guerrero leads Tren de Aragua. "
    "Tren de Aragua runs human trafficking in Chile."
)
TEXT_D = (
    "El Tren de Aragua, también conocido como TdA, opera en Chile. "
    "Según la fiscalía, el TdA tiene 3000 miembros en Chile. "
    "La banda se dedica a la extorsión y a la trata de personas."
)


def sentence_of(text: str, needle: str) -> str:
    start = text.index(needle)
    lo = text.rfind(". ", 0, start)
    lo = 0 if lo == -1 else lo + 2
    hi = text.find(". ", start)
    return text[lo : (len(text) if hi == -1 else hi + 1)]


def ev(text: str, needle: str) -> Evidence:
    start = text.index(needle)
    return Evidence(start, start + len(needle), sentence_of(text, needle))


@dataclass
class Doc:
    """One report and its hand-built analysis."""

    name: str
    text: str
    published: str
    source: str
    lang: str = "en"
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    crimes: list[Crime] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def entity(
        self,
        eid: str,
        etype: str,
        name: str,
        *,
        subtype: str | None = None,
        role: str | None = None,
        country: str | None = None,
        aliases: tuple[str, ...] = (),
    ) -> Doc:
        mentions = []
        for surface in (name, *aliases):
            pos = 0
            while (pos := self.text.find(surface, pos)) != -1:
                mentions.append(Mention(surface, pos, pos + len(surface), _sentence_at(self.text, pos)))
                pos += len(surface)
        self.entities.append(
            Entity(
                eid,
                etype,  # type: ignore[arg-type]
                [name, *aliases],
                subtype=subtype,
                aliases=list(aliases),
                country=country,
                role=role,
                mentions=mentions,
                confidence=0.9,
            )
        )
        return self

    def relation(self, rtype: str, subject: str, obj: str, needle: str, confidence: float = 0.8) -> Doc:
        self.relations.append(Relation(rtype, subject, obj, ev(self.text, needle), confidence))
        return self

    def crime(self, subject: str, ctype: str, needle: str) -> Doc:
        self.crimes.append(Crime(subject, ctype, ev(self.text, needle), 0.8))
        return self

    def analysis(self, doc_id: str) -> Analysis:
        return Analysis(
            doc_id=doc_id,
            lang=self.lang,
            published=self.published,
            entities=self.entities,
            relations=self.relations,
            crimes=self.crimes,
            events=self.events,
            claims=self.claims,
        )


def _sentence_at(text: str, pos: int) -> str:
    lo = text.rfind(". ", 0, pos)
    lo = 0 if lo == -1 else lo + 2
    hi = text.find(". ", pos)
    return text[lo : (len(text) if hi == -1 else hi + 1)]


def sample_docs() -> list[Doc]:
    a = Doc("a", TEXT_A, "2023-05-04", "El Comercio")
    a.entity("tda", "organization", "Tren de Aragua", subtype="criminal_group", country="VE")
    a.entity("gal", "organization", "Los Gallegos", subtype="faction", country="PE")
    a.entity("hg", "person", "Héctor Guerrero", role="criminal", country="VE")
    a.entity("jp", "person", "Juan Pérez Rojas", role="criminal")
    a.entity("lima", "location", "Lima", subtype="city", country="PE")
    a.entity("pol", "organization", "Police", subtype="agency", country="PE")
    a.relation("part_of", "gal", "tda", "Los Gallegos is a faction of Tren de Aragua")
    a.relation("leader_of", "hg", "tda", "Héctor Guerrero leads Tren de Aragua")
    a.relation("leader_of", "jp", "gal", "Juan Pérez Rojas leads Los Gallegos")
    a.relation("operates_in", "gal", "lima", "extorts bus drivers in Lima")
    a.crime("gal", "extortion", "extorts")
    a.events.append(
        Event(
            "v1",
            "operation",
            date="2023-05-02",
            location="lima",
            agencies=["pol"],
            targets=["gal"],
            arrested=15,
            evidence=[ev(TEXT_A, "arrested 15 members")],
            confidence=0.8,
        )
    )

    b = Doc("b", TEXT_B, "2023-05-05", "La República")
    b.entity("tda", "organization", "Tren de Aragua", subtype="criminal_group")
    b.entity("gal", "organization", "Los Gallegos", subtype="faction", country="PE")
    b.entity("hg", "person", "Héctor Guerrero", role="criminal")
    b.entity("jp", "person", "Juan Pérez Rojas", role="criminal")
    b.entity("lima", "location", "Lima", subtype="city", country="PE")
    b.entity("pnp", "organization", "Peruvian National Police", subtype="agency", country="PE")
    b.relation("part_of", "gal", "tda", "Los Gallegos is a faction of Tren de Aragua", 0.6)
    b.events.append(
        Event(
            "v1",
            "operation",
            date="2023-05-03",
            location="lima",
            agencies=["pnp"],
            targets=["gal"],
            arrested=16,
            evidence=[ev(TEXT_B, "detained 16 people")],
            confidence=0.8,
        )
    )
    b.claims.append(
        Claim("tda", 5000, qualifier="about", evidence=ev(TEXT_B, "about 5000 members"), confidence=0.7)
    )

    c = Doc("c", TEXT_C, "2024-01-22", "La Tercera")
    c.entity("tda", "organization", "Tren de Aragua", subtype="criminal_group", country="VE")
    c.entity("tri", "organization", "Los Trinitarios", subtype="criminal_group")
    c.entity("hg", "person", "Héctor Guerrero", role="criminal", country="VE")
    c.entity("stgo", "location", "Santiago", subtype="city", country="CL")
    c.entity("cl", "location", "Chile", subtype="country", country="CL")
    c.entity("car", "organization", "Carabineros", subtype="agency", country="CL")
    c.relation("rival_of", "tda", "tri", "Tren de Aragua is a rival of Los Trinitarios")
    c.relation("leader_of", "hg", "tda", "Héctor Guerrero leads Tren de Aragua")
    c.relation("operates_in", "tda", "cl", "runs human trafficking in Chile")
    c.crime("tda", "human_trafficking", "human trafficking")
    c.events.append(
        Event(
            "v1",
            "operation",
            date="2024-01-20",
            location="stgo",
            agencies=["car"],
            targets=["tda"],
            arrested=8,
            seized=["firearm"],
            evidence=[ev(TEXT_C, "arrested 8 members")],
            confidence=0.8,
        )
    )

    d = Doc("d", TEXT_D, "2024-03-01", "BioBio", lang="es")
    d.entity("tda", "organization", "Tren de Aragua", subtype="criminal_group", aliases=("TdA",))
    d.entity("cl", "location", "Chile", subtype="country", country="CL")
    d.relation("operates_in", "tda", "cl", "opera en Chile")
    d.crime("tda", "extortion", "extorsión")
    d.crime("tda", "human_trafficking", "trata de personas")
    d.claims.append(Claim("tda", 3000, location="cl", evidence=ev(TEXT_D, "3000 miembros"), confidence=0.7))
    return [a, b, c, d]


def fill_store(url: str, docs: list[Doc] | None = None) -> dict[str, str]:
    """Store the reports and their analyses, then resolve; returns sample name -> document id."""
    from pista.resolve import service
    from pista.store import DocumentStore, connect
    from pista.store.documents import SourceInfo

    store = DocumentStore(connect(url))
    ids: dict[str, str] = {}
    with store.engine.begin() as conn:
        for doc in docs or sample_docs():
            added = store.add(
                conn,
                text=doc.text,
                source=SourceInfo(doc.source, f"{doc.name}.txt", publisher_kind="news"),
                title=f"Report {doc.name.upper()}",
                lang=doc.lang,
                lang_supported=True,
                published=doc.published,
            )
            ids[doc.name] = added.document_id
            store.save_analysis(conn, added.document_id, "h", "test", doc.analysis(added.document_id))
    service.resolve_store(store.engine, actor="test")
    store.engine.dispose()
    return ids
