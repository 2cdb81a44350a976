"""The JSON API under /api/v1: one read route per page, with the same filters, and the
review decisions for signed-in users or API tokens."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import StreamingResponse

from footprint import codebook, events, review
from footprint.web import views
from footprint.web.deps import DB, CurrentUser, Writer, require_reader
from footprint.web.export import csv_response
from footprint.web.filters import MAX_ID, MAX_LIMIT, EventQuery, Page, query_string
from footprint.web.schemas import (
    AuditOut,
    Decision,
    DocumentDetail,
    DocumentList,
    Edit,
    EventDetail,
    EventList,
    EventRow,
    Facets,
    Me,
    Queue,
    UnsureDecision,
)

router = APIRouter(prefix="/api/v1", tags=["api"])
read = APIRouter(dependencies=[Depends(require_reader)])

Filters = Annotated[EventQuery, Query()]
Paging = Annotated[Page, Query()]
EventId = Annotated[int, Path(ge=1, le=MAX_ID, description="Event id.")]


def _next(request: Request, data: dict[str, Any]) -> str | None:
    if data["offset"] + data["limit"] >= data["total"]:
        return None
    params = data["filters"] | {"limit": data["limit"], "sort": data["sort"]}
    return request.url.path + query_string(params, offset=data["offset"] + data["limit"])


@read.get("/overview", summary="The dataset at a glance (the overview page)")
def overview(request: Request, session: DB) -> dict[str, Any]:
    """Totals; events by recipient country (the map), by type, status and review state;
    a timeline by year and type; the most active actors; the latest additions."""
    return views.cached_overview(session, request.app.state.cache)


@read.get("/events", response_model=EventList, summary="Events, filtered and paginated")
def event_list(request: Request, session: DB, query: Filters, page: Paging) -> dict[str, Any]:
    data = views.event_list(session, query, page)
    return data | {"next": _next(request, data)}


@read.get("/events/facets", response_model=Facets, summary="Counts per facet value")
def event_facets(request: Request, session: DB, query: Filters) -> dict[str, Any]:
    state = request.app.state
    counted = views.cached_facets(session, state.cache, state.sessionmaker, query)
    return {"total": counted["total"], "filters": query.params(), "facets": counted["facets"]}


@read.get(
    "/events.csv",
    summary="The filtered events as CSV",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}}},
)
def event_csv(request: Request, query: Filters, page: Paging) -> StreamingResponse:
    return csv_response(request.app.state.sessionmaker, query, page.order)


@read.get("/events/{event_id}", response_model=EventDetail, summary="One event, with evidence")
def event_detail(session: DB, event_id: EventId) -> dict[str, Any]:
    """Fields, each source's claims (conflicts listed), every evidence quote with its
    document and span, links to other events, and the review history."""
    return views.event_detail(session, event_id)


@read.get("/events/{event_id}/history", response_model=list[AuditOut], summary="Review history")
def event_history(session: DB, event_id: EventId) -> list[dict[str, Any]]:
    events.get_event(session, event_id)
    return [events.audit_dict(a) for a in events.history(session, "event", event_id)]


@read.get("/review", response_model=Queue, summary="The review queue")
def review_queue(request: Request, session: DB, query: Filters, page: Paging) -> dict[str, Any]:
    """Events waiting for review (machine-made unless ``review_state`` says otherwise),
    each with its quotes."""
    data = views.review_queue(session, query, page)
    return data | {"next": _next(request, data)}


@read.get("/countries", summary="Recipient countries with their number of events")
def countries(session: DB) -> list[dict[str, Any]]:
    return views.countries(session)


@read.get("/countries/{code}", summary="A country profile")
def country(request: Request, session: DB, code: str) -> dict[str, Any]:
    """Events by type and year, officers trained over time, pushback, providers and the
    actors involved."""
    return views.country_profile(session, request.app.state.cache, code)


@read.get("/actors", summary="Actors with their number of events")
def actors(session: DB) -> list[dict[str, Any]]:
    return views.actors(session)


@read.get("/actors/{name:path}", summary="An actor profile, with its network")
def actor(request: Request, session: DB, name: str) -> dict[str, Any]:
    return views.actor_profile(session, request.app.state.cache, name)


@read.get("/network", summary="The actor–country network with centrality")
def network(request: Request, session: DB) -> dict[str, Any]:
    from footprint import analyse

    return request.app.state.cache.get(session, "network", analyse.network, stale_ok=True)


@read.get("/coverage", summary="Per country: the sources, publishers and languages behind it")
def coverage(request: Request, session: DB) -> list[dict[str, Any]]:
    return views.coverage(session, request.app.state.cache)


@read.get("/documents", response_model=DocumentList, summary="Documents; full-text search")
def document_list(
    session: DB,
    q: Annotated[str | None, Query(max_length=200, description="Words to search for.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    return views.document_list(session, (q or "").strip() or None, limit, offset)


@read.get("/documents/{document_id}", response_model=DocumentDetail, summary="One document")
def document(session: DB, document_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> dict[str, Any]:
    """The text, its evidence spans (each with its event) and the text cut into pieces at
    every span boundary, ready to highlight."""
    return views.document_detail(session, document_id)


@read.get("/codebook", summary="Event types, statuses, review states, regions")
def codebook_route() -> dict[str, Any]:
    book = codebook.load()
    return {
        "version": book.version,
        "event_types": {k: vars(t) for k, t in book.event_types.items()},
        "statuses": book.statuses,
        "review_states": book.review_states,
        "event_relations": book.event_relations,
        "confidence_levels": book.confidence_levels,
        "regions": list(book.regions),
    }


@router.get("/me", response_model=Me, summary="Who is asking")
def me(request: Request, user: CurrentUser) -> dict[str, Any]:
    return {
        "name": user.name if user else None,
        "role": user.role if user else None,
        "public": request.app.state.settings.public,
    }


# --- writes: signed in (cookie + X-CSRF-Token) or Authorization: Bearer <token> ----------


def _decided(session, event) -> dict[str, Any]:
    session.flush()
    return views.event_row(event)


@router.post("/events/{event_id}/accept", response_model=EventRow, summary="Accept an event")
def accept(session: DB, user: Writer, event_id: EventId, body: Decision) -> dict[str, Any]:
    event = review.accept(
        session, event_id, user.name, expected_version=body.version, note=body.note
    )
    return _decided(session, event)


@router.post("/events/{event_id}/reject", response_model=EventRow, summary="Reject an event")
def reject(session: DB, user: Writer, event_id: EventId, body: Decision) -> dict[str, Any]:
    event = review.reject(
        session, event_id, user.name, expected_version=body.version, note=body.note
    )
    return _decided(session, event)


@router.post("/events/{event_id}/unsure", response_model=EventRow, summary="Mark unsure")
def unsure(session: DB, user: Writer, event_id: EventId, body: UnsureDecision) -> dict[str, Any]:
    event = review.unsure(session, event_id, user.name, body.note, expected_version=body.version)
    return _decided(session, event)


@router.patch("/events/{event_id}", response_model=EventRow, summary="Correct an event's fields")
def edit(session: DB, user: Writer, event_id: EventId, body: Edit) -> dict[str, Any]:
    event = review.edit(
        session, event_id, user.name, body.changes, expected_version=body.version, note=body.note
    )
    return _decided(session, event)


# Added last: include_router copies the routes defined so far.
router.include_router(read)
