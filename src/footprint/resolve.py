"""Resolution: group mentions (evidence) from many documents into events; corroborate.

A mention joins an existing event when they are compatible: same type and provider,
overlapping recipient countries (or, when neither names a country, overlapping regions),
overlapping years (or one unknown), compatible status (a plan is not its own
implementation: those are linked, not merged) and compatible figures (2,700 and 2,000
officers may be one event told twice, 300 and 3,000 are not). Differing figures are kept
as separate claims and the event is flagged as disputed.

Resolution is incremental: only evidence without an event is looked at, and only events
that could match it are read from the database (blocking on type + recipient country,
or type + region, or type alone for events that name neither).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import Engine, and_, exists, select
from sqlalchemy.orm import Session, selectinload

from footprint.db import session_scope
from footprint.events import CLAIM_FIELDS, source_key
from footprint.model import Event, EventLink, EventRecipient, EventRegion, Evidence
from footprint.review import apply_fields

# Figures further apart than this ratio are different events, not conflicting claims.
PEOPLE_RATIO = 1.6
# Quotes this similar (0-100) in two documents are one story syndicated, not two sources.
SYNDICATED = 90
BATCH = 2000


@dataclass
class Profile:
    """What matching needs to know of an event (or of a lone mention)."""

    type: str
    provider: str | None
    status: str
    recipients: frozenset[str]
    regions: frozenset[str]
    year_start: int | None
    year_end: int | None
    people: frozenset[int] = frozenset()
    documents: frozenset[int] = frozenset()
    event_id: int | None = None

    @classmethod
    def of_mention(cls, evidence: Evidence) -> Profile:
        f = evidence.fields
        start, end = f.get("year_start"), f.get("year_end")
        return cls(
            type=f.get("type", ""),
            provider=f.get("provider"),
            status=f.get("status") or "unknown",
            recipients=frozenset(f.get("recipients") or ()),
            regions=frozenset(f.get("recipient_regions") or ()),
            year_start=start if start is not None else end,
            year_end=end if end is not None else start,
            people=frozenset([f["people"]]) if f.get("people") else frozenset(),
            documents=frozenset([evidence.document_id]),
        )

    @classmethod
    def of_event(cls, event: Event, people: Iterable[int] = ()) -> Profile:
        start, end = event.year_start, event.year_end
        return cls(
            type=event.type,
            provider=event.provider_country,
            status=event.status,
            recipients=frozenset(r.country for r in event.recipients),
            regions=frozenset(r.region for r in event.regions),
            year_start=start if start is not None else end,
            year_end=end if end is not None else start,
            people=frozenset(p for p in [event.people, *people] if p),
            event_id=event.id,
        )

    def absorb(self, other: Profile) -> Profile:
        """The profile after a mention joined: later mentions compare with all claims."""
        starts = [y for y in (self.year_start, other.year_start) if y is not None]
        ends = [y for y in (self.year_end, other.year_end) if y is not None]
        return Profile(
            type=self.type,
            provider=self.provider or other.provider,
            status=self.status if self.status != "unknown" else other.status,
            recipients=self.recipients | other.recipients,
            regions=self.regions | other.regions,
            year_start=min(starts) if starts else None,
            year_end=max(ends) if ends else None,
            people=self.people | other.people,
            documents=self.documents | other.documents,
            event_id=self.event_id,
        )


_STAGES = {"planned": 0, "ongoing": 1, "completed": 1, "cancelled": 2}


def similarity(mention: Profile, event: Profile) -> float | None:
    """How well a mention fits an event: None when they cannot be the same event."""
    if mention.type != event.type:
        return None
    if mention.provider and event.provider and mention.provider != event.provider:
        return None
    stages = {_STAGES.get(mention.status), _STAGES.get(event.status)} - {None}
    if 0 in stages and len(stages) > 1:  # a plan and its implementation: linked, not merged
        return None
    score = 1.0
    if mention.recipients or event.recipients:
        shared = mention.recipients & event.recipients
        if not shared:
            return None
        score += len(shared) / len(mention.recipients | event.recipients)
    elif mention.regions or event.regions:
        if not mention.regions & event.regions:
            return None
        score += 0.5
    if mention.year_start is not None and event.year_start is not None:
        if mention.year_start > event.year_end or event.year_start > mention.year_end:
            return None
        score += 1.0 if mention.year_start == event.year_start else 0.5
    elif not (mention.recipients or mention.regions) and not (mention.documents & event.documents):
        # Neither place nor time: too vague to join another document's event on type alone.
        return None
    if mention.people and event.people:
        ratio = max(max(mention.people), max(event.people)) / min(
            min(mention.people), min(event.people)
        )
        if ratio > PEOPLE_RATIO:
            return None
        score += 1.0 if mention.people & event.people else 0.25
    if mention.documents & event.documents:
        score += 0.5
    return score


@dataclass
class ResolveReport:
    mentions: int = 0
    attached: int = 0  # joined an existing event
    created: int = 0  # started a new event
    links: int = 0
    possible_duplicates: int = 0
    events_touched: set[int] = field(default_factory=set)

    def summary(self) -> str:
        return (
            f"{self.mentions} mentions resolved: {self.attached} joined existing events, "
            f"{self.created} new events, {self.links} lifecycle links, "
            f"{self.possible_duplicates} possible duplicates flagged"
        )


class _Blocks:
    """Candidate events for a batch of mentions, indexed the way matching looks them up."""

    def __init__(self) -> None:
        self.by_country: dict[tuple[str, str], list[Profile]] = defaultdict(list)
        self.by_region: dict[tuple[str, str], list[Profile]] = defaultdict(list)
        self.placeless: dict[str, list[Profile]] = defaultdict(list)

    def add(self, profile: Profile) -> None:
        if profile.recipients:
            for country in profile.recipients:
                self.by_country[profile.type, country].append(profile)
        elif profile.regions:
            for region in profile.regions:
                self.by_region[profile.type, region].append(profile)
        else:
            self.placeless[profile.type].append(profile)

    def remove(self, profile: Profile) -> None:
        for bucket in self._buckets(profile):
            bucket[:] = [p for p in bucket if p is not profile]

    def _buckets(self, profile: Profile) -> list[list[Profile]]:
        if profile.recipients:
            return [self.by_country[profile.type, c] for c in profile.recipients]
        if profile.regions:
            return [self.by_region[profile.type, r] for r in profile.regions]
        return [self.placeless[profile.type]]

    def candidates(self, mention: Profile) -> list[Profile]:
        seen: dict[int, Profile] = {}
        for bucket in self._buckets(mention):
            for profile in bucket:
                seen[id(profile)] = profile
        return list(seen.values())


def _load_candidates(session: Session, mentions: list[Profile]) -> _Blocks:
    """Read from the database only the events a batch of mentions could join."""
    blocks = _Blocks()
    types = {m.type for m in mentions}
    countries = {c for m in mentions for c in m.recipients}
    regions = {r for m in mentions if not m.recipients for r in m.regions}
    placeless = {m.type for m in mentions if not m.recipients and not m.regions}
    conditions = []
    if countries:
        conditions.append(
            Event.id.in_(
                select(EventRecipient.event_id).where(EventRecipient.country.in_(countries))
            )
        )
    no_country = ~exists().where(EventRecipient.event_id == Event.id)
    if regions:
        conditions.append(
            and_(
                no_country,
                Event.id.in_(select(EventRegion.event_id).where(EventRegion.region.in_(regions))),
            )
        )
    if placeless:
        conditions.append(
            and_(
                Event.type.in_(placeless),
                no_country,
                ~exists().where(EventRegion.event_id == Event.id),
            )
        )
    if not conditions:
        return blocks
    from sqlalchemy import or_

    query = (
        select(Event)
        .where(Event.type.in_(types), or_(*conditions))
        .options(selectinload(Event.recipients), selectinload(Event.regions))
    )
    events = list(session.scalars(query))
    people = _people_claims(session, [e.id for e in events])
    for event in events:
        blocks.add(Profile.of_event(event, people.get(event.id, ())))
    return blocks


def _people_claims(session: Session, event_ids: list[int]) -> dict[int, set[int]]:
    claims: dict[int, set[int]] = defaultdict(set)
    for start in range(0, len(event_ids), 900):
        chunk = event_ids[start : start + 900]
        for event_id, fields in session.execute(
            select(Evidence.event_id, Evidence.fields).where(Evidence.event_id.in_(chunk))
        ):
            if fields.get("people"):
                claims[event_id].add(fields["people"])
    return claims


def resolve(engine: Engine, *, on_batch: Callable[[int, int], None] | None = None) -> ResolveReport:
    """Attach every unresolved mention to an event, creating events where none fits."""
    report = ResolveReport()
    while True:
        with session_scope(engine) as session:
            pending = list(
                session.scalars(
                    select(Evidence)
                    .where(Evidence.event_id.is_(None))
                    .order_by(Evidence.id)
                    .limit(BATCH)
                )
            )
            if not pending:
                break
            _resolve_batch(session, pending, report)
        if on_batch:
            on_batch(report.mentions, len(pending))
    return report


def _resolve_batch(session: Session, pending: list[Evidence], report: ResolveReport) -> None:
    mentions = [Profile.of_mention(e) for e in pending]
    blocks = _load_candidates(session, mentions)
    new_events: dict[int, Event] = {}  # id(profile) → event made in this batch
    touched: dict[int, Event] = {}
    for evidence, mention in zip(pending, mentions, strict=True):
        report.mentions += 1
        scored = [(similarity(mention, c), c) for c in blocks.candidates(mention)]
        scored = [(s, c) for s, c in scored if s is not None]
        if scored:
            _, best = max(scored, key=lambda sc: (sc[0], -(sc[1].event_id or 0)))
            event = new_events.get(id(best)) or session.get(Event, best.event_id)
            evidence.event = event
            blocks.remove(best)
            grown = best.absorb(mention)
            blocks.add(grown)
            if id(best) in new_events:
                new_events[id(grown)] = new_events.pop(id(best))
            report.attached += 1
        else:
            event = Event(type=mention.type, provider_country=mention.provider)
            session.add(event)
            evidence.event = event
            profile = Profile(**{**mention.__dict__})
            blocks.add(profile)
            new_events[id(profile)] = event
            report.created += 1
        touched[id(event)] = event
    session.flush()
    for event in touched.values():
        refresh_event(session, event)
        report.events_touched.add(event.id)
    created = list(new_events.values())
    report.links += link_lifecycle(session, created)
    report.possible_duplicates += flag_duplicates(session, created)


def _mode(values: list[Any]) -> Any:
    """The value most sources give; ties go to the first stated."""
    values = [v for v in values if v is not None]
    if not values:
        return None
    counts = Counter(values)
    return max(values, key=lambda v: (counts[v], -values.index(v)))


def _independent_sources(evidence: list[Evidence]) -> int:
    """Distinct publishers, where near-identical quotes (syndication) count once."""
    groups: list[tuple[set[str], list[str]]] = []
    for e in evidence:
        key = source_key(e.document)
        home = next((g for g in groups if key in g[0]), None)
        if home is None:
            home = next(
                (g for g in groups if any(fuzz.ratio(e.quote, q) >= SYNDICATED for q in g[1])),
                None,
            )
        if home is None:
            groups.append(({key}, [e.quote]))
        else:
            home[0].add(key)
            home[1].append(e.quote)
    return len(groups)


def corroboration(evidence: list[Evidence]) -> tuple[int, float, str]:
    """Independent sources, a confidence in [0, 1] and its codebook level."""
    sources = _independent_sources(evidence)
    best = max((e.confidence for e in evidence), default=0.0)
    # Each further independent source removes part of the remaining doubt.
    confidence = 1 - (1 - best) * math.pow(0.5, max(sources - 1, 0))
    if sources >= 3 or (sources >= 2 and best >= 0.7):
        level = "high"
    elif sources >= 2 or best >= 0.8:
        level = "medium"
    else:
        level = "low"
    return sources, round(confidence, 4), level


def refresh_event(session: Session, event: Event, *, recompute_fields: bool | None = None) -> None:
    """Recompute corroboration, and for machine events the fields, from the evidence."""
    evidence = list(event.evidence)
    if not evidence:
        return
    if recompute_fields is None:
        recompute_fields = event.review_state == "machine"
    if recompute_fields:
        values = _fields_from(evidence)
        for name in event.locked_fields or []:
            values.pop(name, None)
        apply_fields(session, event, values)
    event.sources, event.confidence, event.confidence_level = corroboration(evidence)
    event.disputed = any(
        len({e.fields.get(name) for e in evidence} - {None}) > 1
        for name in CLAIM_FIELDS
        if name != "status"
    )


def _fields_from(evidence: list[Evidence]) -> dict[str, Any]:
    f = [e.fields for e in evidence]
    statuses = [x.get("status") for x in f if x.get("status") not in (None, "unknown")]
    starts = [x.get("year_start") for x in f]
    ends = [x.get("year_end") for x in f]
    start = _mode(starts)
    end = _mode([e for s, e in zip(starts, ends, strict=True) if s == start] or ends)
    if start is not None and end is not None and end < start:
        end = start
    return {
        "status": _mode(statuses) or "unknown",
        "provider": _mode([x.get("provider") for x in f]),
        "provider_orgs": sorted({o for x in f for o in x.get("provider_orgs") or ()}),
        "recipients": sorted({c for x in f for c in x.get("recipients") or ()}),
        "recipient_regions": sorted({r for x in f for r in x.get("recipient_regions") or ()}),
        "year_start": start,
        "year_end": end,
        "people": _mode([x.get("people") for x in f]),
    }


# Machine lifecycle links: (later type, later statuses) → (earlier types, relation).
_LIFECYCLE = [
    (
        {"training", "technology_transfer", "joint_patrol", "overseas_station"},
        {"ongoing", "completed"},
        {"same", "agreement"},
        "implements",
    ),
    (
        {"pushback"},
        None,
        {"joint_patrol", "overseas_station", "agreement", "training", "technology_transfer"},
        "responds_to",
    ),
]


def _earlier(session: Session, event: Event, types: set[str], planned_only: bool) -> list[Event]:
    countries = [r.country for r in event.recipients]
    if not countries:
        return []
    query = (
        select(Event)
        .join(EventRecipient)
        .where(
            EventRecipient.country.in_(countries),
            Event.type.in_(types),
            Event.id != event.id,
            Event.review_state != "rejected",
        )
        .distinct()
        .limit(20)
    )
    if planned_only:
        query = query.where(Event.status == "planned")
    year = event.year_start
    return [
        e
        for e in session.scalars(query)
        if year is None or e.year_start is None or e.year_start <= year
    ]


def link_lifecycle(session: Session, events: list[Event]) -> int:
    """Link new events to the earlier events they follow from (machine links, reviewable)."""
    made = 0
    for event in events:
        for later_types, statuses, earlier, relation in _LIFECYCLE:
            if event.type not in later_types or (statuses and event.status not in statuses):
                continue
            types = {event.type if t == "same" else t for t in earlier}
            planned_only = relation == "implements"
            for target in _earlier(session, event, types, planned_only)[:3]:
                if target.type == "agreement" and relation == "implements":
                    relation_here = "under"
                else:
                    relation_here = relation
                exists_already = session.scalar(
                    select(EventLink.id).where(
                        EventLink.source_id == event.id, EventLink.target_id == target.id
                    )
                )
                if exists_already is None:
                    session.add(
                        EventLink(source_id=event.id, target_id=target.id, relation=relation_here)
                    )
                    made += 1
    session.flush()
    return made


def flag_duplicates(session: Session, events: list[Event]) -> int:
    """Warn a reviewer when a new event nearly matches an existing one.

    Nearly: same type and a shared recipient (or region), but something kept resolution
    from merging them (years one apart, a figure out of range, a plan vs its outcome).
    """
    flagged = 0
    for event in events:
        mine = Profile.of_event(event)
        if not (mine.recipients or mine.regions):
            continue
        query = select(Event).where(Event.type == event.type, Event.id < event.id).limit(50)
        if mine.recipients:
            query = query.join(EventRecipient).where(EventRecipient.country.in_(mine.recipients))
        else:
            query = query.join(EventRegion).where(EventRegion.region.in_(mine.regions))
        for other in session.scalars(query.distinct()):
            theirs = Profile.of_event(other)
            if mine.status != theirs.status and "planned" in (mine.status, theirs.status):
                continue  # a plan and its outcome are linked, not duplicates
            close_years = (
                mine.year_start is None
                or theirs.year_start is None
                or abs(mine.year_start - theirs.year_start) <= 1
            )
            if close_years and mine.recipients == theirs.recipients:
                event.possible_duplicate_of = other.id
                flagged += 1
                break
    return flagged
