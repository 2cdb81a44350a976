"""The analysis summaries as they were computed before they moved to SQL: every event
loaded through the ORM, everything counted in Python. Kept here, outside the package, as
the reference ``tests/test_analyse_sql.py`` compares the SQL path with.

Copied from ``footprint/analyse.py`` as of the commit before the SQL path (only the
imports changed).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import replace
from functools import cache
from importlib import resources
from typing import Any

import networkx as nx
import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session, defer, selectinload

from footprint import codebook
from footprint.analyse import (
    PLEDGED_STATUSES,
    REVIEWED,
    TOP,
    TRAINED_STATUSES,
    ActorNotFound,
)
from footprint.events import EventFilter, filtered, source_key
from footprint.model import Actor, ActorAlias, Document, Event, EventActor, Evidence

# -- selection -------------------------------------------------------------------------


def load_events(
    session: Session,
    f: EventFilter | None = None,
    *,
    reviewed_only: bool = False,
    include_rejected: bool = False,
    with_text: bool = False,
) -> list[Event]:
    """Events by id, with their recipients, regions, actors and evidence loaded (the
    evidence's documents without their text unless ``with_text``: figures never read it)."""
    f = f or EventFilter()
    if include_rejected:
        f = replace(f, include_rejected=True)
    query = filtered(select(Event), f)
    if not include_rejected:
        query = query.where(Event.review_state != "rejected")
    if reviewed_only:
        query = query.where(Event.review_state.in_(REVIEWED))
    query = query.order_by(Event.id).options(
        selectinload(Event.recipients),
        selectinload(Event.regions),
        selectinload(Event.actors).selectinload(EventActor.actor),
        selectinload(Event.evidence)
        .selectinload(Evidence.document)
        .options(*([] if with_text else [defer(Document.text)])),
    )
    return list(session.scalars(query))


def published_events(
    session: Session, f: EventFilter | None = None, *, reviewed_only: bool = False
) -> list[Event]:
    """Events that count for published figures: never the rejected ones."""
    return load_events(session, f, reviewed_only=reviewed_only)


# -- small helpers ---------------------------------------------------------------------


@cache
def _country_names() -> dict[str, str]:
    path = resources.files("footprint.gazetteer").joinpath("countries.yaml")
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    return {str(code).upper(): item.get("name", code) for code, item in data.items()}


def country_name(code: str | None) -> str:
    if not code:
        return ""
    return _country_names().get(code.upper(), code.upper())


def type_label(key: str) -> str:
    event_type = codebook.load().event_types.get(key)
    return event_type.label if event_type else key


def event_year(event: Event) -> int | None:
    """The year an event is counted under: when it started (or ended, if that is all)."""
    return event.year_start if event.year_start is not None else event.year_end


def years_text(event: Event) -> str:
    start, end = event.year_start, event.year_end
    if start is None and end is None:
        return ""
    if start is None or end is None or start == end:
        return str(start if start is not None else end)
    return f"{start}–{end}"


def event_label(event: Event) -> str:
    """A title for people: the event's own, else type, recipients and years."""
    if event.title:
        return event.title
    where = ", ".join(country_name(r.country) for r in sorted(event.recipients, key=_country))
    if not where:
        where = ", ".join(sorted(r.region for r in event.regions))
    parts = [type_label(event.type), where, years_text(event)]
    return " · ".join(p for p in parts if p)


def _country(recipient: Any) -> str:
    return recipient.country


def brief(event: Event) -> dict[str, Any]:
    """A short reference to an event, for lists inside summaries."""
    return {
        "id": event.id,
        "key": event.key,
        "label": event_label(event),
        "type": event.type,
        "status": event.status,
        "year_start": event.year_start,
        "year_end": event.year_end,
        "recipients": sorted(r.country for r in event.recipients),
        "people": event.people,
        "review_state": event.review_state,
    }


def _group(events: Iterable[Event], keys: Callable[[Event], Iterable[Hashable]]) -> dict:
    """key -> ids of the events having it (an event may have several keys)."""
    groups: dict[Hashable, list[int]] = defaultdict(list)
    for event in events:
        for key in keys(event):
            groups[key].append(event.id)
    return groups


def _ranked(groups: dict, name: str, limit: int | None = None) -> list[dict[str, Any]]:
    """Groups as rows, largest first, ties by key, each with its event ids."""
    rows = sorted(groups.items(), key=lambda kv: (-len(kv[1]), str(kv[0])))
    return [{name: key, "events": len(ids), "event_ids": ids} for key, ids in rows[:limit]]


def _by_year(events: list[Event]) -> list[dict[str, Any]]:
    """Events per year (in year order), each year split by type."""
    rows = []
    groups = _group(events, lambda e: [event_year(e)] if event_year(e) is not None else [])
    types = {e.id: e.type for e in events}
    for year in sorted(groups):
        ids = groups[year]
        rows.append(
            {
                "year": year,
                "events": len(ids),
                "by_type": dict(sorted(Counter(types[i] for i in ids).items())),
                "event_ids": ids,
            }
        )
    return rows


def _undated(events: list[Event]) -> dict[str, Any]:
    ids = [e.id for e in events if event_year(e) is None]
    return {"events": len(ids), "event_ids": ids}


def _by_type(events: list[Event]) -> list[dict[str, Any]]:
    rows = _ranked(_group(events, lambda e: [e.type]), "type")
    return [row | {"label": type_label(row["type"])} for row in rows]


def _recipients(event: Event) -> list[str]:
    return sorted(r.country for r in event.recipients)


def _countries_rows(events: list[Event], limit: int | None = None) -> list[dict[str, Any]]:
    rows = _ranked(_group(events, _recipients), "country", limit)
    return [row | {"name": country_name(row["country"])} for row in rows]


def _actor_key(actor: Actor) -> tuple[str, str]:
    return (actor.name, actor.country or "")


def _actors_rows(events: list[Event], limit: int | None = None) -> list[dict[str, Any]]:
    actors: dict[tuple[str, str], Actor] = {}
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)

    def keys(event: Event) -> list[tuple[str, str]]:
        found = []
        for link in event.actors:
            key = _actor_key(link.actor)
            actors[key] = link.actor
            roles[key].add(link.role)
            found.append(key)
        return sorted(set(found))

    rows = _ranked(_group(events, keys), "actor", limit)
    return [
        {
            "name": row["actor"][0],
            "country": actors[row["actor"]].country,
            "kind": actors[row["actor"]].kind,
            "roles": sorted(roles[row["actor"]]),
            "events": row["events"],
            "event_ids": row["event_ids"],
        }
        for row in rows
    ]


