"""The demo command."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import select

from footprint import db, documents
from footprint.cli.common import (
    EXIT_INPUTS_FAILED,
    _fail,
    _highlight,
    _ingest_with_progress,
    _print_report,
    app,
    console,
)
from footprint.cli.documents import _documents_table
from footprint.ingest import DEFAULT_MAX_BYTES
from footprint.model import Event


@app.command()
def demo(
    path: Annotated[
        Path, typer.Option("--path", help="Where to build the demo database (replaced if present).")
    ] = Path("footprint-demo.db"),
) -> None:
    """Build a fresh demo database: the bundled documents, the curated reference dataset
    (reviewed events), and the machine's own extraction and resolution on top."""
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
    from footprint.reference.store import load_reference
    from footprint.resolve import resolve

    curated = load_reference(engine)
    extracted = extract_documents(engine, get_extractor())
    resolved = resolve(engine)
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
        console.print(curated.summary())
        console.print(
            f"Mentions extracted: {extracted.mentions} from {extracted.documents} documents: "
            f"{resolved.attached} joined reviewed events, {resolved.created} new machine "
            f"events. Events by type: ("
            + ", ".join(f"{name} {n}" for name, n in by_type.most_common())
            + ")"
        )
        console.print('\n[bold]Search "joint patrols":[/bold]')
        for r in documents.search(session, "joint patrols", limit=3):
            console.print(
                f"  [cyan]{r.document.id}[/cyan] " + _highlight(r.snippet), soft_wrap=True
            )
    console.print(
        f"\nDemo database: {path.resolve()}\nTry:  footprint --db {path} events list\n"
        f"      footprint --db {path} events list --review machine --disputed\n"
        f'      footprint --db {path} search "警察"'
    )
    if report.failed:
        raise typer.Exit(EXIT_INPUTS_FAILED)
