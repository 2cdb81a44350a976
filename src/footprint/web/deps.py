"""Request dependencies: a database session, who is asking, may they read or write, CSRF.

Pages sign in with a session cookie (signed, HttpOnly, SameSite=Lax); every form carries
the session's CSRF token. The API also takes ``Authorization: Bearer <token>``; a
cookie-authenticated API write must send the CSRF token in ``X-CSRF-Token``.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from footprint import auth
from footprint.model import User
from footprint.web.settings import Settings

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


@dataclass(frozen=True)
class Viewer:
    """Who is signed in, as plain data for templates (outlives the database session, so
    error pages rendered after a rollback can still say who is signed in)."""

    name: str
    role: str


class LoginRequired(Exception):
    """Reading is private (or this is a write) and nobody is signed in."""


class Forbidden(Exception):
    """Signed in, but the role does not allow this, or the CSRF token is missing or wrong."""


def get_session(request: Request) -> Iterator[Session]:
    """One session per request, committed before the response is sent (scope="function"
    below): with FastAPI's default scope the commit ran after the client already had its
    redirect, so the next request could read the old row and a failed commit went unseen."""
    session = request.app.state.sessionmaker()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


DB = Annotated[Session, Depends(get_session, scope="function")]


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def password_mark(user: User) -> str:
    """Stored in the session: changing the password (or removing the user) ends sessions."""
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return token


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def current_user(request: Request, session: DB) -> User | None:
    """The signed-in user (session cookie) or token holder, else None.

    FastAPI runs this once per request however many dependencies ask for it."""
    user = None
    token = _bearer(request)
    if token is not None:
        user = auth.user_for_token(session, token)
        request.state.by_token = user is not None
    elif "uid" in request.session:
        user = session.get(User, request.session["uid"])
        if user is None or request.session.get("pw") != password_mark(user):
            request.session.pop("uid", None)
            user = None
    request.state.viewer = Viewer(user.name, user.role) if user else None
    return user


CurrentUser = Annotated[User | None, Depends(current_user)]


def require_reader(request: Request, user: CurrentUser) -> User | None:
    if settings_of(request).public or user is not None:
        return user
    raise LoginRequired()


def _check_csrf(request: Request, sent: str | None) -> None:
    expected = request.session.get("csrf")
    if not expected or not sent or not secrets.compare_digest(expected, sent):
        raise Forbidden("CSRF token missing or wrong; reload the page and try again")


async def require_writer(request: Request, user: CurrentUser) -> User:
    """A signed-in user; cookie sessions must prove the request came from our own page."""
    if user is None:
        raise LoginRequired()
    if not getattr(request.state, "by_token", False):
        sent = request.headers.get(CSRF_HEADER)
        if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            sent = (await request.form()).get(CSRF_FIELD)
        _check_csrf(request, sent if isinstance(sent, str) else None)
    return user


def require_admin(user: Annotated[User, Depends(require_writer)]) -> User:
    if user.role != "admin":
        raise Forbidden("this needs the admin role")
    return user


Reader = Annotated[User | None, Depends(require_reader)]
Writer = Annotated[User, Depends(require_writer)]
Admin = Annotated[User, Depends(require_admin)]


def check_form_csrf(request: Request, sent: str | None) -> None:
    """For forms that do not need a user (sign-in)."""
    _check_csrf(request, sent)
