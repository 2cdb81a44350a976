"""People's decisions on events: accept, reject, unsure, edit, merge, split, link.

Every decision writes the audit log (who, when, before, after). Human decisions win:
resolution never recomputes the fields a reviewer edited (``Event.locked_fields``), never
changes an accepted event's fields, and never revives a rejected event (new evidence of
it is attached to it and stays unpublished). An edit names the version of the event it
was made on; if someone changed the event since, the edit fails (optimistic locking).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from footprint import codebook
from footprint.events import EventNotFound, get_event, snapshot
from footprint.extract import CONTRACT_KEYS
from footprint.model import (
    Actor,
    AuditEntry,
    Event,
    EventActor,
    EventLink,
    EventRecipient,
    EventRegion,
    Evidence,
)

# A reviewer may correct every field the extractor reads, and give a title and summary.
EDITABLE = (
    *(k for k in CONTRACT_KEYS if k not in ("doc", "quote", "start", "end")),
    "title",
    "summary",
)
DECISIONS = ("accepted", "rejected", "unsure")

__all__ = ["ConflictError", "EventNotFound", "ReviewError"]


class ReviewError(ValueError):
    """A decision that cannot be carried out as asked."""


class ConflictError(ReviewError):
    """The event changed since the reviewer read it."""


def audit(
    session: Session,
    who: str,
    action: str,
    event: Event | None,
    before: dict | None,
    after: dict | None,
    note: str | None = None,
    *,
    entity: str = "event",
    entity_id: int | None = None,
) -> None:
    session.add(
        AuditEntry(
            who=who,
            action=action,
            entity=entity,
            entity_id=entity_id if event is None else event.id,
            before=before,
            after=after,
            note=note,
        )
    )


def _checked(session: Session, event_id: int, expected_version: int | None) -> Event:
    event = get_event(session, event_id)
    if expected_version is not None and event.version != expected_version:
        raise ConflictError(
            f"event {event_id}: changed by someone else since you read it "
            f"(you read version {expected_version}, it is now version {event.version}); "
            "reload it and decide again — nothing was changed"
        )
    return event


def _bump(event: Event) -> None:
    event.version += 1


def decide(
    session: Session,
    event_id: int,
    decision: str,
    who: str,
    *,
    expected_version: int | None = None,
    note: str | None = None,
) -> Event:
    """Record a reviewer's accept, reject or unsure on one event."""
    if decision not in DECISIONS:
        raise ReviewError(f"decision: {decision!r} is not one of {', '.join(DECISIONS)}")
    if decision == "unsure" and not note:
        raise ReviewError("note: an 'unsure' decision needs a note saying what is unclear")
    event = _checked(session, event_id, expected_version)
    before = snapshot(event)
    event.review_state = decision
    _bump(event)
    session.flush()
    action = {"accepted": "accept", "rejected": "reject", "unsure": "unsure"}[decision]
    audit(session, who, action, event, before, snapshot(event), note)
    return event


def accept(session: Session, event_id: int, who: str, *, expected_version=None, note=None):
    return decide(session, event_id, "accepted", who, expected_version=expected_version, note=note)


def reject(session: Session, event_id: int, who: str, *, expected_version=None, note=None):
    return decide(session, event_id, "rejected", who, expected_version=expected_version, note=note)


def unsure(session: Session, event_id: int, who: str, note: str, *, expected_version=None):
    return decide(session, event_id, "unsure", who, expected_version=expected_version, note=note)


def bulk(
    session: Session,
    event_ids: Iterable[int],
    decision: str,
    who: str,
    note: str | None = None,
) -> int:
    """The same decision on many events (e.g. a filtered list); one audit entry each."""
    count = 0
    for event_id in event_ids:
        decide(session, event_id, decision, who, note=note)
        count += 1
    return count


