"""The command line: a thin face over the library functions."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlalchemy import Engine, select

from footprint import __version__, codebook, db, dialect, documents
from footprint.ingest import DEFAULT_MAX_BYTES, IngestReport, ingest
from footprint.model import Document, Event

app = typer.Typer(
    help="Footprint: evidence tracker for the export of policing and security models.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
docs_app = typer.Typer(help="List and read ingested documents.", no_args_is_help=True)
app.add_typer(docs_app, name="docs")

console = Console()
errors = Console(stderr=True)

EXIT_INPUTS_FAILED = 1  # some inputs were quarantined; the good ones were stored


class State:
    db: str | None = None
    _engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = db.connect(self.db)
        return self._engine


state = State()


def _version(value: bool) -> None:
    if value:
        console.print(f"footprint {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    database: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar=db.ENV_VAR,
            help="Database: a SQLite file path or a SQLAlchemy URL "
            f"\\[default: {db.default_path()}].",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
) -> None:
    state.db = database
    state._engine = None


def _fail(message: str, code: int = 1) -> typer.Exit:
    errors.print(f"[red]Error:[/red] {escape(message)}")
    return typer.Exit(code)


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def _parse_size(value: str) -> int:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*", value.lower())
    if not match:
        raise typer.BadParameter(f"{value!r} is not a size such as 50MB, 500KB or 1048576")
    number, unit = float(match.group(1)), match.group(2)
    return int(number * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit])


# --- commands --------------------------------------------------------------------------


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


def _progress_columns(verb: str) -> tuple:
    return (
        TextColumn(f"[bold]{verb}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
    )


def _ingest_with_progress(engine: Engine, locations: list[str], max_bytes: int) -> IngestReport:
    with Progress(*_progress_columns("Ingesting"), console=errors, transient=True) as progress:
        task = progress.add_task("", total=None)

        def advance(location: str, total: int) -> None:
            progress.update(task, total=total, advance=1, description=escape(location[-60:]))

        return ingest(engine, locations, max_bytes=max_bytes, on_input=advance)


def _print_report(report: IngestReport) -> None:
    for source, reason in report.quarantined:
        errors.print(
            f"[yellow]quarantined[/yellow] {escape(source)}: {escape(reason)}", soft_wrap=True
        )
    console.print(report.summary())


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


def _highlight(snippet: str) -> str:
    text = escape(" ".join(snippet.split()))
    return text.replace(dialect.START_MARK, "[reverse]").replace(dialect.END_MARK, "[/reverse]")


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


@app.command()
def extract(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files or URLs to read directly; none = the stored documents."),
    ] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object per event.")] = False,
    extractor_name: Annotated[str, typer.Option("--extractor", help="Extractor to use.")] = "rules",
) -> None:
    """Find codebook events in documents, each with its quote and span.

    With PATHs, reads those files and prints the events (nothing is stored). Without,
    runs over every stored document and stores events and their evidence.
    """
    from footprint.extract import get_extractor
    from footprint.extract.store import extract_documents
    from footprint.ingest import InputError, read_path

    try:
        extractor = get_extractor(extractor_name)
    except KeyError as exc:
        raise _fail(str(exc.args[0])) from None
    if not paths:
        with Progress(*_progress_columns("Extracting"), console=errors, transient=True) as bar:
            task = bar.add_task("", total=None)
            report = extract_documents(
                state.engine,
                extractor,
                on_document=lambda _id, total: bar.update(task, total=total, advance=1),
            )
        console.print(f"{report.events} events from {report.documents} documents")
        return
    failed = False
    rows = []
    for path in paths:
        try:
            documents = read_path(path)
        except InputError as exc:
            errors.print(f"{escape(path)}: {escape(str(exc))}", soft_wrap=True)
            failed = True
            continue
        for document in documents:
            for mention in extractor.extract(document.text, doc=path, published=document.published):
                if jsonl:
                    print(json.dumps(mention.to_json(), ensure_ascii=False), flush=True)
                else:
                    rows.append(mention)
    if not jsonl:
        console.print(_mentions_table(rows))
    if failed:
        raise typer.Exit(EXIT_INPUTS_FAILED)


def _mentions_table(mentions: list) -> Table:
    table = Table(box=box.SIMPLE_HEAD)
    for name in ("type", "status", "provider", "recipients", "years", "people"):
        table.add_column(name, no_wrap=True)
    table.add_column("quote", overflow="fold")
    for m in mentions:
        years = (
            ""
            if m.year_start is None
            else (
                str(m.year_start) if m.year_start == m.year_end else f"{m.year_start}-{m.year_end}"
            )
        )
        who = ",".join(m.recipients) or ",".join(m.recipient_regions)
        table.add_row(
            m.type,
            m.status,
            m.provider or "",
            who,
            years,
            "" if m.people is None else f"{m.people:,}",
            escape(m.quote[:200]),
        )
    return table


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold events, JSON Lines.", exists=True)],
    docs: Annotated[
        list[Path], typer.Option("--docs", help="Folder holding the gold documents (repeatable).")
    ],
    extractor_name: Annotated[
        str, typer.Option("--extractor", help="Extractor to score.")
    ] = "rules",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Score an extractor against a gold set: precision, recall, F1, misses, false alarms."""
    from footprint.evaluate import GoldError, evaluate_extraction
    from footprint.extract import get_extractor

    try:
        report = evaluate_extraction(gold, docs, get_extractor(extractor_name))
    except (GoldError, KeyError) as exc:
        raise _fail(str(exc.args[0] if exc.args else exc)) from None
    if as_json:
        _print_json(
            report.as_dict() | {"misses": report.misses, "false_alarms": report.false_alarms}
        )
        return
    table = Table("type", "precision", "recall", "F1", "tp", "fp", "fn", box=box.SIMPLE_HEAD)
    for name, scores in [*sorted(report.per_type.items()), ("overall", report.overall)]:
        d = scores.as_dict()
        table.add_row(
            name,
            f"{d['precision']:.3f}",
            f"{d['recall']:.3f}",
            f"{d['f1']:.3f}",
            str(d["tp"]),
            str(d["fp"]),
            str(d["fn"]),
        )
    console.print(table)
    for title, events in (("Misses", report.misses), ("False alarms", report.false_alarms)):
        console.print(f"[bold]{title}[/bold] ({len(events)})")
        for e in events:
            years = f"{e.get('year_start')}-{e.get('year_end')}"
            who = ",".join(e["recipients"]) or ",".join(e["recipient_regions"])
            console.print(f"  {escape(e['doc'])}: {e['type']} {who} {years}", soft_wrap=True)


