"""The data model as tables: documents, events, evidence, actors, the audit log, quarantine.

Enumerated values (event type, status, review state, region, actor kind) are plain strings
checked against the codebook, so adding a type is a change to ``codebook.yaml`` and not a
schema migration. Countries are ISO 3166-1 alpha-2 codes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: DateTime(timezone=True), dict[str, Any]: JSON}


class Document(Base):
    """One ingested text: an article, report, PDF, or one row of a news dump."""

    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(Text, doc="Path or URL as given; dump rows add #row=N")
    url: Mapped[str | None] = mapped_column(Text, doc="Canonical address from the metadata")
    title: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    # ISO 8601 at the precision the source gives: "2024", "2024-09" or "2024-09-10".
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    language: Mapped[str] = mapped_column(String(8), default="und", index=True)
    format: Mapped[str] = mapped_column(String(16), doc="Reader used: txt, md, html, pdf, ...")
    encoding: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True, doc="Of the normalised text")
    chars: Mapped[int] = mapped_column(Integer)
    ingested_at: Mapped[datetime] = mapped_column(default=utcnow)

    evidence: Mapped[list[Evidence]] = relationship(back_populates="document")


class Event(Base):
    """One real-world event of the codebook, told by one or more pieces of evidence."""

    __tablename__ = "event"
    __table_args__ = (
        CheckConstraint(
            "year_start IS NULL OR year_end IS NULL OR year_start <= year_end",
            name="ck_event_years",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stable identifier for curated events (the reference dataset) and exchanges between teams.
    key: Mapped[str | None] = mapped_column(String(128), unique=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    status: Mapped[str] = mapped_column(String(16), default="unknown", index=True)
    title: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    provider_country: Mapped[str | None] = mapped_column(String(2), index=True)
    year_start: Mapped[int | None] = mapped_column(Integer, index=True)
    year_end: Mapped[int | None] = mapped_column(Integer)
    date_start: Mapped[str | None] = mapped_column(String(10))
    date_end: Mapped[str | None] = mapped_column(String(10))
    people: Mapped[int | None] = mapped_column(Integer, doc="Number of people trained, sent...")
    quantities: Mapped[dict[str, Any]] = mapped_column(default=dict, doc="Other figures")
    review_state: Mapped[str] = mapped_column(String(16), default="machine", index=True)
    # Fields a reviewer set: resolution never recomputes them.
    locked_fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Corroboration, recomputed by resolution from the evidence (see resolve.py).
    sources: Mapped[int] = mapped_column(Integer, default=0, index=True)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    confidence_level: Mapped[str] = mapped_column(String(8), default="low")
    disputed: Mapped[bool] = mapped_column(default=False, index=True)
    # Set when the event looks like a duplicate of an older one a reviewer should compare.
    possible_duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("event.id"))
    # Incremented on every change; an edit names the version it read (optimistic locking).
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    recipients: Mapped[list[EventRecipient]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )
    regions: Mapped[list[EventRegion]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )
    actors: Mapped[list[EventActor]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )
    evidence: Mapped[list[Evidence]] = relationship(back_populates="event")


# The columns a filter on events can test. Each row linking an event to a recipient, region
# or actor carries a copy of them, kept equal to the event's by database triggers (SQLite;
# see dialect.py): the facets then count links under any filter from one covering index
# instead of looking up every linked event. They are in the table but not mapped: the ORM
# never writes or reads them, so they cannot go stale in a session.
EVENT_COPY = (
    "type",
    "review_state",
    "status",
    "provider_country",
    "year_start",
    "year_end",
    "disputed",
    "sources",
)


def _event_copy() -> tuple[Column, ...]:
    return (
        Column("type", String(32)),
        Column("review_state", String(16)),
        Column("status", String(16)),
        Column("provider_country", String(2)),
        Column("year_start", Integer),
        Column("year_end", Integer),
        Column("disputed", Boolean),
        Column("sources", Integer),
    )


class EventLink(Base):
    """One event following from another: a plan and its implementation, patrols under an
    agreement, a closure responding to an exposure, an official denial."""

    __tablename__ = "event_link"
    __table_args__ = (
        UniqueConstraint("source_id", "target_id", "relation"),
        CheckConstraint("source_id <> target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True, doc="Later event")
    target_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True, doc="Earlier event")
    relation: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[str] = mapped_column(String(128), default="machine")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class EventRecipient(Base):
    __tablename__ = "event_recipient"
    __table_args__ = _event_copy()
    __mapper_args__ = {"exclude_properties": EVENT_COPY}

    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), primary_key=True)
    country: Mapped[str] = mapped_column(String(2), primary_key=True, index=True)
    event: Mapped[Event] = relationship(back_populates="recipients")


class EventRegion(Base):
    __tablename__ = "event_region"
    __table_args__ = _event_copy()
    __mapper_args__ = {"exclude_properties": EVENT_COPY}

    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), primary_key=True)
    region: Mapped[str] = mapped_column(String(32), primary_key=True, index=True)
    event: Mapped[Event] = relationship(back_populates="regions")


class Actor(Base):
    """An institution: agency, academy, company, organisation. Never a private person."""

    __tablename__ = "actor"
    __table_args__ = (UniqueConstraint("name", "country"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(2), index=True)

    aliases: Mapped[list[ActorAlias]] = relationship(
        back_populates="actor", cascade="all, delete-orphan"
    )
    events: Mapped[list[EventActor]] = relationship(back_populates="actor")


class ActorAlias(Base):
    __tablename__ = "actor_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actor.id"), index=True)
    name: Mapped[str] = mapped_column(Text, index=True)
    language: Mapped[str] = mapped_column(String(8), default="en")
    actor: Mapped[Actor] = relationship(back_populates="aliases")


class EventActor(Base):
    """An actor's part in an event: provider, recipient or implementer."""

    __tablename__ = "event_actor"
    __table_args__ = _event_copy()
    __mapper_args__ = {"exclude_properties": EVENT_COPY}

    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actor.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(16), primary_key=True)
    event: Mapped[Event] = relationship(back_populates="actors")
    actor: Mapped[Actor] = relationship(back_populates="events")


