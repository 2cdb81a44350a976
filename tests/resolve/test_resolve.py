"""Resolution: one event from many sources, claims and conflicts, incremental runs."""

from __future__ import annotations

from footprint import events, review
from footprint.db import session_scope
from footprint.model import EventLink
from tests.resolve.helpers import add_and_resolve, article, events_of

TRAINED_2700 = "China's police ministry said it trained 2,700 police officers from Serbia in 2023."
TRAINED_2000 = "Chinese police trained about 2,000 Serbian officers in 2023, officials said."


def test_same_event_from_two_publishers_is_one_event_with_conflicting_claims(engine, tmp_path):
    a = article(tmp_path, "a", TRAINED_2700, "Belgrade Daily")
    b = article(tmp_path, "b", TRAINED_2000, "Danube Wire")
    add_and_resolve(engine, a, b)
    (event,) = events_of(engine, "training")
    assert [r.country for r in event.recipients] == ["RS"]
    assert event.sources == 2 and event.disputed
    with session_scope(engine) as session:
        claims = events.claims(events.get_event(session, event.id))
    people = {c["value"]: c["sources"] for c in claims["people"]}
    assert people == {2700: ["belgrade daily"], 2000: ["danube wire"]}  # kept, not averaged


def test_syndicated_copy_counts_as_one_source(engine, tmp_path):
    a = article(tmp_path, "a", TRAINED_2700, "Belgrade Daily")
    b = article(tmp_path, "b", TRAINED_2700 + " The programme continues.", "Syndicator")
    add_and_resolve(engine, a, b)
    (event,) = events_of(engine, "training")
    assert len(event.evidence) == 2 and event.sources == 1 and not event.disputed


def test_resolution_is_incremental(engine, tmp_path):
    add_and_resolve(engine, article(tmp_path, "a", TRAINED_2700, "Belgrade Daily"))
    (first,) = events_of(engine, "training")
    report = add_and_resolve(engine, article(tmp_path, "b", TRAINED_2000, "Danube Wire"))
    (again,) = events_of(engine, "training")
    assert again.id == first.id and len(again.evidence) == 2
    assert report.mentions == 1 and report.attached == 1 and report.created == 0


def test_different_countries_and_plans_stay_apart_and_plans_are_linked(engine, tmp_path):
    done = article(tmp_path, "a", "Chinese police trained 300 officers from Laos in 2024.", "X")
    other = article(tmp_path, "b", "Chinese police trained 300 officers from Peru in 2024.", "Y")
    plan = article(
        tmp_path, "c", "China plans to train 300 police officers from Laos in 2024.", "Z", "2023"
    )
    add_and_resolve(engine, plan)
    add_and_resolve(engine, done, other)
    trainings = events_of(engine, "training")
    assert sorted((e.status, e.recipients[0].country) for e in trainings) == [
        ("completed", "LA"),
        ("completed", "PE"),
        ("planned", "LA"),
    ]
    with session_scope(engine) as session:
        (link,) = session.query(EventLink).all()
    by_status = {(e.status, e.recipients[0].country): e.id for e in trainings}
    assert link.relation == "implements"
    assert (link.source_id, link.target_id) == (
        by_status["completed", "LA"],
        by_status["planned", "LA"],
    )


def test_rejected_event_never_comes_back(engine, tmp_path):
    add_and_resolve(engine, article(tmp_path, "a", TRAINED_2700, "Belgrade Daily"))
    (event,) = events_of(engine, "training")
    with session_scope(engine) as session:
        review.reject(session, event.id, "ana", note="not a training event")
    # Re-extracting and re-resolving the same document, and a new source of it.
    add_and_resolve(engine, article(tmp_path, "b", TRAINED_2000, "Danube Wire"))
    everything = events_of(engine, "training")
    assert [e.id for e in everything] == [event.id]
    assert everything[0].review_state == "rejected" and len(everything[0].evidence) == 2
    with session_scope(engine) as session:
        assert events.count_events(session, events.EventFilter(type="training")) == 0


def test_reviewer_edits_survive_new_evidence_and_re_extraction(engine, tmp_path):
    add_and_resolve(engine, article(tmp_path, "a", TRAINED_2700, "Belgrade Daily"))
    (event,) = events_of(engine, "training")
    with session_scope(engine) as session:
        review.edit(session, event.id, "ana", {"people": 2500, "title": "Serbian officers"})
    add_and_resolve(engine, article(tmp_path, "b", TRAINED_2000, "Danube Wire"))
    (after,) = events_of(engine, "training")
    assert after.id == event.id and after.review_state == "edited"
    assert after.people == 2500 and after.title == "Serbian officers"
    assert after.sources == 2 and after.disputed  # corroboration is still recomputed


def test_near_duplicate_is_flagged_for_review(engine, tmp_path):
    a = article(tmp_path, "a", "Chinese police trained 40 officers from Laos in 2021.", "X")
    b = article(tmp_path, "b", "Chinese police trained 400 officers from Laos in 2022.", "Y")
    add_and_resolve(engine, a)
    add_and_resolve(engine, b)
    first, second = events_of(engine, "training")
    assert second.possible_duplicate_of == first.id


STATION = (
    "A rights group said Chinese police had run a service station in Lagos, Nigeria, since 2023."
)
DENIAL = "China's embassy denied that Chinese police operate a service station in Nigeria."


def test_an_official_denial_is_a_claim_on_the_event_it_denies(engine, tmp_path):
    # Alone, a denial makes no event; once a source asserts the station, it joins it.
    report = add_and_resolve(engine, article(tmp_path, "d", DENIAL, "Embassy Statement"))
    assert events_of(engine, "overseas_station") == []
    assert report.unmatched_denials == 1 and report.created == 0
    add_and_resolve(engine, article(tmp_path, "a", STATION, "Lagos Ledger"))
    (event,) = events_of(engine, "overseas_station")
    assert len(event.evidence) == 2
    assert event.sources == 1 and event.disputed  # the denial corroborates nothing
    assert event.year_start == 2023  # fields come from the sources that assert it
    with session_scope(engine) as session:
        stance = events.claims(events.get_event(session, event.id))["stance"]
    assert {c["value"]: c["sources"] for c in stance} == {
        "asserted": ["lagos ledger"],
        "denied": ["embassy statement"],
    }


def test_events_nobody_denies_show_no_stance_claim(engine, tmp_path):
    add_and_resolve(engine, article(tmp_path, "a", TRAINED_2700, "Belgrade Daily"))
    (event,) = events_of(engine, "training")
    with session_scope(engine) as session:
        assert "stance" not in events.claims(events.get_event(session, event.id))


def test_forums_in_different_cities_stay_apart_and_one_city_joins(engine, tmp_path):
    kunming = "Police chiefs from Laos and Thailand attended a security forum in Kunming in 2024."
    xiamen = "Police chiefs from Laos and Thailand attended a security forum in Xiamen in 2024."
    again = "Delegations from Laos met Chinese police at the security forum in Kunming in 2024."
    add_and_resolve(
        engine,
        article(tmp_path, "a", kunming, "Mekong Wire"),
        article(tmp_path, "b", xiamen, "Delta Post"),
        article(tmp_path, "c", again, "Lao Daily"),
    )
    forums = events_of(engine, "forum")
    assert sorted(len(e.evidence) for e in forums) == [1, 2]
    with session_scope(engine) as session:
        quotes = {
            frozenset(ev.quote for ev in events.get_event(session, e.id).evidence) for e in forums
        }
    assert frozenset({kunming, again}) in quotes
