"""Imports: read Footprint's own JSON Lines and CSV exports, so teams can exchange data.

Events are upserted by their stable id: an event with that key is updated, else one
exported from this database as ``fp-<id>`` is, else a new event is made with the id as its
key. Documents are matched by the sha256 of their text, actors by name and country;
missing ones are created. Every value is checked against the codebook. A record that does
not fit is reported as ``FILE:LINE: field: reason`` and left out; the others go in.
Every change is written to the audit log. Importing an export into an empty database
and exporting again gives the same bytes.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from footprint import codebook
from footprint.events import snapshot
from footprint.ingest.text import fingerprint
from footprint.model import (
    Actor,
    ActorAlias,
    AuditEntry,
    Document,
    Event,
    EventActor,
    EventLink,
    EventRecipient,
    EventRegion,
    Evidence,
)
from footprint.publish import export

DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
SHA256 = re.compile(r"[0-9a-f]{64}")
LOCAL_ID = re.compile(r"fp-(\d+)")


class ImportFileError(ValueError):
    """A file that cannot be imported at all (missing, unknown format)."""


class RowError(ValueError):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")


@dataclass
class Row:
    """One record of a file, with where it came from for messages."""

    where: str  # FILE:LINE
    record: dict[str, Any]


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    documents: int = 0
    actors: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.created} events created, {self.updated} updated, {self.unchanged} "
            f"unchanged; {self.documents} documents and {self.actors} actors added; "
            f"{len(self.errors)} rows refused"
        )


# -- reading files ---------------------------------------------------------------------


def read_jsonl(path: Path) -> Iterator[Row | str]:
    """Records of a JSON Lines export; a line that is not a JSON object yields its error."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            where = f"{path}:{number}"
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield f"{where}: json: {exc.msg} at column {exc.colno}"
                continue
            if not isinstance(record, dict):
                yield f"{where}: json: expected an object, got {type(record).__name__}"
                continue
            yield Row(where, record)


