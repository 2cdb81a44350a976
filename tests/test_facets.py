"""Facet counts: the same as counting the events by hand, whichever way they are computed,
and still right after every kind of write (the copies on link rows and the per-value
totals are kept by triggers)."""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from dataclasses import replace

import pytest
from alembic import command
from sqlalchemy import Engine, event, select, text
from sqlalchemy.orm import selectinload

from footprint import db, events, review
from footprint.events import EventFilter
from footprint.model import (
    Actor,
    Document,
    Event,
    EventActor,
    EventRecipient,
    EventRegion,
    Evidence,
)

TYPES = ["training", "agreement", "forum", "joint_patrol"]
STATUSES = ["completed", "planned", "unknown", "ongoing"]
STATES = ["machine", "accepted", "edited", "rejected", "unsure"]
COUNTRIES = ["KE", "TZ", "RS", "LA", "NL"]
REGIONS = ["Africa", "Europe", "Southeast Asia"]
# Two actors share a name (different countries): the facet counts events per name.
ACTORS = [("Ministry of Public Security", "CN"), ("Ministry of Public Security", None)]
ACTORS += [("Police Academy", "CN"), ("Bureau 7", "CN")]


def build(engine: Engine, n: int = 160, seed: int = 3) -> None:
    """Events with every combination the filters look at: no provider, no years, open
    year ranges, several recipients, no region, one actor in two roles, two actors of
    the same name on one event, evidence in a few documents."""
    rng = random.Random(seed)
    with db.session_scope(engine) as session:
        actors = [Actor(name=name, kind="agency", country=c) for name, c in ACTORS]
        docs = [_document(i) for i in range(3)]
        session.add_all(actors + docs)
        session.flush()
        for i in range(n):
            start = rng.choice([None, 2015, 2018, 2019, 2022])
            e = Event(
                type=rng.choice(TYPES),
                status=rng.choice(STATUSES),
                title=rng.choice([None, "Police training", "Joint PATROLS", "Forum"]),
                provider_country=rng.choice([None, "CN", "CN", "CN", "RU"]),
                year_start=start,
                year_end=None if start is None else rng.choice([None, start, start + 2]),
                review_state=rng.choice(STATES),
                disputed=rng.random() < 0.2,
                sources=rng.choice([0, 1, 1, 2, 3, 5, 7]),
            )
            e.recipients = [EventRecipient(country=c) for c in rng.sample(COUNTRIES, i % 4)]
            e.regions = [EventRegion(region=r) for r in rng.sample(REGIONS, i % 3)]
            session.add(e)
            session.flush()
            for actor in rng.sample(actors, rng.choice([0, 0, 1, 2])):
                for role in rng.sample(["provider", "implementer"], rng.choice([1, 1, 2])):
                    session.add(EventActor(event_id=e.id, actor_id=actor.id, role=role))
            if i % 5 == 0:
                doc = rng.choice(docs)
                session.add(_evidence(e, doc, rng.choice(["officers trained", "a forum"])))


def _document(i: int) -> Document:
    body = f"Document {i}: officers trained, a forum, joint patrols."
    return Document(
        source=f"d{i}.txt",
        language="en",
        format="txt",
        text=body,
        sha256=hashlib.sha256(body.encode()).hexdigest(),
        chars=len(body),
    )


def _evidence(e: Event, doc: Document, quote: str) -> Evidence:
    return Evidence(
        event=e,
        document=doc,
        start=0,
        end=len(quote),
        quote=quote,
        extractor="test",
        extractor_version="1",
        confidence=0.5,
    )


# --- counting by hand -------------------------------------------------------------------