def officers_trained(events: Iterable[Event]) -> dict[str, Any]:
    """People trained, summed over training events that state a figure, with the events.

    Resolution has already grouped the same training told by several sources into one
    event, so summing events does not count one training twice; overlapping trainings
    told separately (a programme and one course in it) can still add up, hence the ids.
    """
    trained, pledged, without = [], [], []
    for event in events:
        if event.type != "training":
            continue
        if event.people is None:
            without.append(event.id)
        elif event.status in TRAINED_STATUSES:
            trained.append(event)
        elif event.status in PLEDGED_STATUSES:
            pledged.append(event)
    return {
        "total": sum(e.people or 0 for e in trained),
        "event_ids": [e.id for e in trained],
        "pledged": sum(e.people or 0 for e in pledged),
        "pledged_event_ids": [e.id for e in pledged],
        "training_events_without_figure": len(without),
        "training_event_ids_without_figure": without,
    }


def _trained_by_year(events: list[Event]) -> list[dict[str, Any]]:
    """People trained per year (the year a training ended: by then they were trained),
    with the running total."""
    per_year: dict[int, list[Event]] = defaultdict(list)
    for event in events:
        if event.type == "training" and event.people and event.status in TRAINED_STATUSES:
            year = event.year_end if event.year_end is not None else event.year_start
            if year is not None:
                per_year[year].append(event)
    rows, running = [], 0
    for year in sorted(per_year):
        people = sum(e.people or 0 for e in per_year[year])
        running += people
        rows.append(
            {
                "year": year,
                "people": people,
                "cumulative": running,
                "event_ids": [e.id for e in per_year[year]],
            }
        )
    return rows


