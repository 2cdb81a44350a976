"""The event store, read side: filter, list, count and describe events with their claims.

Every face (CLI, web pages, JSON API, exports) lists events through ``EventFilter`` and
``list_events`` and describes one through ``event_dict``, so a filter means the same
thing everywhere.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, fields, replace
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from footprint import codebook
from footprint.model import (
    Actor,
    AuditEntry,
    Document,
    Event,
    EventActor,
    EventLink,
    EventRecipient,
    EventRegion,
    Evidence,
    FacetTotal,
)

# Fields that a source states and that can therefore conflict between sources.
# What each source claims: the figures, and whether it asserts or denies the event.
CLAIM_FIELDS = ("stance", "status", "year_start", "year_end", "people")


def claim_value(evidence: Evidence, name: str) -> Any:
    """One source's claim on a field; a source that does not say it denies, asserts."""
    value = evidence.fields.get(name)
    if name == "stance":
        return value or "asserted"
    return value


class EventNotFound(LookupError):
    pass


@dataclass
class EventFilter:
    """Which events to show. Every field is optional; values are checked on creation."""

    type: str | None = None
    status: str | None = None
    country: str | None = None  # a recipient, ISO alpha-2
    region: str | None = None
    provider: str | None = None
    actor: str | None = None  # actor name, as stored
    year_from: int | None = None
    year_to: int | None = None
    review_state: str | None = None
    disputed: bool | None = None
    min_sources: int | None = None
    document_id: int | None = None
    text: str | None = None  # words in the title, summary or an evidence quote
    include_rejected: bool = False

    def __post_init__(self) -> None:
        if self.type:
            codebook.event_type(self.type)
        if self.status:
            codebook.status(self.status)
        if self.review_state:
            codebook.review_state(self.review_state)
            self.include_rejected = self.include_rejected or self.review_state == "rejected"
        if self.region:
            codebook.region(self.region)
        if self.country:
            self.country = codebook.country(self.country)
        if self.provider:
            self.provider = codebook.country(self.provider)
        if self.year_from and self.year_to and self.year_from > self.year_to:
            raise codebook.CodebookError(
                f"year_from: {self.year_from} is after year_to {self.year_to}"
            )

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


def filtered(query: Select, f: EventFilter) -> Select:
    """Add the filter's conditions to a query over ``Event``."""
    return query.where(*_conditions(f, _EVENTS))


@dataclass(frozen=True)
class _Rows:
    """Rows to find events in: the events themselves, or the rows linking them to a
    recipient, region or actor, which carry a copy of the event's filterable columns
    (model.EVENT_COPY) where the database keeps it (SQLite)."""

    columns: Any  # has .type, .status, .review_state... like Event
    event_id: Any
    link: str | None = None  # the filter field the rows hold themselves (country, region)


_EVENTS = _Rows(Event, Event.id)
_recipients = EventRecipient.__table__.c
_regions = EventRegion.__table__.c
_actors = EventActor.__table__.c
_RECIPIENTS = _Rows(_recipients, _recipients.event_id, "country")
_REGIONS = _Rows(_regions, _regions.event_id, "region")
_ACTORS = _Rows(_actors, _actors.event_id)


def _conditions(f: EventFilter, rows: _Rows) -> list[Any]:
    """The filter as conditions on ``rows``. Link rows hold one row per event and value,
    so ``_RECIPIENTS`` under a country condition (``_REGIONS`` under a region one) holds
    exactly one row per matching event."""
    c = rows.columns
    where: list[Any] = []
    if f.type:
        where.append(c.type == f.type)
    if f.status:
        where.append(c.status == f.status)
    where += _review_condition(f, c.review_state)
    if f.provider:
        where.append(c.provider_country == f.provider)
    if f.country:
        where.append(_linked(rows, "country", f.country))
    if f.region:
        where.append(_linked(rows, "region", f.region))
    if f.actor:
        named = select(EventActor.event_id).join(Actor).where(Actor.name == f.actor)
        where.append(rows.event_id.in_(named))
    # An event covers a range of years; it matches when that range meets the asked one.
    if f.year_from is not None:
        where.append(func.coalesce(c.year_end, c.year_start) >= f.year_from)
    if f.year_to is not None:
        where.append(c.year_start <= f.year_to)
    if f.disputed is not None:
        where.append(c.disputed.is_(f.disputed))
    if f.min_sources:
        where.append(c.sources >= f.min_sources)
    if f.document_id is not None:
        cited = select(Evidence.event_id).where(Evidence.document_id == f.document_id)
        where.append(rows.event_id.in_(cited))
    if f.text:
        where.append(_has_text(rows, f.text))
    return where