def _normalise(changes: dict[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ReviewError(
            f"{', '.join(sorted(unknown))}: not editable (editable: {', '.join(EDITABLE)})"
        )
    out = dict(changes)
    try:
        if "type" in out:
            codebook.event_type(out["type"])
        if "status" in out:
            codebook.status(out["status"])
        if out.get("provider"):
            out["provider"] = codebook.country(out["provider"])
        if "recipients" in out:
            out["recipients"] = sorted({codebook.country(c) for c in out["recipients"]})
        if "recipient_regions" in out:
            regions = out["recipient_regions"]
            out["recipient_regions"] = sorted({codebook.region(r) for r in regions})
        for name in ("year_start", "year_end", "people"):
            if out.get(name) is not None:
                out[name] = int(out[name])
    except codebook.CodebookError as exc:
        raise ReviewError(str(exc)) from None
    except (TypeError, ValueError):
        raise ReviewError(f"{name}: {out[name]!r} is not a whole number") from None
    return out


def _actor(session: Session, name: str, country: str | None) -> Actor:
    actor = session.scalar(select(Actor).where(Actor.name == name, Actor.country == country))
    if actor is None:
        actor = Actor(name=name, kind="agency", country=country)
        session.add(actor)
        session.flush()
    return actor


def apply_fields(session: Session, event: Event, values: dict[str, Any]) -> None:
    """Set event fields from snapshot-style values (used by edits, resolution and imports)."""
    simple = {
        "type": "type",
        "status": "status",
        "title": "title",
        "summary": "summary",
        "provider": "provider_country",
        "year_start": "year_start",
        "year_end": "year_end",
        "people": "people",
    }
    for name, column in simple.items():
        if name in values:
            setattr(event, column, values[name])
    if "recipients" in values:
        wanted = set(values["recipients"])
        event.recipients = [r for r in event.recipients if r.country in wanted] + [
            EventRecipient(country=c)
            for c in sorted(wanted - {r.country for r in event.recipients})
        ]
    if "recipient_regions" in values:
        wanted = set(values["recipient_regions"])
        event.regions = [r for r in event.regions if r.region in wanted] + [
            EventRegion(region=r) for r in sorted(wanted - {r.region for r in event.regions})
        ]
    if "provider_orgs" in values:
        _set_provider_orgs(session, event, set(values["provider_orgs"]))


def _set_provider_orgs(session: Session, event: Event, wanted: set[str]) -> None:
    with session.no_autoflush:  # looking actors up must not flush a half-built list
        keep = [a for a in event.actors if a.role != "provider" or a.actor.name in wanted]
        have = {a.actor.name for a in keep if a.role == "provider"}
        event.actors = keep
        for name in sorted(wanted - have):
            actor = _actor(session, name, event.provider_country)
            event.actors.append(EventActor(actor_id=actor.id, role="provider", actor=actor))


def edit(
    session: Session,
    event_id: int,
    who: str,
    changes: dict[str, Any],
    *,
    expected_version: int | None = None,
    note: str | None = None,
) -> Event:
    """Correct fields of an event; they are locked against later machine recomputation."""
    values = _normalise(changes)
    event = _checked(session, event_id, expected_version)
    before = snapshot(event)
    merged = before | values
    if (
        merged["year_start"] is not None
        and merged["year_end"] is not None
        and merged["year_start"] > merged["year_end"]
    ):
        raise ReviewError(f"year_end: {merged['year_end']} is before year_start")
    apply_fields(session, event, values)
    event.locked_fields = sorted(set(event.locked_fields or []) | set(values))
    event.review_state = "edited"
    _bump(event)
    session.flush()
    session.refresh(event)
    audit(session, who, "edit", event, before, snapshot(event), note)
    return event


def merge(
    session: Session,
    keep_id: int,
    other_id: int,
    who: str,
    *,
    confirm_type_change: bool = False,
    note: str | None = None,
) -> Event:
    """Fold ``other`` into ``keep``: its evidence and links move; ``other`` is rejected
    and points to ``keep`` (kept, so its history and any citation of it still resolve)."""
    if keep_id == other_id:
        raise ReviewError("merge: an event cannot be merged into itself")
    keep, other = get_event(session, keep_id), get_event(session, other_id)
    if keep.type != other.type and not confirm_type_change:
        raise ReviewError(
            f"merge: event {keep_id} is {keep.type} but event {other_id} is {other.type}; "
            "confirm to merge events of different types"
        )
    before_keep, before_other = snapshot(keep), snapshot(other)
    moved = [e.id for e in other.evidence]
    for evidence in list(other.evidence):
        evidence.event = keep
    for link in session.scalars(select(EventLink).where(EventLink.source_id == other.id)):
        link.source_id = keep.id
    for link in session.scalars(select(EventLink).where(EventLink.target_id == other.id)):
        link.target_id = keep.id
    other.review_state = "rejected"
    other.possible_duplicate_of = keep.id
    keep.possible_duplicate_of = None
    if keep.review_state == "machine":
        keep.review_state = "accepted"
    _bump(keep)
    _bump(other)
    session.flush()
    from footprint.resolve import refresh_event  # resolve imports review; avoid a cycle

    refresh_event(session, keep)
    audit(
        session,
        who,
        "merge",
        keep,
        before_keep,
        snapshot(keep) | {"merged": other.id, "evidence_moved": moved},
        note,
    )
    audit(
        session, who, "merged_into", other, before_other, snapshot(other) | {"into": keep.id}, note
    )
    return keep


def split(
    session: Session,
    event_id: int,
    evidence_ids: Iterable[int],
    who: str,
    *,
    note: str | None = None,
) -> Event:
    """Move some of an event's evidence to a new event (the reviewer found two events)."""
    event = get_event(session, event_id)
    wanted = set(evidence_ids)
    chosen = [e for e in event.evidence if e.id in wanted]
    missing = wanted - {e.id for e in chosen}
    if missing:
        raise ReviewError(
            f"evidence: {', '.join(map(str, sorted(missing)))} not part of event {event_id}"
        )
    if not chosen or len(chosen) == len(event.evidence):
        raise ReviewError("evidence: choose some, but not all, of the event's evidence")
    before = snapshot(event)
    new = Event(type=event.type, provider_country=event.provider_country, review_state="accepted")
    session.add(new)
    for evidence in chosen:
        evidence.event = new
    _bump(event)
    session.flush()
    from footprint.resolve import refresh_event

    refresh_event(session, new, recompute_fields=True)
    refresh_event(session, event)
    audit(
        session,
        who,
        "split",
        event,
        before,
        snapshot(event) | {"split_into": new.id, "evidence_moved": sorted(wanted)},
        note,
    )
    audit(session, who, "split_from", new, None, snapshot(new) | {"from": event.id}, note)
    return new


def link(
    session: Session,
    source_id: int,
    target_id: int,
    relation: str,
    who: str,
    *,
    note: str | None = None,
) -> EventLink:
    """Say that ``source`` (the later event) follows from ``target``."""
    try:
        codebook.event_relation(relation)
    except codebook.CodebookError as exc:
        raise ReviewError(str(exc)) from None
    if source_id == target_id:
        raise ReviewError("link: an event cannot be linked to itself")
    get_event(session, source_id), get_event(session, target_id)
    existing = session.scalar(
        select(EventLink).where(
            EventLink.source_id == source_id,
            EventLink.target_id == target_id,
            EventLink.relation == relation,
        )
    )
    if existing:
        return existing
    row = EventLink(source_id=source_id, target_id=target_id, relation=relation, created_by=who)
    session.add(row)
    session.flush()
    audit(
        session,
        who,
        "link",
        None,
        None,
        {"source": source_id, "target": target_id, "relation": relation},
        note,
        entity="event",
        entity_id=source_id,
    )
    return row


def evidence_of(session: Session, event_id: int) -> list[Evidence]:
    return list(session.scalars(select(Evidence).where(Evidence.event_id == event_id)))
