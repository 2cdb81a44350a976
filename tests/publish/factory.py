"""A small dataset built through the ORM, for analysis and publishing tests.

The facts are the test suite's own invention, shaped like real records: several
publishers and languages, reviewed and machine events, one rejected event that must never
be counted or published, actors in several roles.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from footprint.ingest.text import fingerprint
from footprint.model import (
    Actor,
    ActorAlias,
    Document,
    Event,
    EventActor,
    EventLink,
    EventRecipient,
    EventRegion,
    Evidence,
)

DOCUMENTS = [
    # (publisher, language, published, url, title, text)
    (
        "Harbour Post",
        "en",
        "2021-06-02",
        "https://harbour.example/kenya-police-training",
        "Kenyan officers complete course in China",
        "The Ministry of Public Security trained 2,000 Kenyan police officers between 2018 "
        "and 2021. Serbian and Chinese police began joint patrols in Belgrade in 2019. "
        "Meiya Pico supplied a forensics lab to Kenya in 2017.",
    ),
    (
        "Reuters-like Wire",
        "en",
        "2022-11-05",
        "https://wire.example/stations",
        "Dutch authorities investigate 'police stations'",
        "Two Chinese police service stations opened in Rotterdam and Amsterdam in 2018. "
        "Kenya's officers were trained in China from 2018 to 2021, 2,000 of them.",
    ),
    (
        "人民日报样例",
        "zh",
        "2024-09-05",
        "https://people.example/focac",
        "中非执法合作论坛",
        "中方将在2025年为肯尼亚和坦桑尼亚培训3000名执法人员。中非执法合作论坛在北京举行。",
    ),
    (
        None,
        "en",
        "2022-11-10",
        "https://www.watchdog.example/nl-closure",
        "Netherlands orders closure",
        "The Dutch government ordered the stations closed in 2022 after an investigation.",
    ),
]


def _doc(session: Session, i: int) -> Document:
    publisher, language, published, url, title, text = DOCUMENTS[i]
    doc = Document(
        source=url,
        url=url,
        title=title,
        publisher=publisher,
        published=published,
        language=language,
        format="html",
        encoding="utf-8",
        text=text,
        sha256=fingerprint(text),
        chars=len(text),
    )
    session.add(doc)
    return doc


def cite(doc: Document, phrase: str, confidence: float = 0.8, **fields: Any) -> Evidence:
    start = doc.text.index(phrase)
    return Evidence(
        document=doc,
        start=start,
        end=start + len(phrase),
        quote=phrase,
        extractor="rules",
        extractor_version="0.1.0",
        confidence=confidence,
        fields=fields,
    )


def add_event(
    session: Session,
    *,
    type: str,
    recipients: list[str] = (),
    regions: list[str] = (),
    actors: list[tuple[Actor, str]] = (),
    evidence: list[Evidence] = (),
    **values: Any,
) -> Event:
    values.setdefault("provider_country", "CN")
    values.setdefault("review_state", "accepted")
    values.setdefault("created_at", datetime(2025, 1, 1, tzinfo=UTC))
    values.setdefault("updated_at", values["created_at"])
    event = Event(
        type=type,
        recipients=[EventRecipient(country=c) for c in recipients],
        regions=[EventRegion(region=r) for r in regions],
        actors=[EventActor(actor=a, role=role) for a, role in actors],
        **values,
    )
    event.sources = len({e.document.publisher or e.document.url for e in evidence})
    session.add(event)
    for item in evidence:
        item.event = event
        session.add(item)
    return event


def build(session: Session) -> dict[str, Any]:
    """Eight events; returns them by name with the documents and actors."""
    d = [_doc(session, i) for i in range(len(DOCUMENTS))]
    mps = Actor(name="Ministry of Public Security", kind="agency", country="CN")
    mps.aliases = [ActorAlias(name="公安部", language="zh"), ActorAlias(name="MPS")]
    knps = Actor(name="Kenya National Police Service", kind="agency", country="KE")
    meiya = Actor(name="Meiya Pico", kind="company", country="CN")
    session.add_all([mps, knps, meiya])
    when = lambda day: datetime(2025, 1, day, tzinfo=UTC)  # noqa: E731
    ev = {}
    ev["kenya_training"] = add_event(
        session,
        key="ref-kenya-training",
        type="training",
        status="completed",
        title="Kenyan police trained in China",
        summary="Two thousand officers over four years.",
        recipients=["KE"],
        regions=["Africa"],
        year_start=2018,
        year_end=2021,
        people=2000,
        quantities={"courses": 12},
        actors=[(mps, "provider"), (knps, "recipient")],
        evidence=[
            cite(d[0], "trained 2,000 Kenyan police officers", people=2000),
            cite(d[1], "2,000 of them", 0.6, people=2000),
        ],
        created_at=when(1),
    )
    ev["pledge"] = add_event(
        session,
        type="training",
        status="planned",
        recipients=["KE", "TZ"],
        year_start=2025,
        year_end=2025,
        people=3000,
        review_state="edited",
        locked_fields=["people"],
        evidence=[cite(d[2], "培训3000名执法人员", people=3000)],
        created_at=when(2),
    )
    ev["patrol"] = add_event(
        session,
        type="joint_patrol",
        status="ongoing",
        recipients=["RS"],
        year_start=2019,
        review_state="machine",
        actors=[(mps, "implementer")],
        evidence=[cite(d[0], "began joint patrols in Belgrade in 2019")],
        created_at=when(3),
    )
    ev["station"] = add_event(
        session,
        type="overseas_station",
        status="cancelled",
        recipients=["NL"],
        year_start=2018,
        year_end=2022,
        date_start="2018",
        evidence=[
            cite(d[1], "police service stations opened in Rotterdam and Amsterdam"),
            cite(d[3], "ordered the stations closed"),
        ],
        created_at=when(4),
    )
    ev["closure"] = add_event(
        session,
        type="pushback",
        status="completed",
        provider_country=None,
        recipients=["NL"],
        year_start=2022,
        evidence=[cite(d[3], "ordered the stations closed in 2022")],
        created_at=when(5),
    )
    ev["rejected"] = add_event(
        session,
        type="training",
        status="completed",
        recipients=["KE"],
        year_start=2020,
        people=999,
        review_state="rejected",
        evidence=[cite(d[1], "Kenya's officers were trained in China")],
        created_at=when(6),
    )
    ev["lab"] = add_event(
        session,
        type="technology_transfer",
        status="completed",
        recipients=["KE"],
        year_start=2017,
        actors=[(meiya, "provider")],
        evidence=[cite(d[0], "Meiya Pico supplied a forensics lab to Kenya in 2017")],
        created_at=when(7),
    )
    ev["forum"] = add_event(
        session,
        type="forum",
        status="completed",
        regions=["Africa"],
        review_state="machine",
        evidence=[cite(d[2], "中非执法合作论坛在北京举行")],
        created_at=when(8),
    )
    session.flush()
    session.add(
        EventLink(source_id=ev["closure"].id, target_id=ev["station"].id, relation="responds_to")
    )
    session.flush()
    return {"events": ev, "documents": d, "actors": {"mps": mps, "knps": knps, "meiya": meiya}}