def matches(e: Event, f: EventFilter) -> bool:
    """The filter's meaning, written out independently of the SQL."""
    names = {link.actor.name for link in e.actors}
    years = e.year_end if e.year_end is not None else e.year_start
    said = [e.title or "", e.summary or ""] + [x.quote for x in e.evidence]
    checks = [
        not f.type or e.type == f.type,
        not f.status or e.status == f.status,
        e.review_state == f.review_state
        if f.review_state
        else f.include_rejected or e.review_state != "rejected",
        not f.provider or e.provider_country == f.provider,
        not f.country or f.country in {r.country for r in e.recipients},
        not f.region or f.region in {r.region for r in e.regions},
        not f.actor or f.actor in names,
        f.year_from is None or (years is not None and years >= f.year_from),
        f.year_to is None or (e.year_start is not None and e.year_start <= f.year_to),
        f.disputed is None or e.disputed == f.disputed,
        not f.min_sources or e.sources >= f.min_sources,
        f.document_id is None or f.document_id in {x.document_id for x in e.evidence},
        not f.text or any(f.text.lower() in s.lower() for s in said),
    ]
    return all(checks)


OWN = {"year": ("year_from", "year_to"), "sources": ("min_sources",)}
VALUES = {
    "type": lambda e: [e.type],
    "status": lambda e: [e.status],
    "country": lambda e: [r.country for r in e.recipients],
    "region": lambda e: [r.region for r in e.regions],
    "provider": lambda e: [e.provider_country] if e.provider_country else [],
    "actor": lambda e: sorted({link.actor.name for link in e.actors}),
    "year": lambda e: [e.year_start] if e.year_start is not None else [],
    "review_state": lambda e: [e.review_state],
    "disputed": lambda e: [e.disputed],
    "sources": lambda e: [min(e.sources, events.SOURCES_CAP)],
}


def expected(all_events: list[Event], f: EventFilter, name: str, limit: int | None):
    base = replace(f, **dict.fromkeys(OWN.get(name, (name,))))
    if name == "review_state":
        base.include_rejected = True
    counts = Counter(v for e in all_events if matches(e, base) for v in VALUES[name](e))
    if name in ("year", "sources"):
        rows = sorted(counts.items())
    else:
        rows = sorted(counts.items(), key=lambda row: (-row[1], row[0]))
    return rows[:limit] if limit else rows


def load(engine: Engine) -> list[Event]:
    with db.session_scope(engine) as session:
        loaded = session.scalars(
            select(Event).options(
                selectinload(Event.recipients),
                selectinload(Event.regions),
                selectinload(Event.actors).selectinload(EventActor.actor),
                selectinload(Event.evidence),
            )
        ).all()
        return list(loaded)


def random_filters(n: int, seed: int = 11) -> list[EventFilter]:
    rng = random.Random(seed)
    choices = {
        "type": TYPES,
        "status": STATUSES,
        "country": COUNTRIES,
        "region": REGIONS,
        "provider": ["CN", "RU"],
        "actor": ["Ministry of Public Security", "Police Academy"],
        "year_from": [2016, 2019, 2021],
        "year_to": [2018, 2024],
        "review_state": STATES,
        "disputed": [True, False],
        "min_sources": [1, 2, 5],
        "document_id": [1, 2],
        "text": ["patrol", "TRAINED"],
        "include_rejected": [True],
    }
    found = [EventFilter(), EventFilter(include_rejected=True), EventFilter(provider="CN")]
    while len(found) < n:
        picked = {k: rng.choice(choices[k]) for k in rng.sample(list(choices), rng.randint(1, 3))}
        if picked.get("year_from", 0) > picked.get("year_to", 9999):
            del picked["year_to"]
        found.append(EventFilter(**picked))
    return found


def assert_facets_right(engine: Engine, filters: list[EventFilter]) -> None:
    all_events = load(engine)
    with db.session_scope(engine) as session:
        for f in filters:
            assert events.count_events(session, f) == sum(matches(e, f) for e in all_events), f
            for name in events.FACETS:
                limit = None if name == "year" else 3
                got = events.facet_counts(session, f, name, limit=limit)
                assert got == expected(all_events, f, name, limit), (f, name)
            timeline = Counter(
                (e.year_start, e.type)
                for e in all_events
                if matches(e, f) and e.year_start is not None
            )
            got = {(y, t): n for y, t, n in events.timeline_counts(session, f)}
            assert got == dict(timeline), f


