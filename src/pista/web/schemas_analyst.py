"""Response models of the analyst API: resolved entities, events, graph, review, profiles."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class EvidenceRef(BaseModel):
    document_id: str
    document_title: str | None = None
    published: str | None = None
    publisher: str | None = Field(None, description="the source the document was ingested from")
    publisher_kind: str | None = None
    reliability: str | None = None
    sentence: str
    start: int = Field(description="character offset of the evidence span in the document text")
    end: int
    link: str = Field(description="the document page with this sentence highlighted")


class EntitySummary(BaseModel):
    key: str
    type: str
    subtype: str | None = None
    canonical: str
    documents: int


class EntityPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[EntitySummary]


class EntityRef(BaseModel):
    key: str | None = None
    label: str
    type: str | None = None


class NameCount(BaseModel):
    name: str
    documents: int


class Attributes(BaseModel):
    roles: list[str]
    countries: list[str]


class ClaimRef(BaseModel):
    attribute: str | None = None
    value: float | int | None = None
    qualifier: str | None = None
    location: EntityRef | None = None
    evidence: EvidenceRef | None = None


class RelationRef(BaseModel):
    type: str | None = None
    direction: Literal["out", "in"] = Field(description="out: this entity is the subject")
    other: EntityRef
    confidence: float | None = None
    evidence: EvidenceRef | None = None


class CrimeRef(BaseModel):
    type: str | None = None
    confidence: float | None = None
    evidence: EvidenceRef | None = None


class MentionRef(BaseModel):
    text: str
    evidence: EvidenceRef


class EventSummary(BaseModel):
    key: str
    type: str
    date: str | None = None
    corroboration: int = Field(description="distinct documents reporting it")
    locations: list[str]
    figures: dict[str, list[Any]]
    sources: list[str]


class EntityDetail(BaseModel):
    key: str
    type: str
    subtype: str | None = None
    canonical: str
    documents: int
    documents_shown: int = Field(description="documents whose evidence is listed (the most recent)")
    names: list[NameCount]
    aliases: list[NameCount]
    attributes: Attributes
    claims: list[ClaimRef]
    relations: list[RelationRef]
    crimes: list[CrimeRef]
    events: list[EventSummary] = Field(description="the latest 200 at most")
    events_total: int
    mentions: list[MentionRef]


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[EventSummary]


class EventReport(BaseModel):
    document_id: str
    document_title: str | None = None
    publisher: str | None = None
    date: str | None = None
    arrested: int | None = None
    rescued: int | None = None
    killed: int | None = None
    seized: list[str]
    evidence: list[EvidenceRef]


class EventDetail(BaseModel):
    key: str
    type: str
    date: str | None = None
    dates: dict[str, list[str]]
    corroboration: int
    sources: list[str]
    locations: list[EntityRef]
    agencies: list[EntityRef]
    targets: list[EntityRef]
    figures: dict[str, list[dict[str, Any]]] = Field(description='e.g. "arrested": [{value, document}]')
    seized: list[str]
    reports: list[EventReport]


class GraphNode(BaseModel):
    key: str
    label: str
    type: str
    subtype: str | None = None
    roles: list[str]
    documents: int
    distance: int = Field(description="hops from the centre")
    key_player: bool = Field(description="among the nodes whose removal fragments this neighbourhood most")
    center: bool


class GraphEdge(BaseModel):
    id: str
    source: str
    target: str
    type: str
    documents: list[str]
    sources: int
    confidence: float
    first_seen: str | None = None
    last_seen: str | None = None


class GraphOut(BaseModel):
    center: str
    depth: int
    truncated: bool = Field(description="true when the node cap cut the neighbourhood")
    nodes: list[GraphNode]
    edges: list[GraphEdge]


class ReviewSide(BaseModel):
    item: str = Field(description="DOCUMENT:ENTITY, usable as a judgement target")
    key: str
    label: str
    type: str | None = None
    names: list[str]
    document_title: str | None = None
    evidence: EvidenceRef | None = None


class ReviewItem(BaseModel):
    rank: int
    score: float
    merged: bool = Field(description="whether resolution currently puts the two together")
    explanation: str
    a: ReviewSide
    b: ReviewSide


class JudgementOut(BaseModel):
    id: int
    judgement: str
    key_a: str
    key_b: str | None = None
    user: str
    created_at: str
    withdrawn: bool


class ReviewQueue(BaseModel):
    total: int
    items: list[ReviewItem]
    judgements: list[JudgementOut]


class JudgementIn(BaseModel):
    a: str = Field(min_length=1, max_length=200, description="a resolved key or DOCUMENT:ENTITY")
    b: str = Field(min_length=1, max_length=200)
    judgement: Literal["same", "different"]


class JudgementResult(BaseModel):
    id: int | None = None
    summary: str


class ProfilePerson(BaseModel):
    key: str | None = None
    label: str
    type: str | None = None
    role: str
    sources: int


class ProfilePlace(BaseModel):
    key: str | None = None
    label: str
    type: str | None = None
    sources: int


class ProfileAlliance(BaseModel):
    key: str | None = None
    label: str
    type: str | None = None
    relation: str
    sources: int


class CrimeCount(BaseModel):
    type: str | None = None
    reports: int


class OrganizationProfile(BaseModel):
    key: str
    canonical: str
    subtype: str | None = None
    documents: int
    names: list[NameCount]
    aliases: list[NameCount]
    leaders: list[ProfilePerson]
    members: list[ProfilePerson]
    territories: list[ProfilePlace]
    alliances: list[ProfileAlliance]
    crimes: list[CrimeCount]
    claims: list[ClaimRef]
    events: list[EventSummary]
    analysis: dict[str, Any] | None = Field(
        None,
        description="the full profile from pista.analysis (factions, parents, totals, figures with "
        "every reported value, member counts, timeline), when available",
    )


class MapPlace(BaseModel):
    key: str | None = Field(
        None, description="the resolved place (none for a country known only by its cities)"
    )
    label: str
    events: int
    organizations: int = Field(description="organizations stated to operate there")


class MapCountry(MapPlace):
    id: str = Field(description="ISO 3166 numeric code, the id of the country shape")


class MapPoint(MapPlace):
    lat: float
    lon: float


class MapData(BaseModel):
    countries: list[MapCountry]
    points: list[MapPoint]
