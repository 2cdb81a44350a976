"""The events CLI over a real SQLite file: list, show, review, history, conflicts."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from footprint.cli import app
from tests.resolve.helpers import article

runner = CliRunner()


def run(database, *args):
    return runner.invoke(app, ["--db", str(database), *args], env={"FOOTPRINT_USER": "ana"})


def build(tmp_path):
    database = tmp_path / "f.db"
    folder = tmp_path / "in"
    article(folder, "a", "Chinese police trained 2,700 officers from Serbia in 2023.", "X")
    article(folder, "b", "Chinese police trained 2,000 Serbian officers in 2023.", "Y")
    article(folder, "c", "Thailand cancelled joint patrols with Chinese police in 2024.", "Z")
    assert run(database, "ingest", str(folder)).exit_code == 0
    assert run(database, "extract").exit_code == 0
    return database


def listing(database, *args):
    result = run(database, "events", "list", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_list_filters_and_show(tmp_path):
    database = build(tmp_path)
    # Thailand's cancelled patrols are two events: the patrols (cancelled) and the pushback.
    assert listing(database)["total"] == 3
    (serbia,) = listing(database, "--country", "rs", "--disputed", "--min-sources", "2")["events"]
    assert serbia["type"] == "training" and serbia["people"] in (2700, 2000)
    assert listing(database, "--type", "pushback")["events"][0]["recipients"] == ["TH"]
    assert listing(database, "--year-from", "2024")["total"] == 2
    shown = run(database, "events", "show", str(serbia["id"]))
    assert "conflict" in shown.output and "2,700 officers" in shown.output


def test_bad_filter_is_one_line_error(tmp_path):
    database = build(tmp_path)
    result = run(database, "events", "list", "--type", "parade")
    assert result.exit_code == 1 and "type: 'parade' is not one of" in result.output
    assert "Traceback" not in result.output


def test_review_round_trip_and_conflict(tmp_path):
    database = build(tmp_path)
    (event,) = listing(database, "--country", "TH", "--type", "pushback")["events"]
    ident, version = str(event["id"]), str(event["version"])
    assert run(database, "events", "accept", ident, "--version", version).exit_code == 0
    stale = run(database, "events", "edit", ident, "--set", "year_start=2023", "--version", version)
    assert stale.exit_code == 3 and "changed by someone else" in stale.output
    fresh = run(
        database,
        "events",
        "edit",
        ident,
        "--set",
        "year_start=2023",
        "--set",
        "year_end=2024",
        "--version",
        str(int(version) + 1),
    )
    assert fresh.exit_code == 0, fresh.output
    history = json.loads(run(database, "history", ident, "--json").output)
    assert [(h["who"], h["action"]) for h in history] == [("ana", "accept"), ("ana", "edit")]
    assert history[1]["before"]["year_start"] == 2024 and history[1]["after"]["year_start"] == 2023
    assert listing(database, "--review", "edited")["total"] == 1


def test_bulk_counts_first_then_applies(tmp_path):
    database = build(tmp_path)
    dry = run(database, "events", "bulk", "rejected", "--type", "pushback")
    assert "1 events would be marked rejected" in dry.output
    assert listing(database)["total"] == 3
    assert run(database, "events", "bulk", "rejected", "--type", "pushback", "--yes").exit_code == 0
    assert listing(database)["total"] == 2


def test_unknown_event(tmp_path):
    database = build(tmp_path)
    result = run(database, "events", "show", "4242")
    assert result.exit_code == 1 and "event 4242: no such event" in result.output
