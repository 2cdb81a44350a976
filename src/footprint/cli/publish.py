"""Commands on publishing: export, import, release, report, summary."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from footprint import analyse, codebook, db
from footprint.cli.common import EXIT_INPUTS_FAILED, _fail, _print_json, app, console, errors, state
from footprint.events import EventFilter

ReviewedOnly = Annotated[
    bool, typer.Option("--reviewed-only", help="Only accepted and edited events.")
]


def _filter(country: str | None, event_type: str | None, actor: str | None) -> EventFilter:
    try:
        return EventFilter(country=country, type=event_type, actor=actor)
    except codebook.CodebookError as exc:
        raise _fail(str(exc)) from None


@app.command("export")
def export_command(
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format", "-f", help="csv, jsonl, parquet, ftm, geojson or graphml (repeatable)."
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write.")] = Path("export"),
    reviewed_only: ReviewedOnly = False,
    include_rejected: Annotated[
        bool, typer.Option("--include-rejected", help="Also rejected events (for exchange).")
    ] = False,
    with_text: Annotated[
        bool,
        typer.Option("--with-text", help="Include document texts (mind copyright)."),
    ] = False,
    country: Annotated[str | None, typer.Option(help="Only events with this recipient.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="Only this type.")] = None,
    actor: Annotated[str | None, typer.Option(help="Only events of this actor.")] = None,
) -> None:
    """Export events with their evidence, actors and documents (all formats by default),
    with the codebook as data dictionary (codebook.json)."""
    from footprint.publish import export

    f = _filter(country, event_type, actor)
    with db.session_scope(state.engine) as session:
        data = export.collect(
            session,
            f,
            reviewed_only=reviewed_only,
            include_rejected=include_rejected,
            with_text=with_text,
        )
        try:
            paths = export.export(data, formats or export.FORMATS, out)
        except export.ExportError as exc:
            raise _fail(str(exc)) from None
    counts = data.counts()
    console.print(
        f"{counts['events']} events, {counts['evidence']} evidence, {counts['documents']} "
        f"documents, {counts['actors']} actors → {len(paths)} files in {out}"
    )


@app.command("import")
def import_command(
    path: Annotated[
        Path, typer.Argument(help="A jsonl export, a CSV export's events.csv, or its folder.")
    ],
    who: Annotated[
        str | None, typer.Option(help="Name for the audit log [default: your user name].")
    ] = None,
) -> None:
    """Import a Footprint export (jsonl or csv): events are upserted by their id; a row
    that does not fit the codebook is reported with its line and left out."""
    from footprint.publish import importer

    with db.session_scope(state.engine) as session:
        try:
            report = importer.import_file(session, path, who=who or _user())
        except importer.ImportFileError as exc:
            raise _fail(str(exc)) from None
    for message in report.errors:
        errors.print(escape(message), soft_wrap=True, highlight=False)
    console.print(report.summary())
    if report.errors:
        raise typer.Exit(EXIT_INPUTS_FAILED)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "import"


@app.command("release")
def release_command(
    version: Annotated[str, typer.Argument(help="Version name, e.g. 2026.1 or 1.0.0.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder of releases.")] = Path(
        "releases"
    ),
    all_events: Annotated[
        bool, typer.Option("--all", help="Every event but rejected ones, not only reviewed.")
    ] = False,
    with_text: Annotated[
        bool, typer.Option("--with-text", help="Include document texts (mind copyright).")
    ] = False,
    previous: Annotated[
        str | None, typer.Option(help="Compare with this release [default: the latest].")
    ] = None,
) -> None:
    """Write OUT/VERSION: every format, manifest.json (sha256, counts) and a CHANGELOG.md
    against the previous release. Only reviewed events unless --all."""
    from footprint.publish import release

    with db.session_scope(state.engine) as session:
        try:
            made = release.make_release(
                session, version, out, all_events=all_events, with_text=with_text,
                previous=previous,
            )  # fmt: skip
        except release.ReleaseError as exc:
            raise _fail(str(exc)) from None
    counts, changes = made.manifest["counts"], made.changes
    console.print(
        f"Release {version}: {counts['events']} events, {len(made.manifest['files'])} files "
        f"in {made.folder}"
    )
    if not counts["events"] and not all_events:
        errors.print("No reviewed events yet: review some, or release every event with --all.")
    against = f"against {changes.previous}" if changes.previous else "(first release)"
    console.print(
        f"Changes {against}: {len(changes.added)} added, {len(changes.changed)} changed, "
        f"{len(changes.removed)} removed"
    )


@app.command("report")
def report_command(
    country: Annotated[str | None, typer.Option(help="Recipient country (ISO alpha-2).")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor name or alias.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="Event type.")] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="HTML file [default: footprint-report[-SCOPE].html]."),
    ] = None,
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Also write a PDF.")] = True,
    reviewed_only: ReviewedOnly = False,
) -> None:
    """Write a self-contained HTML report (and a PDF) with a map, a timeline, key figures,
    an events table, and a footnote for every figure naming its sources."""
    from footprint.publish import report

    spec = report.ReportSpec(country, actor, event_type, reviewed_only)
    html_path = out or Path(_report_name(spec))
    pdf_path = html_path.with_suffix(".pdf") if pdf else None
    with db.session_scope(state.engine) as session:
        try:
            paths = report.write_report(
                session, spec, html_path, pdf_path=pdf_path, database=db.describe(state.engine)
            )
        except report.ReportError as exc:
            raise _fail(str(exc)) from None
    for path in paths:
        console.print(f"Wrote {path}")


def _report_name(spec) -> str:
    parts = [spec.country, spec.type, spec.actor]
    scope = "-".join("".join(c if c.isalnum() else "-" for c in p.lower()) for p in parts if p)
    return f"footprint-report-{scope}.html" if scope else "footprint-report.html"


@app.command("summary")
def summary_command(
    country: Annotated[str | None, typer.Option(help="One recipient country.")] = None,
    actor: Annotated[str | None, typer.Option(help="One actor (name or alias).")] = None,
    network: Annotated[
        bool, typer.Option("--network", help="The actor–country network and its centrality.")
    ] = False,
    coverage: Annotated[
        bool, typer.Option("--coverage", help="Per country: documents, publishers, languages.")
    ] = False,
    reviewed_only: ReviewedOnly = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Summary figures: the whole dataset, a country, an actor, the network, or coverage."""
    with db.session_scope(state.engine) as session:
        try:
            if network:
                result = analyse.network(session, reviewed_only=reviewed_only)
            elif coverage:
                result = analyse.coverage(session, reviewed_only=reviewed_only)
            elif country:
                result = analyse.country_summary(session, country, reviewed_only=reviewed_only)
            elif actor:
                result = analyse.actor_summary(session, actor, reviewed_only=reviewed_only)
            else:
                result = analyse.dataset_summary(session, reviewed_only=reviewed_only)
        except (codebook.CodebookError, analyse.ActorNotFound) as exc:
            raise _fail(str(exc)) from None
    if as_json:
        _print_json(result)
    elif network:
        _print_network(result)
    elif coverage:
        _print_coverage(result)
    else:
        _print_summary(result)


