"""Exports: events with their evidence, actors and documents in open formats.

Every export names each event by a stable id (its ``key``, else ``fp-<database id>``) and
each document by the sha256 of its normalised text, so files from two databases can be
compared and imported again (``importer.py``). Outputs are deterministic: fixed ordering,
sorted keys, no timestamps inside the data (those go in a release's manifest), so the
same data gives the same bytes.

Each export folder carries ``codebook.json``: the codebook and a description of every
column, the data dictionary.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from footprint import __version__, analyse, codebook
from footprint.events import EventFilter
from footprint.model import Actor, Document, Event, EventLink, Evidence
from footprint.publish import geo

FORMAT_VERSION = 1
FORMATS = ("jsonl", "csv", "parquet", "ftm", "geojson", "graphml")
JSONL_FILE = "footprint.jsonl"
TABLES = ("events", "evidence", "event_actors", "documents", "actors", "links")
DICTIONARY_FILE = "codebook.json"
ROLES = ("provider", "recipient", "implementer")


class ExportError(ValueError):
    pass


# -- the data dictionary ---------------------------------------------------------------

COLUMNS: dict[str, dict[str, str]] = {
    "events": {
        "id": "Stable event id: the event's key, else fp-<number> (local to one database).",
        "type": "Event type, a key of codebook.event_types.",
        "status": "A key of codebook.statuses.",
        "title": "Short title, when a person or the reference dataset gave one.",
        "summary": "One-paragraph summary, when given.",
        "provider": "Country providing the model (ISO 3166-1 alpha-2).",
        "recipients": "Recipient countries (ISO 3166-1 alpha-2); ';'-separated in CSV.",
        "recipient_regions": "Recipient regions from codebook.regions; ';'-separated in CSV.",
        "year_start": "First year of the event.",
        "year_end": "Last year of the event (equal to year_start for a one-year event).",
        "date_start": "Start date at the precision the source gives: YYYY, YYYY-MM or YYYY-MM-DD.",
        "date_end": "End date, same form as date_start.",
        "people": "Number of people trained, sent or returned, when a source states it.",
        "quantities": "Other figures stated by the sources, as a JSON object.",
        "review_state": "A key of codebook.review_states: who last decided on the event.",
        "locked_fields": "Fields a reviewer set by hand; ';'-separated in CSV.",
        "sources": "Independent sources (distinct publishers) behind the event.",
        "confidence": "Corroboration score from 0 to 1.",
        "confidence_level": "A key of codebook.confidence_levels.",
        "disputed": "true when sources disagree on a figure (see the evidence's fields).",
        "possible_duplicate_of": "Id of an event this one may duplicate, for review.",
    },
    "evidence": {
        "event": "Id of the event (events.id).",
        "document": "Id of the document (documents.id).",
        "start": "Start of the quote in the document text (character offset, from 0).",
        "end": "End of the quote (exclusive).",
        "quote": "The words of the document that state the event, verbatim.",
        "extractor": "Who found it: an extractor's name, or a person.",
        "extractor_version": "Version of the extractor.",
        "confidence": "The extractor's confidence, 0 to 1.",
        "fields": "What this source states (type, recipients, years, people...), as JSON; "
        "'stance' is 'denied' when the source says the event did not happen.",
    },
    "event_actors": {
        "event": "Id of the event (events.id).",
        "actor_name": "Name of the actor (actors.name).",
        "actor_country": "Country of the actor (actors.country); empty when none.",
        "role": f"The actor's part in the event: {', '.join(ROLES)}.",
    },
    "documents": {
        "id": "sha256 of the document's normalised text (the same article re-saved or "
        "re-encoded has the same id).",
        "source": "Path or URL the document was read from.",
        "url": "Canonical address from the document's metadata.",
        "title": "Title.",
        "publisher": "Publisher.",
        "published": "Publication date: YYYY, YYYY-MM or YYYY-MM-DD.",
        "language": "Language (ISO 639-1), 'und' when unknown.",
        "format": "Format it was read from: txt, md, html, pdf, docx, jsonl, csv.",
        "encoding": "Character encoding it was decoded from.",
        "chars": "Length of the text in characters.",
        "text": "Full text, only in exports made with text (mind copyright before publishing it).",
    },
    "actors": {
        "name": "Name of the institution (never a private person).",
        "country": "Country it belongs to (ISO 3166-1 alpha-2); empty when none.",
        "kind": "A key of codebook.actor_kinds.",
        "aliases": "Other names, as a JSON list of {name, language}.",
    },
    "links": {
        "source": "Id of the later event.",
        "target": "Id of the earlier event it follows from.",
        "relation": "A key of codebook.event_relations.",
        "created_by": "Who linked them: machine, or a reviewer.",
    },
}

FILES = {
    JSONL_FILE: "One JSON object per line: a 'meta' record, then 'document', 'actor' and "
    "'event' records. Events hold their evidence, actors and links. Columns as in tables.",
    "csv/<table>.csv": "One CSV file per table (UTF-8, header row). Import events.csv.",
    "parquet/<table>.parquet": "One Parquet file per table, typed; lists are lists.",
    "footprint.ftm.json": "FollowTheMoney entities, one per line: Event, PublicBody, "
    "Organization, Company, Article and Documentation (evidence).",
    "countries.geojson": "One feature per recipient country: events by type, with ids.",
    "network.graphml": "Actors and countries; an edge where they meet in an event, "
    "weighted by the number of events; degree and betweenness centrality.",
}


def data_dictionary() -> dict[str, Any]:
    book = codebook.load()
    return {
        "format": "footprint",
        "format_version": FORMAT_VERSION,
        "codebook": {
            "version": book.version,
            "event_types": {
                t.key: {"label": t.label, "definition": t.definition}
                for t in book.event_types.values()
            },
            "statuses": book.statuses,
            "review_states": book.review_states,
            "event_relations": book.event_relations,
            "stances": book.stances,
            "confidence_levels": book.confidence_levels,
            "regions": list(book.regions),
            "actor_kinds": book.actor_kinds,
            "country_scheme": book.country_scheme,
        },
        "tables": COLUMNS,
        "files": FILES,
    }


# -- the dataset as plain records ------------------------------------------------------


@dataclass
class Dataset:
    """What an export holds, as plain JSON-ready records in their export order."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    orm_events: list[Event] = field(default_factory=list)
    ids: dict[int, str] = field(default_factory=dict)  # event database id -> stable id

    def counts(self) -> dict[str, int]:
        return {
            "events": len(self.events),
            "evidence": sum(len(e["evidence"]) for e in self.events),
            "documents": len(self.documents),
            "actors": len(self.actors),
            "links": sum(len(e["links"]) for e in self.events),
        }


