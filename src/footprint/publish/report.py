"""Reports: one self-contained HTML file (and a PDF of it) a researcher can send as it is.

A report covers the events of a country, an actor or a type (or any mix, or the whole
dataset): key figures, a map, a timeline, breakdowns, coverage, every event with its
quote, and the sources. Every figure has a footnote naming the events it rests on and,
through their evidence, the sources (publisher, title, date, address).

The HTML holds its CSS and its charts (inline SVG, drawn here); nothing is fetched when
it is opened. The PDF is the same HTML rendered by WeasyPrint.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from sqlalchemy.orm import Session

from footprint import __version__, analyse, codebook
from footprint.events import EventFilter, source_key
from footprint.model import Document, Event
from footprint.publish import charts

TOP_ROWS = 15


class ReportError(ValueError):
    pass


@dataclass
class ReportSpec:
    """What a report covers. Empty: the whole dataset."""

    country: str | None = None
    actor: str | None = None
    type: str | None = None
    reviewed_only: bool = False

    def checked(self, session: Session) -> ReportSpec:
        """Codes and names validated; an actor's alias becomes its name."""
        country = codebook.country(self.country) if self.country else None
        kind = codebook.event_type(self.type) if self.type else None
        actor = analyse.find_actor(session, self.actor)[0].name if self.actor else None
        return ReportSpec(country, actor, kind, self.reviewed_only)

    def event_filter(self) -> EventFilter:
        return EventFilter(country=self.country, actor=self.actor, type=self.type)

    def title(self) -> tuple[str, str]:
        """(kicker, title) for the report's heading."""
        what = charts.type_label(self.type) if self.type else None
        where = analyse.country_name(self.country) if self.country else None
        scope = " ".join(p for p in (what, where and f"in {where}") if p)
        if self.actor:
            return "Actor report", f"{self.actor}: {scope}" if scope else self.actor
        if where:
            return "Country report", f"{what} in {where}" if what else where
        if what:
            return "Event type report", what
        return "Dataset report", "Policing and security cooperation: the whole record"


# -- numbering: events, sources, notes -------------------------------------------------


def ranges(numbers: list[int], prefix: str = "", suffix: str = "") -> str:
    """[1, 2, 3, 5] -> '1–3, 5' (with a prefix and suffix on every number)."""
    numbers = sorted(set(numbers))
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(
        f"{prefix}{a}{suffix}" if a == b else f"{prefix}{a}{suffix}–{prefix}{b}{suffix}"
        for a, b in spans
    )


@dataclass
class Source:
    number: int
    document: Document

    @property
    def publisher(self) -> str:
        return self.document.publisher or source_key(self.document)

    @property
    def url(self) -> str | None:
        doc = self.document
        return doc.url or (doc.source if "://" in doc.source else None)

    def short(self) -> str:
        return f"{self.publisher}, {self.document.published or 'undated'}"


@dataclass
class Note:
    number: int
    text: str
    events: list[int]  # event numbers (E1...)
    sources: list[Source]


@dataclass
class Numbering:
    """E-numbers for events (in table order), S-numbers for sources, and the notes."""

    events: list[Event]
    number: dict[int, int] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)
    by_document: dict[int, Source] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.number = {e.id: i for i, e in enumerate(self.events, 1)}
        documents = {ev.document_id: ev.document for e in self.events for ev in e.evidence}
        ordered = sorted(
            documents.values(),
            key=lambda d: (d.published or "9999", (d.publisher or "").lower(), d.title or "", d.id),
        )
        self.sources = [Source(i, d) for i, d in enumerate(ordered, 1)]
        self.by_document = {s.document.id: s for s in self.sources}

    def sources_of(self, event_ids: list[int]) -> list[Source]:
        wanted = set(event_ids)
        found = {ev.document_id for e in self.events if e.id in wanted for ev in e.evidence}
        return sorted((self.by_document[d] for d in found), key=lambda s: s.number)

    def note(self, text: str, event_ids: list[int]) -> Markup:
        """Add a note resting on these events; return its marker."""
        number = len(self.notes) + 1
        numbers = [self.number[i] for i in event_ids if i in self.number]
        self.notes.append(Note(number, text, numbers, self.sources_of(event_ids)))
        return Markup(
            f'<sup class="ref"><a href="#note-{number}" id="ref-{number}">{number}</a></sup>'
        )

    def tags(self, event_ids: list[int]) -> str:
        return ranges([self.number[i] for i in event_ids if i in self.number], "E")


