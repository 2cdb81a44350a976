"""Resolution: group mentions (evidence) from many documents into events; corroborate.

Two mentions are scored (``similarity``): they cannot be one event if their type or
provider differ, their recipient countries are disjoint, their years cannot overlap, their
figures are too far apart (2,700 and 2,000 officers may be one event told twice, 300 and
3,000 are not) or one is the plan of the other (plans and implementations are linked, not
merged); otherwise shared places, years, figures, wording and document add up. New
mentions and the stored events they could join are agglomerated best pair first by
average linkage (``_cluster``). Differing figures stay separate claims and the event is
flagged as disputed.

Resolution is incremental: only evidence without an event is looked at, and only stored
events that share a blocking key with it are read (type plus a recipient country, region
or stated figure; for mentions naming no place, type plus year; for vague mentions, their
own document).
"""

from __future__ import annotations

import functools
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import Engine, and_, exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from footprint.db import session_scope
from footprint.events import CLAIM_FIELDS, claim_value, snapshot, source_key
from footprint.model import Event, EventActor, EventLink, EventRecipient, EventRegion, Evidence
from footprint.review import apply_fields

# Figures further apart than this ratio are different events, not conflicting claims.
PEOPLE_RATIO = 1.6
# Quotes this similar (0-100) in two documents are one story syndicated, not two sources.
SYNDICATED = 90
BATCH = 2000


# "Global" says only that the source named no particular place: it is no place to match on.
PLACELESS_REGIONS = frozenset({"Global"})


@dataclass(frozen=True)
class Profile:
    """What matching needs to know of one mention (or of a reviewed event's fields)."""

    type: str
    provider: str | None
    status: str
    recipients: frozenset[str]
    regions: frozenset[str]
    year_start: int | None
    year_end: int | None
    people: int | None
    document: int | None = None
    orgs: frozenset[str] = frozenset()
    quote: str = ""
    denied: bool = False  # a source saying the event did not happen

    @functools.cached_property
    def words(self) -> str:
        """The quote, folded, for comparing wording."""
        return self.quote.casefold()

    @functools.cached_property
    def _tags(self) -> list[Any]:
        if not self.quote or self.type not in ("forum", "training"):
            return []
        return _gazetteer().tag(self.quote)

    @functools.cached_property
    def venues(self) -> frozenset[str]:
        """Places inside the provider's country the quote names: Kunming, Lianyungang."""
        return frozenset(
            t.entry.key
            for t in self._tags
            if t.entry.kind == "place" and t.entry.country == self.provider
        )

    @functools.cached_property
    def names(self) -> frozenset[str]:
        """The organisations the mention names: its own, and those in its quote."""
        return self.orgs | frozenset(t.entry.label for t in self._tags if t.entry.kind == "actor")

    @functools.cached_property
    def numbers(self) -> frozenset[str]:
        """Figures other than years: "59 treaties", "30 countries", "2,700"."""
        found = (n.replace(",", "") for n in _NUMBER.findall(self.quote))
        return frozenset(n for n in found if not _YEAR.fullmatch(n))

    @classmethod
    def of_fields(cls, f: dict[str, Any], document: int | None = None, quote: str = "") -> Profile:
        start, end = f.get("year_start"), f.get("year_end")
        return cls(
            type=f.get("type", ""),
            provider=f.get("provider"),
            status=f.get("status") or "unknown",
            recipients=frozenset(f.get("recipients") or ()),
            regions=frozenset(f.get("recipient_regions") or ()) - PLACELESS_REGIONS,
            year_start=start if start is not None else end,
            year_end=end if end is not None else start,
            people=f.get("people") or None,
            document=document,
            orgs=frozenset(f.get("provider_orgs") or ()),
            quote=quote,
            denied=f.get("stance") == "denied",
        )

    @property
    def placeless(self) -> bool:
        return not self.recipients and not self.regions

    @property
    def vague(self) -> bool:
        return self.placeless and self.year_start is None and not self.people


_NUMBER = re.compile(r"\d[\d,]*\d|\d")
_YEAR = re.compile(r"(19|20)\d\d")
_STAGES = {"planned": 0, "ongoing": 1, "completed": 1, "cancelled": 2}
# A mention joins an event when its average fit with the event's mentions reaches this.
JOIN_AT = 1.0
BLOCKED = -2.0
MAX_YEARS_INDEXED = 15