class Evidence(Base):
    """A mention: the span of a document that states (part of) an event.

    ``event_id`` is empty until resolution groups the mention into an event; ``fields``
    holds what the extractor read in this span (type, recipients, years, people...), so
    that one source's version of a figure is kept as its own claim.
    """

    __tablename__ = "evidence"
    __table_args__ = (
        CheckConstraint('start >= 0 AND "end" > start'),
        Index("ix_evidence_document_span", "document_id", "start", "end"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    extractor: Mapped[str] = mapped_column(String(64))
    extractor_version: Mapped[str] = mapped_column(String(32))
    confidence: Mapped[float] = mapped_column(Float)
    fields: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    event: Mapped[Event | None] = relationship(back_populates="evidence")
    document: Mapped[Document] = relationship(back_populates="evidence")


class AuditEntry(Base):
    """Append-only log of every change: who, when, what, before and after."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    who: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)


class Quarantine(Base):
    """An input that could not be ingested, with the reason. One row per input source."""

    __tablename__ = "quarantine"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(Text, unique=True)
    reason: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    first_seen: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when a later ingest of the same source succeeded.
    resolved_at: Mapped[datetime | None] = mapped_column()


class FacetTotal(Base):
    """How many events have each value of a facet, per review state: the facets' counts
    with no filter but the review state, kept up to date by database triggers on events,
    recipients and regions (SQLite; see dialect.py). Values are stored as text."""

    __tablename__ = "facet_total"

    facet: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[str] = mapped_column(String(64), primary_key=True)
    review_state: Mapped[str] = mapped_column(String(16), primary_key=True)
    events: Mapped[int] = mapped_column(Integer)


class AppendOnlyError(RuntimeError):
    pass


@event.listens_for(Session, "before_flush")
def _keep_audit_log_append_only(session: Session, _context, _instances) -> None:
    # The database also refuses (see search.py for the SQLite triggers); this gives a clear
    # error before the statement is even sent.
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEntry):
            raise AppendOnlyError("audit_log is append-only: entries cannot be changed or deleted")


# --- people who sign in to the web app (auth.py) -----------------------------------------


class User(Base):
    """Someone who can sign in to review (role ``reviewer``) or also administer (``admin``)."""

    __tablename__ = "app_user"
    __table_args__ = (CheckConstraint("role IN ('reviewer', 'admin')", name="ck_app_user_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(Text, doc="argon2id, with its parameters")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column()

    tokens: Mapped[list[ApiToken]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )


class ApiToken(Base):
    """A bearer token for the write API. Only its SHA-256 is kept: tokens are random."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(128), default="")
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column()

    user: Mapped[User] = relationship(back_populates="tokens")


# Indexes for the web app's lists and for finding the events of one country, region or
# actor (migration 0003).
Index("ix_event_updated_at", Event.updated_at)
Index("ix_event_recipient_country_event", EventRecipient.country, EventRecipient.event_id)
Index("ix_event_region_region_event", EventRegion.region, EventRegion.event_id)
Index("ix_event_actor_actor_event", EventActor.actor_id, EventActor.event_id)

# Covering indexes for the facets (migration 0004). A facet groups the events matching a
# filter by one column; its index leads with that column (the groups come out in order, no
# sort) and holds every column a filter can test, so SQLite counts from the index alone
# whatever the filter, never reading the events themselves. The year index puts the type
# second: the timeline groups by year and type.


def _facet_columns(table: Any, *lead: str) -> list[Any]:
    return [table.c[c] for c in lead] + [table.c[c] for c in EVENT_COPY if c not in lead]


Index("ix_event_facet_type", *_facet_columns(Event.__table__, "type"))
Index("ix_event_facet_status", *_facet_columns(Event.__table__, "status"))
Index("ix_event_facet_provider", *_facet_columns(Event.__table__, "provider_country"))
Index("ix_event_facet_year", *_facet_columns(Event.__table__, "year_start", "type"))
Index("ix_event_facet_review", *_facet_columns(Event.__table__, "review_state"))
Index("ix_event_facet_disputed", *_facet_columns(Event.__table__, "disputed"))
Index("ix_event_facet_sources", *_facet_columns(Event.__table__, "sources"))
# The same for the links, on their copy of the event's columns, with the event id last:
# for counting distinct events, and for the filters' ``event_id IN (...)``.
_recipient, _region, _actor = EventRecipient.__table__, EventRegion.__table__, EventActor.__table__
Index("ix_event_recipient_facet", *_facet_columns(_recipient, "country"), _recipient.c.event_id)
Index("ix_event_region_facet", *_facet_columns(_region, "region"), _region.c.event_id)
Index("ix_event_actor_facet", *_facet_columns(_actor, "actor_id"), _actor.c.event_id)
