"""Run an extractor over stored documents and keep what it finds as events and evidence.

Each mention becomes an Evidence row (span, quote, extractor, confidence, and the fields
it read) with no event yet; resolution (``footprint.resolve``, the next stage) groups
mentions of the same real event. Re-extracting a document replaces that extractor's
earlier output for it, except evidence of events a reviewer has decided on: that stays
where the reviewer left it, and the same mention found again is not stored twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session

from footprint.db import session_scope
from footprint.extract import Extractor, Mention
from footprint.model import Document, Event, EventLink, Evidence


@dataclass
class ExtractReport:
    documents: int = 0
    mentions: int = 0


def _forget_previous(
    session: Session, document: Document, extractor: Extractor
) -> set[tuple[int, int, str]]:
    """Drop the extractor's earlier machine output for a document; return what is kept."""
    old = session.scalars(
        select(Evidence).where(
            Evidence.document_id == document.id, Evidence.extractor == extractor.name
        )
    ).all()
    kept: set[tuple[int, int, str]] = set()
    emptied: set[Event] = set()
    for evidence in old:
        event = evidence.event
        if event is not None and event.review_state != "machine":
            kept.add((evidence.start, evidence.end, evidence.fields.get("type", "")))
            continue
        session.delete(evidence)
        if event is not None:
            emptied.add(event)
    session.flush()
    for event in emptied:
        session.refresh(event)
        if not event.evidence:
            for link in session.scalars(
                select(EventLink).where(
                    or_(EventLink.source_id == event.id, EventLink.target_id == event.id)
                )
            ):
                session.delete(link)
            session.delete(event)
    return kept


def store_mentions(
    session: Session,
    document: Document,
    mentions: Iterable[Mention],
    kept: set[tuple[int, int, str]] = frozenset(),
) -> int:
    count = 0
    for mention in mentions:
        if (mention.start, mention.end, mention.type) in kept:
            continue  # a reviewer already decided on this mention's event
        session.add(
            Evidence(
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
            kept = _forget_previous(session, document, extractor)
            mentions = extractor.extract(
                document.text, doc=document.source, published=document.published
            )
            report.mentions += store_mentions(session, document, mentions, kept)
            report.documents += 1
        if on_document:
            on_document(document_id, len(ids))
    return report
