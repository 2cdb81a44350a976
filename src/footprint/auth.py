"""People who sign in: users with a role, argon2id password hashes, API tokens.

Reading may be public; every change needs a user. Passwords are hashed with argon2id
(argon2-cffi's defaults, rehashed on login when those defaults move on). API tokens are
256 random bits shown once; only their SHA-256 is stored, which is enough for a secret of
that strength and lets a token be looked up in one indexed query.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from footprint.model import ApiToken, User, utcnow

ROLES = ("reviewer", "admin")
TOKEN_PREFIX = "fp_"
MIN_PASSWORD = 8
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")

_hasher = PasswordHasher()
# Verified against when the user does not exist, so that a wrong name costs as much time
# as a wrong password and names cannot be probed by timing.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class AuthError(ValueError):
    """A user or token request that cannot be carried out (bad name, role, password...)."""


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise AuthError(f"role: {role!r} is not one of {', '.join(ROLES)}")
    return role


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AuthError(f"password: at least {MIN_PASSWORD} characters")
    return _hasher.hash(password)


def get_user(session: Session, name: str) -> User | None:
    return session.scalar(select(User).where(User.name == name))


def add_user(session: Session, name: str, password: str, role: str = "reviewer") -> User:
    if not _NAME.fullmatch(name):
        raise AuthError(
            f"name: {name!r} must be 1-64 letters, digits, dots, dashes, underscores or @"
        )
    _check_role(role)
    if get_user(session, name) is not None:
        raise AuthError(f"name: a user called {name!r} already exists")
    user = User(name=name, role=role, password_hash=hash_password(password))
    session.add(user)
    session.flush()
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.name)))


def remove_user(session: Session, name: str) -> None:
    """Delete a user and their tokens; their decisions stay in the audit log under the name."""
    user = get_user(session, name)
    if user is None:
        raise AuthError(f"name: no user called {name!r}")
    session.delete(user)
    session.flush()


def set_password(session: Session, name: str, password: str) -> None:
    user = get_user(session, name)
    if user is None:
        raise AuthError(f"name: no user called {name!r}")
    user.password_hash = hash_password(password)


def authenticate(session: Session, name: str, password: str) -> User | None:
    """The user if the password is right, else None (same cost either way)."""
    user = get_user(session, name)
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.last_login_at = utcnow()
    return user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(session: Session, name: str, label: str = "") -> str:
    """A new API token for a user; the only time the token itself is available."""
    user = get_user(session, name)
    if user is None:
        raise AuthError(f"name: no user called {name!r}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(user=user, label=label, token_sha256=_digest(token)))
    session.flush()
    return token


def user_for_token(session: Session, token: str) -> User | None:
    if not token.startswith(TOKEN_PREFIX):
        return None
    digest = _digest(token)
    row = session.scalar(select(ApiToken).where(ApiToken.token_sha256 == digest))
    # The lookup is by digest; compare again in constant time for good measure.
    if row is None or not hmac.compare_digest(row.token_sha256, digest):
        return None
    row.last_used_at = utcnow()
    return row.user


def revoke_tokens(session: Session, name: str) -> int:
    user = get_user(session, name)
    if user is None:
        raise AuthError(f"name: no user called {name!r}")
    count = len(user.tokens)
    user.tokens.clear()
    session.flush()
    return count