# -- building the report ---------------------------------------------------------------


def _table_order(event: Event) -> tuple:
    year = analyse.event_year(event)
    return (year if year is not None else 9999, event.date_start or "", event.id)


def _key_figures(
    fig: dict[str, Any], spec: ReportSpec, events: list[Event], n: Numbering
) -> list[dict]:
    all_ids = fig["event_ids"]
    trained = fig["officers_trained"]
    first, last = fig["first_event"], fig["last_event"]
    publishers = {source_key(ev.document) for e in events for ev in e.evidence}
    documents = {ev.document_id for e in events for ev in e.evidence}
    pushback = [p["id"] for p in fig["pushback"]]
    cards = [
        {
            "value": f"{fig['events']:,}",
            "label": "events",
            "caption": ", ".join(f"{r['events']} {r['label'].lower()}" for r in fig["by_type"][:3]),
            "note": n.note("Every event of this report (see the Events table).", all_ids),
        },
        _countries_card(fig, spec, events, n),
        {
            "value": f"{trained['total']:,}",
            "label": "officers trained",
            "caption": _trained_caption(trained),
            "note": n.note(
                "Sum of the people in training events that took place or were under way "
                "(status completed, ongoing or unknown) and state a figure. Pledges are not "
                f"counted: {trained['pledged']:,} people in planned training"
                + (f" ({n.tags(trained['pledged_event_ids'])})" if trained["pledged"] else "")
                + f"; {trained['training_events_without_figure']} training events state no "
                "figure. Trainings told separately may overlap.",
                trained["event_ids"],
            ),
        },
        {
            "value": _period(first, last),
            "label": "first and last year",
            "caption": f"{fig['undated']['events']} undated" if fig["undated"]["events"] else "",
            "note": n.note(
                "Start of the earliest and end of the latest dated event.",
                [e["id"] for e in (first, last) if e],
            ),
        },
        {
            "value": f"{len(publishers):,}",
            "label": "independent sources",
            "caption": f"{len(documents):,} documents",
            "note": n.note(
                "Distinct publishers (a web address when no publisher is known) of the "
                "documents that state these events.",
                all_ids,
            ),
        },
        {
            "value": f"{len(pushback):,}",
            "label": "pushback events",
            "caption": "refusals, closures, investigations",
            "note": n.note(
                "Events where a country refused, cancelled, suspended, closed, investigated "
                "or condemned such cooperation.",
                pushback,
            ),
        },
    ]
    return cards


def _countries_card(
    fig: dict[str, Any], spec: ReportSpec, events: list[Event], n: Numbering
) -> dict[str, Any]:
    """Recipient countries; in a country's report, the countries providing to it."""
    if spec.country:
        rows, label = fig["providers"], "providing countries"
        text = "Countries named as providers of at least one event."
        ids = [e.id for e in events if e.provider_country]
    else:
        rows, label = fig["recipients"], "recipient countries"
        text = "Countries named as recipients of at least one event."
        ids = [e.id for e in events if e.recipients]
    return {
        "value": f"{len(rows):,}",
        "label": label,
        "caption": ", ".join(r["name"] for r in rows[:3]),
        "note": n.note(text, ids),
    }


def _trained_caption(trained: dict[str, Any]) -> str:
    if trained["pledged"]:
        return f"{trained['pledged']:,} more pledged"
    if trained["event_ids"]:
        return f"in {_plural(len(trained['event_ids']), 'training event')}"
    return "no training figure stated"


def _period(first: dict | None, last: dict | None) -> str:
    if not first or not last:
        return "—"
    start = first["year_start"] if first["year_start"] is not None else first["year_end"]
    end = last["year_end"] if last["year_end"] is not None else last["year_start"]
    return str(start) if start == end else f"{start}–{end}"


