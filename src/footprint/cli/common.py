"""What every command shares: the Typer app, the database state, consoles, small helpers."""

from __future__ import annotations

import json
import re
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy import Engine

from footprint import __version__, db, dialect
from footprint.ingest import IngestReport, ingest

app = typer.Typer(
    help="Footprint: evidence tracker for the export of policing and security models.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
docs_app = typer.Typer(help="List and read ingested documents.", no_args_is_help=True)
app.add_typer(docs_app, name="docs")

# Piped output (files, other tools) gets room for whole tables instead of rich's 80 columns.
console = Console(width=None if sys.stdout.isatty() else 140)
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


def _highlight(snippet: str) -> str:
    text = escape(" ".join(snippet.split()))
    return text.replace(dialect.START_MARK, "[reverse]").replace(dialect.END_MARK, "[/reverse]")
