"""Shapes of the JSON API, for its OpenAPI schema and for checking what it returns."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from footprint.web.filters import OptInt, OptStr


class EventRow(BaseModel):
    id: int
    key: str | None
    label: str = Field(description="A readable title: the event's own, or made from its fields.")
    type: str
    type_label: str
    status: str
    title: str | None
    summary: str | None
    provider: str | None
    provider_orgs: list[str]
    recipients: list[str]
    recipient_names: list[str]
    recipient_regions: list[str]
    year_start: int | None
    year_end: int | None
    people: int | None
    review_state: str
    sources: int
    confidence: float
    confidence_level: str
    disputed: bool
    possible_duplicate_of: int | None
    version: int
    locked_fields: list[str]
    updated_at: str | None


class EventList(BaseModel):
    total: int
    limit: int
    offset: int
    sort: str
    filters: dict[str, Any]
    items: list[EventRow]
    next: str | None = Field(None, description="The next page, or null on the last.")


class FacetValue(BaseModel):
    value: Any
    label: str
    events: int


class Facets(BaseModel):
    total: int
    filters: dict[str, Any]
    facets: dict[str, list[FacetValue]] = Field(
        description="Per facet, the counts under the filter without the facet's own condition."
    )


class Claim(BaseModel):
    value: Any
    evidence: list[int]
    sources: list[str]


class EvidenceOut(BaseModel):
    id: int
    document: int
    document_title: str | None
    publisher: str | None
    published: str | None
    url: str | None
    quote: str
    start: int
    end: int
    extractor: str
    confidence: float


class Link(BaseModel):
    relation: str
    direction: str
    event: int
    label: str
    created_by: str


class AuditOut(BaseModel):
    id: int
    at: str
    who: str
    action: str
    entity: str
    entity_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str | None


class EventDetail(EventRow):
    provider_name: str
    claims: dict[str, list[Claim]]
    conflicts: list[str]
    evidence: list[EvidenceOut]
    links: list[Link]
    history: list[AuditOut]


class QueueItem(EventRow):
    evidence: list[dict[str, Any]]


class Queue(EventList):
    items: list[QueueItem]  # type: ignore[assignment]


class DocumentMeta(BaseModel):
    id: int
    title: str | None
    publisher: str | None
    published: str | None
    language: str
    url: str | None
    source: str
    format: str
    chars: int
    ingested_at: str | None


class DocumentHit(DocumentMeta):
    snippet: str | None = None


class DocumentList(BaseModel):
    q: str | None
    total: int | None = Field(description="Null for a search (hits are ranked, not counted).")
    limit: int
    offset: int
    items: list[DocumentHit]


class Span(BaseModel):
    id: int
    event: int | None
    event_label: str | None
    type: str | None
    start: int
    end: int
    quote: str


class Segment(BaseModel):
    text: str
    spans: list[int] = Field(description="Evidence spans covering this piece of text.")
    starts: list[int] = Field(description="Evidence spans beginning here.")
    event: int | None = Field(description="The event of the first covering span.")
    event_label: str | None


class DocumentDetail(DocumentMeta):
    text: str
    evidence: list[Span]
    segments: list[Segment]


class Decision(BaseModel):
    version: OptInt = Field(
        None, description="The event version you read; the decision fails (409) if it moved on."
    )
    note: OptStr = Field(None, max_length=4000)


class UnsureDecision(Decision):
    note: str = Field(min_length=1, max_length=4000, description="What is unclear.")


class Edit(Decision):
    changes: dict[str, Any] = Field(
        description="Field → new value. Fields: type, status, title, summary, provider, "
        "provider_orgs, recipients, recipient_regions, year_start, year_end, people."
    )


class Me(BaseModel):
    name: str | None
    role: str | None
    public: bool