def _review_condition(f: EventFilter, column: Any) -> list[Any]:
    if f.review_state:
        return [column == f.review_state]
    if not f.include_rejected:
        return [column != "rejected"]
    return []


_LINKED = {
    "country": (EventRecipient.event_id, EventRecipient.country),
    "region": (EventRegion.event_id, EventRegion.region),
}


def _linked(rows: _Rows, field: str, value: str) -> Any:
    """Events linked to ``value``: by the rows' own column when they are those links."""
    if rows.link == field:
        return getattr(rows.columns, field) == value
    event_id, column = _LINKED[field]
    return rows.event_id.in_(select(event_id).where(column == value))


def _has_text(rows: _Rows, words: str) -> Any:
    pattern = f"%{words}%"
    quoted = select(Evidence.event_id).where(Evidence.quote.ilike(pattern))
    said = or_(Event.title.ilike(pattern), Event.summary.ilike(pattern), Event.id.in_(quoted))
    # Titles and summaries are the event's own: other rows find them through its id.
    return said if rows is _EVENTS else rows.event_id.in_(select(Event.id).where(said))


SORTS = {
    "id": (Event.id,),
    "-id": (Event.id.desc(),),
    "year": (Event.year_start, Event.id),
    "-year": (Event.year_start.desc(), Event.id.desc()),
    "-sources": (Event.sources.desc(), Event.id),
    "-updated": (Event.updated_at.desc(), Event.id.desc()),
}


def list_events(
    session: Session,
    f: EventFilter | None = None,
    *,
    limit: int = 50,
    offset: int = 0,
    sort: str = "id",
) -> list[Event]:
    if sort not in SORTS:
        raise codebook.CodebookError(f"sort: {sort!r} is not one of {', '.join(SORTS)}")
    query = filtered(select(Event), f or EventFilter()).order_by(*SORTS[sort])
    query = query.options(
        selectinload(Event.recipients), selectinload(Event.regions), selectinload(Event.actors)
    )
    return list(session.scalars(query.limit(limit).offset(offset)))


def count_events(session: Session, f: EventFilter | None = None) -> int:
    f = f or EventFilter()
    if _review_only(f) and _kept_by_triggers(session):
        return sum(_totals(session, "review_state", f).values())  # one state per event
    rows = _rows_for(session, f)  # wherever the matching events are quickest to count
    return session.scalar(select(func.count(rows.event_id)).where(*_conditions(f, rows))) or 0


def get_event(session: Session, event_id: int) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise EventNotFound(f"event {event_id}: no such event")
    return event


def source_key(document: Document) -> str:
    """Who published a document, for counting independent sources."""
    if document.publisher:
        return " ".join(document.publisher.lower().split())
    if document.url and "://" in document.url:
        host = urlsplit(document.url).hostname or ""
        return host.removeprefix("www.")
    return f"document:{document.id}"


def claims(event: Event) -> dict[str, list[dict[str, Any]]]:
    """Each source's version of each figure: {field: [{value, evidence, sources}]}.

    A field with more than one value is in conflict; nothing is averaged away. "stance"
    appears only when some source denies the event (official denials are claims too).
    """
    by_value: dict[str, dict[Any, list[Evidence]]] = defaultdict(lambda: defaultdict(list))
    for evidence in event.evidence:
        for name in CLAIM_FIELDS:
            value = claim_value(evidence, name)
            if value is None or (name == "status" and value == "unknown"):
                continue
            by_value[name][value].append(evidence)
    return {
        name: [
            {
                "value": value,
                "evidence": [e.id for e in items],
                "sources": sorted({source_key(e.document) for e in items}),
            }
            for value, items in sorted(values.items(), key=lambda kv: (-len(kv[1]), str(kv[0])))
        ]
        for name, values in by_value.items()
        if name != "stance" or "denied" in values
    }


def conflicts(event: Event) -> list[str]:
    """Fields on which the sources disagree (status aside: it changes over time)."""
    return [name for name, values in claims(event).items() if name != "status" and len(values) > 1]


def links(session: Session, event_id: int) -> list[dict[str, Any]]:
    """Events this one follows from, and events that follow from it."""
    rows = session.scalars(
        select(EventLink).where(
            or_(EventLink.source_id == event_id, EventLink.target_id == event_id)
        )
    )
    return [
        {
            "relation": link.relation,
            "direction": "from" if link.source_id == event_id else "to",
            "event": link.target_id if link.source_id == event_id else link.source_id,
            "created_by": link.created_by,
        }
        for link in rows
    ]