# --- what the triggers keep --------------------------------------------------------------

COPIED = ["type", "review_state", "status", "provider_country", "year_start", "year_end"]
COPIED += ["disputed", "sources"]


def assert_copies_right(engine: Engine) -> None:
    """Every link row carries its event's current values."""
    differs = " OR ".join(f"l.{c} IS NOT e.{c}" for c in COPIED)
    with engine.connect() as conn:
        for table in ("event_recipient", "event_region", "event_actor"):
            joined = f"{table} l JOIN event e ON e.id = l.event_id"
            wrong = conn.execute(text(f"SELECT count(*) FROM {joined} WHERE {differs}")).scalar()
            assert wrong == 0, table


def recount(conn) -> dict[tuple[str, str, str], int]:
    columns = {"type": "type", "status": "status", "provider": "provider_country"}
    columns |= {"year": "year_start", "review_state": "review_state", "disputed": "disputed"}
    columns |= {"sources": "sources"}
    out: dict[tuple[str, str, str], int] = {}
    for facet, column in columns.items():
        for value, state, n in conn.execute(
            text(
                f"SELECT CAST({column} AS TEXT), review_state, count(*) FROM event "
                f"WHERE {column} IS NOT NULL GROUP BY 1, 2"
            )
        ):
            out[(facet, value, state)] = n
    for facet, table in (("country", "event_recipient"), ("region", "event_region")):
        for value, state, n in conn.execute(
            text(
                f"SELECT l.{facet}, e.review_state, count(*) FROM {table} l "
                "JOIN event e ON e.id = l.event_id GROUP BY 1, 2"
            )
        ):
            out[(facet, value, state)] = n
    return out


def assert_totals_right(engine: Engine) -> None:
    with engine.connect() as conn:
        kept = conn.execute(text("SELECT facet, value, review_state, events FROM facet_total"))
        kept = {(f, v, s): n for f, v, s, n in kept if n != 0}
        assert kept == recount(conn)


def assert_all_right(engine: Engine, filters: list[EventFilter]) -> None:
    assert_copies_right(engine)
    assert_totals_right(engine)
    assert_facets_right(engine, filters)


# --- the tests ----------------------------------------------------------------------------


@pytest.fixture
def built(engine: Engine) -> Engine:
    build(engine)
    return engine


def test_facets_count_what_a_hand_count_finds(built):
    assert_all_right(built, random_filters(60))


def test_without_the_triggers_kept_copies_the_counts_are_the_same(built, monkeypatch):
    # Other databases (PostgreSQL) keep neither the copies nor the totals: the facets
    # are then counted from the events themselves.
    monkeypatch.setattr(events, "_kept_by_triggers", lambda session: False)
    assert_facets_right(built, random_filters(40, seed=12))


def test_an_actor_counts_each_event_once_whatever_its_roles_or_namesakes(built):
    with db.session_scope(built) as session:
        for name, n in events.facet_counts(session, EventFilter(), "actor"):
            assert n == events.count_events(session, EventFilter(actor=name)), name


def test_counts_stay_right_after_review_decisions_and_edits(built):
    with db.session_scope(built) as session:
        ids = list(session.scalars(select(Event.id).order_by(Event.id)))
        review.reject(session, ids[1], "ana")
        review.accept(session, ids[2], "ana")
        review.unsure(session, ids[3], "ana", "which year?")
        changes = {"type": "forum", "status": "ongoing", "provider": "RU", "year_start": 2001}
        changes |= {"year_end": 2003, "recipients": ["LA", "KE"], "recipient_regions": []}
        changes |= {"provider_orgs": ["Police Academy"]}
        review.edit(session, ids[4], "ana", changes)
        review.edit(session, ids[5], "ana", {"recipients": []})
    assert_all_right(built, random_filters(20, seed=13))


