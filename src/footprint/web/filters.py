"""Query parameters shared by pages and the API, checked once, turned into an EventFilter.

Bad values fail validation here, so FastAPI answers 422 naming the parameter. Empty
values (what an HTML form sends for "any") mean "no condition".
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from pydantic import BaseModel, BeforeValidator, Field, ValidationInfo, field_validator

from footprint import codebook
from footprint.events import SORTS, EventFilter

_BOOK = codebook.load()
EventType = Literal[tuple(_BOOK.event_types)]  # type: ignore[valid-type]
Status = Literal[tuple(_BOOK.statuses)]  # type: ignore[valid-type]
ReviewState = Literal[tuple(_BOOK.review_states)]  # type: ignore[valid-type]
Region = Literal[tuple(_BOOK.regions)]  # type: ignore[valid-type]
Sort = Literal[tuple(SORTS)]  # type: ignore[valid-type]

MAX_LIMIT = 500
MAX_ID = 2**63 - 1  # SQLite's largest integer: larger ids cannot exist


def _blank_is_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


_Blank = BeforeValidator(_blank_is_none)
OptType = Annotated[EventType | None, _Blank]
OptStatus = Annotated[Status | None, _Blank]
OptReview = Annotated[ReviewState | None, _Blank]
OptRegion = Annotated[Region | None, _Blank]
OptSort = Annotated[Sort | None, _Blank]
OptStr = Annotated[str | None, _Blank]
OptInt = Annotated[int | None, _Blank]
OptBool = Annotated[bool | None, _Blank]


class EventQuery(BaseModel):
    """Which events: the same parameters on every page and API route that lists events."""

    model_config = {"extra": "ignore"}

    type: OptType = Field(None, description="Codebook event type.")
    status: OptStatus = None
    country: OptStr = Field(None, description="Recipient country, ISO 3166-1 alpha-2.")
    region: OptRegion = Field(None, description="Recipient region.")
    provider: OptStr = Field(None, description="Provider country, ISO 3166-1 alpha-2.")
    actor: OptStr = Field(None, max_length=300, description="Actor name, as stored.")
    year_from: OptInt = Field(None, ge=1900, le=2100)
    year_to: OptInt = Field(None, ge=1900, le=2100)
    review_state: OptReview = Field(
        None, description="Review state; rejected events are hidden unless asked for."
    )
    disputed: OptBool = None
    min_sources: OptInt = Field(None, ge=1, le=1000, description="At least this many.")
    document_id: OptInt = Field(None, ge=1, le=MAX_ID, description="Events with evidence in it.")
    q: OptStr = Field(
        None, max_length=200, description="Words in the title, summary or an evidence quote."
    )

    @field_validator("country", "provider")
    @classmethod
    def _iso_country(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return codebook.country(value)
        except codebook.CodebookError:
            raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code") from None

    @field_validator("q", "actor")
    @classmethod
    def _strip(cls, value: str | None) -> str | None:
        return value.strip() if value else None

    @field_validator("year_to")
    @classmethod
    def _years_in_order(cls, value: int | None, info: ValidationInfo) -> int | None:
        start = info.data.get("year_from")
        if value is not None and start is not None and start > value:
            raise ValueError(f"year_to ({value}) is before year_from ({start})")
        return value

    def to_filter(self) -> EventFilter:
        values = self.model_dump(exclude={"q"})
        return EventFilter(**values, text=self.q)

    def params(self) -> dict[str, Any]:
        """The non-empty parameters, for links that keep the current filter."""
        return {k: v for k, v in self.model_dump().items() if v is not None}


class Page(BaseModel):
    """Offset pagination; the sort ends on the id, so pages are stable."""

    model_config = {"extra": "ignore"}

    limit: OptInt = Field(50, ge=1, le=MAX_LIMIT)
    offset: OptInt = Field(0, ge=0, le=10_000_000)
    sort: OptSort = Field("-id", description="Order: " + ", ".join(SORTS))

    @property
    def size(self) -> int:
        return self.limit or 50

    @property
    def start(self) -> int:
        return self.offset or 0

    @property
    def order(self) -> str:
        return self.sort or "-id"


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """``params`` with some values changed (None removes one), as ``?a=1&b=2``."""
    merged = {**params, **changes}
    pairs = {k: _plain(v) for k, v in merged.items() if v is not None and v != ""}
    return "?" + urlencode(pairs) if pairs else "?"


def _plain(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
