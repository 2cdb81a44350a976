"""The command line, run in-process (Typer's runner) and as the installed console script."""

import json
import shutil
import subprocess
import sysconfig

import pytest
from typer.testing import CliRunner

from footprint.cli import app
from tests.samples import ARTICLE, CHINESE, write

runner = CliRunner()
COMMANDS = ["init", "ingest", "docs", "search", "quarantine", "extract", "eval", "codebook", "demo"]


def run(db, *args):
    return runner.invoke(app, ["--db", str(db), *args])


def test_help_explains_every_command_in_a_line():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    for command in COMMANDS:
        line = next((line for line in lines if line.strip("│ ").startswith(command + " ")), None)
        assert line is not None, f"{command} missing from --help"
        assert len(line.strip("│ ")) > len(command) + 10, f"{command} has no explanation"
    docs = runner.invoke(app, ["docs", "--help"]).output
    assert "list" in docs and "show" in docs


def test_ingest_list_show_search_and_quarantine(tmp_path):
    db = tmp_path / "cli.db"
    write(tmp_path / "in" / "a.md", f"---\ntitle: Patrol story\npublisher: Wire\n---\n{ARTICLE}")
    write(tmp_path / "in" / "b.txt", CHINESE.encode("gb18030"))
    write(tmp_path / "in" / "c.pdf", b"%PDF-1.4 broken")

    result = run(db, "ingest", str(tmp_path / "in"))
    assert result.exit_code == 1, result.output
    assert "2 new, 0 duplicate, 1 quarantined" in result.output
    assert "c.pdf: corrupt PDF" in result.output

    again = run(db, "ingest", str(tmp_path / "in" / "a.md"))
    assert again.exit_code == 0 and "0 new, 1 duplicate, 0 quarantined" in again.output

    listed = json.loads(run(db, "docs", "list", "--json").output)
    assert [d["title"] for d in listed] == ["Patrol story", CHINESE]
    assert json.loads(run(db, "docs", "list", "--json", "--language", "zh").output)[0]["id"] == 2

    shown = json.loads(run(db, "docs", "show", "2", "--json").output)
    assert shown["text"] == CHINESE and shown["encoding"] == "gb18030"
    assert "Patrol story" in run(db, "docs", "show", "1").output

    missing = run(db, "docs", "show", "99")
    assert missing.exit_code == 1 and "document 99 not found" in missing.output

    hits = json.loads(run(db, "search", "patrol", "--json").output)
    assert hits[0]["id"] == 1 and "[patrols]" in hits[0]["snippet"]
    zh_hits = json.loads(run(db, "search", "联合巡逻", "--json").output)
    assert zh_hits[0]["id"] == 2 and "[联合巡逻]" in zh_hits[0]["snippet"].replace("][", "")
    assert json.loads(run(db, "search", 'AND OR "(', "--json").output) == []
    assert "No documents match" in run(db, "search", "Tegucigalpa").output

    quarantined = json.loads(run(db, "quarantine", "--json").output)
    assert [q["source"].rsplit("/", 1)[1] for q in quarantined] == ["c.pdf"]
    assert quarantined[0]["reason"].startswith("corrupt PDF")