def test_counts_stay_right_after_merge_split_and_delete(built):
    with db.session_scope(built) as session:
        ids = list(session.scalars(select(Event.id).order_by(Event.id)))
        kinds = {i: session.get(Event, i).type for i in ids[:40]}
        keep, other = next(
            (a, b) for a in ids for b in ids if a < b and kinds.get(a) == kinds.get(b)
        )
        review.merge(session, keep, other, "ana")
        gone = session.get(Event, ids[-1])
        for x in gone.evidence:
            session.delete(x)
        session.delete(gone)
    assert_all_right(built, random_filters(20, seed=14))


def test_counts_stay_right_after_writes_in_plain_sql(built):
    # As another program (or bench/web.py's bulk loader) would write: no ORM at all.
    with built.begin() as conn:

        def run(sql: str) -> None:
            assert conn.execute(text(sql)).rowcount > 0, sql

        run(
            "INSERT INTO event (type, status, review_state, provider_country, year_start, "
            "sources, confidence, confidence_level, disputed, version, quantities, "
            "locked_fields, created_at, updated_at) VALUES ('forum', 'planned', 'machine', "
            "'CN', 2020, 2, 0, 'low', 1, 1, '{}', '[]', '2024-01-01', '2024-01-01')"
        )
        new = conn.execute(text("SELECT max(id) FROM event")).scalar()
        run(f"INSERT INTO event_recipient (event_id, country) VALUES ({new}, 'KE')")
        run(f"INSERT INTO event_region (event_id, region) VALUES ({new}, 'Africa')")
        # A link written with a wrong copy of its event's columns: the triggers correct it.
        run(
            "INSERT INTO event_recipient (event_id, country, review_state, type) "
            f"VALUES ({new}, 'NL', 'rejected', 'training')"
        )
        linked = "SELECT min(event_id) FROM event_recipient WHERE country NOT IN ('KE', 'NL')"
        first = conn.execute(text(linked)).scalar()
        run(f"UPDATE event SET review_state = 'rejected' WHERE id = {first}")
        run("UPDATE event SET sources = sources + 1, disputed = NOT disputed")
        # Links moved to another event, renamed, removed.
        run(
            f"UPDATE event_recipient SET event_id = {new} "
            f"WHERE event_id = {first} AND country NOT IN ('KE', 'NL')"
        )
        run("UPDATE event_region SET region = 'Pacific' WHERE region = 'Africa' AND event_id < 50")
        run("DELETE FROM event_recipient WHERE country = 'TZ' AND event_id < 50")
    assert_all_right(built, random_filters(20, seed=15))


def test_migration_fills_copies_and_totals_for_existing_data(tmp_path):
    engine = db.connect(tmp_path / "old.db")
    config = db.alembic_config(str(engine.url))
    command.downgrade(config, "0003")
    build(engine, n=60)  # the ORM writes nothing to the columns 0004 adds
    command.upgrade(config, "head")
    assert_all_right(engine, random_filters(15, seed=16))
    engine.dispose()


def test_every_facet_reads_indexes_only(built):
    """EXPLAIN QUERY PLAN of every query the facets run: whenever events or links are read
    in full, it is from a covering index, never the table (nor an index plus the table)."""
    plans: list[tuple[str, str]] = []

    def explain(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            rows = cursor.connection.execute("EXPLAIN QUERY PLAN " + statement, parameters)
            plans.extend((statement, row[3]) for row in rows.fetchall())

    event.listen(built, "before_cursor_execute", explain)
    try:
        with db.session_scope(built) as session:
            for f in random_filters(30, seed=17):
                if f.text:  # titles, summaries and quotes are only in the tables
                    continue
                for name in events.FACETS:
                    events.facet_counts(session, f, name)
                events.count_events(session, f)
    finally:
        event.remove(built, "before_cursor_execute", explain)
    tables = ("event", "event_recipient", "event_region", "event_actor")
    scans = [
        (step, sql)
        for sql, step in plans
        if step.split(" ")[:2] in (["SCAN", t] for t in tables) and "COVERING INDEX" not in step
    ]
    assert plans and not scans, scans[:3]
