"""The filtered events as CSV, streamed in batches so a large export stays small in memory."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date

from fastapi.responses import StreamingResponse
from sqlalchemy.orm import sessionmaker

from footprint import events
from footprint.web.filters import EventQuery
from footprint.web.views import event_row

COLUMNS = (
    "id",
    "label",
    "type",
    "status",
    "provider",
    "provider_orgs",
    "recipients",
    "recipient_regions",
    "year_start",
    "year_end",
    "people",
    "sources",
    "confidence_level",
    "disputed",
    "review_state",
    "title",
    "summary",
)
BATCH = 1000
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """Lists joined with ';'; text that a spreadsheet would run as a formula is quoted."""
    if isinstance(value, list):
        value = ";".join(map(str, value))
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def rows(factory: sessionmaker, query: EventQuery, sort: str) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    f = query.to_filter()
    offset = 0
    with factory() as session:
        while True:
            batch = events.list_events(session, f, limit=BATCH, offset=offset, sort=sort)
            for event in batch:
                data = event_row(event)
                writer.writerow([_cell(data[c]) for c in COLUMNS])
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            if len(batch) < BATCH:
                return
            offset += BATCH
            session.expunge_all()  # keep memory flat over a long export


def csv_response(factory: sessionmaker, query: EventQuery, sort: str) -> StreamingResponse:
    name = f"footprint-events-{date.today().isoformat()}.csv"
    return StreamingResponse(
        rows(factory, query, sort),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