def _places(a: Profile, b: Profile) -> float | None:
    if a.type == "forum":
        # A forum's "recipients" are its participants, listed by some reports and not
        # others: shared ones count for it, missing ones do not count against it.
        if a.recipients & b.recipients or a.regions & b.regions:
            return 0.5
        return 0.25 if a.placeless or b.placeless else 0.0  # one report lists nobody
    if a.recipients and b.recipients:
        shared = a.recipients & b.recipients
        if not shared:
            return None
        return 1.0 + len(shared) / len(a.recipients | b.recipients)
    if a.recipients or b.recipients:
        # Countries on one side, a region on the other: fine if the countries lie in it.
        countries, regions = (a, b) if a.recipients else (b, a)
        if not regions.regions:
            return -0.5  # the other source named no place: weak evidence against
        inside = {r for c in countries.recipients for r in _country_regions().get(c, ())}
        return 0.5 if inside & regions.regions else None
    if a.regions and b.regions:
        return 0.75 if a.regions & b.regions else None
    if a.regions or b.regions:
        return -0.5
    return 0.0


def _wording(a: Profile, b: Profile) -> float:
    """Same figures and similar words in the two quotes: the same story retold."""
    score = min(len(a.numbers & b.numbers), 2) * 0.75
    if a.words and b.words:
        ratio = fuzz.token_set_ratio(a.words, b.words)
        score += max(0.0, (ratio - 55) / 25)
    if a.orgs & b.orgs:
        score += 1.0
    return score


def similarity(a: Profile, b: Profile) -> float | None:
    """How well two mentions fit one event: None when they cannot be the same event."""
    if a.type != b.type:
        return None
    if a.provider and b.provider and a.provider != b.provider:
        return None
    places = _places(a, b)
    if places is None:
        return None
    if a.denied or b.denied:
        # A denial names what it denies, not when or how many: type and place decide.
        if a.denied and b.denied:
            return None  # two denials make no event between them
        return places + 1.0 if places > 0 else None
    score = places
    if a.year_start is not None and b.year_start is not None:
        if _years_apart(a, b):
            return None
        score += 1.0 if (a.year_start, a.year_end) == (b.year_start, b.year_end) else 0.5
    if a.people and b.people:
        if max(a.people, b.people) / min(a.people, b.people) > PEOPLE_RATIO:
            return None
        score += 1.5 if a.people == b.people else 0.25
    stages = {_STAGES.get(a.status), _STAGES.get(b.status)} - {None}
    if 0 in stages and len(stages) > 1:  # a plan and its implementation: linked, not merged
        return None
    if a.venues and b.venues:
        if a.venues & b.venues:
            score += 0.5  # the same forum or course, in the same city
        elif a.type == "forum" and not (a.names & b.names):
            return None  # a forum in Kunming is not the one in Lianyungang
    if a.document is not None and a.document == b.document:
        # In one document, a mention that names no place, year or figure most likely
        # refers back to an event the same document states in full.
        score += 1.5 if a.vague or b.vague else 0.5
    return score + _wording(a, b)


def _years_apart(a: Profile, b: Profile) -> bool:
    """Year ranges that cannot belong to one event. A cancellation is dated when it
    happened, so it fits any event that began before it ("patrols since 2016, suspended
    in 2022")."""
    if (a.status == "cancelled") != (b.status == "cancelled"):
        ended, other = (a, b) if a.status == "cancelled" else (b, a)
        return ended.year_end < other.year_start
    return a.year_start > b.year_end or b.year_start > a.year_end


@functools.cache
def _gazetteer() -> Any:
    from footprint import gazetteer

    return gazetteer.load()


@functools.cache
def _country_regions() -> dict[str, tuple[str, ...]]:
    from footprint.extract.rules import country_regions

    return country_regions(_gazetteer())


@dataclass(eq=False)
class Cluster:
    """An event as resolution sees it: the mentions it holds. Two clusters fit by average
    linkage over their mentions, so one mis-read source among several counts against a
    merge but does not forbid it, and events do not grow by chaining."""

    members: list[Profile]
    evidence: list[Evidence] = field(default_factory=list)  # new in this run
    event_id: int | None = None  # an event already stored

    @property
    def type(self) -> str:
        return self.members[0].type

    def fit(self, other: Cluster) -> float | None:
        if self.event_id is not None and other.event_id is not None:
            return None  # stored events are merged by reviewers, not by re-resolution
        scores = [similarity(a, b) for a in self.members for b in other.members]
        if all(s is None for s in scores):
            return None
        average = sum(BLOCKED if s is None else s for s in scores) / len(scores)
        return average if average >= JOIN_AT else None

    def absorb(self, other: Cluster) -> None:
        self.members += other.members
        self.evidence += other.evidence
        self.event_id = self.event_id if self.event_id is not None else other.event_id