def _csv_rows(path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        start = 2
        for row in reader:
            # A quoted cell may hold line breaks: a row starts after the previous one ended.
            yield f"{path}:{start}", row
            start = reader.line_num + 1


def _cell(column: str, value: str | None) -> Any:
    """A CSV cell back to the value the export wrote."""
    if value is None or value == "":
        if column in export.LIST_COLUMNS:
            return []
        return None
    if column in export.LIST_COLUMNS:
        return value.split(";")
    if column in export.JSON_COLUMNS:
        return json.loads(value)
    if column in {"year_start", "year_end", "people", "sources", "start", "end", "chars"}:
        return int(value)
    if column == "confidence":
        return float(value)
    if column == "disputed":
        if value not in ("true", "false"):
            raise ValueError(f"{value!r} is not true or false")
        return value == "true"
    return value


def _parse_csv_row(where: str, row: dict[str, str], record: str) -> Row | str:
    values: dict[str, Any] = {"record": record}
    for column, value in row.items():
        if column is None:
            return f"{where}: row: more cells than columns"
        try:
            values[column] = _cell(column, value)
        except ValueError as exc:
            return f"{where}: {column}: {exc}"
    return Row(where, values)


def read_csv_set(path: Path) -> Iterator[Row | str]:
    """The tables of a CSV export (any of its files names the set), as records: documents,
    actors, then events with their evidence, actors and links gathered in."""
    folder = path.parent
    events_path = folder / "events.csv"
    if not events_path.exists():
        raise ImportFileError(f"{events_path}: not found (a CSV import reads a CSV export folder)")
    for table, record in (("documents", "document"), ("actors", "actor")):
        if (folder / f"{table}.csv").exists():
            for where, row in _csv_rows(folder / f"{table}.csv"):
                yield _parse_csv_row(where, row, record)
    parts = {name: _children(folder, name) for name in ("evidence", "event_actors", "links")}
    for where, row in _csv_rows(events_path):
        parsed = _parse_csv_row(where, row, "event")
        if isinstance(parsed, str):
            yield parsed
            continue
        key = parsed.record.get("id")
        parsed.record["evidence"] = [
            {k: v for k, v in r.items() if k not in ("event", "record")}
            for r in parts["evidence"].get(key, [])
        ]
        parsed.record["actors"] = [
            {"name": r["actor_name"], "country": r["actor_country"], "role": r["role"]}
            for r in parts["event_actors"].get(key, [])
        ]
        parsed.record["links"] = [
            {k: v for k, v in r.items() if k not in ("source", "record")}
            for r in parts["links"].get(key, [])
        ]
        yield parsed
    for rows in parts.values():
        yield from rows.get("__errors__", [])


def _children(folder: Path, table: str) -> dict[str, list]:
    """Rows of a child table by the event they belong to; unreadable rows under
    ``__errors__``."""
    result: dict[str, list] = {}
    path = folder / f"{table}.csv"
    if not path.exists():
        return result
    owner = "source" if table == "links" else "event"
    for where, row in _csv_rows(path):
        parsed = _parse_csv_row(where, row, table)
        if isinstance(parsed, str):
            result.setdefault("__errors__", []).append(parsed)
        else:
            result.setdefault(parsed.record.get(owner), []).append(parsed.record)
    return result


def read_file(path: Path) -> Iterator[Row | str]:
    if path.is_dir():
        for candidate in (path / export.JSONL_FILE, path / "csv" / "events.csv"):
            if candidate.exists():
                return read_file(candidate)
        raise ImportFileError(f"{path}: no {export.JSONL_FILE} or csv/events.csv in this folder")
    if not path.exists():
        raise ImportFileError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return read_jsonl(path)
    if suffix == ".csv":
        return read_csv_set(path)
    raise ImportFileError(f"{path}: not a Footprint export (.jsonl or .csv)")


# -- checking records ------------------------------------------------------------------


def _text(record: dict, name: str, *, required: bool = False, limit: int | None = None):
    value = record.get(name)
    if value is None or value == "":
        if required:
            raise RowError(name, "missing")
        return None
    if not isinstance(value, str):
        raise RowError(name, f"expected text, got {type(value).__name__}")
    if limit and len(value) > limit:
        raise RowError(name, f"longer than {limit} characters")
    return value


def _int(record: dict, name: str, *, low: int = 0, high: int | None = None) -> int | None:
    value = record.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise RowError(name, f"{value!r} is not a whole number")
    if value < low or (high is not None and value > high):
        raise RowError(name, f"{value} is out of range")
    return value


def _float(record: dict, name: str) -> float:
    value = record.get(name, 0.0)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise RowError(name, f"{value!r} is not a number from 0 to 1")
    return float(value)


def _list(record: dict, name: str) -> list:
    value = record.get(name) or []
    if not isinstance(value, list):
        raise RowError(name, f"expected a list, got {type(value).__name__}")
    return value


def _codebook(name: str, check: Callable[[str], str], value: Any) -> str:
    if not isinstance(value, str):
        raise RowError(name, f"{value!r} is not text")
    try:
        return check(value)
    except codebook.CodebookError as exc:
        raise RowError(name, str(exc).split(": ", 1)[-1]) from None


def _country(name: str, value: Any) -> str | None:
    return None if value in (None, "") else _codebook(name, codebook.country, value)


def _date(record: dict, name: str) -> str | None:
    value = _text(record, name, limit=10)
    if value is not None and not DATE.fullmatch(value):
        raise RowError(name, f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def check_document(record: dict) -> dict[str, Any]:
    sha = _text(record, "id", required=True)
    if not SHA256.fullmatch(sha):
        raise RowError("id", "not a sha256 (64 hexadecimal digits)")
    text = record.get("text")
    if text is not None:
        if not isinstance(text, str):
            raise RowError("text", "expected text")
        if fingerprint(text) != sha:
            raise RowError("text", "does not match the document id (sha256 of the text)")
    chars = _int(record, "chars")
    return {
        "sha256": sha,
        "source": _text(record, "source", required=True),
        "url": _text(record, "url"),
        "title": _text(record, "title"),
        "publisher": _text(record, "publisher"),
        "published": _date(record, "published"),
        "language": _text(record, "language", limit=8) or "und",
        "format": _text(record, "format", limit=16) or "txt",
        "encoding": _text(record, "encoding", limit=32),
        "chars": chars if chars is not None else len(text or ""),
        "text": text,
    }


def check_actor(record: dict) -> dict[str, Any]:
    aliases = []
    for i, alias in enumerate(_list(record, "aliases")):
        if not isinstance(alias, dict) or not isinstance(alias.get("name"), str):
            raise RowError(f"aliases[{i}]", "expected {name, language}")
        aliases.append((alias["name"], str(alias.get("language") or "en")))
    return {
        "name": _text(record, "name", required=True),
        "country": _country("country", record.get("country")),
        "kind": _codebook("kind", codebook.actor_kind, record.get("kind")),
        "aliases": aliases,
    }


def check_event(record: dict, documents: dict[str, Document]) -> dict[str, Any]:
    """The event's values, checked; ``documents`` are those known (file or database)."""
    year_start = _int(record, "year_start", low=1, high=2999)
    year_end = _int(record, "year_end", low=1, high=2999)
    if year_start is not None and year_end is not None and year_start > year_end:
        raise RowError("year_end", f"{year_end} is before year_start {year_start}")
    level = record.get("confidence_level") or "low"
    if level not in codebook.load().confidence_levels:
        raise RowError("confidence_level", f"{level!r} is not a codebook confidence level")
    quantities = record.get("quantities") or {}
    if not isinstance(quantities, dict):
        raise RowError("quantities", "expected an object")
    disputed = record.get("disputed", False)
    if not isinstance(disputed, bool):
        raise RowError("disputed", f"{disputed!r} is not true or false")
    return {
        "key": _text(record, "id", required=True, limit=128),
        "type": _codebook("type", codebook.event_type, record.get("type")),
        "status": _codebook("status", codebook.status, record.get("status") or "unknown"),
        "title": _text(record, "title"),
        "summary": _text(record, "summary"),
        "provider_country": _country("provider", record.get("provider")),
        "recipients": sorted(
            {_country("recipients", c) for c in _list(record, "recipients")} - {None}
        ),
        "regions": sorted(
            {
                _codebook("recipient_regions", codebook.region, r)
                for r in _list(record, "recipient_regions")
            }
        ),
        "year_start": year_start,
        "year_end": year_end,
        "date_start": _date(record, "date_start"),
        "date_end": _date(record, "date_end"),
        "people": _int(record, "people"),
        "quantities": quantities,
        "review_state": _codebook(
            "review_state", codebook.review_state, record.get("review_state") or "machine"
        ),
        "locked_fields": sorted(str(x) for x in _list(record, "locked_fields")),
        "sources": _int(record, "sources") or 0,
        "confidence": _float(record, "confidence"),
        "confidence_level": level,
        "disputed": disputed,
        "possible_duplicate_of": _text(record, "possible_duplicate_of", limit=128),
        "actors": [_check_role(i, a) for i, a in enumerate(_list(record, "actors"))],
        "evidence": [
            _check_evidence(i, e, documents) for i, e in enumerate(_list(record, "evidence"))
        ],
        "links": [_check_link(i, k) for i, k in enumerate(_list(record, "links"))],
    }


def _check_role(i: int, item: Any) -> tuple[str, str | None, str]:
    name = f"actors[{i}]"
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        raise RowError(name, "expected {name, country, role}")
    if item.get("role") not in export.ROLES:
        raise RowError(
            f"{name}.role", f"{item.get('role')!r} is not one of {', '.join(export.ROLES)}"
        )
    return (item["name"], _country(f"{name}.country", item.get("country")), item["role"])


def _check_evidence(i: int, item: Any, documents: dict[str, Document]) -> dict[str, Any]:
    name = f"evidence[{i}]"
    if not isinstance(item, dict):
        raise RowError(name, "expected an object")
    sha = item.get("document")
    if sha not in documents:
        raise RowError(f"{name}.document", f"{sha!r} is not a document of the file or database")
    start, end = _int(item, "start"), _int(item, "end")
    if start is None or end is None or end <= start:
        raise RowError(f"{name}.end", "start and end must be offsets with end after start")
    quote = _text(item, "quote", required=True)
    text = documents[sha].text
    if text and text[start:end] != quote:
        raise RowError(f"{name}.quote", f"is not the document's text at {start}-{end}")
    fields = item.get("fields") or {}
    if not isinstance(fields, dict):
        raise RowError(f"{name}.fields", "expected an object")
    try:
        confidence = _float(item, "confidence")
    except RowError as exc:
        raise RowError(f"{name}.confidence", str(exc).split(": ", 1)[-1]) from None
    return {
        "document": sha,
        "start": start,
        "end": end,
        "quote": quote,
        "extractor": _text(item, "extractor", required=True, limit=64),
        "extractor_version": _text(item, "extractor_version", limit=32) or "",
        "confidence": confidence,
        "fields": fields,
    }


def _check_link(i: int, item: Any) -> tuple[str, str, str]:
    name = f"links[{i}]"
    if not isinstance(item, dict) or not isinstance(item.get("target"), str):
        raise RowError(name, "expected {relation, target, created_by}")
    relation = _codebook(f"{name}.relation", codebook.event_relation, item.get("relation"))
    return (relation, item["target"], str(item.get("created_by") or "import"))


# -- writing ---------------------------------------------------------------------------


class Importer:
    def __init__(self, session: Session, who: str = "import") -> None:
        self.session = session
        self.who = who or "import"
        self.report = ImportReport()
        self.documents: dict[str, Document] = {}
        self.placed: dict[str, Event] = {}  # stable id -> event, for links in the 2nd pass

    def audit(self, action: str, entity: str, entity_id: int, before, after, note: str) -> None:
        self.session.add(
            AuditEntry(
                who=self.who,
                action=action,
                entity=entity,
                entity_id=entity_id,
                before=before,
                after=after,
                note=note,
            )
        )

    def run(self, rows: Iterator[Row | str]) -> ImportReport:
        events: list[Row] = []
        for row in rows:
            if isinstance(row, str):
                self.report.errors.append(row)
                continue
            kind = row.record.get("record")
            if kind == "meta":
                self._check_meta(row)
            elif kind == "document":
                self._guarded(row, self.document)
            elif kind == "actor":
                self._guarded(row, self.actor)
            elif kind == "event":
                events.append(row)
            else:
                self.report.errors.append(
                    f"{row.where}: record: {kind!r} is not meta, document, actor or event"
                )
        placed = [(row, done) for row in events if (done := self._guarded(row, self.event))]
        # Second pass: links and duplicates may point to events later in the file.
        for row, (event, values) in placed:
            self._guarded(row, lambda _record, e=event, v=values: self.relations(e, v))
        self.report.errors.sort(key=_position)
        return self.report

    def _guarded(self, row: Row, action: Callable[[dict], Any]) -> Any:
        """Carry out one record in a savepoint: a bad one is reported and undone alone."""
        try:
            with self.session.begin_nested():
                return action(row.record)
        except RowError as exc:
            self.report.errors.append(f"{row.where}: {exc}")
        return None

    def _check_meta(self, row: Row) -> None:
        if row.record.get("format") != "footprint":
            self.report.errors.append(f"{row.where}: format: not a Footprint export")
        elif row.record.get("format_version", 0) > export.FORMAT_VERSION:
            self.report.errors.append(
                f"{row.where}: format_version: {row.record['format_version']} is newer than "
                f"this Footprint reads ({export.FORMAT_VERSION}); records may be refused"
            )

    def _document(self, sha: str) -> Document | None:
        if sha not in self.documents:
            found = self.session.scalar(select(Document).where(Document.sha256 == sha))
            if found is None:
                return None
            self.documents[sha] = found
        return self.documents[sha]

    def document(self, record: dict) -> None:
        values = check_document(record)
        existing = self._document(values["sha256"])
        if existing is not None:
            # A text-less copy made from an export without text gains the text.
            if not existing.text and values["text"]:
                existing.text = values["text"]
                self.audit("import", "document", existing.id, None, {"text": "added"}, "text")
            return
        values["text"] = values["text"] or ""
        document = Document(**values)
        self.session.add(document)
        self.session.flush()
        self.documents[document.sha256] = document
        self.report.documents += 1
        self.audit(
            "import",
            "document",
            document.id,
            None,
            {"sha256": document.sha256, "title": document.title, "publisher": document.publisher},
            f"import as {document.sha256}",
        )

    def actor(self, record: dict) -> None:
        values = check_actor(record)
        actor = self._actor(values["name"], values["country"])
        created = actor is None
        if actor is None:
            actor = Actor(name=values["name"], country=values["country"], kind=values["kind"])
            self.session.add(actor)
            self.report.actors += 1
        known = {(a.name, a.language) for a in actor.aliases}
        added = [a for a in values["aliases"] if a not in known]
        actor.aliases += [ActorAlias(name=name, language=lang) for name, lang in added]
        if created or added:
            self.session.flush()
            self.audit(
                "import",
                "actor",
                actor.id,
                None,
                {"name": actor.name, "country": actor.country, "aliases": [a[0] for a in added]},
                "import",
            )

    def _actor(self, name: str, country: str | None) -> Actor | None:
        return self.session.scalar(
            select(Actor).where(
                Actor.name == name,
                Actor.country.is_(None) if country is None else Actor.country == country,
            )
        )

    def _find_event(self, key: str, values: dict[str, Any] | None = None) -> Event | None:
        """The event an id names: one placed earlier in this import, one holding it as
        key, or one this database exported as ``fp-<number>``."""
        if key in self.placed:
            return self.placed[key]
        event = self.session.scalar(select(Event).where(Event.key == key))
        if event is None and (match := LOCAL_ID.fullmatch(key)):
            local = self.session.get(Event, int(match.group(1)))
            if local is not None and local.key is None and _same_event(local, values):
                event = local
        return event

    def event(self, record: dict) -> tuple[Event, dict[str, Any]]:
        known = {sha: doc for sha in record_documents(record) if (doc := self._document(sha))}
        values = check_event(record, known)
        event = self._find_event(values["key"], values)
        before = None
        if event is None:
            event = Event(key=values["key"], version=1)
            self.session.add(event)
        else:
            before = export.event_record(event, _self_ids(event))
        self._apply(event, values)
        self.session.flush()
        after = export.event_record(event, _self_ids(event))
        if before is None:
            self.report.created += 1
            self.audit(
                "import", "event", event.id, None, snapshot(event), f"import {values['key']}"
            )
        elif _comparable(before) != _comparable(after):
            event.version = (event.version or 1) + 1
            self.report.updated += 1
            self.audit(
                "import",
                "event",
                event.id,
                _snapshot_of(before),
                snapshot(event),
                f"import {values['key']}",
            )
        else:
            self.report.unchanged += 1
        self.placed[values["key"]] = event
        return event, values

    def _apply(self, event: Event, values: dict[str, Any]) -> None:
        for name in (
            "type", "status", "title", "summary", "provider_country", "year_start", "year_end",
            "date_start", "date_end", "people", "quantities", "review_state", "locked_fields",
            "sources", "confidence", "confidence_level", "disputed",
        ):  # fmt: skip
            if getattr(event, name) != values[name]:
                setattr(event, name, values[name])
        if sorted(r.country for r in event.recipients) != values["recipients"]:
            event.recipients = [EventRecipient(country=c) for c in values["recipients"]]
        if sorted(r.region for r in event.regions) != values["regions"]:
            event.regions = [EventRegion(region=r) for r in values["regions"]]
        self._apply_actors(event, values["actors"])
        self._apply_evidence(event, values["evidence"])

    def _apply_actors(self, event: Event, wanted: list[tuple[str, str | None, str]]) -> None:
        current = {(a.actor.name, a.actor.country, a.role) for a in event.actors}
        if current == set(wanted):
            return
        found = []
        for name, country, role in wanted:
            actor = self._actor(name, country)
            if actor is None:
                raise RowError(
                    "actors",
                    f"no actor {name!r} ({country or 'no country'}) in the file or database",
                )
            found.append((actor, role))
        # Look every actor up before making links: a lookup flushes pending objects.
        with self.session.no_autoflush:
            event.actors = [EventActor(actor=actor, role=role) for actor, role in found]

    def _apply_evidence(self, event: Event, items: list[dict[str, Any]]) -> None:
        # Evidence already held is kept: an import adds sources, it does not take them
        # away. Each held piece answers for one imported piece that states the same.
        held: dict[tuple, list[Evidence]] = defaultdict(list)
        for evidence in event.evidence:
            held[export.evidence_key(export.evidence_record(evidence))].append(evidence)
        for item in items:
            if held.get(key := export.evidence_key(item)):
                held[key].pop()
                continue
            self.session.add(
                Evidence(
                    event=event,
                    document=self.documents[item["document"]],
                    **{k: v for k, v in item.items() if k != "document"},
                )
            )

    def relations(self, event: Event, values: dict[str, Any]) -> None:
        duplicate = values["possible_duplicate_of"]
        if duplicate:
            target = self._find_event(duplicate)
            if target is None:
                raise RowError("possible_duplicate_of", f"no event {duplicate!r}")
            event.possible_duplicate_of = target.id
        for relation, target_key, created_by in values["links"]:
            target = self._find_event(target_key)
            if target is None:
                raise RowError("links", f"no event {target_key!r} to link to")
            exists = self.session.scalar(
                select(EventLink).where(
                    EventLink.source_id == event.id,
                    EventLink.target_id == target.id,
                    EventLink.relation == relation,
                )
            )
            if exists is None:
                self.session.add(
                    EventLink(
                        source_id=event.id,
                        target_id=target.id,
                        relation=relation,
                        created_by=created_by,
                    )
                )
        self.session.flush()


def _same_event(local: Event, values: dict[str, Any] | None) -> bool:
    """Whether a record exported as fp-<number> is this database's event of that number
    and not another database's: they share a piece of evidence (or, without evidence,
    a type). Numbers are local, so a number alone proves nothing."""
    if values is None:
        return False  # a link to an event outside the file: nothing to compare
    held = {(e.document.sha256, e.start, e.end) for e in local.evidence}
    wanted = {(e["document"], e["start"], e["end"]) for e in values["evidence"]}
    if held or wanted:
        return bool(held & wanted)
    return local.type == values["type"]


def _position(message: str) -> tuple[str, int]:
    """(file, line) of a FILE:LINE: message, to list errors in file order."""
    match = re.match(r"(.*?):(\d+): ", message)
    return (match.group(1), int(match.group(2))) if match else (message, 0)


def record_documents(record: dict) -> set[str]:
    evidence = record.get("evidence")
    if not isinstance(evidence, list):
        return set()
    return {
        e.get("document")
        for e in evidence
        if isinstance(e, dict) and isinstance(e.get("document"), str)
    }


def _self_ids(event: Event) -> dict[int, str]:
    return {event.id: event.key or f"fp-{event.id}"} if event.id else {}


def _comparable(record: dict) -> dict:
    # Links and duplicates are compared in the second pass; ids differ before a flush.
    return {k: v for k, v in record.items() if k not in ("id", "links", "possible_duplicate_of")}


def _snapshot_of(record: dict) -> dict[str, Any]:
    return {
        "type": record["type"],
        "status": record["status"],
        "title": record["title"],
        "summary": record["summary"],
        "provider": record["provider"],
        "provider_orgs": sorted(a["name"] for a in record["actors"] if a["role"] == "provider"),
        "recipients": record["recipients"],
        "recipient_regions": record["recipient_regions"],
        "year_start": record["year_start"],
        "year_end": record["year_end"],
        "people": record["people"],
        "review_state": record["review_state"],
    }


def import_file(session: Session, path: Path, *, who: str = "import") -> ImportReport:
    """Import a Footprint export (jsonl, a CSV export's events.csv, or an export folder)."""
    return Importer(session, who).run(read_file(Path(path)))
