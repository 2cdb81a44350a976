"""The codebook as types: event types, statuses, review states, regions, actor kinds.

Everything is read from ``codebook.yaml`` so that code and documentation share one source.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import pycountry
import yaml


@dataclass(frozen=True)
class EventType:
    key: str
    label: str
    definition: str


@dataclass(frozen=True)
class Codebook:
    version: int
    event_types: dict[str, EventType]
    statuses: dict[str, str]
    review_states: dict[str, str]
    event_relations: dict[str, str]
    stances: dict[str, str]
    confidence_levels: dict[str, str]
    regions: tuple[str, ...]
    actor_kinds: dict[str, str]
    country_scheme: str


class CodebookError(ValueError):
    """A value that the codebook does not allow."""


@cache
def load() -> Codebook:
    raw = yaml.safe_load(resources.files("footprint").joinpath("codebook.yaml").read_text("utf-8"))
    return Codebook(
        version=int(raw["version"]),
        event_types={
            key: EventType(key, value["label"], " ".join(value["definition"].split()))
            for key, value in raw["event_types"].items()
        },
        statuses=dict(raw["statuses"]),
        review_states=dict(raw["review_states"]),
        event_relations=dict(raw["event_relations"]),
        stances=dict(raw["stances"]),
        confidence_levels=dict(raw["confidence_levels"]),
        regions=tuple(raw["regions"]),
        actor_kinds=dict(raw["actor_kinds"]),
        country_scheme=raw["country_scheme"],
    )


def _check(value: str, allowed, field: str) -> str:
    if value not in allowed:
        raise CodebookError(f"{field}: {value!r} is not one of {', '.join(allowed)}")
    return value


def event_type(value: str) -> str:
    return _check(value, load().event_types, "type")


def status(value: str) -> str:
    return _check(value, load().statuses, "status")


def review_state(value: str) -> str:
    return _check(value, load().review_states, "review_state")


def event_relation(value: str) -> str:
    return _check(value, load().event_relations, "relation")


def region(value: str) -> str:
    return _check(value, load().regions, "region")


def actor_kind(value: str) -> str:
    return _check(value, load().actor_kinds, "kind")


def country(value: str) -> str:
    """Validate an ISO 3166-1 alpha-2 code and return it upper-cased."""
    code = value.strip().upper()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise CodebookError(f"country: {value!r} is not an ISO 3166-1 alpha-2 code")
    return code


def to_markdown() -> str:
    """Render the codebook as the Markdown page kept in docs/codebook.md."""
    book = load()
    lines = [
        "# Codebook",
        "",
        f"Generated from `src/footprint/codebook.yaml` (version {book.version}) by "
        "`footprint codebook --markdown`. Do not edit by hand.",
        "",
        "## Event types",
        "",
        "| key | label | definition |",
        "|---|---|---|",
    ]
    lines += [f"| `{t.key}` | {t.label} | {t.definition} |" for t in book.event_types.values()]
    for title, mapping in (
        ("Statuses", book.statuses),
        ("Review states", book.review_states),
        ("Event relations", book.event_relations),
        ("Stances", book.stances),
        ("Confidence levels", book.confidence_levels),
        ("Actor kinds", book.actor_kinds),
    ):
        lines += ["", f"## {title}", "", "| key | meaning |", "|---|---|"]
        lines += [f"| `{key}` | {meaning} |" for key, meaning in mapping.items()]
    lines += ["", "## Regions", ""] + [f"- {name}" for name in book.regions]
    lines += ["", "## Countries", "", f"Countries are {book.country_scheme} codes.", ""]
    return "\n".join(lines)
