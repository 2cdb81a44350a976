"""Pieces of the web app on their own: highlighting, the result cache, `footprint serve`."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx

from footprint import db
from footprint.web.highlight import segments
from tests.web.conftest import build_small, csrf_of, login


def test_segments_cut_at_every_boundary_and_clip():
    text = "abcdefghij"
    spans = [
        {"id": 1, "start": 2, "end": 6},
        {"id": 2, "start": 4, "end": 8},
        {"id": 3, "start": 8, "end": 99},  # runs past the end: clipped
        {"id": 4, "start": 5, "end": 5},  # empty: ignored
    ]
    pieces = segments(text, spans)
    assert "".join(p["text"] for p in pieces) == text
    assert [(p["text"], p["spans"], p["starts"]) for p in pieces] == [
        ("ab", [], []),
        ("cd", [1], [1]),
        ("ef", [1, 2], [2]),
        ("gh", [2], []),
        ("ij", [3], [3]),
    ]
    assert segments("", spans) == []


def test_writes_refresh_the_cached_counts(small):
    server, s, _ = small
    with server.client() as c:

        def states() -> dict[str, int]:
            facets = c.get("/api/v1/events/facets").json()["facets"]
            return {r["value"]: r["events"] for r in facets["review_state"]}

        before = states()
        assert before == {"machine": 3, "accepted": 1, "rejected": 1}
        assert states() == before  # served from the cache
        login(c)
        r = c.post(
            f"/api/v1/events/{s.station_nl}/accept", json={}, headers={"X-CSRF-Token": csrf_of(c)}
        )
        assert r.status_code == 200
        assert states() == {"machine": 2, "accepted": 2, "rejected": 1}
        overview = c.get("/api/v1/overview").json()
        assert {"review_state": "accepted", "events": 2} in overview["by_review_state"]


def test_changes_made_elsewhere_are_seen(small):
    server, _, engine = small
    with server.client() as c:
        assert c.get("/api/v1/events/facets?type=forum").json()["total"] == 1
        with db.session_scope(engine) as session:  # as `footprint extract` would, elsewhere
            from footprint.model import Event

            session.add(Event(type="forum", status="completed", year_start=2024))
        assert c.get("/api/v1/events/facets?type=forum").json()["total"] == 2


def test_footprint_serve_answers_on_127_0_0_1(tmp_path):
    path = tmp_path / "serve.db"
    build_small(db.connect(path))
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = os.environ | {"FOOTPRINT_SECRET_KEY": "s" * 40}
    process = subprocess.Popen(
        [sys.executable, "-m", "footprint.cli", "--db", str(path), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline and process.poll() is None, "did not start"
                time.sleep(0.2)
        assert r.status_code == 200 and "Footprint" in r.text
        assert httpx.get(f"http://127.0.0.1:{port}/api/v1/events").json()["total"] == 4
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0]
    assert f"http://127.0.0.1:{port}/" in output
