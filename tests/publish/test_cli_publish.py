"""The publishing commands, run in-process: export, import, release, report, summary."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from footprint.cli import app

runner = CliRunner()


def run(db, *args):
    return runner.invoke(app, ["--db", str(db), *map(str, args)])


def test_help_lists_the_publishing_commands():
    output = runner.invoke(app, ["--help"]).output
    for command in ("export", "import", "release", "report", "summary"):
        assert any(line.strip("│ ").startswith(command + " ") for line in output.splitlines())


def test_export_then_import_into_another_database(engine, dataset, tmp_path):
    db = tmp_path / "footprint.db"
    result = run(db, "export", "-f", "jsonl", "-f", "csv", "--with-text", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "7 events, 9 evidence, 4 documents, 3 actors" in result.output
    assert (tmp_path / "out" / "footprint.jsonl").exists()
    assert (tmp_path / "out" / "csv" / "events.csv").exists()
    assert (tmp_path / "out" / "codebook.json").exists()
    result = run(tmp_path / "other.db", "import", tmp_path / "out" / "footprint.jsonl")
    assert result.exit_code == 0, result.output
    assert "7 events created, 0 updated, 0 unchanged" in result.output


def test_export_refuses_an_unknown_format(engine, dataset, tmp_path):
    result = run(tmp_path / "footprint.db", "export", "-f", "xlsx", "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "format: 'xlsx' is not one of jsonl, csv" in " ".join(result.output.split())


def test_import_reports_bad_rows_and_exits_1(engine, dataset, tmp_path):
    db = tmp_path / "footprint.db"
    run(db, "export", "-f", "jsonl", "-o", tmp_path / "out")
    path = tmp_path / "out" / "footprint.jsonl"
    lines = path.read_text("utf-8").splitlines()
    record = json.loads(lines[-1])
    record["status"] = "imagined"
    lines[-1] = json.dumps(record)
    path.write_text("\n".join(lines) + "\n", "utf-8")
    result = run(tmp_path / "other.db", "import", path, "--who", "carla")
    assert result.exit_code == 1
    assert f"{path}:{len(lines)}: status: 'imagined' is not one of" in "".join(
        result.output.split("\n")
    )
    assert "6 events created" in result.output
    missing = run(tmp_path / "other.db", "import", tmp_path / "nothing.jsonl")
    assert missing.exit_code == 1 and "no such file" in " ".join(missing.output.split())


def test_release_twice_reports_changes(engine, dataset, tmp_path):
    db = tmp_path / "footprint.db"
    result = run(db, "release", "1.0", "-o", tmp_path / "rel")
    assert result.exit_code == 0, result.output
    assert "Release 1.0: 5 events" in result.output and "(first release)" in result.output
    result = run(db, "release", "1.1", "-o", tmp_path / "rel", "--all")
    assert "Changes against 1.0: 2 added, 0 changed, 0 removed" in result.output
    again = run(db, "release", "1.1", "-o", tmp_path / "rel")
    assert again.exit_code == 1 and "exists already" in " ".join(again.output.split())


def test_report_writes_html_and_refuses_bad_codes(engine, dataset, tmp_path):
    db = tmp_path / "footprint.db"
    out = tmp_path / "kenya.html"
    result = run(db, "report", "--country", "KE", "--no-pdf", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.exists() and not out.with_suffix(".pdf").exists()
    assert "<h1>Kenya</h1>" in out.read_text("utf-8")
    bad = run(db, "report", "--country", "XX", "--no-pdf", "-o", out)
    assert bad.exit_code == 1 and "country: 'XX'" in " ".join(bad.output.split())


def test_summary_as_json_and_tables(engine, dataset, tmp_path):
    db = tmp_path / "footprint.db"
    summary = json.loads(run(db, "summary", "--json").output)
    assert summary["events"] == 7 and summary["officers_trained"]["total"] == 2000
    kenya = json.loads(run(db, "summary", "--country", "KE", "--json").output)
    assert kenya["name"] == "Kenya"
    network = json.loads(run(db, "summary", "--network", "--json").output)
    assert network["nodes"][0]["id"] == "country:CN"
    text = run(db, "summary", "--actor", "公安部")
    assert text.exit_code == 0 and "Ministry of Public Security" in text.output
    coverage = run(db, "summary", "--coverage")
    assert coverage.exit_code == 0 and "thin" in coverage.output
    assert run(db, "summary", "--actor", "Nobody").exit_code == 1
