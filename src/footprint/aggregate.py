"""The SQL side of ``footprint.analyse``: which events a summary counts, and their ids
grouped the ways the summaries count them. Read with SQLAlchemy Core (no ORM objects,
never a document's text) in a fixed number of queries per summary, however many events.

Every figure carries the ids of the events it rests on, so a grouping gives ids, not just
counts: ``key -> [event ids]``, ascending, each id once. They travel as one row per group
with the ids concatenated (``aggregate_strings``: ``group_concat`` on SQLite,
``string_agg`` on PostgreSQL) and are parsed by numpy: at 100,000 events, reading one row
per event through SQLAlchemy costs three times what SQLite takes to produce it, and
``int()`` ten times what ``numpy.fromstring`` takes. The order inside a concatenation is
not guaranteed, so ids are sorted here.

How a grouping is read depends on how much of the store the selection is (measured on
SQLite at 100,000 events):

* *broad* (more than ``BROAD_SHARE`` of all events: the dataset, the network, coverage):
  columns of ``Event`` one at a time, each answered from an index of migration 0003
  (``(type, review_state)``, ...) in order, without sorting; tables linked to events
  (recipients, regions, actors, evidence) whole, dropping the other events in Python,
  because probing the selection for each of their 150,000 rows costs more than that;
* *narrow* (a country, an actor, reviewed events only): all columns of ``Event`` in one
  GROUP BY, and linked tables through ``event_id IN (selection)``, both answered from
  the selection's side.

Both ways give the same groups; ``tests/test_analyse_sql.py`` runs both.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    String,
    case,
    cast,
    func,
    literal_column,
    select,
    true,
)
from sqlalchemy.orm import InstrumentedAttribute, Session

from footprint.model import (
    Actor,
    Document,
    Event,
    EventActor,
    EventRecipient,
    EventRegion,
    Evidence,
)

Groups = dict[Hashable, list[int]]

# A selection is broad when it holds more than this share of all events (see above).
BROAD_SHARE = 0.5


@dataclass
class Selection:
    """The events a summary counts: a condition on ``Event`` and the ids it selects."""

    condition: ColumnElement[bool]
    ids: list[int]  # ascending
    broad: bool
    _chosen: np.ndarray = field(init=False, repr=False)  # by id: selected or not

    def __post_init__(self) -> None:
        ids = np.array(self.ids, dtype=np.int64)
        self._chosen = np.zeros(ids[-1] + 1 if len(ids) else 0, dtype=bool)
        self._chosen[ids] = True

    def subquery(self) -> Select:
        return select(Event.id).where(self.condition)

    def chosen(self, ids: np.ndarray) -> np.ndarray:
        """Whether each of these event ids is selected."""
        inside = (ids >= 0) & (ids < len(self._chosen))
        found = np.zeros(len(ids), dtype=bool)
        found[inside] = self._chosen[ids[inside]]
        return found


def selection(session: Session, condition: ColumnElement[bool] | None) -> Selection:
    condition = true() if condition is None else condition
    ids = np.sort(_numbers(session.scalar(select(_concat(Event.id)).where(condition))))
    total = session.scalar(select(func.count()).select_from(Event)) or 0
    return Selection(condition, ids.tolist(), broad=len(ids) > BROAD_SHARE * total)


def _concat(*columns: Any) -> ColumnElement[str]:
    """One string of the groups' integers: "1,2,3", or "1:4,2:5" for several columns."""
    parts = [cast(column, String) for column in columns]
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + ":" + part
    return func.aggregate_strings(joined, ",")


def _numbers(text: str | None, width: int = 1) -> np.ndarray:
    """The integers of a concatenation, parsed by numpy (ten times faster than int()),
    as rows of ``width``."""
    if not text:
        return np.empty((0, width) if width > 1 else 0, dtype=np.int64)
    if width > 1:
        text = text.replace(":", ",")
    numbers = np.fromstring(text, dtype=np.int64, sep=",")
    if len(numbers) != text.count(",") + 1:  # fromstring stops at anything unexpected
        raise ValueError(f"not a list of integers: {text[:80]!r}")
    return numbers.reshape(-1, width) if width > 1 else numbers


def _ids(text: str | None, *, distinct: bool = False) -> np.ndarray:
    """A concatenation of ids, in ascending order (each once if ``distinct``)."""
    ids = _numbers(text)
    return np.unique(ids) if distinct else np.sort(ids)


