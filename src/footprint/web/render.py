"""Jinja2 templates (autoescaped) and the helpers every page uses."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from footprint import __version__, codebook, dialect
from footprint.web.deps import csrf_token
from footprint.web.filters import query_string
from footprint.web.views import country_name, type_label

templates = Jinja2Templates(directory=str(resources.files("footprint.web") / "templates"))
env = templates.env
env.globals |= {
    "codebook": codebook.load(),
    "country_name": country_name,
    "type_label": type_label,
    "qs": query_string,
    "version": __version__,
}


def _number(value: Any) -> str:
    return "" if value is None else f"{value:,}"


def _years(row: dict[str, Any]) -> str:
    start, end = row.get("year_start"), row.get("year_end")
    if start is None and end is None:
        return ""
    if start is None or end is None or start == end:
        return str(start if start is not None else end)
    return f"{start}–{end}"


def _json_data(value: Any) -> Markup:
    """JSON for a <script type="application/json"> block: '<' escaped so text in the data
    can never close the element (pages run no inline script; the CSP forbids it)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _snippet(value: str) -> Markup:
    """A search snippet: the text escaped, the hits marked."""
    text = str(escape(" ".join(value.split())))
    return Markup(text.replace(dialect.START_MARK, "<mark>").replace(dialect.END_MARK, "</mark>"))


def _with_page(params: dict[str, Any], page: Any) -> dict[str, Any]:
    """Filter parameters plus the page size and order when they are not the defaults."""
    extra = {"sort": page.order if page.order != "-id" else None}
    extra["limit"] = page.size if page.size != 50 else None
    return params | {k: v for k, v in extra.items() if v is not None}


env.filters |= {
    "number": _number,
    "years": _years,
    "json_data": _json_data,
    "with_page": _with_page,
    "snippet": _snippet,
}


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> Any:
    user = getattr(request.state, "viewer", None)
    base = {
        "request": request,
        "user": user,
        "public": request.app.state.settings.public,
        "site_name": request.app.state.settings.site_name,
        "csrf_token": csrf_token(request) if user or name == "login.html" else "",
        "flash": request.session.pop("flash", None) if "flash" in request.session else None,
    }
    return templates.TemplateResponse(request, name, base | context, status_code=status_code)