@dataclass
class ResolveReport:
    mentions: int = 0
    attached: int = 0  # joined an existing event
    created: int = 0  # started a new event
    links: int = 0
    possible_duplicates: int = 0
    unmatched_denials: int = 0  # denials of events no source asserts (kept, unresolved)
    events_touched: set[int] = field(default_factory=set)

    def summary(self) -> str:
        return (
            f"{self.mentions} mentions resolved: {self.attached} joined existing events, "
            f"{self.created} new events, {self.links} lifecycle links, "
            f"{self.possible_duplicates} possible duplicates flagged"
            + (
                f", {self.unmatched_denials} denials of events no source asserts"
                if self.unmatched_denials
                else ""
            )
        )


class _Blocks:
    """Candidate events, indexed by type + recipient country, type + region, type + year,
    and type alone for events with neither place nor year."""

    def __init__(self) -> None:
        self.buckets: dict[tuple[str, str], list[Cluster]] = defaultdict(list)

    @staticmethod
    def _years(p: Profile) -> set[tuple[str, str]]:
        if p.year_start is None:
            return set()
        last = min(p.year_end, p.year_start + MAX_YEARS_INDEXED)
        return {(p.type, f"year:{y}") for y in range(p.year_start, last + 1)}

    @classmethod
    def lookup_keys(cls, p: Profile) -> set[tuple[str, str]]:
        """Where a mention looks: its places; a mention naming no place, its years."""
        figure = {(p.type, f"people:{p.people}")} if p.people else set()
        if not p.placeless:
            return (
                {(p.type, "country:" + c) for c in p.recipients}
                | {(p.type, "region:" + r) for r in p.regions}
                | figure
            )
        here = {(p.type, f"document:{p.document}")} if p.vague and p.document else set()
        return (cls._years(p) or {(p.type, "")}) | figure | here

    @classmethod
    def index_keys(cls, profiles: Iterable[Profile]) -> set[tuple[str, str]]:
        keys: set[tuple[str, str]] = set()
        for p in profiles:
            keys |= {(p.type, "country:" + c) for c in p.recipients}
            keys |= {(p.type, "region:" + r) for r in p.regions}
            keys |= cls._years(p)
            if p.people:  # the same figure is a strong hint wherever else they differ
                keys.add((p.type, f"people:{p.people}"))
            if p.document:  # where vague back-references look
                keys.add((p.type, f"document:{p.document}"))
            if p.placeless and p.year_start is None:
                keys.add((p.type, ""))
        return keys

    def add(self, cluster: Cluster, profiles: Iterable[Profile]) -> None:
        for key in self.index_keys(profiles):
            bucket = self.buckets[key]
            if not bucket or bucket[-1] is not cluster:
                bucket.append(cluster)

    def candidates(self, mention: Profile) -> list[Cluster]:
        seen: dict[int, Cluster] = {}
        for key in self.lookup_keys(mention):
            for cluster in self.buckets.get(key, ()):
                seen[id(cluster)] = cluster
        return list(seen.values())