def _key(row: Row) -> Hashable:
    return row[0] if len(row) == 2 else tuple(row[:-1])


# -- groupings -------------------------------------------------------------------------


def event_groups(session: Session, sel: Selection, *keys: Any, where: Iterable = ()) -> Groups:
    """``key -> ids`` over columns of ``Event`` (a tuple key for several columns)."""
    query = select(*keys, _concat(Event.id)).where(sel.condition, *where).group_by(*keys)
    return {_key(row): _ids(row[-1]).tolist() for row in session.execute(query)}


def event_counts(session: Session, sel: Selection, *keys: Any, where: Iterable = ()) -> dict:
    """``key -> number of events`` over columns of ``Event``."""
    query = select(*keys, func.count()).where(sel.condition, *where).group_by(*keys)
    return {_key(row): row[-1] for row in session.execute(query)}


def linked_groups(
    session: Session,
    sel: Selection,
    event_id: InstrumentedAttribute,
    *keys: Any,
    distinct: bool = False,
) -> Groups:
    """``key -> ids`` over a table linked to events by ``event_id`` (recipients, regions,
    actors): the selected events having each key. ``distinct`` when the keys do not
    include the rest of the table's primary key (an actor in two roles in one event)."""
    query = select(*keys, _concat(event_id)).group_by(*keys)
    if not sel.broad:
        query = query.where(event_id.in_(sel.subquery()))
    groups = {}
    for row in session.execute(query):
        ids = _ids(row[-1], distinct=distinct)
        if sel.broad:
            ids = ids[sel.chosen(ids)]
        if len(ids):
            groups[_key(row)] = ids.tolist()
    return groups


def linked_tuples(
    session: Session, sel: Selection, event_id: InstrumentedAttribute, *columns: Any
) -> np.ndarray:
    """Rows ``(event_id, *columns)`` of a table linked to events, for the selected events,
    in no particular order. Integer columns only, never NULL: they travel as one string
    ("1:2,3:4"), because reading 160,000 rows through SQLAlchemy takes three times longer
    than SQLite takes to produce them."""
    query = select(_concat(event_id, *columns)).where(event_id.is_not(None))
    if not sel.broad:
        query = query.where(event_id.in_(sel.subquery()))
    rows = _numbers(session.scalar(query), 1 + len(columns))
    return rows[sel.chosen(rows[:, 0])] if sel.broad else rows


# -- facets ----------------------------------------------------------------------------

# Columns of ``Event`` the summaries count events by.
FACETS = {
    "type": Event.type,
    "status": Event.status,
    "review_state": Event.review_state,
    "provider": Event.provider_country,
}


@dataclass
class Facets:
    """The selected events grouped by columns of ``Event`` (``groups[facet][value]``), and
    by the year they are counted under (``analyse.event_year``: the start, else the end),
    with the number of events of each type that year."""

    groups: dict[str, Groups]
    years: Groups
    undated: list[int]
    year_types: dict[int, dict[str, int]]


def facets(session: Session, sel: Selection, *names: str) -> Facets:
    """Grouped by each facet apart for a broad selection: SQLite answers each from an
    index, in order. For a narrow one, by all at once: one query whose few thousand rows
    SQLite sorts quickly, instead of six that each look every event up again."""
    return (
        _facets_apart(session, sel, names) if sel.broad else _facets_together(session, sel, names)
    )


def _facets_apart(session: Session, sel: Selection, names: tuple[str, ...]) -> Facets:
    groups = {name: event_groups(session, sel, FACETS[name]) for name in names}
    # By year_start (indexed), then the events without one by year_end: the same as by
    # coalesce(year_start, year_end), which SQLite would have to sort.
    years = event_groups(session, sel, Event.year_start)
    types = _nested(event_counts(session, sel, Event.year_start, Event.type))
    no_start = Event.year_start.is_(None)
    by_end = event_groups(session, sel, Event.year_end, where=[no_start])
    end_types = _nested(event_counts(session, sel, Event.year_end, Event.type, where=[no_start]))
    years.pop(None, None)
    types.pop(None, None)
    undated = by_end.pop(None, [])
    end_types.pop(None, None)
    for year, ids in by_end.items():
        years[year] = sorted(years.get(year, []) + ids)
    for year, counts in end_types.items():
        for key, n in counts.items():
            types.setdefault(year, {})
            types[year][key] = types[year].get(key, 0) + n
    return Facets(groups, years, undated, types)