def _sort_key_start(event: Event) -> tuple:
    return (event_year(event), event.date_start or "", event.id)


def _sort_key_end(event: Event) -> tuple:
    if event.year_end is None or event.year_end == event.year_start:
        return (event_year(event), event.date_end or event.date_start or "", event.id)
    return (event.year_end, event.date_end or "", event.id)


def _first_last(events: list[Event]) -> tuple[dict | None, dict | None]:
    dated = [e for e in events if event_year(e) is not None]
    if not dated:
        return None, None
    return brief(min(dated, key=_sort_key_start)), brief(max(dated, key=_sort_key_end))


def _base(events: list[Event], reviewed_only: bool) -> dict[str, Any]:
    return {
        "reviewed_only": reviewed_only,
        "events": len(events),
        "event_ids": [e.id for e in events],
    }


# -- summaries -------------------------------------------------------------------------


def figures(events: list[Event]) -> dict[str, Any]:
    """The figures of any selection of events (a report's, a filtered page's): by type
    and year, recipients, providers, actors, officers trained, first and last, pushback."""
    first, last = _first_last(events)
    return {
        "events": len(events),
        "event_ids": [e.id for e in events],
        "by_type": _by_type(events),
        "by_year": _by_year(events),
        "undated": _undated(events),
        "recipients": _countries_rows(events),
        "providers": _providers_rows(events),
        "actors": _actors_rows(events),
        "officers_trained": officers_trained(events) | {"by_year": _trained_by_year(events)},
        "first_event": first,
        "last_event": last,
        "pushback": [brief(e) for e in events if e.type == "pushback"],
    }


def _providers_rows(events: list[Event]) -> list[dict[str, Any]]:
    groups = _group(events, lambda e: [e.provider_country] if e.provider_country else [])
    return [row | {"name": country_name(row["country"])} for row in _ranked(groups, "country")]


def dataset_summary(
    session: Session, *, reviewed_only: bool = False, top: int = TOP
) -> dict[str, Any]:
    """The whole dataset: counts by type, status, review state and year; top recipient
    countries and actors; recent additions; officers trained."""
    events = published_events(session, reviewed_only=reviewed_only)
    evidence = [ev for e in events for ev in e.evidence]
    documents = {ev.document_id for ev in evidence}
    recent = sorted(events, key=lambda e: (e.created_at, e.id), reverse=True)[:top]
    return _base(events, reviewed_only) | {
        "evidence": len(evidence),
        "documents": len(documents),
        "recipient_countries": len({c for e in events for c in _recipients(e)}),
        "by_type": _by_type(events),
        "by_status": _ranked(_group(events, lambda e: [e.status]), "status"),
        "by_review_state": _ranked(_group(events, lambda e: [e.review_state]), "review_state"),
        "by_year": _by_year(events),
        "undated": _undated(events),
        "top_recipients": _countries_rows(events, top),
        "top_actors": _actors_rows(events, top),
        "recent": [
            brief(e) | {"created_at": e.created_at.isoformat() if e.created_at else None}
            for e in recent
        ],
        "officers_trained": officers_trained(events),
    }


def country_summary(session: Session, code: str, *, reviewed_only: bool = False) -> dict[str, Any]:
    """One recipient country: events by type and year, officers trained over time, first
    and last event, pushback, providers and actors involved."""
    code = codebook.country(code)
    events = published_events(session, EventFilter(country=code), reviewed_only=reviewed_only)
    first, last = _first_last(events)
    return _base(events, reviewed_only) | {
        "country": code,
        "name": country_name(code),
        "by_type": _by_type(events),
        "by_year": _by_year(events),
        "undated": _undated(events),
        "officers_trained": officers_trained(events) | {"by_year": _trained_by_year(events)},
        "first_event": first,
        "last_event": last,
        "pushback": [brief(e) for e in events if e.type == "pushback"],
        "providers": _providers_rows(events),
        "actors": _actors_rows(events),
        "regions": _ranked(_group(events, lambda e: sorted(r.region for r in e.regions)), "region"),
    }


