"""Releases: every format, a manifest with checksums and counts, a changelog."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

import pytest

from footprint.db import session_scope
from footprint.model import Event, EventRecipient
from footprint.publish import release
from tests.publish import factory


def _release(engine, out, version, day, **options):
    with session_scope(engine) as session:
        return release.make_release(
            session, version, out, now=datetime(2026, 1, day, tzinfo=UTC), **options
        )


def test_a_release_holds_every_format_with_checksums(engine, dataset, tmp_path):
    made = _release(engine, tmp_path, "1.0", 1)
    folder = tmp_path / "1.0"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest == made.manifest
    assert manifest["version"] == "1.0" and manifest["previous"] is None
    assert manifest["released_at"] == "2026-01-01T00:00:00+00:00"
    paths = {f["path"] for f in manifest["files"]}
    assert {
        "footprint.jsonl",
        "csv/events.csv",
        "parquet/events.parquet",
        "footprint.ftm.json",
        "countries.geojson",
        "network.graphml",
        "codebook.json",
        "CHANGELOG.md",
        "README.md",
    } <= paths
    for item in manifest["files"]:
        data = (folder / item["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == item["sha256"]
        assert len(data) == item["bytes"]
    # Reviewed events only: accepted and edited; never machine, never rejected.
    assert manifest["counts"]["events"] == 5
    assert manifest["review_states"] == ["accepted", "edited"]
    assert manifest["selection"] == "reviewed events (accepted or edited)"
    assert "First release" in (folder / "CHANGELOG.md").read_text()
    assert not list(tmp_path.glob(".*building"))


def test_all_events_on_request(engine, dataset, tmp_path):
    made = _release(engine, tmp_path, "1.0-all", 1, all_events=True)
    assert made.manifest["counts"]["events"] == 7
    assert made.manifest["review_states"] == ["accepted", "edited", "machine"]


def test_changelog_between_two_releases_that_differ(engine, dataset, tmp_path):
    _release(engine, tmp_path, "2026.1", 1)
    with session_scope(engine) as session:
        # Added: a newly accepted event. Changed: a figure and a country. Removed: rejected.
        factory.add_event(
            session, key="ref-fiji-2025", type="agreement", status="completed",
            title="Fiji police cooperation agreement", recipients=["FJ"], year_start=2025,
        )  # fmt: skip
        training = session.get(Event, dataset["kenya_training"])
        training.people = 2500
        training.recipients.append(EventRecipient(country="UG"))
        session.get(Event, dataset["closure"]).review_state = "rejected"
    made = _release(engine, tmp_path, "2026.2", 2)
    changes = made.manifest["changes"]
    assert changes == {
        "previous": "2026.1",
        "added": ["ref-fiji-2025"],
        "changed": {"ref-kenya-training": ["recipients", "people"]},
        "removed": [f"fp-{dataset['closure']}"],
    }
    text = (tmp_path / "2026.2" / "CHANGELOG.md").read_text()
    assert "Compared with release 2026.1: 1 added, 1 changed, 1 removed." in text
    assert "- `ref-fiji-2025` Fiji police cooperation agreement" in text
    assert (
        "- `ref-kenya-training` Kenyan police trained in China — changed: recipients, people"
        in text
    )
    assert "  - people: 2000 → 2500" in text
    assert "  - recipients: KE → KE, UG" in text
    assert f"- `fp-{dataset['closure']}` Pushback · Netherlands · 2022" in text
    assert made.manifest["previous"] == "2026.1"


def test_a_release_is_never_overwritten_and_versions_are_checked(engine, dataset, tmp_path):
    _release(engine, tmp_path, "1.0", 1)
    with pytest.raises(release.ReleaseError, match="exists already"):
        _release(engine, tmp_path, "1.0", 2)
    with pytest.raises(release.ReleaseError, match="version: '../x'"):
        _release(engine, tmp_path, "../x", 2)
    with pytest.raises(release.ReleaseError, match="previous: no release '0.9'"):
        _release(engine, tmp_path, "1.1", 2, previous="0.9")
