"""What a running web app is configured with: reading public or private, the cookie secret."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import platformdirs

SECRET_ENV = "FOOTPRINT_SECRET_KEY"
PUBLIC_ENV = "FOOTPRINT_PUBLIC"


@dataclass(frozen=True)
class Settings:
    # Anyone may read pages and the read API; when False, reading needs a login or token.
    public: bool = True
    # Signs session cookies. Keep it stable across restarts or everybody is logged out.
    secret_key: str = ""
    # Send cookies over HTTPS only (set it when serving behind TLS).
    secure_cookies: bool = False
    session_days: int = 14
    site_name: str = "Footprint"
    # Keep facet counts, the overview and summaries until the database changes.
    cache: bool = True

    def __post_init__(self) -> None:
        if len(self.secret_key) < 32:
            raise ValueError("secret_key: at least 32 characters")


def default_secret_file() -> Path:
    return Path(platformdirs.user_data_dir("footprint")) / "web-secret"


def load_secret(path: Path | None = None) -> str:
    """The session secret: ``FOOTPRINT_SECRET_KEY``, else a file made on first use (0600)."""
    if os.environ.get(SECRET_ENV):
        return os.environ[SECRET_ENV]
    path = path or default_secret_file()
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secret)
    return secret


def public_from_env(default: bool = True) -> bool:
    value = os.environ.get(PUBLIC_ENV)
    if value is None:
        return default
    return value.strip().lower() not in ("0", "false", "no", "off")
