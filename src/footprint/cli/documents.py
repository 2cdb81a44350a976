"""Commands on documents: init, ingest, docs, search, quarantine."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from footprint import db, dialect, documents
from footprint.cli.common import (
    EXIT_INPUTS_FAILED,
    _fail,
    _highlight,
    _ingest_with_progress,
    _parse_size,
    _print_json,
    _print_report,
    app,
    console,
    docs_app,
    state,
)
from footprint.ingest import DEFAULT_MAX_BYTES
from footprint.model import Document


@app.command()
def init() -> None:
    """Create the database (or upgrade it to the latest schema) and say where it is."""
    console.print(f"Database ready: {db.describe(state.engine)}")


@app.command("ingest")
def ingest_command(
    locations: Annotated[
        list[str], typer.Argument(help="Files, folders (read recursively) and http(s) URLs.")
    ],
    max_size: Annotated[
        str, typer.Option(help="Largest input accepted, e.g. 50MB.", show_default=True)
    ] = f"{DEFAULT_MAX_BYTES // 1024**2}MB",
) -> None:
    """Ingest files, folders and URLs; quarantine bad inputs (exit code 1 if any).

    Formats: .txt, .md, .html/.htm, .pdf, .docx, and news dumps in .jsonl/.csv with one
    article per row (url, title, date, text columns). Re-ingesting the same text adds nothing.
    """
    report = _ingest_with_progress(state.engine, locations, _parse_size(max_size))
    _print_report(report)
    if report.failed:
        raise typer.Exit(EXIT_INPUTS_FAILED)


@docs_app.command("list")
def docs_list(
    language: Annotated[str | None, typer.Option(help="Only this language (en, zh...).")] = None,
    publisher: Annotated[str | None, typer.Option(help="Only this publisher.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List documents: id, language, date, publisher, title."""
    with db.session_scope(state.engine) as session:
        rows = documents.list_documents(
            session, language=language, publisher=publisher, limit=limit, offset=offset
        )
        if as_json:
            _print_json([_document_dict(d, text=False) for d in rows])
            return
        console.print(_documents_table(rows))


def _documents_table(rows: list[Document]) -> Table:
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("id", justify="right", min_width=3, no_wrap=True)
    table.add_column("lang", min_width=4, no_wrap=True)
    table.add_column("published", min_width=10, no_wrap=True)
    table.add_column("publisher", max_width=22, no_wrap=True, overflow="ellipsis")
    # Rich would squeeze the short columns away before the title: cap the title instead.
    title_width = max(20, console.width - 52)
    table.add_column("title", no_wrap=True, overflow="ellipsis", max_width=title_width)
    for d in rows:
        table.add_row(
            str(d.id),
            d.language,
            d.published or "",
            escape(d.publisher or ""),
            escape(d.title or ""),
        )
    return table


def _document_dict(d: Document, text: bool = True) -> dict[str, Any]:
    fields = (
        "id",
        "source",
        "url",
        "title",
        "publisher",
        "published",
        "language",
        "format",
        "encoding",
        "sha256",
        "chars",
        "ingested_at",
    )
    result = {name: getattr(d, name) for name in fields}
    if text:
        result["text"] = d.text
    return result


@docs_app.command("show")
def docs_show(
    document_id: Annotated[int, typer.Argument(help="Document id (see `docs list`).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show one document's metadata and full text."""
    with db.session_scope(state.engine) as session:
        document = documents.get(session, document_id)
        if document is None:
            raise _fail(f"document {document_id} not found")
        if as_json:
            _print_json(_document_dict(document))
            return
        for key, value in _document_dict(document, text=False).items():
            console.print(f"[bold]{key:>11}[/bold]  {escape(str(value or ''))}")
        console.print()
        console.print(escape(document.text), soft_wrap=True)


@app.command()
def search(
    words: Annotated[str, typer.Argument(help='Words that must all appear; "quote" phrases.')],
    limit: Annotated[int, typer.Option(min=1, help="How many hits.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Full-text search over documents (English and Chinese), best hits first."""
    with db.session_scope(state.engine) as session:
        results = documents.search(session, words, limit=limit)
        if as_json:
            _print_json(
                [
                    {
                        "id": r.document.id,
                        "title": r.document.title,
                        "snippet": r.snippet.replace(dialect.START_MARK, "[").replace(
                            dialect.END_MARK, "]"
                        ),
                    }
                    for r in results
                ]
            )
            return
        if not results:
            console.print(f"No documents match {words!r}.")
        for r in results:
            console.print(
                f"[bold cyan]{r.document.id}[/bold cyan]  {escape(r.document.title or '')}"
            )
            console.print("    " + _highlight(r.snippet), soft_wrap=True)


@app.command()
def quarantine(
    include_resolved: Annotated[
        bool, typer.Option("--all", help="Also inputs that were read successfully later.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List inputs that could not be ingested, with the reason."""
    with db.session_scope(state.engine) as session:
        rows = documents.list_quarantine(session, include_resolved=include_resolved)
        if as_json:
            _print_json(
                [
                    {
                        "source": q.source,
                        "reason": q.reason,
                        "attempts": q.attempts,
                        "last_seen": q.last_seen,
                        "resolved_at": q.resolved_at,
                    }
                    for q in rows
                ]
            )
            return
        if not rows:
            console.print("Nothing in quarantine.")
            return
        table = Table("source", "reason", "attempts", "last seen")
        for q in rows:
            table.add_row(
                escape(q.source),
                escape(q.reason),
                str(q.attempts),
                q.last_seen.strftime("%Y-%m-%d %H:%M"),
            )
        console.print(table)
