"""Commands on extraction: extract, eval, codebook."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from footprint import codebook
from footprint.cli.common import (
    EXIT_INPUTS_FAILED,
    _fail,
    _print_json,
    _progress_columns,
    app,
    console,
    errors,
    state,
)


@app.command()
def extract(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files or URLs to read directly; none = the stored documents."),
    ] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object per event.")] = False,
    extractor_name: Annotated[str, typer.Option("--extractor", help="Extractor to use.")] = "rules",
    resolve: Annotated[
        bool, typer.Option("--resolve/--no-resolve", help="Group stored mentions into events.")
    ] = True,
) -> None:
    """Find codebook events in documents, each with its quote and span.

    With PATHs, reads those files and prints the events (nothing is stored). Without,
    runs over every stored document, stores the mentions as evidence and resolves them
    into events (`footprint resolve`).
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
        console.print(f"{report.mentions} mentions from {report.documents} documents")
        if resolve:
            from footprint.resolve import resolve as resolve_mentions

            console.print(resolve_mentions(state.engine).summary())
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
                if mention.denied:
                    continue  # a denial is a claim about an event, not an event
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
    resolution: Annotated[
        bool,
        typer.Option(
            "--resolution/--no-resolution",
            help="Also score resolution (pairwise) where gold events carry an event_key.",
        ),
    ] = True,
) -> None:
    """Score an extractor against a gold set: precision, recall, F1, misses, false alarms.

    Where gold events share an ``event_key`` across documents, also scores resolution:
    pairwise precision, recall and F1 of "these two mentions are the same event", after
    ingesting, extracting and resolving the documents in a scratch database.
    """
    import tempfile

    from footprint.evaluate import (
        GoldError,
        evaluate_extraction,
        evaluate_resolution,
        resolution_on_gold_mentions,
    )
    from footprint.extract import get_extractor

    try:
        extractor = get_extractor(extractor_name)
        report = evaluate_extraction(gold, docs, extractor)
        pairs = alone = None
        if resolution and '"event_key"' in gold.read_text(encoding="utf-8"):
            with tempfile.TemporaryDirectory() as workdir:
                pairs = evaluate_resolution(gold, docs, extractor, Path(workdir))
            alone = resolution_on_gold_mentions(gold, docs)
    except (GoldError, KeyError) as exc:
        raise _fail(str(exc.args[0] if exc.args else exc)) from None
    if as_json:
        _print_json(
            report.as_dict()
            | {"misses": report.misses, "false_alarms": report.false_alarms}
            | ({"resolution": pairs.as_dict()} if pairs else {})
            | ({"resolution_on_gold_mentions": alone.as_dict()} if alone else {})
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
    if pairs:
        d = pairs.scores.as_dict()
        console.print(
            f"[bold]Resolution (pairwise)[/bold] precision {d['precision']:.3f} recall "
            f"{d['recall']:.3f} F1 {d['f1']:.3f} over {pairs.mentions} of "
            f"{pairs.gold_mentions} gold mentions found by the extractor"
        )
        a = alone.as_dict()
        console.print(
            f"[bold]Resolution of the gold mentions themselves[/bold] precision "
            f"{a['precision']:.3f} recall {a['recall']:.3f} F1 {a['f1']:.3f}"
        )
        for title, rows in (
            ("Split (same event, kept apart)", pairs.split),
            ("Lumped (different events, merged)", pairs.lumped),
        ):
            console.print(f"[bold]{title}[/bold] ({len(rows)})")
            for a, b in rows[:40]:
                console.print(f"  {escape(a)} ~ {escape(b)}", soft_wrap=True)


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
