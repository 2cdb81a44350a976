"""The summaries grouped in SQL give exactly what the Python reference gives.

A random store of a few hundred events, built through the ORM with the awkward cases a
real one has: rejected and unreviewed events, undated ones and ones dated by their end
only, several recipients or none, a provider that is also a recipient, an actor in two
roles of one event and two actors sharing a name without a country, publishers spelt
several ways, documents without a publisher or an address, events without evidence.
``tests/analyse_reference.py`` is the code as it was before the SQL path; every summary
is compared whole (ids lists included), for both ways ``aggregate`` reads a selection.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from footprint import aggregate, analyse, codebook
from footprint.db import session_scope
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
from tests import analyse_reference as reference

COUNTRIES = ["KE", "TZ", "RS", "NL", "PK", "KH", "CN", "RU", "BR"]
PUBLISHERS = [
    "Harbour Post",
    "harbour  post",
    " HARBOUR POST",
    "Wire Service",
    "人民日报样例",
    "",
    None,
    None,
]
URLS = [
    "https://www.watchdog.example/a",
    "https://watchdog.example/b",
    "https://other.example/c",
    "file:///archive/report.pdf",
    None,
]
LANGUAGES = ["en", "zh", "fr", "und"]


def _documents(rng: random.Random, n: int) -> list[Document]:
    documents = []
    for i in range(n):
        text = f"Document {i}: " + "police cooperation " * rng.randint(5, 20)
        documents.append(
            Document(
                source=f"source-{i}",
                url=rng.choice(URLS),
                title=f"Document {i}",
                publisher=rng.choice(PUBLISHERS),
                published="2024",
                language=rng.choice(LANGUAGES),
                format="html",
                text=text,
                sha256=f"{i:064x}",
                chars=len(text),
            )
        )
    return documents


def _actors(rng: random.Random) -> list[Actor]:
    book = codebook.load()
    actors = [
        Actor(name=f"Bureau {i}", kind=rng.choice(list(book.actor_kinds)), country="CN")
        for i in range(8)
    ]
    actors += [
        Actor(name="Police Academy", kind="academy", country="RS"),
        # Same name, no country: one actor for the summaries, shown as the one seen last.
        Actor(name="Nameless Unit", kind="agency", country=None),
        Actor(name="Nameless Unit", kind="company", country=None),
    ]
    actors[0].aliases = [ActorAlias(name="公安部", language="zh"), ActorAlias(name="MPS")]
    return actors


def _event(rng: random.Random, i: int, actors: list[Actor], docs: list[Document]) -> Event:
    book = codebook.load()
    year = rng.choice([None, *range(2010, 2026)])
    end = rng.choice([None, year, (year or 2015) + rng.randint(0, 3)])
    if year is not None and end is not None and end < year:
        end = year
    kind = rng.choice(list(book.event_types))
    event = Event(
        type=kind,
        status=rng.choice(list(book.statuses)),
        title=rng.choice([None, None, f"Event {i}"]),
        provider_country=rng.choice(["CN", "CN", "RU", None, ""]),
        year_start=year,
        year_end=end,
        date_start=rng.choice([None, f"{year}-0{rng.randint(1, 9)}"]) if year else None,
        date_end=rng.choice([None, f"{end}-1{rng.randint(0, 2)}"]) if end else None,
        people=rng.choice([None, 0, rng.randint(10, 5000)]) if kind == "training" else None,
        review_state=rng.choice(["machine", "machine", "accepted", "edited", "rejected", "unsure"]),
        created_at=datetime(2025, 1, 1, tzinfo=UTC) + timedelta(hours=rng.randint(0, 40)),
    )
    codes = rng.sample(COUNTRIES, rng.choice([0, 1, 1, 1, 2, 3]))
    event.recipients = [EventRecipient(country=c) for c in codes]
    regions = rng.sample(list(book.regions), rng.choice([0, 1, 1, 2]))
    event.regions = [EventRegion(region=r) for r in regions]
    links = {(rng.choice(actors), rng.choice(["provider", "recipient", "implementer"]))}
    links |= {(rng.choice(actors), "provider") for _ in range(rng.choice([0, 0, 1, 2]))}
    event.actors = [EventActor(actor=a, role=role) for a, role in links if rng.random() < 0.8]
    for _ in range(rng.choice([0, 1, 1, 2, 3, 4])):
        doc = rng.choice(docs)
        event.evidence.append(
            Evidence(
                document=doc,
                start=0,
                end=10,
                quote=doc.text[:10],
                extractor="test",
                extractor_version="0",
                confidence=0.5,
                fields={},
            )
        )
    return event


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    """A random store of 400 events, built once for the module."""
    from footprint import db

    path = tmp_path_factory.mktemp("analyse") / "random.db"
    engine = db.connect(path)
    rng = random.Random(7)
    with session_scope(engine) as session:
        docs = _documents(rng, 60)
        actors = _actors(rng)
        session.add_all(docs + actors)
        session.add_all(_event(rng, i, actors, docs) for i in range(400))
    engine.dispose()
    return str(path)


@pytest.fixture(params=["broad", "narrow"])
def session(request, store, monkeypatch):
    """A session on the random store, with every selection read one way or the other."""
    from footprint import db

    monkeypatch.setattr(aggregate, "BROAD_SHARE", 0.0 if request.param == "broad" else 1.0)
    engine = db.connect(store)
    with Session(engine) as s:
        yield s
    engine.dispose()


def _same(new, old) -> None:
    assert new == old
    assert repr(new) == repr(old)  # the same key order, too


@pytest.mark.parametrize("reviewed_only", [False, True])
def test_dataset_summary(session, reviewed_only):
    for top in (3, 10):
        _same(
            analyse.dataset_summary(session, reviewed_only=reviewed_only, top=top),
            reference.dataset_summary(session, reviewed_only=reviewed_only, top=top),
        )


@pytest.mark.parametrize("reviewed_only", [False, True])
def test_country_summaries(session, reviewed_only):
    for code in [*COUNTRIES, "DE"]:  # DE: no events at all
        _same(
            analyse.country_summary(session, code, reviewed_only=reviewed_only),
            reference.country_summary(session, code, reviewed_only=reviewed_only),
        )


@pytest.mark.parametrize("reviewed_only", [False, True])
def test_actor_summaries(session, reviewed_only):
    names = {a.name for a in session.scalars(select(Actor))} | {"公安部", "mps"}
    for name in sorted(names):
        _same(
            analyse.actor_summary(session, name, reviewed_only=reviewed_only),
            reference.actor_summary(session, name, reviewed_only=reviewed_only),
        )


@pytest.mark.parametrize("reviewed_only", [False, True])
def test_network(session, reviewed_only):
    _same(
        analyse.network(session, reviewed_only=reviewed_only),
        reference.network(session, reviewed_only=reviewed_only),
    )
    new = analyse.network_graph(session, reviewed_only=reviewed_only)
    old = reference.network_graph(session, reviewed_only=reviewed_only)
    _same(list(new.nodes(data=True)), list(old.nodes(data=True)))
    _same(list(new.edges(data=True)), list(old.edges(data=True)))


@pytest.mark.parametrize("reviewed_only", [False, True])
def test_coverage(session, reviewed_only):
    _same(
        analyse.coverage(session, reviewed_only=reviewed_only),
        reference.coverage(session, reviewed_only=reviewed_only),
    )


def test_the_python_path_on_lists_of_events_in_any_order(session):
    """``figures``, ``coverage_of`` and ``graph_of`` (reports, exports) keep the order of
    the list they are given."""
    events = analyse.load_events(session)
    for ordered in (events, events[::-1], random.Random(3).sample(events, len(events))):
        _same(analyse.figures(ordered), reference.figures(ordered))
        _same(analyse.coverage_of(ordered), reference.coverage_of(ordered))
        ident = lambda e: f"ev-{e.id}"  # noqa: E731
        new, old = analyse.graph_of(ordered, ident), reference.graph_of(ordered, ident)
        _same(list(new.nodes(data=True)), list(old.nodes(data=True)))
        _same(list(new.edges(data=True)), list(old.edges(data=True)))


def test_an_empty_store(engine):
    with session_scope(engine) as session:
        _same(analyse.dataset_summary(session), reference.dataset_summary(session))
        _same(analyse.network(session), reference.network(session))
        _same(analyse.coverage(session), reference.coverage(session))
        _same(analyse.country_summary(session, "KE"), reference.country_summary(session, "KE"))
        _same(analyse.figures([]), reference.figures([]))
