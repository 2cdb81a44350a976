"""What each page shows, as plain data: the HTML pages render it, the JSON API returns it.

One function per page, each a thin layer over the library (``events``, ``documents``,
``analyse``, ``review``), so a page and its API route can never disagree.
"""

from __future__ import annotations

from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from footprint import analyse, codebook, documents, events
from footprint.events import EventFilter
from footprint.model import Actor, Document, Event, EventActor, Evidence
from footprint.web.cache import ResultCache
from footprint.web.filters import EventQuery, Page
from footprint.web.highlight import segments

RECENT = 10


class NotFound(LookupError):
    """Nothing at this address: answered with a 404 page or JSON error."""


# --- labels ----------------------------------------------------------------------------


def country_name(code: str | None) -> str:
    return analyse.country_name(code)


def type_label(key: str) -> str:
    return analyse.type_label(key)


def _preload_actors(session: Session, rows: list[Event]) -> None:
    """Load the actors of many events in one query (event_dict names provider actors)."""
    ids = {link.actor_id for e in rows for link in e.actors}
    if ids:
        session.scalars(select(Actor).where(Actor.id.in_(ids))).all()


def event_row(event: Event) -> dict[str, Any]:
    """An event in a list: its plain data, a readable label and recipient names."""
    data = events.event_dict(event)
    data["label"] = analyse.event_label(event)
    data["type_label"] = type_label(event.type)
    data["recipient_names"] = [country_name(c) for c in data["recipients"]]
    return data


# --- overview --------------------------------------------------------------------------


def _facet_rows(session: Session, f: EventFilter | None, name: str, limit: int | None = None):
    return events.facet_counts(session, f, name, limit=limit)


def timeline(session: Session, f: EventFilter | None = None) -> dict[str, Any]:
    """Events per year and type, as chart series: years, and one count list per type."""
    cells = events.timeline_counts(session, f)
    if not cells:
        return {"years": [], "series": []}
    first, last = cells[0][0], cells[-1][0]
    years = list(range(first, last + 1))
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(years))
    for year, kind, n in cells:
        counts[kind][year - first] = n
    series = [
        {"type": key, "label": t.label, "counts": counts[key]}
        for key, t in codebook.load().event_types.items()
        if key in counts
    ]
    return {"years": years, "series": series}


def cached_overview(session: Session, cache: ResultCache) -> dict[str, Any]:
    return cache.get(session, "overview", overview)


def overview(session: Session) -> dict[str, Any]:
    """The whole dataset at a glance. Rejected events never count."""
    f = EventFilter()
    countries = _facet_rows(session, f, "country")
    recent = events.list_events(session, f, limit=RECENT, sort="-id")
    _preload_actors(session, recent)
    return {
        "events": events.count_events(session, f),
        "documents": documents.count(session),
        "countries": [
            {"country": code, "name": country_name(code), "events": n} for code, n in countries
        ],
        "by_type": [
            {"type": key, "label": type_label(key), "events": n}
            for key, n in _facet_rows(session, f, "type")
        ],
        "by_status": [{"status": k, "events": n} for k, n in _facet_rows(session, f, "status")],
        "by_review_state": [
            {"review_state": k, "events": n}
            for k, n in _facet_rows(session, EventFilter(include_rejected=True), "review_state")
        ],
        "top_actors": [
            {"name": name, "events": n} for name, n in _facet_rows(session, f, "actor", 10)
        ],
        "timeline": timeline(session, f),
        "recent": [event_row(e) for e in recent],
    }


# --- events ----------------------------------------------------------------------------


def event_list(session: Session, query: EventQuery, page: Page) -> dict[str, Any]:
    f = query.to_filter()
    rows = events.list_events(session, f, limit=page.size, offset=page.start, sort=page.order)
    _preload_actors(session, rows)
    total = events.count_events(session, f)
    return {
        "total": total,
        "limit": page.size,
        "offset": page.start,
        "sort": page.order,
        "filters": query.params(),
        "items": [event_row(e) for e in rows],
    }


FACET_LIMIT = 30


_POOL = ThreadPoolExecutor(max_workers=3, thread_name_prefix="facets")


def facets(factory: sessionmaker, query: EventQuery) -> dict[str, Any]:
    """How many events match, and the counts per value of every facet under the current
    filter (each without its own condition): {"total": n, "facets": {name: [...]}}.

    The counts are independent queries; SQLite serves concurrent readers, so they run on
    a few threads, each with its own connection."""
    f = query.to_filter()

    def total() -> int:
        with factory() as session:
            return events.count_events(session, f)

    def one(name: str) -> list[dict[str, Any]]:
        with factory() as session:
            limit = None if name == "year" else FACET_LIMIT
            rows = events.facet_counts(session, f, name, limit=limit)
        return [_facet_value(name, value, n) for value, n in rows]

    counted = _POOL.submit(total)
    out = dict(zip(events.FACETS, _POOL.map(one, events.FACETS), strict=True))
    out["sources"] = _at_least(out["sources"])
    return {"total": counted.result(), "facets": out}