def history(session: Session, entity: str, entity_id: int) -> list[AuditEntry]:
    return list(
        session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
            .order_by(AuditEntry.id)
        )
    )


def snapshot(event: Event) -> dict[str, Any]:
    """The reviewable fields of an event, as stored in the audit log's before/after."""
    return {
        "type": event.type,
        "status": event.status,
        "title": event.title,
        "summary": event.summary,
        "provider": event.provider_country,
        "provider_orgs": sorted(a.actor.name for a in event.actors if a.role == "provider"),
        "recipients": sorted(r.country for r in event.recipients),
        "recipient_regions": sorted(r.region for r in event.regions),
        "year_start": event.year_start,
        "year_end": event.year_end,
        "people": event.people,
        "review_state": event.review_state,
    }


def event_dict(event: Event, *, detail: bool = False, session: Session | None = None) -> dict:
    """An event as plain data; ``detail`` adds claims, evidence, links and history."""
    data = {"id": event.id, "key": event.key, **snapshot(event)}
    data |= {
        "sources": event.sources,
        "confidence": round(event.confidence, 3),
        "confidence_level": event.confidence_level,
        "disputed": event.disputed,
        "possible_duplicate_of": event.possible_duplicate_of,
        "version": event.version,
        "locked_fields": list(event.locked_fields or []),
        "updated_at": event.updated_at.isoformat() if event.updated_at else None,
    }
    if not detail:
        return data
    data["claims"] = claims(event)
    data["conflicts"] = conflicts(event)
    data["evidence"] = [
        {
            "id": e.id,
            "document": e.document_id,
            "document_title": e.document.title,
            "publisher": e.document.publisher,
            "published": e.document.published,
            "url": e.document.url or e.document.source,
            "quote": e.quote,
            "start": e.start,
            "end": e.end,
            "extractor": f"{e.extractor} {e.extractor_version}",
            "confidence": e.confidence,
            "stance": claim_value(e, "stance"),
        }
        for e in sorted(event.evidence, key=lambda e: (e.document_id, e.start))
    ]
    if session is not None:
        data["links"] = links(session, event.id)
        data["history"] = [audit_dict(a) for a in history(session, "event", event.id)]
    return data


def audit_dict(entry: AuditEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "at": entry.at.isoformat(),
        "who": entry.who,
        "action": entry.action,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "before": entry.before,
        "after": entry.after,
        "note": entry.note,
    }


# --- facets (the web app's events page and overview) ------------------------------------

FACETS = (
    "type",
    "status",
    "country",
    "region",
    "provider",
    "actor",
    "year",
    "review_state",
    "disputed",
    "sources",
)
# The filter fields a facet replaces: its counts are taken without them, so they show the
# alternatives to the current choice rather than only the chosen value.
_FACET_OWN = {
    "type": ("type",),
    "status": ("status",),
    "country": ("country",),
    "region": ("region",),
    "provider": ("provider",),
    "actor": ("actor",),
    "year": ("year_from", "year_to"),
    "review_state": ("review_state",),
    "disputed": ("disputed",),
    "sources": ("min_sources",),
}
SOURCES_CAP = 5  # the sources facet counts 1, 2, 3, 4 and "5 or more"


def facet_counts(
    session: Session, f: EventFilter | None, name: str, *, limit: int | None = None
) -> list[tuple[Any, int]]:
    """How many events matching ``f`` have each value of one field, most frequent first
    (years and sources in their natural order). Countries, regions and actors count events
    once per value, so an event with two recipients counts for both."""
    if name not in FACETS:
        raise codebook.CodebookError(f"facet: {name!r} is not one of {', '.join(FACETS)}")
    base = _facet_base(f or EventFilter(), name)
    if name in _TOTALLED and _review_only(base) and _kept_by_triggers(session):
        counts = _totals(session, name, base)
    elif name in _LINK_ROWS:
        counts = _link_counts(session, name, base)
    else:
        counts = _column_counts(session, name, base)
    return _in_order(name, counts, limit)


def _facet_base(f: EventFilter, name: str) -> EventFilter:
    """The events a facet counts: ``f`` without the facet's own condition."""
    base = replace(f, **dict.fromkeys(_FACET_OWN[name]))
    if name == "review_state":
        base.include_rejected = True  # the facet shows how many were rejected too
    return base


