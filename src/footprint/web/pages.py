"""The HTML pages: each renders what ``views`` returns for it (the API returns the same)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response, StreamingResponse
from sqlalchemy import select

from footprint import auth, codebook, events, review
from footprint.model import ApiToken, User
from footprint.web import geo, views
from footprint.web.deps import (
    CSRF_FIELD,
    DB,
    CurrentUser,
    Reader,
    Writer,
    check_form_csrf,
    csrf_token,
    password_mark,
)
from footprint.web.export import csv_response
from footprint.web.filters import MAX_ID, EventQuery, Page
from footprint.web.render import render

router = APIRouter(include_in_schema=False)

Filters = Annotated[EventQuery, Query()]
Paging = Annotated[Page, Query()]
EventId = Annotated[int, Path(ge=1, le=MAX_ID)]


def _local(target: str | None, default: str = "/") -> str:
    """Only same-site paths are followed after a form (no open redirects)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return default


def _see_other(target: str) -> RedirectResponse:
    return RedirectResponse(target, status_code=303)


# --- reading ----------------------------------------------------------------------------


@router.get("/")
def overview_page(request: Request, session: DB, user: Reader) -> Response:
    data = views.cached_overview(session, request.app.state.cache)
    return render(request, "overview.html", {"data": data})


@router.get("/events")
def events_page(
    request: Request, session: DB, user: Reader, query: Filters, page: Paging
) -> Response:
    data = views.event_list(session, query, page)
    context = {
        "data": data,
        "facets": views.cached_facets(
            session, request.app.state.cache, request.app.state.sessionmaker, query
        )["facets"],
        "query": query,
        "params": query.params(),
        "page": page,
        "sorts": {
            "-id": "Newest",
            "id": "Oldest",
            "-year": "Latest year",
            "year": "Earliest year",
            "-sources": "Most sources",
            "-updated": "Recently changed",
        },
    }
    return render(request, "events.html", context)


@router.get("/events.csv")
def events_csv(request: Request, user: Reader, query: Filters, page: Paging) -> StreamingResponse:
    return csv_response(request.app.state.sessionmaker, query, page.order)


@router.get("/events/{event_id}")
def event_page(request: Request, session: DB, user: Reader, event_id: EventId) -> Response:
    return _event_page(request, session, event_id)


def _event_page(
    request: Request, session, event_id: int, status: int = 200, **extra: Any
) -> Response:
    data = views.event_detail(session, event_id)
    context = {"e": data, "form": {}, "error": None, **extra}
    return render(request, "event.html", context, status_code=status)


@router.get("/review")
def review_page(
    request: Request, session: DB, user: Reader, query: Filters, page: Paging
) -> Response:
    data = views.review_queue(session, query, page)
    params = query.params()
    return render(
        request, "review.html", {"data": data, "params": params, "query": query, "page": page}
    )


@router.get("/countries")
def countries_page(request: Request, session: DB, user: Reader) -> Response:
    return render(request, "countries.html", {"rows": views.countries(session)})


@router.get("/countries/{code}")
def country_page(request: Request, session: DB, user: Reader, code: str) -> Response:
    data = views.country_profile(session, request.app.state.cache, code)
    return render(request, "country.html", {"c": data})


@router.get("/actors")
def actors_page(request: Request, session: DB, user: Reader) -> Response:
    return render(request, "actors.html", {"rows": views.actors(session)})


@router.get("/actors/{name:path}")
def actor_page(request: Request, session: DB, user: Reader, name: str) -> Response:
    from footprint.web.graph import layout

    data = views.actor_profile(session, request.app.state.cache, name)
    return render(request, "actor.html", {"a": data, "graph": layout(data["network"])})


@router.get("/documents")
def documents_page(
    request: Request,
    session: DB,
    user: Reader,
    q: Annotated[str | None, Query(max_length=200)] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    data = views.document_list(session, (q or "").strip() or None, 50, offset)
    return render(request, "documents.html", {"data": data})


@router.get("/documents/{document_id}")
def document_page(
    request: Request,
    session: DB,
    user: Reader,
    document_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    evidence: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="Span to mark as the target.")
    ] = None,
) -> Response:
    data = views.document_detail(session, document_id)
    return render(request, "document.html", {"d": data, "target": evidence})


@router.get("/coverage")
def coverage_page(request: Request, session: DB, user: Reader) -> Response:
    rows = views.coverage(session, request.app.state.cache)
    return render(request, "coverage.html", {"rows": rows})


@router.get("/map/world.json")
def world_map() -> Response:
    return Response(geo.world_topojson(), media_type="application/json")


@router.get("/api/v1/docs")
def api_docs(request: Request, user: Reader) -> Response:
    from footprint.web.apidocs import describe

    return render(request, "api_docs.html", {"api": describe(request.app.openapi())})


# --- review -------------------------------------------------------------------------------


@router.post("/events/{event_id}/decide")
def decide(
    request: Request,
    session: DB,
    user: Writer,
    event_id: EventId,
    decision: Annotated[str, Form(pattern="^(accepted|rejected|unsure)$")],
    version: Annotated[int | None, Form()] = None,
    note: Annotated[str | None, Form(max_length=4000)] = None,
    next: Annotated[str | None, Form()] = None,  # noqa: A002 (the usual name)
) -> Response:
    note = (note or "").strip() or None
    try:
        review.decide(session, event_id, decision, user.name, expected_version=version, note=note)
    except review.ConflictError as exc:
        session.rollback()
        return _event_page(request, session, event_id, status=409, error=str(exc))
    except review.ReviewError as exc:
        session.rollback()
        return _event_page(request, session, event_id, status=422, error=str(exc))
    request.session["flash"] = f"Event {event_id} marked {decision}."
    return _see_other(_local(next, f"/events/{event_id}"))