def _load_candidates(session: Session, mentions: list[Profile]) -> _Blocks:
    """Read from the database only the events a batch of mentions could join."""
    blocks = _Blocks()
    types = {m.type for m in mentions}
    countries: dict[str, set[str]] = defaultdict(set)
    regions: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        countries[m.type] |= m.recipients
        regions[m.type] |= m.regions
    conditions = []
    for type_, codes in countries.items():
        if codes:
            conditions.append(
                and_(
                    Event.type == type_,
                    Event.id.in_(
                        select(EventRecipient.event_id).where(EventRecipient.country.in_(codes))
                    ),
                )
            )
    for type_, names in regions.items():
        if names:
            conditions.append(
                and_(
                    Event.type == type_,
                    Event.id.in_(select(EventRegion.event_id).where(EventRegion.region.in_(names))),
                )
            )
    # Mentions naming no place look at every event of their type in their years.
    type_years = {
        (key[0], int(key[1][5:]))
        for m in mentions
        if m.placeless
        for key in _Blocks.lookup_keys(m)
        if key[1].startswith("year:")
    }
    conditions += [
        and_(
            Event.type == type_,
            Event.year_start <= year,
            func.coalesce(Event.year_end, Event.year_start) >= year,
        )
        for type_, year in type_years
    ]
    figures: dict[str, set[int]] = defaultdict(set)
    for m in mentions:
        if m.people:
            figures[m.type].add(m.people)
    conditions += [
        and_(Event.type == type_, Event.people.in_(values)) for type_, values in figures.items()
    ]
    documents: dict[str, set[int]] = defaultdict(set)
    for m in mentions:
        if m.vague and m.document:
            documents[m.type].add(m.document)
    conditions += [
        and_(
            Event.type == type_,
            Event.id.in_(select(Evidence.event_id).where(Evidence.document_id.in_(ids))),
        )
        for type_, ids in documents.items()
    ]
    vague = {m.type for m in mentions if m.placeless and m.year_start is None}
    if vague:
        conditions.append(
            and_(
                Event.type.in_(vague),
                Event.year_start.is_(None),
                ~exists().where(EventRecipient.event_id == Event.id),
                ~exists().where(
                    EventRegion.event_id == Event.id,
                    EventRegion.region.notin_(PLACELESS_REGIONS),
                ),
            )
        )
    if not conditions:
        return blocks
    query = select(Event.id, Event.review_state).where(Event.type.in_(types), or_(*conditions))
    states = dict(session.execute(query).all())
    for event_id, members in _members(session, list(states)).items():
        if states[event_id] != "machine":
            # A reviewer's fields speak for the event too.
            members.append(Profile.of_fields(snapshot(session.get(Event, event_id))))
        blocks.add(Cluster(members=members, event_id=event_id), members)
    return blocks


def _members(session: Session, event_ids: list[int]) -> dict[int, list[Profile]]:
    members: dict[int, list[Profile]] = defaultdict(list)
    for start in range(0, len(event_ids), 900):
        chunk = event_ids[start : start + 900]
        for event_id, document_id, fields, quote in session.execute(
            select(Evidence.event_id, Evidence.document_id, Evidence.fields, Evidence.quote).where(
                Evidence.event_id.in_(chunk)
            )
        ):
            members[event_id].append(Profile.of_fields(fields, document_id, quote))
    return members


def resolve(engine: Engine, *, on_batch: Callable[[int, int], None] | None = None) -> ResolveReport:
    """Attach every unresolved mention to an event, creating events where none fits."""
    report = ResolveReport()
    after = 0  # a denial that fits no event stays unresolved: page past it, by id
    while True:
        with session_scope(engine) as session:
            pending = list(
                session.scalars(
                    select(Evidence)
                    .where(Evidence.event_id.is_(None), Evidence.id > after)
                    .order_by(Evidence.id)
                    .limit(BATCH)
                )
            )
            if not pending:
                break
            after = pending[-1].id
            _resolve_batch(session, pending, report)
        if on_batch:
            on_batch(report.mentions, len(pending))
    return report


def _resolve_batch(session: Session, pending: list[Evidence], report: ResolveReport) -> None:
    mentions = [Profile.of_fields(e.fields, e.document_id, e.quote) for e in pending]
    blocks = _load_candidates(session, mentions)
    clusters = _cluster(
        blocks, [Cluster(members=[m], evidence=[e]) for m, e in zip(mentions, pending, strict=True)]
    )
    created: list[Event] = []
    touched: list[Event] = []
    for cluster in clusters:
        if not cluster.evidence:
            continue
        if cluster.event_id is None and all(m.denied for m in cluster.members):
            report.unmatched_denials += len(cluster.evidence)
            continue  # denied, and nobody asserts it (yet): a claim with no event
        if cluster.event_id is None:
            first = cluster.members[0]
            event = Event(type=first.type, provider_country=first.provider)
            session.add(event)
            created.append(event)
        else:
            event = session.get(Event, cluster.event_id)
        for evidence in cluster.evidence:
            evidence.event = event
        touched.append(event)
    report.mentions += len(pending)
    report.created += len(created)
    report.attached += sum(len(c.evidence) for c in clusters if c.event_id is not None)
    session.flush()
    _preload(session, [e.id for e in touched])
    with session.no_autoflush:
        for event in touched:
            refresh_event(session, event)
            report.events_touched.add(event.id)
    report.links += link_lifecycle(session, created)
    report.possible_duplicates += flag_duplicates(session, created)


