"""Where inputs come from: files, folders (recursive) and http(s) URLs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import httpx

from footprint import __version__
from footprint.ingest.errors import InputError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
USER_AGENT = f"footprint/{__version__} (evidence tracker)"


@dataclass(frozen=True)
class Input:
    location: str  # a file path or a URL, as the document's source
    is_url: bool = False


@dataclass
class Expansion:
    inputs: list[Input]
    missing: list[tuple[str, str]]  # (location, reason)
    hidden: int  # hidden files and folders skipped inside folders (.git, .DS_Store...)


def is_url(location: str) -> bool:
    return location.lower().startswith(("http://", "https://"))


def expand(locations: Iterable[str]) -> Expansion:
    """Turn paths, folders and URLs into a flat, ordered list of inputs."""
    result = Expansion([], [], 0)
    for location in locations:
        if "://" in location:
            if is_url(location):
                result.inputs.append(Input(location, is_url=True))
            else:
                result.missing.append((location, "unsupported URL scheme (http/https only)"))
            continue
        path = Path(location)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    result.hidden += child.is_file()
                elif child.is_file():
                    result.inputs.append(Input(str(child)))
        elif path.is_file():
            result.inputs.append(Input(str(path)))
        else:
            result.missing.append((location, "no such file or directory"))
    return result


def read_file(path: str, max_bytes: int) -> bytes:
    try:
        size = Path(path).stat().st_size
        if size > max_bytes:
            raise InputError(f"too large: {size:,} bytes, over the {max_bytes:,}-byte limit")
        if size == 0:
            raise InputError("empty file")
        return Path(path).read_bytes()
    except PermissionError:
        raise InputError("cannot read: permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None


def fetch(client: httpx.Client, url: str, max_bytes: int) -> tuple[bytes, str | None, str]:
    """GET a URL within the size limit. Returns (body, content type, final URL)."""
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise InputError(f"HTTP {response.status_code} {response.reason_phrase}")
            declared = int(response.headers.get("content-length") or 0)
            if declared > max_bytes:
                raise InputError(
                    f"too large: {declared:,} bytes, over the {max_bytes:,}-byte limit"
                )
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise InputError(f"too large: over the {max_bytes:,}-byte limit")
            if not body:
                raise InputError("empty response")
            return bytes(body), response.headers.get("content-type"), str(response.url)
    except httpx.TimeoutException:
        raise InputError("unreachable: timed out") from None
    except httpx.HTTPError as exc:
        raise InputError(f"unreachable: {type(exc).__name__}: {exc}".split("\n")[0]) from None


def http_client(timeout: float = 20.0) -> httpx.Client:
    return httpx.Client(follow_redirects=True, timeout=timeout, headers={"User-Agent": USER_AGENT})
