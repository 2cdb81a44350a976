"""The reference dataset: curated, reviewed events shipped with the package.

``events.yaml`` in this folder is one declarative list of events (schema in ``README.md``).
``load()`` reads it; ``validate()`` checks it against the codebook, ISO 3166, its own links
and the bundled demo documents: every evidence quote must be found verbatim in the text of
its document as ingestion reads it (HTML converted to its main text, front matter removed).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from footprint import codebook

FILE_NAME = "events.yaml"

FIELDS = (
    "key",
    "type",
    "status",
    "provider",
    "provider_orgs",
    "recipients",
    "recipient_regions",
    "year_start",
    "year_end",
    "people",
    "title",
    "summary",
    "figures",
    "sources",
    "links",
    "review",
)
OPTIONAL_FIELDS = frozenset({"links"})
SOURCE_FIELDS = ("publisher", "title", "date", "url", "evidence")
EVIDENCE_FIELDS = ("document", "quote")
LINK_FIELDS = ("to", "relation")
RELATIONS = ("implements", "follows", "under", "responds_to", "denies")
REVIEW_STATE = "accepted"
MAX_TITLE = 90
KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
YEAR_RANGE = range(1900, 2101)


def default_path() -> Path:
    """The bundled events.yaml (a real file in a normal or editable install)."""
    return Path(str(resources.files("footprint.reference").joinpath(FILE_NAME)))


def load(path: str | Path | None = None) -> list[dict[str, Any]]:
    """The events as plain dictionaries. Raises ValueError when the file is not a list."""
    text = (
        resources.files("footprint.reference").joinpath(FILE_NAME).read_text("utf-8")
        if path is None
        else Path(path).read_text("utf-8")
    )
    data = yaml.safe_load(text)
    if not isinstance(data, list):
        raise ValueError(f"{path or FILE_NAME}: expected a list of events at the top level")
    return data


class _Documents:
    """Demo documents read once each, as ingestion reads them."""

    def __init__(self) -> None:
        self._texts: dict[str, str | None] = {}
        self._errors: dict[str, str] = {}

    def text(self, name: str) -> tuple[str | None, str | None]:
        """(text, None), or (None, reason) when the document is missing or unreadable."""
        if name not in self._texts:
            self._texts[name] = None
            try:
                self._texts[name] = _ingested_text(name)
            except FileNotFoundError:
                self._errors[name] = f"no demo document named {name!r}"
            except Exception as exc:  # an unreadable document is a problem to report
                self._errors[name] = f"{name}: cannot be read ({type(exc).__name__}: {exc})"
        return self._texts[name], self._errors.get(name)


def _ingested_text(name: str) -> str:
    from footprint.demo import documents_folder
    from footprint.ingest.pipeline import read_path

    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise FileNotFoundError(name)
    with documents_folder() as folder:
        path = folder / name
        if not path.is_file():
            raise FileNotFoundError(name)
        documents = read_path(str(path))
    if len(documents) != 1:
        raise ValueError(f"expected one document, got {len(documents)}")
    return documents[0].text


def _country_regions() -> dict[str, tuple[str, ...]]:
    from footprint import gazetteer
    from footprint.extract.rules import country_regions

    return country_regions(gazetteer.load())


def validate(path: str | Path | None = None) -> list[str]:
    """Every problem in the dataset, one line each: ``file: key: field: reason``.
    An empty list means the dataset is valid."""
    where = str(path) if path is not None else f"footprint/reference/{FILE_NAME}"
    try:
        events = load(path)
    except (OSError, yaml.YAMLError, ValueError) as exc:
        return [f"{where}: cannot be read: {' '.join(str(exc).split())}"]
    problems: list[str] = []
    documents = _Documents()
    regions_of = _country_regions()
    keys: dict[str, int] = {}
    for index, event in enumerate(events):
        if not isinstance(event, dict):
            problems.append(f"{where}: event #{index + 1}: not a mapping")
            continue
        key = event.get("key")
        label = key if isinstance(key, str) and key else f"event #{index + 1}"
        if isinstance(key, str) and key:
            if key in keys:
                problems.append(f"{where}: {label}: key: duplicate (also event #{keys[key]})")
            keys.setdefault(key, index + 1)
        problems += [f"{where}: {label}: {p}" for p in _check_event(event, documents, regions_of)]
    for event in events:
        if not isinstance(event, dict):
            continue
        label = event.get("key") or "?"
        for i, link in enumerate(_as_list(event.get("links"))):
            if isinstance(link, dict) and isinstance(link.get("to"), str):
                target = link["to"]
                if target not in keys:
                    problems.append(f"{where}: {label}: links[{i}].to: unknown key {target!r}")
                elif target == label:
                    problems.append(f"{where}: {label}: links[{i}].to: links to itself")
    return problems


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _check_event(
    event: dict[str, Any], documents: _Documents, regions_of: dict[str, tuple[str, ...]]
) -> Iterable[str]:
    for name in FIELDS:
        if name not in event and name not in OPTIONAL_FIELDS:
            yield f"{name}: missing"
    for name in event:
        if name not in FIELDS:
            yield f"{name}: unknown field"

    key = event.get("key")
    if "key" in event and not (isinstance(key, str) and KEY_PATTERN.match(key)):
        yield f"key: {key!r} is not a lower-case slug (letters, digits, hyphens)"
    for name, check in (("type", codebook.event_type), ("status", codebook.status)):
        if name in event:
            try:
                check(event[name])
            except (codebook.CodebookError, TypeError) as exc:
                yield f"{name}: {exc}"
    if "provider" in event:
        yield from _country("provider", event["provider"])
    if "provider_orgs" in event:
        yield from _strings("provider_orgs", event["provider_orgs"])
    if "recipients" in event:
        recipients = event["recipients"]
        if not isinstance(recipients, list):
            yield "recipients: not a list"
        else:
            for i, code in enumerate(recipients):
                yield from _country(f"recipients[{i}]", code)
            if len(set(map(str, recipients))) != len(recipients):
                yield "recipients: duplicate codes"
    regions = event.get("recipient_regions")
    if "recipient_regions" in event:
        if not isinstance(regions, list):
            yield "recipient_regions: not a list"
        else:
            for i, region in enumerate(regions):
                try:
                    codebook.region(region)
                except (codebook.CodebookError, TypeError) as exc:
                    yield f"recipient_regions[{i}]: {exc}"
            if isinstance(event.get("recipients"), list):
                for code in event["recipients"]:
                    for region in regions_of.get(str(code).upper(), ()):
                        if region not in regions:
                            yield f"recipient_regions: {region!r} missing for recipient {code}"
    for name in ("year_start", "year_end"):
        if name in event:
            year = event[name]
            if year is not None and (
                not isinstance(year, int) or isinstance(year, bool) or year not in YEAR_RANGE
            ):
                yield f"{name}: {year!r} is not a year or null"
    start, end = event.get("year_start"), event.get("year_end")
    if isinstance(start, int) and isinstance(end, int) and start > end:
        yield f"year_end: {end} is before year_start {start}"
    if "people" in event:
        people = event["people"]
        if people is not None and (
            not isinstance(people, int) or isinstance(people, bool) or people < 0
        ):
            yield f"people: {people!r} is not a non-negative integer or null"
    if "title" in event:
        title = event["title"]
        if not isinstance(title, str) or not title.strip():
            yield "title: empty or not text"
        elif len(title) > MAX_TITLE:
            yield f"title: {len(title)} characters, more than {MAX_TITLE}"
    if "summary" in event and not (isinstance(event["summary"], str) and event["summary"].strip()):
        yield "summary: empty or not text"
    if "figures" in event:
        figures = event["figures"]
        if not isinstance(figures, dict):
            yield "figures: not a mapping"
        else:
            for name, value in figures.items():
                if not isinstance(name, str) or not isinstance(value, str) or not value.strip():
                    yield f"figures.{name}: must map a name to the figure as text"
    if "sources" in event:
        yield from _check_sources(event["sources"], documents)
    if "links" in event:
        yield from _check_links(event["links"])
    if "review" in event and event["review"] != REVIEW_STATE:
        yield f"review: {event['review']!r}, the reference dataset holds only {REVIEW_STATE!r}"


def _country(field: str, value: Any) -> Iterable[str]:
    if not isinstance(value, str):
        yield f"{field}: {value!r} is not an ISO 3166-1 alpha-2 code"
        return
    try:
        if codebook.country(value) != value:
            yield f"{field}: {value!r} must be written in upper case"
    except codebook.CodebookError as exc:
        yield f"{field}: {exc}"


def _strings(field: str, value: Any) -> Iterable[str]:
    if not isinstance(value, list):
        yield f"{field}: not a list"
        return
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            yield f"{field}[{i}]: empty or not text"


def _check_sources(sources: Any, documents: _Documents) -> Iterable[str]:
    if not isinstance(sources, list) or not sources:
        yield "sources: needs a list of at least one citation"
        return
    quotes = 0
    for i, source in enumerate(sources):
        field = f"sources[{i}]"
        if not isinstance(source, dict):
            yield f"{field}: not a mapping"
            continue
        for name in SOURCE_FIELDS:
            if name not in source:
                yield f"{field}.{name}: missing"
        for name in source:
            if name not in SOURCE_FIELDS:
                yield f"{field}.{name}: unknown field"
        for name in ("publisher", "title"):
            if name in source and not (isinstance(source[name], str) and source[name].strip()):
                yield f"{field}.{name}: empty or not text"
        if "date" in source:
            yield from _check_date(f"{field}.date", source["date"])
        url = source.get("url")
        if url is not None and not (isinstance(url, str) and re.match(r"^https?://\S+$", url)):
            yield f"{field}.url: {url!r} is not an http(s) address or null"
        evidence = source.get("evidence")
        if "evidence" in source and not isinstance(evidence, list):
            yield f"{field}.evidence: not a list"
            continue
        for j, item in enumerate(evidence or []):
            here = f"{field}.evidence[{j}]"
            if not isinstance(item, dict):
                yield f"{here}: not a mapping"
                continue
            for name in item:
                if name not in EVIDENCE_FIELDS:
                    yield f"{here}.{name}: unknown field"
            document, quote = item.get("document"), item.get("quote")
            if not isinstance(document, str) or not document:
                yield f"{here}.document: missing"
                continue
            if not isinstance(quote, str) or not quote.strip():
                yield f"{here}.quote: missing"
                continue
            quotes += 1
            text, error = documents.text(document)
            if text is None:
                yield f"{here}.document: {error}"
            elif quote not in text:
                yield f"{here}.quote: not found verbatim in the ingested text of {document}"
    if not quotes:
        yield "sources: no evidence quote (at least one is required)"


def _check_date(field: str, value: Any) -> Iterable[str]:
    if value is None:
        return
    match = DATE_PATTERN.match(value) if isinstance(value, str) else None
    if not match:
        yield f"{field}: {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) or null"
        return
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        yield f"{field}: {value!r} is not a real date"


def _check_links(links: Any) -> Iterable[str]:
    if not isinstance(links, list):
        yield "links: not a list"
        return
    for i, link in enumerate(links):
        field = f"links[{i}]"
        if not isinstance(link, dict):
            yield f"{field}: not a mapping"
            continue
        for name in LINK_FIELDS:
            if name not in link:
                yield f"{field}.{name}: missing"
        for name in link:
            if name not in LINK_FIELDS:
                yield f"{field}.{name}: unknown field"
        if "relation" in link and link["relation"] not in RELATIONS:
            yield f"{field}.relation: {link['relation']!r} is not one of {', '.join(RELATIONS)}"
        if "to" in link and not isinstance(link["to"], str):
            yield f"{field}.to: not a key"