def stable_ids(session: Session, events: Iterable[Event]) -> dict[int, str]:
    """Event id -> its key, or fp-<id> (unless an imported event already holds that key)."""
    taken = set(session.scalars(select(Event.key).where(Event.key.is_not(None))))
    ids = {}
    for event in events:
        if event.key:
            ids[event.id] = event.key
            continue
        candidate = f"fp-{event.id}"
        while candidate in taken:
            candidate += "-local"
        ids[event.id] = candidate
    return ids


def document_record(document: Document, *, with_text: bool) -> dict[str, Any]:
    record = {
        "record": "document",
        "id": document.sha256,
        "source": document.source,
        "url": document.url,
        "title": document.title,
        "publisher": document.publisher,
        "published": document.published,
        "language": document.language,
        "format": document.format,
        "encoding": document.encoding,
        "chars": document.chars,
    }
    if with_text and document.text:
        record["text"] = document.text
    return record


def actor_record(actor: Actor) -> dict[str, Any]:
    return {
        "record": "actor",
        "name": actor.name,
        "country": actor.country,
        "kind": actor.kind,
        "aliases": sorted(
            ({"name": a.name, "language": a.language} for a in actor.aliases),
            key=lambda a: (a["language"], a["name"]),
        ),
    }


def evidence_record(evidence: Evidence) -> dict[str, Any]:
    return {
        "document": evidence.document.sha256,
        "start": evidence.start,
        "end": evidence.end,
        "quote": evidence.quote,
        "extractor": evidence.extractor,
        "extractor_version": evidence.extractor_version,
        "confidence": evidence.confidence,
        "fields": evidence.fields or {},
    }


def evidence_key(record: dict[str, Any]) -> tuple:
    """Everything a piece of evidence states: its identity in exports and imports (two
    mentions may share a span and differ in what was read there)."""
    return (
        record["document"],
        record["start"],
        record["end"],
        record["extractor"],
        record["extractor_version"],
        record["quote"],
        record["confidence"],
        dumps(record["fields"]),
    )