def cached_facets(
    session: Session, cache: ResultCache, factory: sessionmaker, query: EventQuery
) -> dict[str, Any]:
    key = ("facets", tuple(sorted(query.params().items())))
    return cache.get(session, key, lambda _: facets(factory, query))


def _facet_value(name: str, value: Any, n: int) -> dict[str, Any]:
    row: dict[str, Any] = {"value": value, "events": n}
    if name in ("country", "provider"):
        row["label"] = country_name(value)
    elif name == "type":
        row["label"] = type_label(value)
    elif name == "disputed":
        row["label"] = "disputed" if value else "not disputed"
    else:
        row["label"] = str(value)
    return row


def _at_least(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sources counted per exact number → events with at least 1, 2, 3... sources."""
    out, running = [], 0
    for row in sorted(rows, key=lambda r: -r["value"]):
        running += row["events"]
        if row["value"] >= 1:
            out.append({"value": row["value"], "label": f"{row['value']}+", "events": running})
    return sorted(out, key=lambda r: r["value"])


def event_detail(session: Session, event_id: int) -> dict[str, Any]:
    try:
        event = events.get_event(session, event_id)
    except events.EventNotFound as exc:
        raise NotFound(str(exc)) from None
    data = events.event_dict(event, detail=True, session=session)
    data["label"] = analyse.event_label(event)
    data["type_label"] = type_label(event.type)
    data["recipient_names"] = [country_name(c) for c in data["recipients"]]
    data["provider_name"] = country_name(event.provider_country)
    linked = {link["event"] for link in data["links"]}
    labels = {e.id: analyse.event_label(e) for e in _events_by_id(session, linked)}
    for link in data["links"]:
        link["label"] = labels.get(link["event"], f"event {link['event']}")
    return data


def _events_by_id(session: Session, ids: set[int]) -> list[Event]:
    if not ids:
        return []
    query = select(Event).where(Event.id.in_(ids)).options(selectinload(Event.recipients))
    return list(session.scalars(query))


def review_queue(session: Session, query: EventQuery, page: Page) -> dict[str, Any]:
    """Events waiting for a reviewer (machine-made unless another state is asked for),
    each with its quotes, so a decision can be made without leaving the queue."""
    if query.review_state is None:
        query = query.model_copy(update={"review_state": "machine"})
    data = event_list(session, query, page)
    ids = [row["id"] for row in data["items"]]
    quotes: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if ids:
        rows = session.execute(
            select(Evidence, Document.title, Document.publisher)
            .join(Document)
            .where(Evidence.event_id.in_(ids))
            .order_by(Evidence.event_id, Evidence.document_id, Evidence.start)
        )
        for evidence, title, publisher in rows:
            quotes[evidence.event_id].append(
                {
                    "id": evidence.id,
                    "document": evidence.document_id,
                    "document_title": title,
                    "publisher": publisher,
                    "quote": evidence.quote,
                }
            )
    for row in data["items"]:
        row["evidence"] = quotes.get(row["id"], [])
    return data


# --- documents -------------------------------------------------------------------------


def document_meta(document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "title": document.title,
        "publisher": document.publisher,
        "published": document.published,
        "language": document.language,
        "url": document.url,
        "source": document.source,
        "format": document.format,
        "chars": document.chars,
        "ingested_at": document.ingested_at.isoformat() if document.ingested_at else None,
    }


def document_detail(session: Session, document_id: int) -> dict[str, Any]:
    """A document's text cut into pieces, each with the evidence spans covering it."""
    document = documents.get(session, document_id)
    if document is None:
        raise NotFound(f"document {document_id}: no such document")
    rows = list(
        session.scalars(
            select(Evidence)
            .where(Evidence.document_id == document_id)
            .order_by(Evidence.start, Evidence.id)
        )
    )
    linked = _events_by_id(session, {e.event_id for e in rows if e.event_id})
    labels = {e.id: analyse.event_label(e) for e in linked}
    spans = [
        {
            "id": e.id,
            "event": e.event_id,
            "event_label": labels.get(e.event_id) if e.event_id else None,
            "type": e.fields.get("type"),
            "start": e.start,
            "end": e.end,
            "quote": e.quote,
        }
        for e in rows
    ]
    pieces = segments(document.text, spans)
    by_id = {span["id"]: span for span in spans}
    for piece in pieces:  # a highlighted piece links to the event of its first span
        first = by_id[piece["spans"][0]] if piece["spans"] else None
        piece["event"] = first["event"] if first else None
        piece["event_label"] = first["event_label"] if first else None
    return document_meta(document) | {"text": document.text, "evidence": spans, "segments": pieces}


def document_list(session: Session, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    if q:
        hits = documents.search(session, q, limit=limit, offset=offset)
        items = [document_meta(h.document) | {"snippet": h.snippet} for h in hits]
        return {"q": q, "limit": limit, "offset": offset, "total": None, "items": items}
    rows = documents.list_documents(session, limit=limit, offset=offset)
    return {
        "q": None,
        "limit": limit,
        "offset": offset,
        "total": documents.count(session),
        "items": [document_meta(d) for d in rows],
    }


# --- profiles and coverage (analysis, cached until the data changes) ---------------------


def countries(session: Session) -> list[dict[str, Any]]:
    rows = events.facet_counts(session, EventFilter(), "country")
    return [{"country": c, "name": country_name(c), "events": n} for c, n in rows]


def country_profile(session: Session, cache: ResultCache, code: str) -> dict[str, Any]:
    try:
        code = codebook.country(code)
    except codebook.CodebookError:
        raise NotFound(f"country {code!r}: not an ISO 3166-1 alpha-2 code") from None
    data = cache.get(
        session, ("country", code), lambda s: analyse.country_summary(s, code), stale_ok=True
    )
    f = EventFilter(country=code)
    return data | {"timeline": timeline(session, f), "latest": latest_events(session, f)}


def latest_events(session: Session, f: EventFilter, limit: int = 10) -> list[dict[str, Any]]:
    rows = events.list_events(session, f, limit=limit, sort="-year")
    _preload_actors(session, rows)
    return [event_row(e) for e in rows]


def actors(session: Session) -> list[dict[str, Any]]:
    query = (
        select(Actor, func.count(func.distinct(EventActor.event_id)))
        .outerjoin(EventActor)
        .join(Event, Event.id == EventActor.event_id, isouter=True)
        .where((Event.review_state != "rejected") | Event.id.is_(None))
        .group_by(Actor.id)
        .order_by(func.count(func.distinct(EventActor.event_id)).desc(), Actor.name)
    )
    return [
        {"name": a.name, "kind": a.kind, "country": a.country, "events": n}
        for a, n in session.execute(query)
    ]


def actor_profile(session: Session, cache: ResultCache, name: str) -> dict[str, Any]:
    def compute(s: Session) -> dict[str, Any]:
        try:
            summary = analyse.actor_summary(s, name)
        except analyse.ActorNotFound as exc:
            raise NotFound(str(exc)) from None
        return summary | {
            "network": ego_network(summary),
            "timeline": timeline(s, EventFilter(actor=summary["name"])),
        }

    data = cache.get(session, ("actor", name), compute, stale_ok=True)
    return data | {"latest": latest_events(session, EventFilter(actor=data["name"]))}


def ego_network(summary: dict[str, Any], limit: int = 24) -> dict[str, Any]:
    """The actor and the countries and actors it shares events with, strongest ties
    first, as nodes and weighted edges (the whole network is /api/v1/network)."""
    centre = analyse.actor_node(
        Actor(name=summary["name"], country=summary["country"], kind=summary["kind"])
    )
    nodes = [
        {
            "id": centre,
            "kind": "actor",
            "label": summary["name"],
            "country": summary["country"] or "",
            "events": summary["events"],
        }
    ]
    for row in summary["countries"]:
        nodes.append(
            {
                "id": analyse.country_node(row["country"]),
                "kind": "country",
                "label": row["name"],
                "country": row["country"],
                "events": row["events"],
            }
        )
    for row in summary["partners"]:
        partner = Actor(name=row["name"], country=row["country"], kind=row["kind"])
        nodes.append(
            {
                "id": analyse.actor_node(partner),
                "kind": "actor",
                "label": row["name"],
                "country": row["country"] or "",
                "events": row["events"],
            }
        )
    ties = sorted(nodes[1:], key=lambda n: -n["events"])[:limit]
    edges = [{"source": centre, "target": n["id"], "weight": n["events"]} for n in ties]
    return {"centre": centre, "nodes": [nodes[0], *ties], "edges": edges}


def coverage(session: Session, cache: ResultCache) -> list[dict[str, Any]]:
    return cache.get(session, "coverage", analyse.coverage, stale_ok=True)
