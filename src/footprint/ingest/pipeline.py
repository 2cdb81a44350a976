"""The ingestion pipeline: every input ends up stored, found duplicate, or quarantined."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx
from sqlalchemy import Engine

from footprint import documents
from footprint.db import session_scope
from footprint.ingest.errors import InputError
from footprint.ingest.readers import (
    READERS,
    Parsed,
    Rejected,
    content_type_charset,
    detect_format,
)
from footprint.ingest.sources import (
    DEFAULT_MAX_BYTES,
    Input,
    expand,
    fetch,
    http_client,
    is_url,
    read_file,
)
from footprint.ingest.text import clean, detect_language, fingerprint
from footprint.model import Document


@dataclass
class IngestReport:
    new: list[int] = field(default_factory=list)  # document ids
    duplicates: list[tuple[str, int]] = field(default_factory=list)  # (source, existing id)
    quarantined: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    hidden_skipped: int = 0

    @property
    def failed(self) -> bool:
        return bool(self.quarantined)

    def summary(self) -> str:
        line = (
            f"{len(self.new)} new, {len(self.duplicates)} duplicate, "
            f"{len(self.quarantined)} quarantined"
        )
        if self.hidden_skipped:
            line += f" ({self.hidden_skipped} hidden files skipped)"
        return line


def to_document(parsed: Parsed) -> Document:
    """Clean the text and fill in what the reader could not say."""
    text = clean(parsed.text)
    if not text:
        raise InputError("no text content")
    return Document(
        source=parsed.source,
        url=parsed.url,
        title=parsed.title,
        publisher=parsed.publisher,
        published=parsed.published,
        language=detect_language(text, parsed.language),
        format=parsed.format,
        encoding=parsed.encoding,
        text=text,
        sha256=fingerprint(text),
        chars=len(text),
    )


def _read(item: Input, client: httpx.Client | None, max_bytes: int) -> list[Parsed | Rejected]:
    if item.is_url:
        assert client is not None
        data, content_type, final_url = fetch(client, item.location, max_bytes)
    else:
        data, content_type, final_url = read_file(item.location, max_bytes), None, None
    fmt = detect_format(final_url or item.location, data, content_type)
    items = READERS[fmt](item.location, data, content_type_charset(content_type))
    for parsed in items:
        if isinstance(parsed, Parsed) and item.is_url and not parsed.url:
            parsed.url = final_url
    return items


def read_path(location: str, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Document]:
    """Read one file or URL as ingestion would, without storing it (for `extract PATH`).
    Raises InputError when the input cannot be read; unreadable dump rows are left out."""
    item = Input(location, is_url=is_url(location))
    with http_client() if item.is_url else _no_client() as client:
        items = _read(item, client, max_bytes)
    documents = []
    for parsed in items:
        if isinstance(parsed, Parsed):
            try:
                documents.append(to_document(parsed))
            except InputError:
                if len(items) == 1:
                    raise
    return documents


@contextmanager
def _no_client() -> Iterator[None]:
    yield None


def ingest(
    engine: Engine,
    locations: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_input: Callable[[str, int], None] | None = None,
    client: httpx.Client | None = None,
) -> IngestReport:
    """Ingest files, folders and URLs. Never stops at a bad input: it is quarantined with
    its reason and the batch goes on. ``on_input(location, total)`` reports progress."""
    expansion = expand(locations)
    report = IngestReport(hidden_skipped=expansion.hidden)
    total = len(expansion.inputs) + len(expansion.missing)
    own_client = client is None and any(i.is_url for i in expansion.inputs)
    client = http_client() if own_client else client
    try:
        for location, reason in expansion.missing:
            _store(engine, location, [Rejected(location, reason)], report)
            if on_input:
                on_input(location, total)
        for item in expansion.inputs:
            try:
                items = _read(item, client, max_bytes)
            except InputError as exc:
                items = [Rejected(item.location, str(exc))]
            except Exception as exc:  # a reader bug must not sink the batch
                items = [Rejected(item.location, f"reader failed: {type(exc).__name__}: {exc}")]
            _store(engine, item.location, items, report)
            if on_input:
                on_input(item.location, total)
    finally:
        if own_client and client is not None:
            client.close()
    return report


def _store(
    engine: Engine, location: str, items: list[Parsed | Rejected], report: IngestReport
) -> None:
    with session_scope(engine) as session:
        input_failed = False
        for item in items:
            if isinstance(item, Parsed):
                try:
                    item = to_document(item)
                except InputError as exc:
                    item = Rejected(item.source, str(exc))
            if isinstance(item, Rejected):
                reason = " ".join(item.reason.split())
                documents.quarantine(session, item.source, reason)
                report.quarantined.append((item.source, reason))
                input_failed |= item.source == location
                continue
            stored, is_new = documents.add(session, item)
            documents.release_from_quarantine(session, item.source)
            if is_new:
                report.new.append(stored.id)
            else:
                report.duplicates.append((item.source, stored.id))
        # The input itself was read (even if some rows were not): clear an old failure.
        if not input_failed:
            documents.release_from_quarantine(session, location)