def _nested(counts: dict[tuple, int]) -> dict[Any, dict[str, int]]:
    nested: dict[Any, dict[str, int]] = defaultdict(dict)
    for (outer, inner), n in counts.items():
        nested[outer][inner] = n
    return nested


def _facets_together(session: Session, sel: Selection, names: tuple[str, ...]) -> Facets:
    columns = [FACETS[name] for name in names]
    year = func.coalesce(Event.year_start, Event.year_end)
    keys = (Event.type, year, *columns)
    query = select(*keys, _concat(Event.id)).where(sel.condition).group_by(*keys)
    parts: dict[str, dict[Any, list[np.ndarray]]] = {name: defaultdict(list) for name in names}
    years: dict[Any, list[np.ndarray]] = defaultdict(list)
    types: dict[int, dict[str, int]] = defaultdict(dict)
    for type_, year_, *values, text in session.execute(query):
        ids = _ids(text)
        years[year_].append(ids)
        if year_ is not None:
            types[year_][type_] = types[year_].get(type_, 0) + len(ids)
        for name, value in zip(names, values, strict=True):
            parts[name][value].append(ids)
    groups = {name: _merged(found) for name, found in parts.items()}
    merged = _merged(years)
    undated = merged.pop(None, [])
    return Facets(groups, merged, undated, types)


def _merged(parts: dict[Any, list[np.ndarray]]) -> Groups:
    return {key: np.sort(np.concatenate(ids)).tolist() for key, ids in parts.items()}


# -- actors ----------------------------------------------------------------------------


@dataclass
class ActorGroups:
    """Events by actor, keyed ``(name, country or "")`` as ``analyse`` names actors."""

    groups: dict[tuple[str, str], list[int]]
    actors: dict[tuple[str, str], Any]  # with .name, .country, .kind
    roles: dict[tuple[str, str], set[str]]
    links: Groups = field(default_factory=dict)  # (actor id, role) -> ids


def actor_groups(session: Session, sel: Selection) -> ActorGroups:
    links = linked_groups(session, sel, EventActor.event_id, EventActor.actor_id, EventActor.role)
    actors = actor_rows(session)
    merged: dict[tuple[str, str], set[int]] = defaultdict(set)
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    latest: dict[tuple[str, str], tuple[int, int]] = {}
    chosen: dict[tuple[str, str], Any] = {}
    for (actor_id, role), ids in links.items():
        actor = actors[actor_id]
        key = (actor.name, actor.country or "")
        merged[key].update(ids)
        roles[key].add(role)
        # Two actors can share a key (same name, no country): the summary shows the one
        # seen last, in the latest event (as the Python path, reading events in order).
        seen = (ids[-1], actor_id)
        if seen > latest.get(key, (-1, -1)):
            latest[key], chosen[key] = seen, actor
    return ActorGroups({k: sorted(v) for k, v in merged.items()}, chosen, roles, links)


def actor_rows(session: Session) -> dict[int, Row]:
    """The actors of any event, by id, without their aliases."""
    linked = select(EventActor.actor_id)  # an index holds them: no list of ids to send
    query = select(Actor.id, Actor.name, Actor.country, Actor.kind).where(Actor.id.in_(linked))
    return {row.id: row for row in session.execute(query)}


# -- single figures --------------------------------------------------------------------


class TrainingRow(NamedTuple):
    """What ``analyse.officers_trained`` reads of a training event."""

    id: int
    type: str
    status: str
    people: int | None
    year_start: int | None
    year_end: int | None


def training_rows(session: Session, sel: Selection) -> list[TrainingRow]:
    """The training events, by id. Grouped by status and years, each id travelling with
    its figure ("12:300", "13:" for none): a few hundred rows instead of one per event."""
    people = func.coalesce(cast(Event.people, String), "")
    keys = (Event.status, Event.year_start, Event.year_end)
    query = (
        select(*keys, func.aggregate_strings(cast(Event.id, String) + ":" + people, ","))
        .where(sel.condition, Event.type == "training")
        .group_by(*keys)
    )
    rows = []
    for status, start, end, text in session.execute(query):
        for item in text.split(","):
            event_id, figure = item.split(":")
            count = int(figure) if figure else None
            rows.append(TrainingRow(int(event_id), "training", status, count, start, end))
    rows.sort()
    return rows


