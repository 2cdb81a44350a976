"""Commands on events: resolve, events list/show/accept/reject/unsure/edit/merge/split/link,
bulk decisions, history."""

from __future__ import annotations

import getpass
import os
from typing import Annotated, Any

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from footprint import codebook, events, review
from footprint.cli.common import _fail, _print_json, app, console, state
from footprint.db import session_scope

events_app = typer.Typer(
    help="List, read and review events: accept, reject, unsure, edit, merge, split, link.",
    no_args_is_help=True,
)
app.add_typer(events_app, name="events")

WhoOption = Annotated[
    str | None,
    typer.Option(
        "--who", envvar="FOOTPRINT_USER", help="Reviewer name for the audit log [default: login]."
    ),
]
VersionOption = Annotated[
    int | None,
    typer.Option(
        "--version",
        help="The event version you read (from `events show`); the change fails if it moved on.",
    ),
]
NoteOption = Annotated[str | None, typer.Option("--note", help="Why; kept in the audit log.")]


def _who(who: str | None) -> str:
    return who or os.environ.get("USER") or getpass.getuser()


@app.command("resolve")
def resolve_command() -> None:
    """Group extracted mentions into events across documents (incremental).

    Only mentions not yet in an event are looked at; they join a compatible existing
    event (same type and provider, shared recipients, overlapping years, compatible
    figures) or start a new one. Reviewed events keep their reviewers' decisions.
    """
    from footprint.resolve import resolve

    console.print(resolve(state.engine).summary())


def _filter(**options: Any) -> events.EventFilter:
    try:
        return events.EventFilter(**options)
    except codebook.CodebookError as exc:
        raise _fail(str(exc)) from None


