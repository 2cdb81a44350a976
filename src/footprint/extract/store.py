"""Run an extractor over stored documents and keep what it finds as events and evidence.

Each mention becomes an Evidence row (span, quote, extractor, confidence, and the fields
it read) linked to a machine-made Event; resolution (a later stage) groups mentions of
the same real event. Re-extracting a document replaces that extractor's earlier machine
output for it, but never touches events a reviewer has decided on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from footprint.db import session_scope
from footprint.extract import Extractor, Mention
from footprint.model import Document, Event, EventRecipient, EventRegion, Evidence


@dataclass
class ExtractReport:
    documents: int = 0
    events: int = 0


def _forget_previous(session: Session, document: Document, extractor: Extractor) -> None:
    old = session.scalars(
        select(Evidence).where(
            Evidence.document_id == document.id, Evidence.extractor == extractor.name
        )
    ).all()
    for evidence in old:
        event = evidence.event
        session.delete(evidence)
        session.flush()
        if event is not None and event.review_state == "machine" and not event.evidence:
            session.delete(event)


def store_mentions(session: Session, document: Document, mentions: Iterable[Mention]) -> int:
    count = 0
    for mention in mentions:
        event = Event(
            type=mention.type,
            status=mention.status,
            provider_country=mention.provider,
            year_start=mention.year_start,
            year_end=mention.year_end,
            people=mention.people,
            recipients=[EventRecipient(country=c) for c in mention.recipients],
            regions=[EventRegion(region=r) for r in mention.recipient_regions],
        )
        session.add(event)
        session.add(
            Evidence(
                event=event,
                document=document,
                start=mention.start,
                end=mention.end,
                quote=mention.quote,
                extractor=mention.extractor,
                extractor_version=mention.extractor_version,
                confidence=mention.confidence,
                fields={
                    k: v
                    for k, v in mention.to_json().items()
                    if k
                    not in (
                        "doc",
                        "quote",
                        "start",
                        "end",
                        "extractor",
                        "extractor_version",
                        "confidence",
                    )
                },
            )
        )
        count += 1
    return count


def extract_documents(
    engine: Engine,
    extractor: Extractor,
    document_ids: Iterable[int] | None = None,
    on_document: Callable[[int, int], None] | None = None,
) -> ExtractReport:
    """Extract events from stored documents (all of them, or the ids given)."""
    with session_scope(engine) as session:
        query = select(Document.id).order_by(Document.id)
        if document_ids is not None:
            query = query.where(Document.id.in_(list(document_ids)))
        ids = list(session.scalars(query))
    report = ExtractReport()
    for document_id in ids:
        with session_scope(engine) as session:
            document = session.get(Document, document_id)
            assert document is not None
            _forget_previous(session, document, extractor)
            mentions = extractor.extract(
                document.text, doc=document.source, published=document.published
            )
            report.events += store_mentions(session, document, mentions)
            report.documents += 1
        if on_document:
            on_document(document_id, len(ids))
    return report
