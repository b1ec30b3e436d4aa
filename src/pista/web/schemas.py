"""Response models of the JSON API (they document the OpenAPI spec)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class SourceOut(BaseModel):
    source: str
    origin: str
    publisher_kind: str
    reliability: str | None = None
    url: str | None = None
    title: str | None = None


class DocumentSummary(BaseModel):
    id: str
    title: str | None = None
    lang: str | None = None
    published: str | None = None
    words: int
    analysed: bool
    sources: list[SourceOut]


class DocumentPage(BaseModel):
    total: int = Field(description="documents matching the filters")
    limit: int
    offset: int
    items: list[DocumentSummary]


class EvidenceOut(BaseModel):
    start: int = Field(description="character offset of the evidence span in the document text")
    end: int
    sentence: str


class MentionOut(BaseModel):
    text: str
    start: int
    end: int
    sentence: str = ""


class EntityOut(BaseModel):
    id: str
    type: str
    subtype: str | None = None
    names: list[str]
    aliases: list[str] = []
    country: str | None = None
    role: str | None = None
    confidence: float
    mentions: list[MentionOut]


class RelationOut(BaseModel):
    type: str
    subject: str
    object: str
    confidence: float
    evidence: EvidenceOut | None = None


class CrimeOut(BaseModel):
    subject: str
    type: str
    confidence: float
    evidence: EvidenceOut | None = None


class EventOut(BaseModel):
    id: str
    type: str
    date: str | None = None
    location: str | None = None
    agencies: list[str] = []
    targets: list[str] = []
    arrested: int | None = None
    rescued: int | None = None
    killed: int | None = None
    seized: list[str] = []
    confidence: float
    evidence: list[EvidenceOut] = []


class ClaimOut(BaseModel):
    subject: str
    attribute: str
    value: float
    qualifier: str
    location: str | None = None
    confidence: float
    evidence: EvidenceOut | None = None


class AnalysisOut(BaseModel):
    extractor_version: str
    current: bool = Field(description="false when the text changed after this analysis was made")
    entities: list[EntityOut]
    relations: list[RelationOut]
    crimes: list[CrimeOut]
    events: list[EventOut]
    claims: list[ClaimOut]
    warnings: list[str] = []


class DocumentDetail(BaseModel):
    id: str
    title: str | None = None
    lang: str | None = None
    published: str | None = None
    url: str | None = None
    words: int
    text: str
    sources: list[SourceOut]
    analysis: AnalysisOut | None = None


class Fragment(BaseModel):
    text: str
    match: bool = Field(description="true for the parts that match the query")


class EntityHit(BaseModel):
    document_id: str
    entity_id: str
    type: str
    name: str


class SearchHit(BaseModel):
    id: str
    title: str | None = None
    lang: str | None = None
    published: str | None = None
    matched_in: list[str] = Field(description="title, text and/or entity")
    snippet: list[Fragment]


class SearchResult(BaseModel):
    query: str
    total: int
    limit: int
    offset: int
    items: list[SearchHit]
    entities: list[EntityHit]


class StatsOut(BaseModel):
    documents: int
    document_sources: int
    analysed: int
    ingest_errors: int
    by_language: dict[str, int]
    by_source: dict[str, int]
    by_publisher_kind: dict[str, int]
    entities_by_type: dict[str, int]
    uploads_by_status: dict[str, int]


class UploadAccepted(BaseModel):
    id: int
    status: str
    status_url: str


class UploadStatus(BaseModel):
    id: int
    filename: str
    size: int
    uploader: str
    status: str = Field(description="received, ingesting, analysing, done or failed")
    done: int = Field(description="documents analysed so far")
    total: int = Field(description="documents read from the file")
    document_ids: list[str]
    messages: list[str]
    created_at: str
    updated_at: str


class Me(BaseModel):
    name: str
    role: str
    via: str = Field(description="bearer, cookie or local (open server on a loopback address)")
    csrf_token: str = Field(
        description="send as X-CSRF-Token with state-changing requests made without a bearer token"
    )