def _in_order(name: str, counts: dict[Any, int], limit: int | None) -> list[tuple[Any, int]]:
    if name == "sources":  # grouped on the plain column (an index has it), capped here
        capped: dict[int, int] = defaultdict(int)
        for value, n in counts.items():
            capped[min(value, SOURCES_CAP)] += n
        counts = capped
    if name in ("year", "sources"):
        rows = sorted(counts.items())
    else:
        rows = sorted(counts.items(), key=lambda row: (-row[1], row[0]))
    return rows[:limit] if limit else rows


def _kept_by_triggers(session: Session) -> bool:
    """Whether the links' copies of their event's columns and the facet totals are kept:
    the triggers that keep them exist on SQLite only (dialect.py)."""
    return session.get_bind().dialect.name == "sqlite"


# Counts with no condition but the review state, kept by triggers (model.FacetTotal): all
# facets but the actors (counted by name, which the triggers do not follow).
_TOTALLED = set(FACETS) - {"actor"}
_FROM_TEXT = {"year": int, "sources": int, "disputed": lambda value: value == "1"}


def _review_only(f: EventFilter) -> bool:
    """Whether ``f`` tests nothing but the review state."""
    return replace(f, review_state=None, include_rejected=False) == EventFilter()


def _totals(session: Session, name: str, f: EventFilter) -> dict[Any, int]:
    """Counts for a filter that tests only the review state, from the totals."""
    query = select(FacetTotal.value, func.sum(FacetTotal.events)).where(
        FacetTotal.facet == name, *_review_condition(f, FacetTotal.review_state)
    )
    rows = session.execute(query.group_by(FacetTotal.value))
    convert = _FROM_TEXT.get(name, str)
    return {convert(value): n for value, n in rows if n}  # a value can drop to zero


def _rows_for(session: Session, f: EventFilter) -> _Rows:
    """Where to count the events matching ``f``. Under a country (region) condition, the
    recipients (regions) of that value: one index holds those events together with all
    their columns, where the events would each be looked up by id."""
    if _kept_by_triggers(session):
        if f.country:
            return _RECIPIENTS
        if f.region:
            return _REGIONS
    return _EVENTS


# Facets on a column of the event. Each column has a covering index that leads with it
# and holds every column a filter tests (model.py), so one GROUP BY reads one index.
_COLUMNS = {
    "type": "type",
    "status": "status",
    "provider": "provider_country",
    "year": "year_start",
    "review_state": "review_state",
    "disputed": "disputed",
    "sources": "sources",
}


def _column_counts(session: Session, name: str, f: EventFilter) -> dict[Any, int]:
    rows = _rows_for(session, f)
    column = getattr(rows.columns, _COLUMNS[name])
    query = select(column, func.count()).where(*_conditions(f, rows), column.is_not(None))
    return dict(session.execute(query.group_by(column)).all())


# Facets on a table linked to events: recipients, regions, actors (by name).
_LINK_ROWS = {"country": _RECIPIENTS, "region": _REGIONS, "actor": _ACTORS}


def _link_counts(session: Session, name: str, f: EventFilter) -> dict[Any, int]:
    """Links of the matching events, per value. The links carry their event's columns,
    so they are counted from their own covering index, without reading the events; where
    they do not (not SQLite), from the events' ids."""
    rows = _LINK_ROWS[name]
    if _kept_by_triggers(session):
        return _links(session, name, *_conditions(f, rows))
    return _links(session, name, rows.event_id.in_(filtered(select(Event.id), f)))


def _links(session: Session, name: str, *where: Any) -> dict[Any, int]:
    """Per value, the events linked to it, among the link rows ``where`` selects."""
    rows = _LINK_ROWS[name]
    if name == "actor":
        # An event can name one actor in several roles (and two actors can share a name).
        value, counted = Actor.name, func.count(func.distinct(rows.event_id))
        query = select(value, counted).select_from(EventActor.__table__)
        query = query.join(Actor, Actor.id == rows.columns.actor_id)
    else:
        value = getattr(rows.columns, name)
        query = select(value, func.count())
    return dict(session.execute(query.where(*where).group_by(value)).all())


def timeline_counts(session: Session, f: EventFilter | None = None) -> list[tuple[int, str, int]]:
    """Events matching ``f`` per start year and type: (year, type, count), in year order.
    Undated events are left out (the facets count them under no year)."""
    f = f or EventFilter()
    rows = _rows_for(session, f)
    year, kind = rows.columns.year_start, rows.columns.type
    query = select(year, kind, func.count()).where(*_conditions(f, rows), year.is_not(None))
    query = query.group_by(year, kind).order_by(year)
    return [(y, k, n) for y, k, n in session.execute(query)]