def _edit_values(form: dict[str, str], current: dict[str, Any]) -> dict[str, Any]:
    """The fields the reviewer changed, as review.edit expects them."""
    changes: dict[str, Any] = {}
    for name in review.EDITABLE:
        if name not in form:
            continue
        raw = form[name].strip()
        if name in ("recipients", "recipient_regions", "provider_orgs"):
            value: Any = sorted({v.strip() for v in raw.split(",") if v.strip()})
            if name == "recipients":
                value = sorted(codebook.country(v) for v in value)
        elif name in ("year_start", "year_end", "people"):
            if raw and not raw.isdigit():
                raise review.ReviewError(f"{name}: {raw!r} is not a whole number")
            value = int(raw) if raw else None
        else:
            value = raw or None
            if name == "provider" and value:
                value = codebook.country(value)
        if value != current.get(name):
            changes[name] = value
    return changes


@router.post("/events/{event_id}/edit")
def edit(
    request: Request,
    session: DB,
    user: Writer,
    event_id: EventId,
    version: Annotated[int | None, Form()] = None,
    note: Annotated[str | None, Form(max_length=4000)] = None,
    type: Annotated[str | None, Form()] = None,  # noqa: A002 (the field's name)
    status: Annotated[str | None, Form()] = None,
    title: Annotated[str | None, Form(max_length=2000)] = None,
    summary: Annotated[str | None, Form(max_length=20000)] = None,
    provider: Annotated[str | None, Form()] = None,
    provider_orgs: Annotated[str | None, Form(max_length=2000)] = None,
    recipients: Annotated[str | None, Form(max_length=2000)] = None,
    recipient_regions: Annotated[str | None, Form(max_length=2000)] = None,
    year_start: Annotated[str | None, Form()] = None,
    year_end: Annotated[str | None, Form()] = None,
    people: Annotated[str | None, Form()] = None,
    next: Annotated[str | None, Form()] = None,  # noqa: A002
) -> Response:
    given = {
        "type": type,
        "status": status,
        "title": title,
        "summary": summary,
        "provider": provider,
        "provider_orgs": provider_orgs,
        "recipients": recipients,
        "recipient_regions": recipient_regions,
        "year_start": year_start,
        "year_end": year_end,
        "people": people,
    }
    form = {k: v for k, v in given.items() if v is not None}
    event = events.get_event(session, event_id)
    try:
        changes = _edit_values(form, events.snapshot(event))
        if not changes:
            raise review.ReviewError("changes: nothing was changed")
        note = (note or "").strip() or None
        review.edit(session, event_id, user.name, changes, expected_version=version, note=note)
    except (review.ReviewError, codebook.CodebookError) as exc:
        session.rollback()
        code = 409 if isinstance(exc, review.ConflictError) else 422
        return _event_page(request, session, event_id, status=code, error=str(exc), form=form)
    request.session["flash"] = f"Event {event_id} edited."
    return _see_other(_local(next, f"/events/{event_id}"))


# --- signing in ---------------------------------------------------------------------------


@router.get("/login")
def login_page(request: Request, user: CurrentUser, next: str | None = None) -> Response:  # noqa: A002
    return render(request, "login.html", {"next": _local(next), "error": None})


@router.post("/login")
def login(
    request: Request,
    session: DB,
    name: Annotated[str, Form(max_length=128)],
    password: Annotated[str, Form(max_length=1024)],
    csrf_token_field: Annotated[str | None, Form(alias=CSRF_FIELD)] = None,
    next: Annotated[str | None, Form()] = None,  # noqa: A002
) -> Response:
    check_form_csrf(request, csrf_token_field)
    user = auth.authenticate(session, name.strip(), password)
    if user is None:
        context = {"next": _local(next), "error": "Wrong name or password.", "name": name}
        return render(request, "login.html", context, status_code=401)
    # A fresh session on sign-in: nothing from before (and no old CSRF token) carries over.
    request.session.clear()
    request.session.update({"uid": user.id, "pw": password_mark(user)})
    csrf_token(request)
    request.session["flash"] = f"Signed in as {user.name}."
    return _see_other(_local(next))


@router.post("/logout")
def logout(request: Request, user: Writer) -> Response:
    request.session.clear()
    return _see_other("/")


@router.get("/account")
def account_page(request: Request, session: DB, user: Reader) -> Response:
    if user is None:
        return _see_other("/login?next=/account")
    return _account(request, session, user)


def _account(request: Request, session, user: User, new_token: str | None = None) -> Response:
    tokens = session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)).all()
    users = auth.list_users(session) if user.role == "admin" else []
    context = {"tokens": tokens, "users": users, "new_token": new_token, "me": user}
    return render(request, "account.html", context)


@router.post("/account/tokens")
def new_token(
    request: Request,
    session: DB,
    user: Writer,
    label: Annotated[str, Form(max_length=128)] = "",
) -> Response:
    # Shown once, in this response; only its hash is stored.
    token = auth.create_token(session, user.name, label.strip())
    return _account(request, session, user, new_token=token)


@router.post("/account/tokens/revoke")
def revoke_tokens(request: Request, session: DB, user: Writer) -> Response:
    n = auth.revoke_tokens(session, user.name)
    request.session["flash"] = f"{n} token(s) revoked."
    return _see_other("/account")