def _map(fig: dict, events: list[Event], spec: ReportSpec, n: Numbering) -> dict | None:
    counts = {row["country"]: row["events"] for row in fig["recipients"]}
    if not counts:
        return None
    regional = [e.id for e in events if not e.recipients and e.regions]
    text = "Events per recipient country; an event with several recipients counts for each."
    if regional:
        text += (
            f" Not on the map: {_plural(len(regional), 'event')} naming only a region "
            f"({n.tags(regional)})."
        )
    return {
        "svg": Markup(
            charts.world_map(
                counts,
                providers=[row["country"] for row in fig["providers"]],
                highlight=spec.country,
            )
        ),
        "note": n.note(text, [e.id for e in events if e.recipients]),
    }


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _timeline(fig: dict, n: Numbering) -> dict | None:
    if not fig["by_year"]:
        return None
    stacks = {row["year"]: row["by_type"] for row in fig["by_year"]}
    order = [t for t in codebook.load().event_types if any(t in s for s in stacks.values())]
    undated = fig["undated"]
    text = "Events counted under the year they started."
    if undated["events"]:
        text += (
            f" Not shown: {_plural(undated['events'], 'undated event')} "
            f"({n.tags(undated['event_ids'])})."
        )
    dated = [i for row in fig["by_year"] for i in row["event_ids"]]
    return {
        "svg": Markup(charts.year_bars(stacks, order=order)),
        "note": n.note(text, dated),
    }


def _trained_chart(fig: dict, n: Numbering) -> dict | None:
    rows = fig["officers_trained"]["by_year"]
    if not rows:
        return None
    stacks = {row["year"]: {"people": row["people"]} for row in rows}
    svg = charts.year_bars(
        stacks,
        order=["people"],
        colours={"people": charts.type_colour("training")},
        labels={"people": "officers trained"},
        height=200,
        title="Officers trained per year",
    )
    ids = [i for row in rows for i in row["event_ids"]]
    total = rows[-1]["cumulative"]
    return {
        "svg": Markup(svg),
        "note": n.note(
            f"People trained, counted under the year each training ended ({total:,} in all).",
            ids,
        ),
    }


def _rows(rows: list[dict], n: Numbering, name: str, limit: int | None = TOP_ROWS) -> dict:
    """A table's rows (the first ``limit``), each with its event numbers; one note for
    the table, made only when the table is shown."""
    shown = rows[:limit] if limit else rows
    return {
        "rows": [row | {"tags": n.tags(row["event_ids"])} for row in shown],
        "more": max(0, len(rows) - len(shown)),
        "note": n.note(name, [i for row in rows for i in row["event_ids"]]) if rows else "",
    }


def _event_rows(events: list[Event], n: Numbering) -> list[dict[str, Any]]:
    rows = []
    for event in events:
        evidence = sorted(
            event.evidence, key=lambda ev: (n.by_document[ev.document_id].number, ev.start)
        )
        quote = evidence[0] if evidence else None
        rows.append(
            {
                "number": n.number[event.id],
                "id": event.key or f"fp-{event.id}",
                "label": analyse.event_label(event),
                "type": event.type,
                "type_label": charts.type_label(event.type),
                "colour": charts.type_colour(event.type),
                "status": event.status,
                "years": analyse.years_text(event) or "—",
                "recipients": ", ".join(
                    analyse.country_name(r.country)
                    for r in sorted(event.recipients, key=lambda r: r.country)
                )
                or ", ".join(sorted(r.region for r in event.regions))
                or "—",
                "provider": analyse.country_name(event.provider_country),
                "people": f"{event.people:,}" if event.people is not None else "",
                "review_state": event.review_state,
                "quote": _shorten(quote.quote) if quote else "",
                "quote_source": n.by_document[quote.document_id].number if quote else None,
                "sources": sorted({n.by_document[ev.document_id].number for ev in evidence}),
                "disputed": event.disputed,
            }
        )
    return rows