@app.command("codebook")
def show_codebook(
    markdown: Annotated[bool, typer.Option("--markdown", help="Print as Markdown.")] = False,
) -> None:
    """Print the codebook: event types, statuses, review states, regions."""
    if markdown:
        print(codebook.to_markdown())
        return
    book = codebook.load()
    table = Table("event type", "definition", title=f"Codebook v{book.version}")
    for t in book.event_types.values():
        table.add_row(t.key, t.definition)
    console.print(table)
    console.print("[bold]statuses:[/bold] " + ", ".join(book.statuses))
    console.print("[bold]review states:[/bold] " + ", ".join(book.review_states))
    console.print("[bold]regions:[/bold] " + ", ".join(book.regions))


@app.command()
def demo(
    path: Annotated[
        Path, typer.Option("--path", help="Where to build the demo database (replaced if present).")
    ] = Path("footprint-demo.db"),
) -> None:
    """Build a fresh demo database from the bundled documents, extract events, show them."""
    from footprint import demo as demo_data

    try:
        demo_data.reset_database(path)
    except FileExistsError as exc:
        raise _fail(str(exc)) from None
    engine = db.connect(path)
    with demo_data.documents_folder() as folder:
        report = _ingest_with_progress(engine, [str(folder)], DEFAULT_MAX_BYTES)
    _print_report(report)
    from footprint.extract import get_extractor
    from footprint.extract.store import extract_documents

    extracted = extract_documents(engine, get_extractor())
    with db.session_scope(engine) as session:
        stored = documents.list_documents(session, limit=1000)
        console.print(_documents_table(stored))
        languages = Counter(d.language for d in stored)
        publishers = {d.publisher for d in stored if d.publisher}
        console.print(
            "Languages: "
            + ", ".join(f"{lang} {n}" for lang, n in languages.most_common())
            + f"   Publishers: {len(publishers)}"
        )
        by_type = Counter(session.scalars(select(Event.type)))
        console.print(
            f"Events extracted: {extracted.events} from {extracted.documents} documents ("
            + ", ".join(f"{name} {n}" for name, n in by_type.most_common())
            + ")"
        )
        console.print('\n[bold]Search "joint patrols":[/bold]')
        for r in documents.search(session, "joint patrols", limit=3):
            console.print(
                f"  [cyan]{r.document.id}[/cyan] " + _highlight(r.snippet), soft_wrap=True
            )
    console.print(
        f"\nDemo database: {path.resolve()}\nTry:  footprint --db {path} docs show 1\n"
        f'      footprint --db {path} search "警察"'
    )
    if report.failed:
        raise typer.Exit(EXIT_INPUTS_FAILED)


if __name__ == "__main__":
    app()