def event_record(
    event: Event, ids: dict[int, str], links: Iterable[EventLink] = ()
) -> dict[str, Any]:
    """An event as one record; references to other events use their stable ids and are
    kept only when those events are in ``ids``."""
    return {
        "record": "event",
        "id": ids[event.id],
        "type": event.type,
        "status": event.status,
        "title": event.title,
        "summary": event.summary,
        "provider": event.provider_country,
        "recipients": sorted(r.country for r in event.recipients),
        "recipient_regions": sorted(r.region for r in event.regions),
        "year_start": event.year_start,
        "year_end": event.year_end,
        "date_start": event.date_start,
        "date_end": event.date_end,
        "people": event.people,
        "quantities": event.quantities or {},
        "review_state": event.review_state,
        "locked_fields": sorted(event.locked_fields or []),
        "sources": event.sources,
        "confidence": event.confidence,
        "confidence_level": event.confidence_level,
        "disputed": bool(event.disputed),
        "possible_duplicate_of": ids.get(event.possible_duplicate_of),
        "actors": sorted(
            (
                {"name": a.actor.name, "country": a.actor.country, "role": a.role}
                for a in event.actors
            ),
            key=lambda a: (a["role"], a["country"] or "", a["name"]),
        ),
        "evidence": sorted((evidence_record(e) for e in event.evidence), key=evidence_key),
        "links": sorted(
            (
                {"relation": k.relation, "target": ids[k.target_id], "created_by": k.created_by}
                for k in links
                if k.target_id in ids
            ),
            key=lambda k: (k["target"], k["relation"]),
        ),
    }


def collect(
    session: Session,
    f: EventFilter | None = None,
    *,
    reviewed_only: bool = False,
    include_rejected: bool = False,
    with_text: bool = False,
) -> Dataset:
    """The events chosen, with the documents and actors they rest on."""
    events = analyse.load_events(
        session,
        f,
        reviewed_only=reviewed_only,
        include_rejected=include_rejected,
        with_text=with_text,
    )
    ids = stable_ids(session, events)
    outgoing: dict[int, list[EventLink]] = defaultdict(list)
    if events:
        for link in session.scalars(select(EventLink).where(EventLink.source_id.in_(ids))):
            outgoing[link.source_id].append(link)
    documents = {ev.document.sha256: ev.document for e in events for ev in e.evidence}
    actors = {(a.actor.country or "", a.actor.name): a.actor for e in events for a in e.actors}
    return Dataset(
        documents=[document_record(documents[k], with_text=with_text) for k in sorted(documents)],
        actors=[actor_record(actors[k]) for k in sorted(actors)],
        events=[event_record(e, ids, outgoing[e.id]) for e in events],
        orm_events=events,
        ids=ids,
    )


# -- JSON Lines ------------------------------------------------------------------------


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def meta_record(data: Dataset) -> dict[str, Any]:
    return {
        "record": "meta",
        "format": "footprint",
        "format_version": FORMAT_VERSION,
        "codebook_version": codebook.load().version,
        **data.counts(),
    }


def to_jsonl(data: Dataset) -> str:
    records = [meta_record(data), *data.documents, *data.actors, *data.events]
    return "".join(dumps(r) + "\n" for r in records)


# -- tables (CSV and Parquet) ----------------------------------------------------------

EVENT_SCALARS = tuple(c for c in COLUMNS["events"] if c != "id")


def tables(data: Dataset) -> dict[str, list[dict[str, Any]]]:
    """The dataset as flat tables, lists and objects still as Python values."""
    result: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for e in data.events:
        result["events"].append({"id": e["id"], **{c: e[c] for c in EVENT_SCALARS}})
        for ev in e["evidence"]:
            result["evidence"].append({"event": e["id"], **ev})
        for a in e["actors"]:
            result["event_actors"].append(
                {
                    "event": e["id"],
                    "actor_name": a["name"],
                    "actor_country": a["country"],
                    "role": a["role"],
                }
            )
        for k in e["links"]:
            result["links"].append({"source": e["id"], **k})
    result["documents"] = [{c: d.get(c) for c in COLUMNS["documents"]} for d in data.documents]
    result["actors"] = [{c: a[c] for c in COLUMNS["actors"]} for a in data.actors]
    return result


LIST_COLUMNS = {"recipients", "recipient_regions", "locked_fields"}
JSON_COLUMNS = {"quantities", "fields", "aliases"}


def csv_cell(column: str, value: Any) -> str:
    if value is None:
        return ""
    if column in LIST_COLUMNS:
        return ";".join(value)
    if column in JSON_COLUMNS:
        return dumps(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_csv(rows: list[dict[str, Any]], columns: Iterable[str]) -> str:
    columns = list(columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(c, row.get(c)) for c in columns])
    return out.getvalue()


def csv_columns(table: str, data_tables: dict[str, list[dict[str, Any]]]) -> list[str]:
    columns = list(COLUMNS[table])
    if table == "documents" and not any(r.get("text") for r in data_tables["documents"]):
        columns.remove("text")
    return columns


