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
from sqlalchemy.sql.expression import UnaryExpression
from sqlalchemy.sql.operators import custom_op

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
)

# Fields that a source states and that can therefore conflict between sources.
CLAIM_FIELDS = ("status", "year_start", "year_end", "people")


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
    if f.type:
        query = query.where(Event.type == f.type)
    if f.status:
        query = query.where(Event.status == f.status)
    if f.review_state:
        query = query.where(Event.review_state == f.review_state)
    elif not f.include_rejected:
        query = query.where(Event.review_state != "rejected")
    if f.provider:
        query = query.where(Event.provider_country == f.provider)
    if f.country:
        query = query.where(
            Event.id.in_(select(EventRecipient.event_id).where(EventRecipient.country == f.country))
        )
    if f.region:
        query = query.where(
            Event.id.in_(select(EventRegion.event_id).where(EventRegion.region == f.region))
        )
    if f.actor:
        query = query.where(
            Event.id.in_(select(EventActor.event_id).join(Actor).where(Actor.name == f.actor))
        )
    # An event covers a range of years; it matches when that range meets the asked one.
    if f.year_from is not None:
        query = query.where(func.coalesce(Event.year_end, Event.year_start) >= f.year_from)
    if f.year_to is not None:
        query = query.where(Event.year_start <= f.year_to)
    if f.disputed is not None:
        query = query.where(Event.disputed.is_(f.disputed))
    if f.min_sources:
        query = query.where(Event.sources >= f.min_sources)
    if f.document_id is not None:
        query = query.where(
            Event.id.in_(select(Evidence.event_id).where(Evidence.document_id == f.document_id))
        )
    if f.text:
        pattern = f"%{f.text}%"
        query = query.where(
            or_(
                Event.title.ilike(pattern),
                Event.summary.ilike(pattern),
                Event.id.in_(select(Evidence.event_id).where(Evidence.quote.ilike(pattern))),
            )
        )
    return query


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
    return session.scalar(filtered(select(func.count(Event.id)), f or EventFilter())) or 0


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

    A field with more than one value is in conflict; nothing is averaged away.
    """
    by_value: dict[str, dict[Any, list[Evidence]]] = defaultdict(lambda: defaultdict(list))
    for evidence in event.evidence:
        for name in CLAIM_FIELDS:
            value = evidence.fields.get(name)
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


# --- facets (added for the web app's events page) ----------------------------------------

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
    base = replace(f or EventFilter(), **dict.fromkeys(_FACET_OWN[name]))
    if name == "review_state":
        base.include_rejected = True  # the facet shows how many were rejected too
    if name in ("country", "region", "actor"):
        if _unfiltered(base) and not base.include_rejected:
            return _link_counts_but_rejected(session, name, limit)
        query, column, counted = _link_facet(name, base)
        query = query.group_by(column)
    else:
        column = {
            "type": Event.type,
            "status": Event.status,
            "provider": Event.provider_country,
            "year": Event.year_start,
            "review_state": Event.review_state,
            "disputed": Event.disputed,
            "sources": Event.sources,
        }[name]
        counted = func.count()
        query = filtered(select(column, counted), base).where(column.is_not(None))
        query = query.group_by(_grouping(session, column, base))
    if name in ("year", "sources"):
        query = query.order_by(column)
    else:
        query = query.order_by(counted.desc(), column)
    if name == "sources":  # grouped on the plain column (an index has it), capped here
        capped: dict[int, int] = defaultdict(int)
        for value, n in session.execute(query):
            capped[min(value, SOURCES_CAP)] += n
        return sorted(capped.items())[:limit]
    if limit:
        query = query.limit(limit)
    return [(value, n) for value, n in session.execute(query)]


def _unfiltered(f: EventFilter) -> bool:
    return replace(f, include_rejected=False) == EventFilter()


def _grouping(session: Session, column: Any, f: EventFilter) -> Any:
    """The GROUP BY term. SQLite's planner likes an index that yields the groups in order
    even when another index would select far fewer rows; under a narrowing filter,
    ``+column`` (a no-op SQLite does not match to an index) lets it use the filter's."""
    if _unfiltered(f) or session.get_bind().dialect.name != "sqlite":
        return column
    return UnaryExpression(column, operator=custom_op("+"))


_LINKS = {
    "country": (EventRecipient, EventRecipient.country),
    "region": (EventRegion, EventRegion.region),
    "actor": (EventActor, EventActor.actor_id),
}


def _link_facet(name: str, f: EventFilter) -> tuple[Select, Any, Any]:
    """Counts over a table linked to events (recipients, regions, actors), written as
    ``event_id IN (matching events)``, which SQLite runs from the link table's index."""
    table, column = _LINKS[name]
    counted = func.count(func.distinct(table.event_id)) if name == "actor" else func.count()
    query = select(column, counted)
    if name == "actor":
        column = Actor.name
        query = select(column, counted).select_from(EventActor).join(Actor)
    return query.where(table.event_id.in_(filtered(select(Event.id), f))), column, counted


def _link_counts_but_rejected(
    session: Session, name: str, limit: int | None
) -> list[tuple[Any, int]]:
    """With no filter, a link facet is all links counted from an index alone, less the
    links of the few rejected events: far quicker than checking every link's event."""
    table, column = _LINKS[name]
    counted = func.count(func.distinct(table.event_id)) if name == "actor" else func.count()
    rejected = select(Event.id).where(Event.review_state == "rejected")
    counts: dict[Any, int] = {
        value: n for value, n in session.execute(select(column, counted).group_by(column))
    }
    for value, n in session.execute(
        select(column, counted).where(table.event_id.in_(rejected)).group_by(column)
    ):
        counts[value] -= n
    if name == "actor":  # by id above (an index has it); people read names
        found = session.execute(select(Actor.id, Actor.name).where(Actor.id.in_(list(counts))))
        names = {actor_id: actor_name for actor_id, actor_name in found}
        named: dict[str, int] = defaultdict(int)
        for actor_id, n in counts.items():
            named[names[actor_id]] += n
        counts = named
    rows = sorted(((v, n) for v, n in counts.items() if n > 0), key=lambda r: (-r[1], r[0]))
    return rows[:limit] if limit else rows


def timeline_counts(session: Session, f: EventFilter | None = None) -> list[tuple[int, str, int]]:
    """Events matching ``f`` per start year and type: (year, type, count), in year order.
    Undated events are left out (the facets count them under no year)."""
    f = f or EventFilter()
    query = select(Event.year_start, Event.type, func.count()).where(Event.year_start.is_not(None))
    grouping = [_grouping(session, c, f) for c in (Event.year_start, Event.type)]
    query = filtered(query, f).group_by(*grouping)
    return [(year, kind, n) for year, kind, n in session.execute(query.order_by(Event.year_start))]
