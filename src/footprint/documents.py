"""The document store: add, list, show and search documents; record quarantined inputs."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from footprint import dialect
from footprint.model import Document, Quarantine, utcnow


def find_by_hash(session: Session, sha256: str) -> Document | None:
    return session.scalar(select(Document).where(Document.sha256 == sha256))


def add(session: Session, document: Document) -> tuple[Document, bool]:
    """Store a document unless the same normalised text is already there.

    Returns the stored document and whether it is new.
    """
    existing = find_by_hash(session, document.sha256)
    if existing is not None:
        return existing, False
    session.add(document)
    session.flush()
    dialect.index_document(session.connection(), document.id, document.title, document.text)
    return document, True


def get(session: Session, document_id: int) -> Document | None:
    return session.get(Document, document_id)


def list_documents(
    session: Session,
    *,
    language: str | None = None,
    publisher: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[Document]:
    query = select(Document).order_by(Document.id)
    if language:
        query = query.where(Document.language == language)
    if publisher:
        query = query.where(Document.publisher == publisher)
    return list(session.scalars(query.limit(limit).offset(offset)))


def count(session: Session) -> int:
    return session.scalar(select(func.count(Document.id))) or 0


@dataclass(frozen=True)
class SearchResult:
    document: Document
    snippet: str  # the hit wrapped in dialect.START_MARK ... dialect.END_MARK


def search(session: Session, words: str, limit: int = 20, offset: int = 0) -> list[SearchResult]:
    hits = dialect.search(session.connection(), words, limit=limit, offset=offset)
    documents = {
        d.id: d
        for d in session.scalars(
            select(Document).where(Document.id.in_([h.document_id for h in hits]))
        )
    }
    return [SearchResult(documents[h.document_id], h.snippet) for h in hits]


# --- quarantine ------------------------------------------------------------------------


def quarantine(session: Session, source: str, reason: str) -> Quarantine:
    """Record (or re-record) an input that failed, keeping one row per source."""
    row = session.scalar(select(Quarantine).where(Quarantine.source == source))
    if row is None:
        row = Quarantine(source=source, reason=reason)
        session.add(row)
    else:
        row.reason, row.last_seen, row.resolved_at = reason, utcnow(), None
        row.attempts += 1
    session.flush()
    return row


def release_from_quarantine(session: Session, source: str) -> None:
    """A source that was quarantined before has now been read: mark it resolved."""
    row = session.scalar(
        select(Quarantine).where(Quarantine.source == source, Quarantine.resolved_at.is_(None))
    )
    if row is not None:
        row.resolved_at = utcnow()


def list_quarantine(session: Session, *, include_resolved: bool = False) -> list[Quarantine]:
    query = select(Quarantine).order_by(Quarantine.last_seen.desc(), Quarantine.id.desc())
    if not include_resolved:
        query = query.where(Quarantine.resolved_at.is_(None))
    return list(session.scalars(query))
