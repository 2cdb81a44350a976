"""Review: decisions, edits with optimistic locking, merge, split, links, the audit log."""

from __future__ import annotations

import pytest

from footprint import events, review
from footprint.db import session_scope
from footprint.model import AuditEntry, EventLink
from tests.resolve.helpers import add_and_resolve, article, events_of


@pytest.fixture
def two_events(engine, tmp_path):
    add_and_resolve(
        engine,
        article(tmp_path, "a", "Chinese police trained 80 officers from Laos in 2021.", "X"),
        article(tmp_path, "b", "China and Serbia held joint police patrols in 2019.", "Y"),
    )
    training, patrol = sorted(events_of(engine), key=lambda e: e.type != "training")
    assert (training.type, patrol.type) == ("training", "joint_patrol")
    return training.id, patrol.id


def test_decisions_are_recorded_with_before_and_after(engine, two_events):
    training, _ = two_events
    with session_scope(engine) as session:
        review.accept(session, training, "ana", note="checked the source")
    with session_scope(engine) as session:
        (entry,) = events.history(session, "event", training)
        assert (entry.who, entry.action, entry.note) == ("ana", "accept", "checked the source")
        assert entry.before["review_state"] == "machine"
        assert entry.after["review_state"] == "accepted"
        assert events.get_event(session, training).version == 2


def test_unsure_needs_a_note(engine, two_events):
    with session_scope(engine) as session, pytest.raises(review.ReviewError, match="note"):
        review.unsure(session, two_events[0], "ana", "")


def test_stale_edit_fails_with_conflict_and_changes_nothing(engine, two_events):
    training, _ = two_events
    with session_scope(engine) as session:
        read_version = events.get_event(session, training).version
        review.edit(session, training, "ana", {"people": 90}, expected_version=read_version)
    conflict = pytest.raises(review.ConflictError, match="changed by someone else")
    with conflict, session_scope(engine) as session:
        review.edit(session, training, "bo", {"people": 70}, expected_version=read_version)
    with session_scope(engine) as session:
        event = events.get_event(session, training)
        assert event.people == 90 and event.review_state == "edited"
        assert event.locked_fields == ["people"]
        assert [a.who for a in events.history(session, "event", training)] == ["ana"]


def test_edit_rejects_values_outside_the_codebook(engine, two_events):
    with session_scope(engine) as session:
        with pytest.raises(review.ReviewError, match="recipients|country"):
            review.edit(session, two_events[0], "ana", {"recipients": ["XX"]})
        with pytest.raises(review.ReviewError, match="colour"):
            review.edit(session, two_events[0], "ana", {"colour": "red"})
        with pytest.raises(review.ReviewError, match="year_end"):
            review.edit(session, two_events[0], "ana", {"year_start": 2022, "year_end": 2020})


def test_merge_across_types_needs_confirmation_then_moves_evidence(engine, two_events):
    training, patrol = two_events
    with session_scope(engine) as session, pytest.raises(review.ReviewError, match="confirm"):
        review.merge(session, training, patrol, "ana")
    with session_scope(engine) as session:
        kept = review.merge(session, training, patrol, "ana", confirm_type_change=True)
        assert len(kept.evidence) == 2 and kept.sources == 2
        other = events.get_event(session, patrol)
        assert other.review_state == "rejected" and other.possible_duplicate_of == training
        actions = [a.action for a in session.query(AuditEntry).order_by(AuditEntry.id)]
        assert actions == ["merge", "merged_into"]


def test_split_moves_chosen_evidence_to_a_new_event(engine, two_events):
    training, patrol = two_events
    with session_scope(engine) as session:
        review.merge(session, training, patrol, "ana", confirm_type_change=True)
    with session_scope(engine) as session:
        event = events.get_event(session, training)
        moved = [e.id for e in event.evidence if e.fields["type"] == "joint_patrol"]
        with pytest.raises(review.ReviewError, match="not all"):
            review.split(session, training, [e.id for e in event.evidence], "ana")
        new = review.split(session, training, moved, "ana")
        assert [e.id for e in new.evidence] == moved
        assert [r.country for r in new.recipients] == ["RS"] and new.year_start == 2019
        assert len(events.get_event(session, training).evidence) == 1


def test_links_are_checked_and_audited(engine, two_events):
    training, patrol = two_events
    with session_scope(engine) as session:
        with pytest.raises(review.ReviewError, match="relation"):
            review.link(session, patrol, training, "causes", "ana")
        review.link(session, patrol, training, "follows", "ana")
        review.link(session, patrol, training, "follows", "ana")  # once only
        assert session.query(EventLink).count() == 1
        assert events.links(session, training) == [
            {"relation": "follows", "direction": "to", "event": patrol, "created_by": "ana"}
        ]


def test_bulk_decision_on_a_filtered_list(engine, two_events):
    with session_scope(engine) as session:
        ids = [e.id for e in events.list_events(session, events.EventFilter(country="LA"))]
        assert ids == [two_events[0]]
        assert review.bulk(session, ids, "rejected", "ana", note="off topic") == 1
    with session_scope(engine) as session:
        assert events.count_events(session) == 1
        assert events.count_events(session, events.EventFilter(review_state="rejected")) == 1


def test_unknown_event_is_a_clear_error(engine):
    with session_scope(engine) as session, pytest.raises(events.EventNotFound, match="999"):
        review.accept(session, 999, "ana")