def find_actor(session: Session, name: str) -> list[Actor]:
    """Actors of that name, or else of that alias (case-insensitive)."""
    wanted = name.strip().lower()
    if not wanted:
        raise ActorNotFound("actor: no name given")
    rows = list(session.scalars(select(Actor).order_by(Actor.id)))
    found = [a for a in rows if a.name.lower() == wanted]
    if not found:
        alias_ids = session.scalars(
            select(ActorAlias.actor_id).where(ActorAlias.name.ilike(name.strip()))
        )
        ids = set(alias_ids)
        found = [a for a in rows if a.id in ids]
    if not found:
        raise ActorNotFound(f"actor: no actor named {name!r}")
    return found


def actor_summary(session: Session, name: str, *, reviewed_only: bool = False) -> dict[str, Any]:
    """One actor (by name or alias): its events, the countries and years they cover, and
    the actors it appears with."""
    actors = find_actor(session, name)
    ids = {a.id for a in actors}
    events = [
        e
        for e in published_events(session, reviewed_only=reviewed_only)
        if any(link.actor_id in ids for link in e.actors)
    ]
    first, last = _first_last(events)
    roles = sorted({link.role for e in events for link in e.actors if link.actor_id in ids})
    partners = [
        row
        for row in _actors_rows(events)
        if (row["name"], row["country"] or "") not in {_actor_key(a) for a in actors}
    ]
    return _base(events, reviewed_only) | {
        "name": actors[0].name,
        "kind": actors[0].kind,
        "country": actors[0].country,
        "aliases": sorted({alias.name for a in actors for alias in a.aliases}),
        "roles": roles,
        "by_type": _by_type(events),
        "by_year": _by_year(events),
        "undated": _undated(events),
        "countries": _countries_rows(events),
        "officers_trained": officers_trained(events) | {"by_year": _trained_by_year(events)},
        "first_event": first,
        "last_event": last,
        "partners": partners,
    }


# -- network ---------------------------------------------------------------------------


def actor_node(actor: Actor) -> str:
    # Names, not database ids: node ids stay the same when a dataset is re-imported.
    return f"actor:{actor.country or '-'}:{actor.name}"


def country_node(code: str) -> str:
    return f"country:{code}"


def _event_nodes(event: Event) -> dict[str, dict[str, Any]]:
    nodes: dict[str, dict[str, Any]] = {}
    if event.provider_country:
        code = event.provider_country
        nodes[country_node(code)] = {
            "kind": "country",
            "label": country_name(code),
            "country": code,
            "role": "provider",
        }
    for r in event.recipients:
        node = nodes.setdefault(
            country_node(r.country),
            {"kind": "country", "label": country_name(r.country), "country": r.country},
        )
        node["role"] = "both" if node.get("role") == "provider" else "recipient"
    for link in event.actors:
        nodes[actor_node(link.actor)] = {
            "kind": "actor",
            "label": link.actor.name,
            "country": link.actor.country or "",
            "actor_kind": link.actor.kind,
        }
    return nodes


def network_graph(session: Session, *, reviewed_only: bool = False) -> nx.Graph:
    """Actors and countries; an edge where two appear in the same event, weighted by the
    number of such events. Node and edge attributes are GraphML-ready (no lists)."""
    return graph_of(published_events(session, reviewed_only=reviewed_only))


