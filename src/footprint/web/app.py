"""The web app: FastAPI with server-rendered pages and a JSON API under /api/v1.

``create_app(engine, settings)`` builds it; ``footprint serve`` runs it with uvicorn.
Errors are answered in kind: a JSON body under /api/, a page elsewhere. Every response
carries a Content-Security-Policy that allows nothing from another host.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker
from starlette.exceptions import HTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from footprint import __version__, codebook, review
from footprint.events import EventNotFound
from footprint.web import api, pages
from footprint.web.cache import DataVersion, ResultCache
from footprint.web.deps import Forbidden, LoginRequired
from footprint.web.render import render
from footprint.web.settings import Settings
from footprint.web.views import NotFound

log = logging.getLogger(__name__)

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class SecurityHeaders:
    """Adds the security headers (and a cache lifetime for static files) to responses."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith(("/static/", "/map/"))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += SECURITY_HEADERS
                if static:
                    headers.append((b"cache-control", b"public, max-age=86400"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def static_dir() -> Path:
    return Path(str(resources.files("footprint.web") / "static"))


def create_app(engine: Engine, settings: Settings) -> FastAPI:
    app = FastAPI(
        title="Footprint API",
        version=__version__,
        description="Events of the export of policing and security models, with the "
        "evidence behind each. Read routes follow the web pages and take the same filters.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = sessionmaker(engine, expire_on_commit=False)
    app.state.cache = ResultCache(
        DataVersion(engine), app.state.sessionmaker, enabled=settings.cache
    )
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    _error_handlers(app)
    # Outermost last: headers on everything, then gzip, then the session cookie.
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        session_cookie="footprint_session",
        max_age=settings.session_days * 86400,
        same_site="lax",
        https_only=settings.secure_cookies,
    )
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(SecurityHeaders)
    return app


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, message: str, **extra: Any) -> Response:
    if _is_api(request):
        return JSONResponse({"detail": message, **extra}, status_code=status)
    return render(
        request,
        "error.html",
        {"status": status, "message": message, **extra},
        status_code=status,
    )


def _field_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for error in exc.errors():
        loc = [str(part) for part in error.get("loc", ()) if part not in ("query", "body", "path")]
        message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
        out.append({"field": ".".join(loc) or "request", "message": message})
    return out


def _codebook_field(message: str) -> str:
    field, sep, _ = message.partition(":")
    return field.strip() if sep and field.strip().isidentifier() else "request"


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = _field_errors(exc)
        names = ", ".join(sorted({e["field"] for e in errors}))
        if _is_api(request):
            return JSONResponse(
                {"detail": f"invalid value for {names}", "errors": errors}, status_code=422
            )
        return _error(request, 422, f"Invalid value for {names}.", errors=errors)

    @app.exception_handler(codebook.CodebookError)
    async def codebook_error(request: Request, exc: codebook.CodebookError) -> Response:
        field = _codebook_field(str(exc))
        errors = [{"field": field, "message": str(exc)}]
        return _error(request, 422, f"Invalid value for {field}.", errors=errors)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        messages = {404: "Nothing here: the address may be mistyped, or the record removed."}
        return _error(request, exc.status_code, str(exc.detail or messages.get(exc.status_code)))

    @app.exception_handler(NotFound)
    @app.exception_handler(EventNotFound)
    async def not_found(request: Request, exc: LookupError) -> Response:
        return _error(request, 404, str(exc))

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        if _is_api(request):
            return JSONResponse(
                {"detail": "sign in or send an API token (Authorization: Bearer ...)"},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={_quote(target)}", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        return _error(request, 403, str(exc))

    @app.exception_handler(review.ConflictError)
    async def conflict(request: Request, exc: review.ConflictError) -> Response:
        return _error(request, 409, str(exc))

    @app.exception_handler(review.ReviewError)
    async def review_error(request: Request, exc: review.ReviewError) -> Response:
        field = _codebook_field(str(exc))
        return _error(request, 422, str(exc), errors=[{"field": field, "message": str(exc)}])


def _quote(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="/")
