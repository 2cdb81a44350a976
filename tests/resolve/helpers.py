"""Build a store from short articles the tests write: real files, ingested, extracted."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select

from footprint.db import session_scope
from footprint.extract import get_extractor
from footprint.extract.store import extract_documents
from footprint.ingest import ingest
from footprint.model import Event
from footprint.resolve import resolve


def article(folder: Path, name: str, text: str, publisher: str, date: str = "2024-10") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.md"
    path.write_text(
        f"---\ntitle: {name}\npublisher: {publisher}\npublished: {date}\n---\n{text}\n",
        encoding="utf-8",
    )
    return path


def add_and_resolve(engine: Engine, *paths: Path):
    report = ingest(engine, [str(p) for p in paths])
    assert not report.failed, report.quarantined
    extract_documents(engine, get_extractor())
    return resolve(engine)


def events_of(engine: Engine, type_: str | None = None, include_rejected: bool = True):
    with session_scope(engine) as session:
        query = select(Event).order_by(Event.id)
        if type_:
            query = query.where(Event.type == type_)
        rows = list(session.scalars(query))
        if not include_rejected:
            rows = [e for e in rows if e.review_state != "rejected"]
        for event in rows:  # load what the tests read before the session closes
            _ = [e.document.publisher for e in event.evidence], event.recipients
        return rows