def _counts_table(title: str, rows: list[dict], name: str, label: str | None = None) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column(name)
    table.add_column("events", justify="right")
    table.add_column("event ids", overflow="fold")
    for row in rows:
        table.add_row(
            escape(str(row.get(label or name))),
            str(row["events"]),
            _ids(row["event_ids"]),
        )
    return table


def _ids(ids: list[int], limit: int = 12) -> str:
    shown = ", ".join(map(str, ids[:limit]))
    return shown + (f" … (+{len(ids) - limit})" if len(ids) > limit else "")


def _print_summary(s: dict) -> None:
    head = s.get("name") or "Whole dataset"
    trained = s["officers_trained"]
    console.print(
        f"[bold]{escape(str(head))}[/bold]: {s['events']} events"
        + (" (reviewed only)" if s["reviewed_only"] else "")
    )
    rests = f" (events {_ids(trained['event_ids'])})" if trained["event_ids"] else ""
    console.print(f"Officers trained: {trained['total']:,}{rests}; pledged {trained['pledged']:,}")
    for key in ("first_event", "last_event"):
        if s.get(key):
            e = s[key]
            console.print(f"{key.replace('_', ' ').capitalize()}: {e['id']} {escape(e['label'])}")
    console.print(_counts_table("By type", s["by_type"], "type", "label"))
    console.print(_counts_table("By year", s["by_year"], "year"))
    if "top_recipients" in s or "countries" in s:
        rows = s.get("top_recipients") or s.get("countries") or []
        console.print(_counts_table("Recipient countries", rows, "country", "name"))
    actors = s.get("top_actors") or s.get("actors") or s.get("partners") or []
    if actors:
        console.print(_counts_table("Actors", actors, "actor", "name"))
    if s.get("pushback"):
        console.print("[bold]Pushback[/bold]")
        for e in s["pushback"]:
            console.print(f"  {e['id']} {escape(e['label'])}")


def _print_network(result: dict) -> None:
    table = Table(box=box.SIMPLE_HEAD, title="Most central nodes", title_justify="left")
    for name in ("node", "kind", "events", "degree", "betweenness"):
        table.add_column(name, justify="left" if name in ("node", "kind") else "right")
    for node in result["nodes"][:25]:
        table.add_row(
            escape(node["label"]),
            node["kind"],
            str(node["events"]),
            str(node["degree"]),
            f"{node['betweenness']:.3f}",
        )
    console.print(table)
    console.print(f"{len(result['nodes'])} nodes, {len(result['edges'])} edges")


def _print_coverage(rows: list[dict]) -> None:
    table = Table(box=box.SIMPLE_HEAD)
    for name in ("country", "events", "documents", "publishers", "languages", "single-source"):
        table.add_column(name, justify="left" if name in ("country", "languages") else "right")
    table.add_column("")
    for row in rows:
        table.add_row(
            escape(row["name"]),
            str(row["events"]),
            str(row["documents"]),
            str(row["publisher_count"]),
            ", ".join(f"{k} {v}" for k, v in row["languages"].items()),
            str(row["single_source_events"]),
            "[red]thin[/red]" if row["thin"] else "",
        )
    console.print(table)