def _preload(session: Session, event_ids: list[int]) -> None:
    """Load what refreshing these events reads, in a few queries instead of thousands."""
    for start in range(0, len(event_ids), 900):
        list(
            session.scalars(
                select(Event)
                .where(Event.id.in_(event_ids[start : start + 900]))
                .options(
                    selectinload(Event.evidence).selectinload(Evidence.document),
                    selectinload(Event.recipients),
                    selectinload(Event.regions),
                    selectinload(Event.actors).selectinload(EventActor.actor),
                )
            )
        )


def cluster_mentions(singles: list[Cluster]) -> list[Cluster]:
    """Group lone mentions among themselves (no stored events): what resolution does to
    a batch, without a database. Used to evaluate the resolver on gold mentions."""
    return _cluster(_Blocks(), singles)


def _cluster(blocks: _Blocks, singles: list[Cluster]) -> list[Cluster]:
    """Agglomerate new mentions with each other and with stored events, best fit first,
    so the result does not depend on the order the documents came in. Clusters are
    numbered (stored events by id, then new mentions in order) so that ties break the
    same way on every run."""
    stored = sorted(
        {id(c): c for bucket in blocks.buckets.values() for c in bucket}.values(),
        key=lambda c: c.event_id or 0,
    )
    for single in singles:
        blocks.add(single, single.members)
    number = {id(c): n for n, c in enumerate([*stored, *singles])}
    alive: dict[int, Cluster] = {number[id(c)]: c for c in singles}
    neighbours: dict[int, set[int]] = defaultdict(set)
    for single in singles:
        me = number[id(single)]
        for other in blocks.candidates(single.members[0]):
            them = number[id(other)]
            if them != me:
                neighbours[me].add(them)
                neighbours[them].add(me)
                alive[them] = other
    heap: list[tuple[float, int, int, int, int]] = []
    version: dict[int, int] = defaultdict(int)  # bumped when a cluster grows

    def push(a: int, b: int) -> None:
        a, b = min(a, b), max(a, b)
        score = alive[a].fit(alive[b])
        if score is not None:
            heapq.heappush(heap, (-score, a, b, version[a], version[b]))

    for me in sorted(neighbours):
        for them in sorted(neighbours[me]):
            if me < them:
                push(me, them)
    while heap:
        _, a, b, a_version, b_version = heapq.heappop(heap)
        if a not in alive or b not in alive:
            continue
        if (version[a], version[b]) != (a_version, b_version):
            continue  # scored before one of them grew; its fresh score is in the heap
        if alive[b].event_id is not None:  # the stored event survives
            a, b = b, a
        alive[a].absorb(alive.pop(b))
        version[a] += 1
        merged = (neighbours.pop(a, set()) | neighbours.pop(b, set())) - {a, b}
        neighbours[a] = merged
        for other in sorted(merged):
            neighbours[other].discard(b)
            neighbours[other].add(a)
            if other in alive:
                push(a, other)
    return list(alive.values())


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
    # Sources that deny the event neither shape its fields nor corroborate it; they make
    # it disputed.
    asserted = [e for e in evidence if claim_value(e, "stance") != "denied"] or evidence
    if recompute_fields is None:
        recompute_fields = event.review_state == "machine"
    if recompute_fields:
        values = _fields_from(asserted)
        for name in event.locked_fields or []:
            values.pop(name, None)
        apply_fields(session, event, values)
    event.sources, event.confidence, event.confidence_level = corroboration(asserted)
    event.disputed = any(
        len({claim_value(e, name) for e in evidence} - {None}) > 1
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
        mine = Profile.of_fields(snapshot(event))
        if mine.placeless:
            continue
        query = select(Event).where(Event.type == event.type, Event.id < event.id).limit(50)
        if mine.recipients:
            query = query.join(EventRecipient).where(EventRecipient.country.in_(mine.recipients))
        else:
            query = query.join(EventRegion).where(EventRegion.region.in_(mine.regions))
        for other in session.scalars(query.distinct()):
            theirs = Profile.of_fields(snapshot(other))
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
