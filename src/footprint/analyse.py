"""Analysis: summary figures over the event store, as plain JSON-ready dicts and lists.

Every face (CLI ``summary``, reports, the web API) reads its figures here, so one figure
means the same thing everywhere. Each figure that counts events carries the ids of the
events it rests on (``event_ids``), so a reader can trace it to its evidence.

What counts: rejected events never do; everything else does (machine output included)
unless ``reviewed_only`` asks for accepted and edited events only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from importlib import resources
from itertools import chain, combinations
from typing import Any

import networkx as nx
import numpy as np
import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session, defer, selectinload

from footprint import aggregate, codebook, graphs
from footprint.events import EventFilter, filtered, source_key
from footprint.model import (
    Actor,
    ActorAlias,
    Document,
    Event,
    EventActor,
    EventRecipient,
    EventRegion,
    Evidence,
)

REVIEWED = ("accepted", "edited")
# Officers "trained" are those of training that happened or is happening; a pledge is not
# a training, so planned figures are reported apart and cancelled ones not at all.
TRAINED_STATUSES = ("completed", "ongoing", "unknown")
PLEDGED_STATUSES = ("planned",)
TOP = 10


class ActorNotFound(LookupError):
    pass


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
    return _label(event, [r.country for r in event.recipients], [r.region for r in event.regions])


def _label(event: Any, recipients: list[str], regions: list[str]) -> str:
    if event.title:
        return event.title
    where = ", ".join(country_name(code) for code in sorted(recipients))
    if not where:
        where = ", ".join(sorted(regions))
    parts = [type_label(event.type), where, years_text(event)]
    return " · ".join(p for p in parts if p)


def brief(event: Event) -> dict[str, Any]:
    """A short reference to an event, for lists inside summaries."""
    return _brief(event, [r.country for r in event.recipients], [r.region for r in event.regions])


def _brief(event: Any, recipients: list[str], regions: list[str]) -> dict[str, Any]:
    """``brief`` of an event's columns (an ``Event`` or a row) and its countries and regions."""
    return {
        "id": event.id,
        "key": event.key,
        "label": _label(event, recipients, regions),
        "type": event.type,
        "status": event.status,
        "year_start": event.year_start,
        "year_end": event.year_end,
        "recipients": sorted(recipients),
        "people": event.people,
        "review_state": event.review_state,
    }


# -- rows from groups (both paths) ----------------------------------------------------
#
# A summary over the store groups events in SQL (``footprint.aggregate``); ``figures`` and
# the other functions given a list of events (reports, exports) group them in Python. Both
# produce ``key -> [event ids]`` and share what follows, so a figure is written one way.


def _ranked(groups: dict, name: str, limit: int | None = None) -> list[dict[str, Any]]:
    """Groups as rows, largest first, ties by key, each with its event ids."""
    rows = sorted(groups.items(), key=lambda kv: (-len(kv[1]), str(kv[0])))
    return [{name: key, "events": len(ids), "event_ids": ids} for key, ids in rows[:limit]]


def _type_rows(groups: dict[str, list[int]]) -> list[dict[str, Any]]:
    return [row | {"label": type_label(row["type"])} for row in _ranked(groups, "type")]


def _year_rows(
    groups: dict[int, list[int]], types: dict[int, dict[str, int]]
) -> list[dict[str, Any]]:
    """Events per year (in year order), each year split by type."""
    return [
        {
            "year": year,
            "events": len(groups[year]),
            "by_type": dict(sorted(types[year].items())),
            "event_ids": groups[year],
        }
        for year in sorted(groups)
    ]


def _undated_row(ids: list[int]) -> dict[str, Any]:
    return {"events": len(ids), "event_ids": ids}


def _country_rows(groups: dict[str, list[int]], limit: int | None = None) -> list[dict[str, Any]]:
    rows = _ranked(groups, "country", limit)
    return [row | {"name": country_name(row["country"])} for row in rows]


def _provider_rows(groups: dict[str | None, list[int]]) -> list[dict[str, Any]]:
    return _country_rows({code: ids for code, ids in groups.items() if code})


