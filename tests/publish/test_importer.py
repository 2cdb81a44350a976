"""Imports of Footprint's own exports: lossless round trips, upserts, bad rows."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from footprint.db import session_scope
from footprint.model import AuditEntry, Document, Event, EventLink, Evidence
from footprint.publish import importer
from tests.publish.conftest import write


def _import(engine, path, who="import"):
    with session_scope(engine) as session:
        return importer.import_file(session, path, who=who)


@pytest.mark.parametrize("with_text", [True, False])
def test_jsonl_round_trip_into_a_fresh_database_is_byte_identical(
    engine, dataset, fresh, tmp_path, with_text
):
    write(engine, tmp_path / "one", ["jsonl"], with_text=with_text)
    report = _import(fresh, tmp_path / "one" / "footprint.jsonl")
    assert report.errors == []
    assert (report.created, report.documents, report.actors) == (7, 4, 3)
    write(fresh, tmp_path / "two", ["jsonl"], with_text=with_text)
    one = (tmp_path / "one" / "footprint.jsonl").read_bytes()
    assert one == (tmp_path / "two" / "footprint.jsonl").read_bytes()


def test_csv_round_trip_into_a_fresh_database_is_identical(engine, dataset, fresh, tmp_path):
    write(engine, tmp_path / "one", ["csv"], with_text=True)
    report = _import(fresh, tmp_path / "one" / "csv" / "events.csv")
    assert report.errors == [] and report.created == 7
    write(fresh, tmp_path / "two", ["csv"], with_text=True)
    for path in sorted((tmp_path / "one" / "csv").iterdir()):
        assert path.read_bytes() == (tmp_path / "two" / "csv" / path.name).read_bytes(), path.name


def test_import_keeps_links_texts_and_writes_the_audit_log(engine, dataset, fresh, tmp_path):
    write(engine, tmp_path, ["jsonl"], with_text=True)
    _import(fresh, tmp_path, who="ana")  # a folder holding an export works too
    with session_scope(fresh) as session:
        link = session.scalars(select(EventLink)).one()
        assert session.get(Event, link.source_id).type == "pushback"
        assert all(d.text for d in session.scalars(select(Document)))
        entries = session.scalars(select(AuditEntry).where(AuditEntry.entity == "event")).all()
        assert len(entries) == 7 and {e.who for e in entries} == {"ana"}
        assert entries[0].after["recipients"] == ["KE"]


def test_importing_the_same_export_again_changes_nothing(engine, dataset, tmp_path):
    write(engine, tmp_path, ["jsonl"])
    with session_scope(engine) as session:
        audit_before = session.scalar(select(func.count(AuditEntry.id)))
    report = _import(engine, tmp_path / "footprint.jsonl")
    assert (report.created, report.updated, report.unchanged) == (0, 0, 7)
    with session_scope(engine) as session:
        assert session.scalar(select(func.count(AuditEntry.id))) == audit_before
        assert session.scalar(select(func.count(Event.id))) == 8


def test_a_changed_event_is_updated_with_its_before_and_after(engine, dataset, tmp_path):
    write(engine, tmp_path, ["jsonl"])
    path = tmp_path / "footprint.jsonl"
    lines = path.read_text("utf-8").splitlines()
    for i, line in enumerate(lines):
        record = json.loads(line)
        if record.get("id") == "ref-kenya-training":
            record["people"] = 2100
            lines[i] = json.dumps(record, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", "utf-8")
    report = _import(engine, path, who="ben")
    assert (report.created, report.updated, report.unchanged) == (0, 1, 6)
    with session_scope(engine) as session:
        event = session.get(Event, dataset["kenya_training"])
        assert event.people == 2100 and event.version == 2
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity_id == event.id)).one()
        assert (entry.who, entry.before["people"], entry.after["people"]) == ("ben", 2000, 2100)


def _lines(path):
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_bad_rows_are_reported_with_line_and_field_and_the_rest_goes_in(
    engine, dataset, fresh, tmp_path
):
    write(engine, tmp_path, ["jsonl"], with_text=True)
    records = _lines(tmp_path / "footprint.jsonl")
    events = [i for i, r in enumerate(records) if r["record"] == "event"]
    records[events[0]]["type"] = "parade"
    records[events[1]]["recipients"] = ["KE", "XX"]
    records[events[2]]["year_start"], records[events[2]]["year_end"] = 2020, 2019
    records[events[3]]["evidence"][0]["quote"] = "words the document does not hold"
    records[events[4]]["evidence"][0]["document"] = "0" * 64
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines.insert(events[5], "{not json")
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    report = _import(fresh, path)
    line = [n + 1 for n in events]
    assert report.errors == [
        f"{path}:{line[0]}: type: 'parade' is not one of training, agreement, joint_patrol, "
        "overseas_station, technology_transfer, extradition, forum, pushback, legal_adoption",
        f"{path}:{line[1]}: recipients: 'XX' is not an ISO 3166-1 alpha-2 code",
        f"{path}:{line[2]}: year_end: 2019 is before year_start 2020",
        f"{path}:{line[3]}: evidence[0].quote: is not the document's text at "
        f"{records[events[3]]['evidence'][0]['start']}-{records[events[3]]['evidence'][0]['end']}",
        f"{path}:{line[4]}: evidence[0].document: '{'0' * 64}' is not a document of the file "
        "or database",
        f"{path}:{events[5] + 1}: json: Expecting property name enclosed in double quotes "
        "at column 2",
    ]
    assert report.created == 2


def test_a_link_to_an_event_left_out_is_reported(engine, dataset, fresh, tmp_path):
    write(engine, tmp_path, ["jsonl"])
    records = _lines(tmp_path / "footprint.jsonl")
    station = next(r for r in records if r.get("id") == f"fp-{dataset['station']}")
    station["type"] = "nonsense"
    path = tmp_path / "links.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    report = _import(fresh, path)
    assert len(report.errors) == 2
    assert report.errors[1].endswith(f"links: no event 'fp-{dataset['station']}' to link to")
    assert report.created == 6


def test_bad_csv_row_is_reported_with_its_line(engine, dataset, fresh, tmp_path):
    write(engine, tmp_path, ["csv"])
    path = tmp_path / "csv" / "events.csv"
    lines = path.read_text("utf-8").splitlines()
    lines[2] = lines[2].replace(",planned,", ",someday,")
    lines[3] = lines[3].replace(",false,", ",maybe,")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    report = _import(fresh, path)
    assert report.errors == [
        f"{path}:3: status: 'someday' is not one of planned, ongoing, completed, cancelled, "
        "unknown",
        f"{path}:4: disputed: 'maybe' is not true or false",
    ]
    assert report.created == 5


def test_a_file_that_is_not_an_export_is_refused(tmp_path, fresh):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(importer.ImportFileError, match="notes.txt: not a Footprint export"):
        _import(fresh, path)
    with pytest.raises(importer.ImportFileError, match="no such file"):
        _import(fresh, tmp_path / "missing.jsonl")


def test_a_local_number_from_another_database_never_overwrites_an_event(
    engine, dataset, fresh, tmp_path
):
    # The fresh database has its own events 1 and 2, unrelated to the other's fp-2.
    with session_scope(fresh) as session:
        for _ in range(2):
            session.add(Event(type="forum", status="completed", review_state="accepted"))
    write(engine, tmp_path, ["jsonl"])
    report = _import(fresh, tmp_path / "footprint.jsonl")
    assert report.errors == [] and report.created == 7 and report.updated == 0
    with session_scope(fresh) as session:
        assert session.get(Event, 2).type == "forum" and session.get(Event, 2).key is None
        assert session.scalar(select(Event.type).where(Event.key == "fp-2")) == "training"
    # Exported again, the local event 2 gives way to the imported key.
    write(fresh, tmp_path / "again", ["jsonl"])
    records = _lines(tmp_path / "again" / "footprint.jsonl")
    ids = [r["id"] for r in records if r["record"] == "event"]
    assert len(ids) == len(set(ids)) == 9
    assert "fp-2-local" in ids and "fp-2" in ids


def test_two_mentions_of_one_span_both_survive_the_round_trip(engine, dataset, fresh, tmp_path):
    with session_scope(engine) as session:
        event = session.get(Event, dataset["station"])
        first = event.evidence[0]
        session.add(
            Evidence(
                event=event,
                document=first.document,
                start=first.start,
                end=first.end,
                quote=first.quote,
                extractor=first.extractor,
                extractor_version=first.extractor_version,
                confidence=first.confidence,
                fields={"type": "joint_patrol"},  # another reading of the same words
            )
        )
    write(engine, tmp_path / "one", ["jsonl"], with_text=True)
    assert _import(fresh, tmp_path / "one" / "footprint.jsonl").errors == []
    write(fresh, tmp_path / "two", ["jsonl"], with_text=True)
    one = (tmp_path / "one" / "footprint.jsonl").read_bytes()
    assert one == (tmp_path / "two" / "footprint.jsonl").read_bytes()
    assert one.count(b'"fields":{"type":"joint_patrol"}') == 1
