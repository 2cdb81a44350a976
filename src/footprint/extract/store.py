"""Run an extractor over stored documents and keep what it finds as events and evidence.

Each mention becomes an Evidence row (span, quote, extractor, confidence, and the fields
it read) with no event yet; resolution (``footprint.resolve``, the next stage) groups
mentions of the same real event. Re-extracting a document keeps the mentions found again
unchanged (and so their events), keeps evidence of events a reviewer decided on where
the reviewer left it, and replaces the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session

from footprint.db import session_scope
from footprint.extract import Extractor, Mention
from footprint.model import Document, EventLink, Evidence


@dataclass
class ExtractReport:
    documents: int = 0
    mentions: int = 0


_NOT_FIELDS = ("doc", "quote", "start", "end", "extractor", "extractor_version", "confidence")


def _fields(mention: Mention) -> dict:
    return {k: v for k, v in mention.to_json().items() if k not in _NOT_FIELDS}


def _decided(evidence: Evidence) -> bool:
    return evidence.event is not None and evidence.event.review_state != "machine"


def replace_mentions(
    session: Session, document: Document, extractor: Extractor, mentions: Iterable[Mention]
) -> int:
    """Store a document's mentions in place of the extractor's earlier ones.

    A mention found again unchanged keeps its evidence row (and so its event); one whose
    event a reviewer decided on stays as the reviewer left it; the rest are replaced.
    Returns the number of new evidence rows.
    """
    old = {
        (e.start, e.end, e.fields.get("type")): e
        for e in session.scalars(
            select(Evidence).where(
                Evidence.document_id == document.id, Evidence.extractor == extractor.name
            )
        )
    }
    added = 0
    for mention in mentions:
        fields = _fields(mention)
        previous = old.get((mention.start, mention.end, mention.type))
        if previous is not None and (previous.fields == fields or _decided(previous)):
            del old[(mention.start, mention.end, mention.type)]
            previous.extractor_version = mention.extractor_version
            continue
        session.add(
            Evidence(
                document=document,
                start=mention.start,
                end=mention.end,
                quote=mention.quote,
                extractor=mention.extractor,
                extractor_version=mention.extractor_version,
                confidence=mention.confidence,
                fields=fields,
            )
        )
        added += 1
    _drop(session, [e for e in old.values() if not _decided(e)])
    return added


def _drop(session: Session, stale: list[Evidence]) -> None:
    """Delete evidence no longer found, and machine events left with none."""
    emptied = {e.event for e in stale if e.event is not None}
    for evidence in stale:
        session.delete(evidence)
    session.flush()
    for event in emptied:
        session.refresh(event)
        if event.evidence:
            continue
        for link in session.scalars(
            select(EventLink).where(
                or_(EventLink.source_id == event.id, EventLink.target_id == event.id)
            )
        ):
            session.delete(link)
        session.delete(event)


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
            mentions = extractor.extract(
                document.text, doc=document.source, published=document.published
            )
            report.mentions += replace_mentions(session, document, extractor, mentions)
            report.documents += 1
        if on_document:
            on_document(document_id, len(ids))
    return report