@events_app.command("list")
def events_list(
    type: Annotated[str | None, typer.Option(help="Event type (see `footprint codebook`).")] = None,
    country: Annotated[str | None, typer.Option(help="Recipient country, ISO alpha-2.")] = None,
    region: Annotated[str | None, typer.Option(help="Recipient region.")] = None,
    provider: Annotated[str | None, typer.Option(help="Provider country, ISO alpha-2.")] = None,
    year_from: Annotated[int | None, typer.Option(help="Reaching this year or later.")] = None,
    year_to: Annotated[int | None, typer.Option(help="Starting this year or earlier.")] = None,
    status: Annotated[str | None, typer.Option(help="planned, ongoing, completed...")] = None,
    review_state: Annotated[
        str | None, typer.Option("--review", help="machine, accepted, edited, rejected, unsure.")
    ] = None,
    disputed: Annotated[
        bool | None, typer.Option("--disputed/--undisputed", help="Only (un)disputed events.")
    ] = None,
    min_sources: Annotated[int | None, typer.Option(help="At least this many sources.")] = None,
    text: Annotated[str | None, typer.Option("--text", help="Words in a title or quote.")] = None,
    sort: Annotated[str, typer.Option(help=f"One of {', '.join(events.SORTS)}.")] = "id",
    limit: Annotated[int, typer.Option(min=1, help="How many.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List events, filtered; rejected events only when asked with --review rejected."""
    f = _filter(
        type=type,
        country=country,
        region=region,
        provider=provider,
        year_from=year_from,
        year_to=year_to,
        status=status,
        review_state=review_state,
        disputed=disputed,
        min_sources=min_sources,
        text=text,
    )
    with session_scope(state.engine) as session:
        try:
            rows = events.list_events(session, f, limit=limit, offset=offset, sort=sort)
        except codebook.CodebookError as exc:
            raise _fail(str(exc)) from None
        total = events.count_events(session, f)
        if as_json:
            _print_json({"total": total, "events": [events.event_dict(e) for e in rows]})
            return
        console.print(_events_table(rows))
        console.print(f"{len(rows)} of {total} events")


def _years(e: dict[str, Any]) -> str:
    start, end = e["year_start"], e["year_end"]
    if start is None:
        return ""
    return str(start) if end in (None, start) else f"{start}-{end}"


def _events_table(rows: list) -> Table:
    data = [events.event_dict(event) for event in rows]
    flags = {e["id"]: _flags(e) for e in data}
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    widths = {"type": 12, "status": 9, "review": 8}
    for name in ("id", "type", "status", "recipients", "years", "people", "src", "review"):
        # Narrow terminals fold the recipients rather than hide the id or the figures.
        table.add_column(name, no_wrap=name != "recipients", min_width=widths.get(name))
    if any(flags.values()):
        table.add_column("flags", overflow="fold")
    for e in data:
        row = [
            str(e["id"]),
            e["type"],
            e["status"],
            ",".join(e["recipients"]) or ",".join(e["recipient_regions"]),
            _years(e),
            "" if e["people"] is None else f"{e['people']:,}",
            str(e["sources"]),
            e["review_state"],
        ]
        table.add_row(*row, *([flags[e["id"]]] if any(flags.values()) else []))
    return table


def _flags(e: dict[str, Any]) -> str:
    flags = ["disputed"] if e["disputed"] else []
    if e["possible_duplicate_of"]:
        flags.append(f"dup? {e['possible_duplicate_of']}")
    return " ".join(flags)


@events_app.command("show")
def events_show(
    event_id: Annotated[int, typer.Argument(help="Event id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show one event: fields, claims (conflicts marked), evidence quotes, links, history."""
    with session_scope(state.engine) as session:
        try:
            data = events.event_dict(
                events.get_event(session, event_id), detail=True, session=session
            )
        except events.EventNotFound as exc:
            raise _fail(str(exc)) from None
    if as_json:
        _print_json(data)
        return
    _print_event(data)


def _print_event(e: dict[str, Any]) -> None:
    console.print(
        f"[bold]Event {e['id']}[/bold]  {e['type']} · {e['status']} · review: "
        f"{e['review_state']} · version {e['version']}"
        + ("  [red]DISPUTED[/red]" if e["disputed"] else "")
    )
    fields = Table(box=None, show_header=False)
    for name in (
        "title",
        "provider",
        "provider_orgs",
        "recipients",
        "recipient_regions",
        "year_start",
        "year_end",
        "people",
        "sources",
        "confidence_level",
        "possible_duplicate_of",
        "locked_fields",
    ):
        value = e[name]
        if value in (None, [], ""):
            continue
        shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        fields.add_row(name, escape(shown))
    console.print(fields)
    if e["claims"]:
        console.print("[bold]Claims[/bold]")
        for name, values in e["claims"].items():
            mark = " [red](conflict)[/red]" if name in e["conflicts"] else ""
            parts = [f"{v['value']} ({', '.join(v['sources'])})" for v in values]
            console.print(f"  {name}{mark}: " + escape("; ".join(parts)), soft_wrap=True)
    console.print(f"[bold]Evidence[/bold] ({len(e['evidence'])})")
    for ev in e["evidence"]:
        console.print(
            f"  [cyan]#{ev['id']}[/cyan] doc {ev['document']} "
            f"{escape(ev['publisher'] or '')} {ev['published'] or ''} [{ev['start']}:{ev['end']}]"
            f"\n    “{escape(ev['quote'])}”",
            soft_wrap=True,
        )
    if e["links"]:
        console.print("[bold]Links[/bold]")
        for link in e["links"]:
            arrow = "→" if link["direction"] == "from" else "←"
            console.print(f"  {link['relation']} {arrow} event {link['event']}")
    _print_history(e["history"])


def _print_history(entries: list[dict[str, Any]]) -> None:
    console.print(f"[bold]History[/bold] ({len(entries)})")
    for h in entries:
        changed = _changed(h["before"], h["after"])
        console.print(
            f"  {h['at'][:19]} {escape(h['who'])} {h['action']}"
            + (f": {escape(changed)}" if changed else "")
            + (f" — {escape(h['note'])}" if h["note"] else ""),
            soft_wrap=True,
        )


def _changed(before: dict | None, after: dict | None) -> str:
    before, after = before or {}, after or {}
    keys = [k for k in after if before.get(k) != after.get(k)]
    return ", ".join(f"{k} {before.get(k)!r} → {after[k]!r}" for k in keys if k in before)


def _run(action, *args, **kwargs):
    """Run one review action in a transaction; turn its errors into one-line failures."""
    with session_scope(state.engine) as session:
        try:
            event = action(session, *args, **kwargs)
            return events.event_dict(event) if hasattr(event, "type") else event
        except review.ConflictError as exc:
            raise _fail(str(exc), code=3) from None
        except (review.ReviewError, events.EventNotFound) as exc:
            raise _fail(str(exc)) from None


def _decide(decision: str, ids: list[int], who, version, note) -> None:
    if version is not None and len(ids) > 1:
        raise _fail("--version: give one event id with --version")
    for event_id in ids:
        e = _run(review.decide, event_id, decision, _who(who), expected_version=version, note=note)
        console.print(f"event {e['id']}: {e['review_state']} (version {e['version']})")


@events_app.command("accept")
def events_accept(
    ids: Annotated[list[int], typer.Argument(help="Event ids.")],
    who: WhoOption = None,
    version: VersionOption = None,
    note: NoteOption = None,
) -> None:
    """Confirm events as they stand."""
    _decide("accepted", ids, who, version, note)


@events_app.command("reject")
def events_reject(
    ids: Annotated[list[int], typer.Argument(help="Event ids.")],
    who: WhoOption = None,
    version: VersionOption = None,
    note: NoteOption = None,
) -> None:
    """Mark events as wrong: kept, never published, never revived by the machine."""
    _decide("rejected", ids, who, version, note)


@events_app.command("unsure")
def events_unsure(
    ids: Annotated[list[int], typer.Argument(help="Event ids.")],
    note: Annotated[str, typer.Option("--note", help="What is unclear (required).")],
    who: WhoOption = None,
    version: VersionOption = None,
) -> None:
    """Record that you could not decide, with a note for the next reviewer."""
    _decide("unsure", ids, who, version, note)


@events_app.command("bulk")
def events_bulk(
    decision: Annotated[str, typer.Argument(help="accepted, rejected or unsure.")],
    type: Annotated[str | None, typer.Option(help="Event type.")] = None,
    country: Annotated[str | None, typer.Option(help="Recipient country.")] = None,
    region: Annotated[str | None, typer.Option(help="Recipient region.")] = None,
    review_state: Annotated[
        str, typer.Option("--review", help="Only events in this review state.")
    ] = "machine",
    min_sources: Annotated[int | None, typer.Option(help="At least this many sources.")] = None,
    disputed: Annotated[bool | None, typer.Option("--disputed/--undisputed")] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do it (without: only count).")] = False,
    who: WhoOption = None,
    note: NoteOption = None,
) -> None:
    """One decision on every event matching a filter (counts first; --yes to apply)."""
    f = _filter(
        type=type,
        country=country,
        region=region,
        review_state=review_state,
        min_sources=min_sources,
        disputed=disputed,
    )
    with session_scope(state.engine) as session:
        ids = [e.id for e in events.list_events(session, f, limit=1_000_000)]
        if not yes:
            console.print(f"{len(ids)} events would be marked {decision}; add --yes to do it")
            return
        try:
            count = review.bulk(session, ids, decision, _who(who), note=note)
        except review.ReviewError as exc:
            raise _fail(str(exc)) from None
    console.print(f"{count} events marked {decision}")


def _parse_value(name: str, raw: str) -> Any:
    if name in ("recipients", "recipient_regions", "provider_orgs"):
        return [v.strip() for v in raw.split(",") if v.strip()]
    if raw.lower() in ("", "null", "none"):
        return None
    return raw


@events_app.command("edit")
def events_edit(
    event_id: Annotated[int, typer.Argument(help="Event id.")],
    changes: Annotated[
        list[str],
        typer.Option(
            "--set",
            help="FIELD=VALUE, repeatable; lists comma-separated, 'null' clears. Fields: "
            + ", ".join(review.EDITABLE),
        ),
    ],
    version: VersionOption = None,
    who: WhoOption = None,
    note: NoteOption = None,
) -> None:
    """Correct fields of an event; the machine never overwrites them afterwards."""
    values: dict[str, Any] = {}
    for change in changes:
        name, sep, raw = change.partition("=")
        if not sep:
            raise _fail(f"--set: {change!r} is not FIELD=VALUE")
        values[name.strip()] = _parse_value(name.strip(), raw.strip())
    e = _run(review.edit, event_id, _who(who), values, expected_version=version, note=note)
    console.print(f"event {e['id']}: edited (version {e['version']})")


@events_app.command("merge")
def events_merge(
    keep: Annotated[int, typer.Argument(help="Event to keep.")],
    other: Annotated[int, typer.Argument(help="Event folded into it (then marked rejected).")],
    force: Annotated[
        bool, typer.Option("--force", help="Confirm merging events of different types.")
    ] = False,
    who: WhoOption = None,
    note: NoteOption = None,
) -> None:
    """Merge two events that are one: evidence and links move to the kept event."""
    e = _run(review.merge, keep, other, _who(who), confirm_type_change=force, note=note)
    console.print(f"event {other} merged into event {e['id']} ({e['sources']} sources)")


@events_app.command("split")
def events_split(
    event_id: Annotated[int, typer.Argument(help="Event to split.")],
    evidence: Annotated[
        list[int], typer.Option("--evidence", help="Evidence id to move (repeatable).")
    ],
    who: WhoOption = None,
    note: NoteOption = None,
) -> None:
    """Move some evidence of an event to a new event."""
    e = _run(review.split, event_id, evidence, _who(who), note=note)
    console.print(f"new event {e['id']} split from event {event_id}")


@events_app.command("link")
def events_link(
    later: Annotated[int, typer.Argument(help="The later event.")],
    relation: Annotated[str, typer.Argument(help=", ".join(codebook.load().event_relations))],
    earlier: Annotated[int, typer.Argument(help="The earlier event it follows from.")],
    who: WhoOption = None,
    note: NoteOption = None,
) -> None:
    """Link two events: e.g. `events link 12 implements 7`."""
    _run(review.link, later, earlier, relation, _who(who), note=note)
    console.print(f"event {later} {relation} event {earlier}")


@app.command("history")
def history_command(
    event_id: Annotated[int, typer.Argument(help="Event id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Every recorded change of an event: who, when, before and after."""
    with session_scope(state.engine) as session:
        try:
            events.get_event(session, event_id)
        except events.EventNotFound as exc:
            raise _fail(str(exc)) from None
        entries = [events.audit_dict(a) for a in events.history(session, "event", event_id)]
    if as_json:
        _print_json(entries)
    else:
        _print_history(entries)