def dated_extremes(session: Session, sel: Selection) -> tuple[list[Row], list[Row]]:
    """Candidates for the first and the last event: the events of the earliest year
    counted from their start and of the latest counted from their end."""
    start = func.coalesce(Event.year_start, Event.year_end)
    end = func.coalesce(Event.year_end, Event.year_start)
    low, high = session.execute(select(func.min(start), func.max(end)).where(sel.condition)).one()
    if low is None:
        return [], []
    columns = (Event.id, Event.year_start, Event.year_end, Event.date_start, Event.date_end)
    query = select(*columns).where(sel.condition, (start == low) | (end == high))
    rows = list(session.execute(query))
    firsts = [r for r in rows if (r.year_start if r.year_start is not None else r.year_end) == low]
    lasts = [r for r in rows if (r.year_end if r.year_end is not None else r.year_start) == high]
    return firsts, lasts


def latest_created(session: Session, sel: Selection, limit: int) -> list[int]:
    """The ids of the events added last, latest first."""
    query = select(Event.id).where(sel.condition)
    query = query.order_by(Event.created_at.desc(), Event.id.desc()).limit(limit)
    return list(session.scalars(query))


def brief_rows(session: Session, *conditions: Any) -> list[tuple[Row, list[str], list[str]]]:
    """What ``analyse.brief`` shows of the events meeting these conditions: their columns,
    recipient countries and regions; by id."""
    columns = (Event.id, Event.key, Event.title, Event.type, Event.status, Event.year_start)
    columns += (Event.year_end, Event.people, Event.review_state, Event.created_at)
    chosen = select(Event.id).where(*conditions)
    recipients = _values(session, EventRecipient.event_id, EventRecipient.country, chosen)
    regions = _values(session, EventRegion.event_id, EventRegion.region, chosen)
    rows = session.execute(select(*columns).where(*conditions).order_by(Event.id))
    return [(row, recipients[row.id], regions[row.id]) for row in rows]


# -- evidence and documents ------------------------------------------------------------


def _values(session: Session, event_id: Any, value: Any, chosen: Select) -> dict[int, list]:
    query = select(event_id, value).where(event_id.in_(chosen))
    found: dict[int, list] = defaultdict(list)
    for key, item in session.execute(query):
        found[key].append(item)
    return found


def evidence_counts(session: Session, sel: Selection) -> tuple[int, int]:
    """Pieces of evidence of the selected events, and the distinct documents they cite.
    (Counted from the pairs: for most of the store, faster than COUNT(DISTINCT) in SQL.)"""
    cited = linked_tuples(session, sel, Evidence.event_id, Evidence.document_id)
    return len(cited), len(np.unique(cited[:, 1]))


def citations(session: Session, sel: Selection) -> np.ndarray:
    """Rows ``(event id, evidence id, document id)``: each piece of evidence of the
    selected events and the document it quotes."""
    return linked_tuples(session, sel, Evidence.event_id, Evidence.id, Evidence.document_id)


class DocumentRow(NamedTuple):
    """What coverage reads of a document (``events.source_key`` reads it too)."""

    id: int
    publisher: str | None
    url: str | None
    language: str


def document_rows(session: Session, sel: Selection) -> list[DocumentRow]:
    """The documents the selected events rest on (for a broad selection, simply all),
    never their text. Grouped by publisher and language, and by address only when there
    is no publisher (``source_key`` ignores it then): a few hundred rows to read through
    SQLAlchemy rather than one per document."""
    # The empty string inline, not as a parameter: PostgreSQL only matches a GROUP BY
    # expression to the selected one when both are written the same.
    no_publisher = func.coalesce(Document.publisher, literal_column("''")) == literal_column("''")
    keys = (Document.publisher, case((no_publisher, Document.url)), Document.language)
    query = select(*keys, _concat(Document.id)).group_by(*keys)
    if not sel.broad:
        cited = select(Evidence.document_id).where(Evidence.event_id.in_(sel.subquery()))
        query = query.where(Document.id.in_(cited))
    return [
        DocumentRow(document_id, publisher, url, language)
        for publisher, url, language, text in session.execute(query)
        for document_id in _numbers(text).tolist()
    ]