def write_csv(data: Dataset, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    data_tables = tables(data)
    paths = []
    for table in TABLES:
        path = folder / f"{table}.csv"
        path.write_text(to_csv(data_tables[table], csv_columns(table, data_tables)), "utf-8")
        paths.append(path)
    return paths


def _arrow_type(table: str, column: str):
    import pyarrow as pa

    ints = {"year_start", "year_end", "people", "sources", "start", "end", "chars"}
    floats = {"confidence"}
    if column in LIST_COLUMNS:
        return pa.list_(pa.string())
    if column in ints:
        return pa.int64()
    if column in floats:
        return pa.float64()
    if column == "disputed":
        return pa.bool_()
    return pa.string()


def write_parquet(data: Dataset, folder: Path) -> list[Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    data_tables = tables(data)
    dictionary = dumps(data_dictionary())
    paths = []
    for table in TABLES:
        columns = csv_columns(table, data_tables)
        schema = pa.schema(
            [
                pa.field(
                    c,
                    _arrow_type(table, c),
                    metadata={"description": COLUMNS[table][c]},
                )
                for c in columns
            ],
            metadata={"footprint.data_dictionary": dictionary, "footprint.table": table},
        )
        rows = data_tables[table]
        arrays = {
            c: [dumps(r.get(c)) if c in JSON_COLUMNS else r.get(c) for r in rows] for c in columns
        }
        path = folder / f"{table}.parquet"
        pq.write_table(pa.Table.from_pydict(arrays, schema=schema), path)
        paths.append(path)
    return paths


# -- FollowTheMoney --------------------------------------------------------------------

ACTOR_SCHEMA = {
    "agency": "PublicBody",
    "academy": "PublicBody",
    "government": "PublicBody",
    "company": "Company",
    "organisation": "Organization",
}
NAMESPACE = "footprint"


def ftm_entities(data: Dataset) -> list[dict[str, Any]]:
    """Actors as PublicBody/Company/Organization, documents as Article, events as Event,
    each piece of evidence as Documentation linking an Article to an Event."""
    from followthemoney import model

    entities = []
    actor_ids: dict[tuple[str, str], str] = {}
    for a in data.actors:
        proxy = model.make_entity(ACTOR_SCHEMA.get(a["kind"], "Organization"))
        proxy.make_id(NAMESPACE, "actor", a["country"] or "", a["name"])
        proxy.add("name", a["name"])
        proxy.add("alias", [x["name"] for x in a["aliases"]])
        proxy.add("country", a["country"])
        proxy.add("description", codebook.load().actor_kinds.get(a["kind"]))
        actor_ids[(a["country"] or "", a["name"])] = proxy.id
        entities.append(proxy)
    document_ids: dict[str, str] = {}
    for d in data.documents:
        proxy = model.make_entity("Article")
        proxy.make_id(NAMESPACE, "document", d["id"])
        proxy.add("title", d["title"])
        proxy.add("publisher", d["publisher"])
        proxy.add("publishedAt", d["published"])
        proxy.add("sourceUrl", d["url"] or (d["source"] if "://" in d["source"] else None))
        proxy.add("language", d["language"] if d["language"] != "und" else None)
        proxy.add("contentHash", d["id"])
        document_ids[d["id"]] = proxy.id
        entities.append(proxy)
    for e in data.events:
        event = _ftm_event(model, e, actor_ids)
        entities.append(event)
        for i, ev in enumerate(e["evidence"]):
            link = model.make_entity("Documentation")
            link.make_id(NAMESPACE, "evidence", e["id"], ev["document"], str(ev["start"]), str(i))
            link.add("document", document_ids[ev["document"]])
            link.add("entity", event.id)
            link.add("role", "evidence")
            link.add("summary", ev["quote"])
            entities.append(link)
    return [proxy.to_dict() for proxy in entities]


def _ftm_event(model: Any, e: dict[str, Any], actor_ids: dict[tuple[str, str], str]) -> Any:
    proxy = model.make_entity("Event")
    proxy.make_id(NAMESPACE, "event", e["id"])
    proxy.add("name", e["title"] or _event_name(e))
    proxy.add("summary", e["summary"])
    proxy.add("description", f"{analyse.type_label(e['type'])}; status: {e['status']}")
    proxy.add("keywords", [e["type"], e["status"], *e["recipient_regions"]])
    proxy.add("country", [*e["recipients"], *([e["provider"]] if e["provider"] else [])])
    start = e["date_start"] or (str(e["year_start"]) if e["year_start"] else None)
    end = e["date_end"] or (str(e["year_end"]) if e["year_end"] else None)
    proxy.add("startDate", start)
    proxy.add("endDate", end)
    proxy.add("recordId", e["id"])
    for a in e["actors"]:
        actor = actor_ids[(a["country"] or "", a["name"])]
        proxy.add("organizer" if a["role"] == "provider" else "involved", actor)
    return proxy


def _event_name(e: dict[str, Any]) -> str:
    where = ", ".join(analyse.country_name(c) for c in e["recipients"]) or ", ".join(
        e["recipient_regions"]
    )
    years = e["year_start"] if e["year_start"] == e["year_end"] else None
    if years is None and e["year_start"] is not None:
        years = f"{e['year_start']}–{e['year_end']}" if e["year_end"] else e["year_start"]
    parts = [analyse.type_label(e["type"]), where, str(years) if years else ""]
    return " · ".join(p for p in parts if p)


def write_ftm(data: Dataset, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "footprint.ftm.json"
    path.write_text("".join(dumps(e) + "\n" for e in ftm_entities(data)), "utf-8")
    return [path]


# -- GeoJSON ---------------------------------------------------------------------------


def geojson(data: Dataset) -> dict[str, Any]:
    """One feature per recipient country: its events by type and their ids."""
    per_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in data.events:
        for code in e["recipients"]:
            per_country[code].append(e)
    features = []
    for code in sorted(per_country):
        events = per_country[code]
        by_type: dict[str, int] = defaultdict(int)
        for e in events:
            by_type[e["type"]] += 1
        years = [y for e in events for y in (e["year_start"], e["year_end"]) if y is not None]
        trained = [
            e
            for e in events
            if e["type"] == "training"
            and e["people"] is not None
            and e["status"] in analyse.TRAINED_STATUSES
        ]
        features.append(
            {
                "type": "Feature",
                "id": code,
                "geometry": geo.geometry(code),
                "properties": {
                    "country": code,
                    "name": analyse.country_name(code),
                    "events": len(events),
                    "by_type": dict(sorted(by_type.items())),
                    "first_year": min(years) if years else None,
                    "last_year": max(years) if years else None,
                    "officers_trained": sum(e["people"] for e in trained),
                    "event_ids": [e["id"] for e in events],
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write_geojson(data: Dataset, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "countries.geojson"
    path.write_text(dumps(geojson(data)) + "\n", "utf-8")
    return [path]


# -- GraphML ---------------------------------------------------------------------------


def write_graphml(data: Dataset, folder: Path) -> list[Path]:
    import networkx as nx

    folder.mkdir(parents=True, exist_ok=True)
    graph = analyse.graph_of(data.orm_events, ident=lambda e: data.ids[e.id])
    # Sorted nodes and edges: the same network always gives the same file.
    ordered = nx.Graph(
        description="Footprint actor–country network: an edge where two meet in an event",
        codebook_version=codebook.load().version,
    )
    ordered.add_nodes_from(sorted(graph.nodes(data=True)))
    ordered.add_edges_from(sorted((min(a, b), max(a, b), d) for a, b, d in graph.edges(data=True)))
    path = folder / "network.graphml"
    nx.write_graphml(ordered, path, encoding="utf-8", prettyprint=True)
    return [path]


# -- all formats -----------------------------------------------------------------------


def write_jsonl(data: Dataset, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / JSONL_FILE
    path.write_text(to_jsonl(data), "utf-8")
    return [path]


WRITERS = {
    "jsonl": lambda data, folder: write_jsonl(data, folder),
    "csv": lambda data, folder: write_csv(data, folder / "csv"),
    "parquet": lambda data, folder: write_parquet(data, folder / "parquet"),
    "ftm": lambda data, folder: write_ftm(data, folder),
    "geojson": lambda data, folder: write_geojson(data, folder),
    "graphml": lambda data, folder: write_graphml(data, folder),
}


def write_dictionary(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / DICTIONARY_FILE
    path.write_text(json.dumps(data_dictionary(), ensure_ascii=False, indent=2) + "\n", "utf-8")
    return path


def export(data: Dataset, formats: Iterable[str], folder: Path) -> list[Path]:
    """Write the formats asked for, and the data dictionary, into ``folder``."""
    formats = list(formats)
    for name in formats:
        if name not in WRITERS:
            raise ExportError(f"format: {name!r} is not one of {', '.join(FORMATS)}")
    paths = [write_dictionary(folder)]
    for name in formats:
        paths += WRITERS[name](data, folder)
    return paths


def generator() -> str:
    return f"footprint {__version__}"
