"""Load the reference dataset into a database: accepted events with traced evidence.

Each curated event becomes an accepted Event (with its stable ``key``) whose evidence
rows point at the exact span of the bundled demo document that states it; the original
citation (publisher, title, date, address) rides along in the evidence fields. The demo
documents are ingested first if they are not in the database. Loading is idempotent:
events whose key is already present are left as they are (reviewers may have changed
them since).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from footprint import demo, reference
from footprint.db import session_scope
from footprint.events import snapshot
from footprint.ingest import ingest
from footprint.model import AuditEntry, Document, Event, EventLink, Evidence
from footprint.resolve import refresh_event
from footprint.review import EDITABLE, apply_fields

EXTRACTOR = "reference"
WHO = "reference dataset"
# The event's own fields: what a reviewer may edit, less the prose.
FIELDS = tuple(k for k in EDITABLE if k not in ("title", "summary"))


class ReferenceError(ValueError):
    pass


@dataclass
class ReferenceReport:
    added: int = 0
    already_present: int = 0
    evidence: int = 0
    links: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"Reference dataset: {self.added} events added ({self.already_present} already "
            f"present), {self.evidence} evidence quotes, {self.links} links"
        )


def load_reference(engine: Engine, path: str | Path | None = None) -> ReferenceReport:
    """Load the reference events (the bundled file, or ``path``) into the database."""
    problems = reference.validate(path)
    if problems:
        raise ReferenceError(f"{path or reference.FILE_NAME}: {problems[0]}")
    curated = reference.load(path)
    with demo.documents_folder() as folder:
        ingest(engine, [str(folder)])
        report = ReferenceReport()
        with session_scope(engine) as session:
            documents = _demo_documents(session, folder)
            by_key: dict[str, Event] = {}
            for item in curated:
                existing = session.scalar(select(Event).where(Event.key == item["key"]))
                if existing is not None:
                    by_key[item["key"]] = existing
                    report.already_present += 1
                    continue
                by_key[item["key"]] = _add_event(session, item, documents, report)
            session.flush()
            for item in curated:
                for link in item.get("links") or ():
                    report.links += _add_link(
                        session, by_key[item["key"]], by_key[link["to"]], link["relation"]
                    )
    return report


def _demo_documents(session: Session, folder: Path) -> dict[str, Document]:
    names = {p.name for p in folder.iterdir()}
    found: dict[str, Document] = {}
    for document in session.scalars(select(Document)):
        name = Path(document.source).name
        if name in names:
            found[name] = document
    return found


def _add_event(
    session: Session, item: dict[str, Any], documents: dict[str, Document], report
) -> Event:
    event = Event(
        key=item["key"],
        type=item["type"],
        title=item["title"],
        summary=" ".join(item["summary"].split()),
        review_state="accepted",
        quantities={"figures": item.get("figures") or {}},
    )
    session.add(event)
    values = {name: item.get(name) for name in FIELDS}
    values["recipients"] = values["recipients"] or []
    values["recipient_regions"] = values["recipient_regions"] or []
    values["provider_orgs"] = values["provider_orgs"] or []
    apply_fields(session, event, values)
    event.locked_fields = sorted(values)
    for source in item["sources"]:
        citation = {k: source.get(k) for k in ("publisher", "title", "date", "url")}
        for evidence in source["evidence"]:
            document = documents[evidence["document"]]
            start = document.text.find(evidence["quote"])
            if start < 0:  # validate() checked this; a changed document would fail here
                raise ReferenceError(f"{item['key']}: quote not found in {evidence['document']}")
            session.add(
                Evidence(
                    event=event,
                    document=document,
                    start=start,
                    end=start + len(evidence["quote"]),
                    quote=evidence["quote"],
                    extractor=EXTRACTOR,
                    extractor_version=str(reference.FILE_NAME),
                    confidence=1.0,
                    fields={"type": item["type"], **values, "citation": citation},
                )
            )
            report.evidence += 1
    session.flush()
    session.refresh(event)
    refresh_event(session, event)
    session.add(
        AuditEntry(
            who=WHO,
            action="import",
            entity="event",
            entity_id=event.id,
            before=None,
            after=snapshot(event),
            note="curated reference dataset",
        )
    )
    report.added += 1
    return event


def _add_link(session: Session, source: Event, target: Event, relation: str) -> int:
    exists = session.scalar(
        select(EventLink.id).where(
            EventLink.source_id == source.id,
            EventLink.target_id == target.id,
            EventLink.relation == relation,
        )
    )
    if exists is not None:
        return 0
    session.add(
        EventLink(source_id=source.id, target_id=target.id, relation=relation, created_by=WHO)
    )
    return 1