def _shorten(text: str, limit: int = 280) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def build(
    session: Session,
    spec: ReportSpec,
    *,
    generated: datetime | None = None,
    database: str | None = None,
) -> dict[str, Any]:
    """Everything the template shows, numbered and footnoted."""
    try:
        spec = spec.checked(session)
    except (codebook.CodebookError, analyse.ActorNotFound) as exc:
        raise ReportError(str(exc)) from None
    events = sorted(
        analyse.published_events(session, spec.event_filter(), reviewed_only=spec.reviewed_only),
        key=_table_order,
    )
    if not events:
        raise ReportError("no events match this report (rejected events are never reported)")
    n = Numbering(events)
    fig = analyse.figures(events)
    kicker, title = spec.title()
    context: dict[str, Any] = {
        "kicker": kicker,
        "title": title,
        "spec": spec,
        "generated": (generated or datetime.now(UTC)).strftime("%d %B %Y, %H:%M UTC"),
        "generator": f"Footprint {__version__}",
        "database": database,
        "counted": "accepted and edited events only"
        if spec.reviewed_only
        else "all events except those a reviewer rejected (machine-extracted ones included)",
        "review_counts": _review_counts(events),
        "cards": _key_figures(fig, spec, events, n),
        "map": _map(fig, events, spec, n),
        "timeline": _timeline(fig, n),
        "trained": _trained_chart(fig, n),
        "by_type": _rows(
            [r | {"colour": charts.type_colour(r["type"])} for r in fig["by_type"]],
            n,
            "Events per type, with the events counted (see the Events table).",
            None,
        ),
        "recipients": _rows(
            fig["recipients"], n, "Events per recipient country (an event may name several)."
        ),
        "actors": _rows(
            fig["actors"], n, "Events per actor (agency, academy, company, organisation)."
        ),
        "providers": _rows(fig["providers"], n, "Events per providing country."),
        "coverage": _coverage(events, n),
        "events": _event_rows(events, n),
        "types": [
            t for key, t in codebook.load().event_types.items() if key in {e.type for e in events}
        ],
    }
    context["notes"] = n.notes
    context["sources"] = n.sources
    return context


def _review_counts(events: list[Event]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for e in events:
        counts[e.review_state] += 1
    return ", ".join(f"{counts[s]} {s}" for s in codebook.load().review_states if counts[s])


def _coverage(events: list[Event], n: Numbering) -> dict:
    rows = analyse.coverage_of(events)
    for row in rows:
        row["languages_text"] = ", ".join(f"{k} {v}" for k, v in row["languages"].items())
    return _rows(
        rows,
        n,
        "Per recipient country: documents and distinct publishers behind its events, their "
        "languages, and events resting on a single publisher. Thin: fewer than two "
        "independent publishers.",
    )


# -- rendering -------------------------------------------------------------------------


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("footprint.publish", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["eranges"] = lambda numbers: ranges(numbers, "E")
    env.filters["sranges"] = lambda numbers: ranges(numbers, "[", "]")
    return env


def render_html(context: dict[str, Any]) -> str:
    css = (resources.files("footprint.publish") / "templates" / "report.css").read_text("utf-8")
    return _environment().get_template("report.html.j2").render(css=Markup(css), **context)


def render_pdf(html: str, path: Path) -> Path:
    """Render the HTML with WeasyPrint (a real layout engine: pages, fonts, SVG)."""
    try:
        from weasyprint import HTML
    except OSError as exc:  # the Python package is there, the system libraries are not
        raise ReportError(f"PDF: WeasyPrint cannot load its libraries (pango): {exc}") from None
    HTML(string=html, base_url=None).write_pdf(path)
    return path


def write_report(
    session: Session,
    spec: ReportSpec,
    html_path: Path,
    *,
    pdf_path: Path | None = None,
    database: str | None = None,
) -> list[Path]:
    html = render_html(build(session, spec, database=database))
    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(html, "utf-8")
    written = [html_path]
    if pdf_path is not None:
        written.append(render_pdf(html, pdf_path))
    return written