def graph_of(events: Iterable[Event], ident: Callable[[Event], Any] = lambda e: e.id) -> nx.Graph:
    """The network of these events; ``ident`` names an event in ``event_ids`` (space
    separated), e.g. its stable id in exports."""
    graph = nx.Graph()
    edge_events: dict[tuple[str, str], list[str]] = defaultdict(list)
    node_events: dict[str, list[str]] = defaultdict(list)
    for event in events:
        nodes = _event_nodes(event)
        for node, attrs in nodes.items():
            if node in graph and graph.nodes[node].get("role") not in (None, attrs.get("role")):
                attrs = attrs | {"role": "both"}
            graph.add_node(node, **attrs)
            node_events[node].append(str(ident(event)))
        ordered = sorted(nodes)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                edge_events[(a, b)].append(str(ident(event)))
    for (a, b), ids in edge_events.items():
        graph.add_edge(a, b, weight=len(ids), event_ids=" ".join(ids))
    degree = nx.degree_centrality(graph) if len(graph) > 1 else dict.fromkeys(graph, 0.0)
    betweenness = nx.betweenness_centrality(graph) if len(graph) > 2 else {}
    for node, attrs in graph.nodes(data=True):
        attrs["events"] = len(node_events[node])
        attrs["event_ids"] = " ".join(node_events[node])
        attrs["degree"] = graph.degree(node)
        attrs["weighted_degree"] = graph.degree(node, weight="weight")
        attrs["degree_centrality"] = round(degree.get(node, 0.0), 6)
        attrs["betweenness"] = round(betweenness.get(node, 0.0), 6)
    return graph


def _ids(value: str) -> list[int]:
    return [int(i) for i in value.split()]


def _ordered(edge: tuple) -> tuple:
    a, b, attrs = edge
    return (a, b, attrs) if a <= b else (b, a, attrs)


def network(session: Session, *, reviewed_only: bool = False) -> dict[str, Any]:
    """The actor–country network as nodes and edges, with degree and betweenness
    centrality; nodes most central first."""
    graph = network_graph(session, reviewed_only=reviewed_only)
    nodes = [
        {"id": node} | attrs | {"event_ids": _ids(attrs["event_ids"])}
        for node, attrs in graph.nodes(data=True)
    ]
    nodes.sort(key=lambda n: (-n["betweenness"], -n["degree"], n["id"]))
    edges = [
        {"source": a, "target": b, "weight": attrs["weight"], "event_ids": _ids(attrs["event_ids"])}
        for a, b, attrs in (_ordered(edge) for edge in graph.edges(data=True))
    ]
    edges.sort(key=lambda e: (-e["weight"], e["source"], e["target"]))
    return {"reviewed_only": reviewed_only, "nodes": nodes, "edges": edges}


# -- coverage --------------------------------------------------------------------------


def coverage(session: Session, *, reviewed_only: bool = False) -> list[dict[str, Any]]:
    """Per recipient country: events, evidence, documents, distinct publishers, languages,
    and events resting on one source — where the record is thin."""
    return coverage_of(published_events(session, reviewed_only=reviewed_only))


def coverage_of(events: Iterable[Event]) -> list[dict[str, Any]]:
    """Coverage rows for these events (see ``coverage``)."""
    per_country: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        for code in _recipients(event):
            per_country[code].append(event)
    rows = [_coverage_row(code, events) for code, events in per_country.items()]
    rows.sort(key=lambda r: (-r["events"], r["country"]))
    return rows


def _coverage_row(code: str, events: list[Event]) -> dict[str, Any]:
    evidence = [ev for e in events for ev in e.evidence]
    documents = {ev.document_id: ev.document for ev in evidence}
    publishers: dict[str, str] = {}
    for doc in documents.values():
        publishers.setdefault(source_key(doc), doc.publisher or source_key(doc))
    single = [e.id for e in events if len({source_key(ev.document) for ev in e.evidence}) <= 1]
    return {
        "country": code,
        "name": country_name(code),
        "events": len(events),
        "event_ids": [e.id for e in events],
        "evidence": len(evidence),
        "documents": len(documents),
        "publishers": sorted(publishers.values(), key=str.lower),
        "publisher_count": len(publishers),
        "languages": dict(sorted(Counter(d.language for d in documents.values()).items())),
        "single_source_events": len(single),
        "single_source_event_ids": single,
        # Thin: fewer than two independent publishers behind everything we hold.
        "thin": len(publishers) < 2,
    }