def test_max_size_option(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    result = run(tmp_path / "s.db", "ingest", str(tmp_path / "a.txt"), "--max-size", "100B")
    assert result.exit_code == 1 and "too large" in result.output
    bad = run(tmp_path / "s.db", "ingest", str(tmp_path / "a.txt"), "--max-size", "lots")
    assert bad.exit_code == 2 and "not a size" in bad.output


def test_codebook_markdown():
    result = runner.invoke(app, ["codebook", "--markdown"])
    assert result.exit_code == 0 and "`overseas_station`" in result.output


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """`footprint demo` run as a newcomer would: the installed console script."""
    exe = shutil.which("footprint", path=sysconfig.get_path("scripts")) or shutil.which("footprint")
    assert exe, "the footprint console script is not installed"
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    result = subprocess.run(
        [exe, "demo", "--path", str(path)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return path, result.stdout


def test_demo_builds_a_fresh_database_from_the_bundled_documents(demo_db):
    path, output = demo_db
    assert " 0 quarantined" in output and "Demo database:" in output
    docs = json.loads(run(path, "docs", "list", "--json", "--limit", "1000").output)
    languages = [d["language"] for d in docs]
    assert languages.count("en") >= 12 and languages.count("zh") >= 3
    assert {d["format"] for d in docs} >= {"md", "html", "txt"}
    assert {d["encoding"] for d in docs} >= {"utf-8", "gb18030", "big5"}
    for d in docs:
        assert d["title"] and d["publisher"], d
        text = json.loads(run(path, "docs", "show", str(d["id"]), "--json").output)["text"]
        citation = text.strip().splitlines()[-1]
        assert citation.startswith(("Source:", "来源：", "來源：")), (d["source"], citation)
        # A date is stated wherever the citation gives one ("n.d." = not known).
        assert d["published"] or citation.rstrip("。. ").endswith("n.d"), (d["source"], citation)
    hits = json.loads(run(path, "search", "joint patrols", "--json").output)
    assert hits, "the demo should find joint patrols"


def test_demo_is_rebuilt_fresh_and_refuses_foreign_files(demo_db, tmp_path):
    path, _ = demo_db
    first = len(json.loads(run(path, "docs", "list", "--json", "--limit", "1000").output))
    again = runner.invoke(app, ["demo", "--path", str(path)])
    assert again.exit_code == 0 and f"{first} new, 0 duplicate" in again.output
    foreign = write(tmp_path / "notes.db", b"my own notes, not a database")
    refused = runner.invoke(app, ["demo", "--path", str(foreign)])
    assert refused.exit_code == 1 and "not a Footprint database" in refused.output
    assert foreign.read_bytes() == b"my own notes, not a database"


def test_extract_paths_as_jsonl_and_table(tmp_path):
    path = write(
        tmp_path / "news.md",
        "---\npublished: 2024-02-01\n---\nChina's Ministry of "
        "Public Security trained 120 police officers from Mongolia last year.\n",
    )
    result = runner.invoke(app, ["extract", str(path), "--jsonl"])
    assert result.exit_code == 0, result.output
    (event,) = [json.loads(line) for line in result.output.splitlines()]
    assert event["doc"] == str(path) and event["type"] == "training"
    assert event["recipients"] == ["MN"] and event["year_start"] == 2023
    assert event["provider_orgs"] == ["Ministry of Public Security"]
    table = runner.invoke(app, ["extract", str(path)])
    assert "training" in table.output and "MN" in table.output
    missing = runner.invoke(app, ["extract", str(tmp_path / "nope.txt"), "--jsonl"])
    assert missing.exit_code == 1 and "nope.txt" in missing.output


def test_extract_stored_documents_keeps_events_and_evidence(tmp_path):
    from sqlalchemy import select

    from footprint import db
    from footprint.model import Event, Evidence

    database = tmp_path / "x.db"
    write(tmp_path / "in" / "a.txt", "Chinese police trained 80 officers from Laos in 2021.")
    assert run(database, "ingest", str(tmp_path / "in")).exit_code == 0
    first = run(database, "extract")
    assert first.exit_code == 0 and "1 mentions from 1 documents" in first.output
    assert "1 new events" in first.output
    again = run(database, "extract")  # the same mention found again is kept, not duplicated
    assert again.exit_code == 0 and "0 mentions from 1 documents" in again.output
    assert "0 new events" in again.output
    engine = db.connect(database)
    with db.session_scope(engine) as session:
        (event,) = session.scalars(select(Event)).all()
        (evidence,) = session.scalars(select(Evidence)).all()
        assert event.type == "training" and [r.country for r in event.recipients] == ["LA"]
        assert evidence.event_id == event.id and evidence.extractor == "rules"
        assert evidence.quote == "Chinese police trained 80 officers from Laos in 2021."
        assert evidence.fields["people"] == 80


def test_demo_extracts_events_whose_quotes_are_exact_spans(demo_db):
    from sqlalchemy import select

    from footprint import db
    from footprint.model import Event, Evidence

    path, output = demo_db
    assert "Mentions extracted:" in output
    engine = db.connect(path)
    with db.session_scope(engine) as session:
        evidence = session.scalars(select(Evidence)).all()
        types = {e.type for e in session.scalars(select(Event))}
        assert len(evidence) >= 30
        assert {"training", "joint_patrol", "agreement", "pushback"} <= types
        for item in evidence:
            assert item.document.text[item.start : item.end] == item.quote
            assert item.event is not None and item.extractor in ("rules", "reference")
        curated = session.scalars(select(Event).where(Event.key.is_not(None))).all()
        assert len(curated) >= 50 and {e.review_state for e in curated} == {"accepted"}
        # The machine's mentions of curated facts join the reviewed events.
        assert any(
            {e.extractor for e in event.evidence} == {"reference", "rules"} for event in curated
        )