def _actor_rows(found: aggregate.ActorGroups, limit: int | None = None) -> list[dict[str, Any]]:
    return [
        {
            "name": row["actor"][0],
            "country": found.actors[row["actor"]].country,
            "kind": found.actors[row["actor"]].kind,
            "roles": sorted(found.roles[row["actor"]]),
            "events": row["events"],
            "event_ids": row["event_ids"],
        }
        for row in _ranked(found.groups, "actor", limit)
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


def _trained_by_year(events: Iterable[Event]) -> list[dict[str, Any]]:
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


def _trained(events: Iterable[Event]) -> dict[str, Any]:
    events = list(events)
    return officers_trained(events) | {"by_year": _trained_by_year(events)}


def _sort_key_start(event: Event) -> tuple:
    return (event_year(event), event.date_start or "", event.id)


def _sort_key_end(event: Event) -> tuple:
    if event.year_end is None or event.year_end == event.year_start:
        return (event_year(event), event.date_end or event.date_start or "", event.id)
    return (event.year_end, event.date_end or "", event.id)


def _base(ids: list[int], reviewed_only: bool) -> dict[str, Any]:
    return {"reviewed_only": reviewed_only, "events": len(ids), "event_ids": ids}


# -- figures of a list of events (reports, exports) ------------------------------------


def _group(events: Iterable[Event], keys: Callable[[Event], Iterable[Hashable]]) -> dict:
    """key -> ids of the events having it (an event may have several keys)."""
    groups: dict[Hashable, list[int]] = defaultdict(list)
    for event in events:
        for key in keys(event):
            groups[key].append(event.id)
    return groups


def _by_year(events: list[Event]) -> list[dict[str, Any]]:
    groups = _group(events, lambda e: [event_year(e)] if event_year(e) is not None else [])
    types: dict[int, Counter] = defaultdict(Counter)
    for event in events:
        if event_year(event) is not None:
            types[event_year(event)][event.type] += 1
    return _year_rows(groups, types)


def _undated(events: list[Event]) -> dict[str, Any]:
    return _undated_row([e.id for e in events if event_year(e) is None])


def _recipients(event: Event) -> list[str]:
    return sorted(r.country for r in event.recipients)


def _actor_key(actor: Actor) -> tuple[str, str]:
    return (actor.name, actor.country or "")


def _actors_of(events: list[Event]) -> aggregate.ActorGroups:
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

    return aggregate.ActorGroups(_group(events, keys), actors, roles)


def _first_last(events: list[Event]) -> tuple[dict | None, dict | None]:
    dated = [e for e in events if event_year(e) is not None]
    if not dated:
        return None, None
    return brief(min(dated, key=_sort_key_start)), brief(max(dated, key=_sort_key_end))


def figures(events: list[Event]) -> dict[str, Any]:
    """The figures of any selection of events (a report's, a filtered page's): by type
    and year, recipients, providers, actors, officers trained, first and last, pushback."""
    first, last = _first_last(events)
    return {
        "events": len(events),
        "event_ids": [e.id for e in events],
        "by_type": _type_rows(_group(events, lambda e: [e.type])),
        "by_year": _by_year(events),
        "undated": _undated(events),
        "recipients": _country_rows(_group(events, _recipients)),
        "providers": _provider_rows(_group(events, lambda e: [e.provider_country])),
        "actors": _actor_rows(_actors_of(events)),
        "officers_trained": _trained(events),
        "first_event": first,
        "last_event": last,
        "pushback": [brief(e) for e in events if e.type == "pushback"],
    }


# -- summaries over the store, grouped in SQL ------------------------------------------


def _selection(
    session: Session, f: EventFilter | None = None, *, reviewed_only: bool, where: tuple = ()
) -> aggregate.Selection:
    """The events that count (as ``published_events``), as a condition and their ids."""
    query = filtered(select(Event.id), f or EventFilter())
    if reviewed_only:
        query = query.where(Event.review_state.in_(REVIEWED))
    return aggregate.selection(session, query.where(*where).whereclause)


def _briefs(session: Session, *conditions: Any) -> list[dict[str, Any]]:
    """``brief`` of the events meeting these conditions, by id, read without the ORM."""
    return [_brief(*found) for found in aggregate.brief_rows(session, *conditions)]


def _first_last_of(session: Session, sel: aggregate.Selection) -> tuple[dict | None, ...]:
    firsts, lasts = aggregate.dated_extremes(session, sel)
    if not firsts:
        return None, None
    ids = [min(firsts, key=_sort_key_start).id, max(lasts, key=_sort_key_end).id]
    found = {b["id"]: b for b in _briefs(session, Event.id.in_(ids))}
    return found[ids[0]], found[ids[1]]


def _iso(when: datetime | None) -> str | None:
    return when.isoformat() if when else None


def _recipient_groups(session: Session, sel: aggregate.Selection) -> aggregate.Groups:
    return aggregate.linked_groups(session, sel, EventRecipient.event_id, EventRecipient.country)


def _years(facets: aggregate.Facets) -> dict[str, Any]:
    return {
        "by_year": _year_rows(facets.years, facets.year_types),
        "undated": _undated_row(facets.undated),
    }


def _trained_of(session: Session, sel: aggregate.Selection) -> dict[str, Any]:
    return _trained(aggregate.training_rows(session, sel))


def dataset_summary(
    session: Session, *, reviewed_only: bool = False, top: int = TOP
) -> dict[str, Any]:
    """The whole dataset: counts by type, status, review state and year; top recipient
    countries and actors; recent additions; officers trained."""
    sel = _selection(session, reviewed_only=reviewed_only)
    facets = aggregate.facets(session, sel, "type", "status", "review_state")
    evidence, documents = aggregate.evidence_counts(session, sel)
    recipients = _recipient_groups(session, sel)
    latest = aggregate.latest_created(session, sel, top)
    recent = aggregate.brief_rows(session, Event.id.in_(latest))
    recent.sort(key=lambda found: latest.index(found[0].id))
    return (
        _base(sel.ids, reviewed_only)
        | {
            "evidence": evidence,
            "documents": documents,
            "recipient_countries": len(recipients),
            "by_type": _type_rows(facets.groups["type"]),
            "by_status": _ranked(facets.groups["status"], "status"),
            "by_review_state": _ranked(facets.groups["review_state"], "review_state"),
        }
        | _years(facets)
        | {
            "top_recipients": _country_rows(recipients, top),
            "top_actors": _actor_rows(aggregate.actor_groups(session, sel), top),
            "recent": [
                _brief(*found) | {"created_at": _iso(found[0].created_at)} for found in recent
            ],
            "officers_trained": officers_trained(aggregate.training_rows(session, sel)),
        }
    )


def country_summary(session: Session, code: str, *, reviewed_only: bool = False) -> dict[str, Any]:
    """One recipient country: events by type and year, officers trained over time, first
    and last event, pushback, providers and actors involved."""
    code = codebook.country(code)
    sel = _selection(session, EventFilter(country=code), reviewed_only=reviewed_only)
    facets = aggregate.facets(session, sel, "type", "provider")
    first, last = _first_last_of(session, sel)
    regions = aggregate.linked_groups(session, sel, EventRegion.event_id, EventRegion.region)
    pushback = _briefs(session, sel.condition, Event.type == "pushback")
    return (
        _base(sel.ids, reviewed_only)
        | {
            "country": code,
            "name": country_name(code),
            "by_type": _type_rows(facets.groups["type"]),
        }
        | _years(facets)
        | {
            "officers_trained": _trained_of(session, sel),
            "first_event": first,
            "last_event": last,
            "pushback": pushback,
            "providers": _provider_rows(facets.groups["provider"]),
            "actors": _actor_rows(aggregate.actor_groups(session, sel)),
            "regions": _ranked(regions, "region"),
        }
    )


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
    linked = select(EventActor.event_id).where(EventActor.actor_id.in_(ids))
    sel = _selection(session, reviewed_only=reviewed_only, where=(Event.id.in_(linked),))
    facets = aggregate.facets(session, sel, "type")
    first, last = _first_last_of(session, sel)
    found = aggregate.actor_groups(session, sel)
    own = {_actor_key(a) for a in actors}
    return (
        _base(sel.ids, reviewed_only)
        | {
            "name": actors[0].name,
            "kind": actors[0].kind,
            "country": actors[0].country,
            "aliases": sorted({alias.name for a in actors for alias in a.aliases}),
            "roles": sorted({role for actor_id, role in found.links if actor_id in ids}),
            "by_type": _type_rows(facets.groups["type"]),
        }
        | _years(facets)
        | {
            "countries": _country_rows(_recipient_groups(session, sel)),
            "officers_trained": _trained_of(session, sel),
            "first_event": first,
            "last_event": last,
            "partners": [
                row for row in _actor_rows(found) if (row["name"], row["country"] or "") not in own
            ],
        }
    )


# -- network ---------------------------------------------------------------------------


def actor_node(actor: Actor) -> str:
    # Names, not database ids: node ids stay the same when a dataset is re-imported.
    return f"actor:{actor.country or '-'}:{actor.name}"


def country_node(code: str) -> str:
    return f"country:{code}"


@dataclass
class _Network:
    """Nodes, with their attributes and events, in the order first met reading the events
    in order; edges as pairs of nodes numbered in name order, also in the order first met.
    Both orders are those networkx keeps, on which betweenness depends."""

    nodes: dict[str, dict[str, Any]]
    node_events: dict[str, list]
    names: list[str]  # the nodes, sorted: edges number them so
    edges: graphs.Pairs

    def edge_list(self) -> Iterator[tuple[str, str, list]]:
        for k, (a, b) in enumerate(zip(self.edges.first, self.edges.second, strict=True)):
            yield self.names[a], self.names[b], self.edges.shared(k)


def _event_nodes(event: Event) -> dict[str, dict[str, Any]]:
    nodes: dict[str, dict[str, Any]] = {}
    if event.provider_country:
        code = event.provider_country
        nodes[country_node(code)] = _country_attrs(code, "provider")
    for r in event.recipients:
        node = nodes.setdefault(country_node(r.country), _country_attrs(r.country))
        node["role"] = "both" if node.get("role") == "provider" else "recipient"
    for link in event.actors:
        nodes[actor_node(link.actor)] = _actor_attrs(link.actor)
    return nodes


def _country_attrs(code: str, role: str | None = None) -> dict[str, Any]:
    attrs = {"kind": "country", "label": country_name(code), "country": code}
    return attrs | {"role": role} if role else attrs


def _actor_attrs(actor: Any) -> dict[str, Any]:
    return {
        "kind": "actor",
        "label": actor.name,
        "country": actor.country or "",
        "actor_kind": actor.kind,
    }


def _network_of_events(events: Iterable[Event], ident: Callable[[Event], Any]) -> _Network:
    nodes: dict[str, dict[str, Any]] = {}
    node_events: dict[str, list[str]] = defaultdict(list)
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event in events:
        found = _event_nodes(event)
        for node, attrs in found.items():
            known = nodes.get(node, {})
            if known.get("role") not in (None, attrs.get("role")):
                attrs = attrs | {"role": "both"}
            nodes[node] = known | attrs
        ordered = sorted(found)
        for node in ordered:
            node_events[node].append(str(ident(event)))
        for pair in combinations(ordered, 2):
            edges[pair].append(str(ident(event)))
    names = sorted(nodes)
    number = {node: i for i, node in enumerate(names)}
    numbered = {(number[a], number[b]): ids for (a, b), ids in edges.items()}
    return _Network(nodes, node_events, names, graphs.Pairs.of(numbered))


def _network_of(session: Session, sel: aggregate.Selection) -> _Network:
    """The network of the selected events, from their ids grouped by provider, recipient
    and actor. Nodes and edges come out in the order the Python path meets them, reading
    each event's provider, then recipients by code, then actors by id."""
    providers = aggregate.event_groups(session, sel, Event.provider_country)
    recipients = _recipient_groups(session, sel)
    links = aggregate.linked_groups(
        session, sel, EventActor.event_id, EventActor.actor_id, distinct=True
    )
    actors = aggregate.actor_rows(session)
    both = {code for code in providers if code} & set(recipients)
    found = _NodeGroups()
    for code, ids in providers.items():
        if code:
            role = "both" if code in both else "provider"
            found.meet(country_node(code), ids, (0, ""), _country_attrs(code, role))
    for code, ids in recipients.items():
        role = "both" if code in both else "recipient"
        found.meet(country_node(code), ids, (1, code), _country_attrs(code, role))
    for actor_id, ids in links.items():
        # Two actors can share a node (same name, no country): the one seen last shows.
        found.meet(
            actor_node(actors[actor_id]),
            ids,
            (2, actor_id),
            _actor_attrs(actors[actor_id]),
            last=(ids[-1], actor_id),
        )
    return found.network()


class _NodeGroups:
    """Nodes with the ids of their events, gathered group by group (a country as provider
    and as recipient, two actors of one name), and where each is first met: its first
    event, then its place among that event's nodes."""

    def __init__(self) -> None:
        self.ids: dict[str, list[list[int]]] = defaultdict(list)
        self.first: dict[str, tuple] = {}  # (first event, place in it)
        self.attrs: dict[str, dict[str, Any]] = {}
        self.last: dict[str, tuple[int, int]] = {}

    def meet(
        self, node: str, ids: list[int], place: tuple, attrs: dict, last: tuple = (0, 0)
    ) -> None:
        self.ids[node].append(ids)
        self.first[node] = min(self.first.get(node, (ids[0], *place)), (ids[0], *place))
        if node not in self.attrs or last > self.last[node]:
            self.attrs[node], self.last[node] = attrs, last

    def network(self) -> _Network:
        nodes: dict[str, dict[str, Any]] = {}
        node_events: dict[str, list[int]] = {}
        for node in sorted(self.ids, key=self.first.__getitem__):
            nodes[node] = self.attrs[node]
            groups = self.ids[node]
            node_events[node] = groups[0] if len(groups) == 1 else sorted(set(chain(*groups)))
        names = sorted(nodes)
        edges = graphs.co_occurrences([node_events[node] for node in names])
        return _Network(nodes, node_events, names, edges)


def _measures(net: _Network) -> dict[str, dict[str, Any]]:
    """Degree, weighted degree, degree and betweenness centrality of every node, as
    networkx gives them for the graph built node by node, then edge by edge."""
    n = len(net.nodes)
    place = {node: i for i, node in enumerate(net.nodes)}
    where = [place[name] for name in net.names]
    adjacency: list[list[int]] = [[] for _ in range(n)]
    weighted = [0] * n
    weights = net.edges.weights()
    for a, b, weight in zip(net.edges.first, net.edges.second, weights, strict=True):
        a, b = where[a], where[b]
        adjacency[a].append(b)
        adjacency[b].append(a)
        weighted[a] += weight
        weighted[b] += weight
    between = graphs.betweenness(adjacency) if n > 2 else [0.0] * n
    scale = 1.0 / (n - 1.0) if n > 1 else 0.0  # as nx.degree_centrality
    return {
        node: {
            "degree": len(adjacency[i]),
            "weighted_degree": weighted[i],
            "degree_centrality": round(len(adjacency[i]) * scale, 6),
            "betweenness": round(between[i], 6),
        }
        for node, i in place.items()
    }


def _graph(net: _Network) -> nx.Graph:
    """As a networkx graph; attributes GraphML-ready (no lists: event ids space separated)."""
    graph = nx.Graph()
    measures = _measures(net)
    for node, attrs in net.nodes.items():
        events = net.node_events[node]
        graph.add_node(
            node,
            **attrs,
            events=len(events),
            event_ids=" ".join(str(e) for e in events),
            **measures[node],
        )
    for a, b, events in net.edge_list():
        graph.add_edge(a, b, weight=len(events), event_ids=" ".join(str(e) for e in events))
    return graph


def network_graph(session: Session, *, reviewed_only: bool = False) -> nx.Graph:
    """Actors and countries; an edge where two appear in the same event, weighted by the
    number of such events. Node and edge attributes are GraphML-ready (no lists)."""
    return _graph(_network_of(session, _selection(session, reviewed_only=reviewed_only)))


def graph_of(events: Iterable[Event], ident: Callable[[Event], Any] = lambda e: e.id) -> nx.Graph:
    """The network of these events; ``ident`` names an event in ``event_ids`` (space
    separated), e.g. its stable id in exports."""
    return _graph(_network_of_events(events, ident))


def network(session: Session, *, reviewed_only: bool = False) -> dict[str, Any]:
    """The actor–country network as nodes and edges, with degree and betweenness
    centrality; nodes most central first."""
    net = _network_of(session, _selection(session, reviewed_only=reviewed_only))
    measures = _measures(net)
    nodes = [
        {"id": node}
        | attrs
        | {"events": len(net.node_events[node]), "event_ids": net.node_events[node]}
        | measures[node]
        for node, attrs in net.nodes.items()
    ]
    nodes.sort(key=lambda n: (-n["betweenness"], -n["degree"], n["id"]))
    # Heaviest first, then by name (numbers sort as names do).
    pairs, names = net.edges, net.names
    weights = pairs.weights()
    order = np.lexsort((pairs.second, pairs.first, np.negative(weights))).tolist()
    edges = [
        {
            "source": names[pairs.first[k]],
            "target": names[pairs.second[k]],
            "weight": weights[k],
            "event_ids": pairs.groups[pairs.bounds[k] : pairs.bounds[k + 1]],
        }
        for k in order
    ]
    return {"reviewed_only": reviewed_only, "nodes": nodes, "edges": edges}


# -- coverage --------------------------------------------------------------------------


def coverage(session: Session, *, reviewed_only: bool = False) -> list[dict[str, Any]]:
    """Per recipient country: events, evidence, documents, distinct publishers, languages,
    and events resting on one source — where the record is thin."""
    sel = _selection(session, reviewed_only=reviewed_only)
    return _coverage_rows(
        _recipient_groups(session, sel),
        sel.ids,
        aggregate.citations(session, sel),
        aggregate.document_rows(session, sel),
    )


def coverage_of(events: Iterable[Event]) -> list[dict[str, Any]]:
    """Coverage rows for these events (see ``coverage``)."""
    events = list(events)
    # Evidence in the order each event lists it (its place stands for its id).
    cited = [(e.id, i, ev.document_id) for e in events for i, ev in enumerate(e.evidence)]
    documents = {ev.document_id: ev.document for e in events for ev in e.evidence}
    return _coverage_rows(
        _group(events, _recipients),
        [e.id for e in events],
        np.array(cited, dtype=np.int64).reshape(-1, 3),
        documents.values(),
    )


# Coverage counts, per country, the distinct documents, publishers and languages behind
# its events: 230,000 (country, document) pairs at 100,000 events, counted with numpy.


class _Documents:
    """Documents numbered 0..n-1 by id, with who published each (``source_key``, numbered,
    and the name shown for it) and its language (numbered)."""

    def __init__(self, documents: Iterable[Any]) -> None:
        documents = sorted(documents, key=lambda d: d.id)
        self.ids = np.array([d.id for d in documents], dtype=np.int64)
        keys = [source_key(d) for d in documents]
        self.names = [d.publisher or key for d, key in zip(documents, keys, strict=True)]
        self.key, self.keys = _numbered(keys)
        self.language, self.languages = _numbered([d.language for d in documents])

    def number(self, ids: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.ids, ids)


def _numbered(values: list[str]) -> tuple[np.ndarray, list[str]]:
    """Each value's number among the distinct values, and those values, sorted."""
    distinct = sorted(set(values))
    number = {value: i for i, value in enumerate(distinct)}
    return np.array([number[v] for v in values], dtype=np.int64), distinct


def _coverage_rows(
    countries: dict[str, list[int]], order: list[int], cited: np.ndarray, documents: Iterable
) -> list[dict[str, Any]]:
    """Coverage rows. ``countries``: code -> ids of its events, in the order read, which
    ``order`` gives; ``cited``: rows (event id, place of the evidence in the event,
    document id). Documents count in the order they are first cited, as the first spelling
    of a publisher's name is the one shown."""
    if not countries:
        return []
    docs = _Documents(documents)
    codes = list(countries)
    sizes = [len(countries[code]) for code in codes]
    ids = np.fromiter(chain.from_iterable(countries.values()), dtype=np.int64, count=sum(sizes))
    # One row per (country, event): country by country, each's events in the order read.
    country = np.repeat(np.arange(len(codes)), sizes)
    event = _places(order, ids)
    # One row per piece of evidence (event place, its place in the event, document), sorted.
    evidence = np.column_stack([_places(order, cited[:, 0]), cited[:, 1], docs.number(cited[:, 2])])
    evidence = evidence[np.lexsort((evidence[:, 1], evidence[:, 0]))]
    single = ~_several_publishers(evidence, docs, len(order))[event]
    tallies = _tallies(*_cited_per_country(country, event, evidence), len(codes), docs)
    bounds = np.cumsum([0, *sizes]).tolist()
    rows = []
    for i, code in enumerate(codes):
        part = slice(bounds[i], bounds[i + 1])
        singles = ids[part][single[part]].tolist()
        counts = {name: values[i] for name, values in tallies.items()}
        rows.append(_coverage_row(code, countries[code], singles, **counts))
    rows.sort(key=lambda r: (-r["events"], r["country"]))
    return rows


def _places(order: list[int], ids: np.ndarray) -> np.ndarray:
    """Where each id stands in ``order``."""
    order = np.array(order, dtype=np.int64)
    sorter = np.argsort(order, kind="stable")
    return sorter[np.searchsorted(order, ids, sorter=sorter)]


def _several_publishers(evidence: np.ndarray, docs: _Documents, events: int) -> np.ndarray:
    """By event place: does its evidence come from more than one publisher?"""
    pairs = np.unique(evidence[:, 0] * len(docs.keys) + docs.key[evidence[:, 2]])
    places, publishers = np.unique(pairs // max(len(docs.keys), 1), return_counts=True)
    several = np.zeros(events, dtype=bool)
    several[places[publishers > 1]] = True
    return several


def _cited_per_country(
    country: np.ndarray, event: np.ndarray, evidence: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each (country, event) row joined to the evidence of its event: the country and the
    document of each piece, in the order (country, event, place in the event)."""
    first = np.searchsorted(evidence[:, 0], event, "left")
    counts = np.searchsorted(evidence[:, 0], event, "right") - first
    return np.repeat(country, counts), evidence[graphs.ranges(first, counts), 2]


def _tallies(country: np.ndarray, doc: np.ndarray, n: int, docs: _Documents) -> dict[str, list]:
    """Per country, from its citations (country and document of each, in the order read):
    pieces of evidence, documents, publishers' names and languages."""
    distinct = np.unique(country * len(docs.ids) + doc)
    by_country, cited = np.divmod(distinct, max(len(docs.ids), 1))
    # Per (country, publisher), the first document cited names it.
    found, first = np.unique(country * len(docs.keys) + docs.key[doc], return_index=True)
    publishers: list[list[str]] = [[] for _ in range(n)]
    for c, d in zip((found // len(docs.keys)).tolist(), doc[first].tolist(), strict=True):
        publishers[c].append(docs.names[d])
    languages: list[dict[str, int]] = [{} for _ in range(n)]
    combined = by_country * len(docs.languages) + docs.language[cited]
    found, counts = np.unique(combined, return_counts=True)
    for pair, count in zip(found.tolist(), counts.tolist(), strict=True):
        c, language = divmod(pair, len(docs.languages))
        languages[c][docs.languages[language]] = count
    return {
        "evidence": np.bincount(country, minlength=n).tolist(),
        "documents": np.bincount(by_country, minlength=n).tolist(),
        "publishers": publishers,
        "languages": languages,
    }


def _coverage_row(
    code: str,
    ids: list[int],
    single: list[int],
    *,
    evidence: int,
    documents: int,
    publishers: list[str],
    languages: dict[str, int],
) -> dict[str, Any]:
    return {
        "country": code,
        "name": country_name(code),
        "events": len(ids),
        "event_ids": ids,
        "evidence": evidence,
        "documents": documents,
        "publishers": sorted(publishers, key=str.lower),
        "publisher_count": len(publishers),
        "languages": languages,
        "single_source_events": len(single),
        "single_source_event_ids": single,
        # Thin: fewer than two independent publishers behind everything we hold.
        "thin": len(publishers) < 2,
    }
