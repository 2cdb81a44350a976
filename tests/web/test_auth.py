"""Users, passwords, tokens, sessions, CSRF and the write API, over real HTTP."""

from __future__ import annotations

import re
import sqlite3
import time

import httpx
import pytest
import sqlalchemy
from typer.testing import CliRunner

from footprint import auth, db, events
from footprint.cli import app
from footprint.model import User
from tests.web.conftest import HOSTILE, PASSWORD, LiveServer, csrf_of, login, settings

# --- the library ----------------------------------------------------------------------


def test_passwords_are_argon2id_and_checked(engine):
    with db.session_scope(engine) as session:
        user = auth.add_user(session, "rita", PASSWORD, "reviewer")
        assert user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash
    with db.session_scope(engine) as session:
        assert auth.authenticate(session, "rita", PASSWORD).name == "rita"
        assert auth.authenticate(session, "rita", "wrong password") is None
        assert auth.authenticate(session, "nobody", PASSWORD) is None
        assert session.get(User, 1).last_login_at is not None


@pytest.mark.parametrize(
    "name, password, role, message",
    [
        ("rita", "short", "reviewer", "password"),
        ("bad name!", PASSWORD, "reviewer", "name"),
        ("", PASSWORD, "reviewer", "name"),
        ("rita", PASSWORD, "root", "role"),
    ],
)
def test_bad_users_are_refused(engine, name, password, role, message):
    with db.session_scope(engine) as session, pytest.raises(auth.AuthError, match=message):
        auth.add_user(session, name, password, role)


def test_tokens_are_stored_hashed_and_revocable(engine):
    with db.session_scope(engine) as session:
        auth.add_user(session, "rita", PASSWORD)
        token = auth.create_token(session, "rita", "script")
        assert token.startswith("fp_") and len(token) > 40
        stored = session.get(User, 1).tokens[0].token_sha256
        assert token not in stored and len(stored) == 64
        assert auth.user_for_token(session, token).name == "rita"
        assert auth.user_for_token(session, token + "x") is None
        assert auth.user_for_token(session, "not a token") is None
        assert auth.revoke_tokens(session, "rita") == 1
        assert auth.user_for_token(session, token) is None


def test_users_cli_add_list_token_remove(tmp_path):
    runner = CliRunner()
    database = str(tmp_path / "cli.db")
    added = runner.invoke(
        app, ["--db", database, "users", "add", "ada", "--role", "admin"], input=f"{PASSWORD}\n" * 2
    )
    assert added.exit_code == 0, added.output
    stdin = runner.invoke(
        app, ["--db", database, "users", "add", "rita", "--password-stdin"], input=PASSWORD + "\n"
    )
    assert stdin.exit_code == 0, stdin.output
    again = runner.invoke(
        app, ["--db", database, "users", "add", "rita", "--password-stdin"], input=PASSWORD + "\n"
    )
    assert again.exit_code == 1 and "already exists" in again.output
    role = runner.invoke(app, ["--db", database, "users", "add", "x", "--role", "god"])
    assert role.exit_code == 1 and "role" in role.output
    listed = runner.invoke(app, ["--db", database, "users", "list", "--json"])
    assert [(u["name"], u["role"]) for u in __import__("json").loads(listed.output)] == [
        ("ada", "admin"),
        ("rita", "reviewer"),
    ]
    token = runner.invoke(app, ["--db", database, "users", "token", "rita"]).output.strip()
    engine = db.connect(database)
    with db.session_scope(engine) as session:
        assert auth.user_for_token(session, token).name == "rita"
    removed = runner.invoke(app, ["--db", database, "users", "remove", "rita"])
    assert removed.exit_code == 0
    with db.session_scope(engine) as session:
        assert auth.user_for_token(session, token) is None
        assert [u.name for u in auth.list_users(session)] == ["ada"]
    missing = runner.invoke(app, ["--db", database, "users", "remove", "rita"])
    assert missing.exit_code == 1 and "no user" in missing.output


# --- signing in -----------------------------------------------------------------------


def test_login_sets_a_safe_cookie_and_logout_ends_it(small):
    server, _, _ = small
    with server.client() as c:
        # Reading a public page sets no cookie at all.
        assert "set-cookie" not in c.get("/").headers
        r = login(c)
        assert r.status_code == 303 and r.headers["location"] == "/"
        cookie = r.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie
        assert c.get("/api/v1/me").json()["name"] == "rita"
        assert "rita" in c.get("/").text
        out = c.post("/logout", data={"csrf_token": csrf_of(c)})
        assert out.status_code == 303
        assert c.get("/api/v1/me").json()["name"] is None


def test_login_refuses_wrong_passwords_missing_csrf_and_foreign_redirects(small):
    server, _, _ = small
    with server.client() as c:
        assert login(c, password="wrong password").status_code == 401
        assert login(c, name="nobody").status_code == 401
        no_csrf = c.post("/login", data={"name": "rita", "password": PASSWORD})
        assert no_csrf.status_code == 403
        token = csrf_of(c, "/login")
        away = c.post(
            "/login",
            data={
                "name": "rita",
                "password": PASSWORD,
                "csrf_token": token,
                "next": "//evil.example/",
            },
        )
        assert away.status_code == 303 and away.headers["location"] == "/"


def test_private_reading_needs_a_login(tmp_path):
    engine = db.connect(tmp_path / "private.db")
    with db.session_scope(engine) as session:
        auth.add_user(session, "rita", PASSWORD)
        token = auth.create_token(session, "rita")
    with LiveServer(engine, settings(public=False)) as server, server.client() as c:
        page = c.get("/events?type=training")
        assert page.status_code == 303
        assert page.headers["location"] == "/login?next=/events%3Ftype%3Dtraining"
        assert c.get("/api/v1/events").status_code == 401
        assert c.get("/api/v1/overview").status_code == 401
        assert c.get("/login").status_code == 200
        assert c.get("/static/app.css").status_code == 200
        ok = c.get("/api/v1/events", headers={"Authorization": f"Bearer {token}"})
        assert ok.status_code == 200
        login(c)
        assert c.get("/events").status_code == 200
    engine.dispose()


# --- writing ------------------------------------------------------------------------------


def test_write_api_needs_a_token_or_a_session_with_csrf(small):
    server, s, engine = small
    url = f"/api/v1/events/{s.training_ke}/accept"
    with db.session_scope(engine) as session:
        token = auth.create_token(session, "rita", "test")
    with server.client() as c:
        assert c.post(url, json={}).status_code == 401
        bad = c.post(url, json={}, headers={"Authorization": "Bearer fp_wrong"})
        assert bad.status_code == 401
        login(c)
        assert c.post(url, json={}).status_code == 403  # a cookie alone is not enough
        csrf = csrf_of(c)
        r = c.post(url, json={"note": "checked"}, headers={"X-CSRF-Token": csrf})
        assert r.status_code == 200 and r.json()["review_state"] == "accepted"
    with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}) as api:
        version = api.get(f"/api/v1/events/{s.patrol_rs}").json()["version"]
        rejected = api.post(f"/api/v1/events/{s.patrol_rs}/reject", json={"version": version})
        assert rejected.status_code == 200 and rejected.json()["review_state"] == "rejected"
        stale = api.post(f"/api/v1/events/{s.patrol_rs}/accept", json={"version": version})
        assert stale.status_code == 409 and "changed" in stale.json()["detail"]
        no_note = api.post(f"/api/v1/events/{s.station_nl}/unsure", json={})
        assert no_note.status_code == 422 and "note" in no_note.text
        unsure = api.post(f"/api/v1/events/{s.station_nl}/unsure", json={"note": "which year?"})
        assert unsure.status_code == 200
        edit = api.patch(
            f"/api/v1/events/{s.undated}", json={"changes": {"year_start": 2020, "people": 40}}
        )
        assert edit.status_code == 200, edit.text
        assert edit.json()["year_start"] == 2020 and edit.json()["review_state"] == "edited"
        wrong = api.patch(f"/api/v1/events/{s.undated}", json={"changes": {"colour": "red"}})
        assert wrong.status_code == 422
        missing = api.post("/api/v1/events/987654/accept", json={})
        assert missing.status_code == 404
        history = api.get(f"/api/v1/events/{s.training_ke}/history").json()
    assert [(h["who"], h["action"], h["note"]) for h in history] == [("rita", "accept", "checked")]
    with db.session_scope(engine) as session:
        assert events.get_event(session, s.undated).people == 40


def test_review_forms_post_with_csrf_and_redirect_back(small):
    server, s, engine = small
    with server.client() as c:
        anonymous = c.post(f"/events/{s.training_ke}/decide", data={"decision": "accepted"})
        assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login")
        login(c)
        page = c.get(f"/events/{s.training_ke}")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        version = re.search(r'name="version" value="(\d+)"', page.text).group(1)
        forged = c.post(f"/events/{s.training_ke}/decide", data={"decision": "accepted"})
        assert forged.status_code == 403
        ok = c.post(
            f"/events/{s.training_ke}/decide",
            data={
                "decision": "accepted",
                "csrf_token": csrf,
                "version": version,
                "next": "/review",
            },
        )
        assert ok.status_code == 303 and ok.headers["location"] == "/review"
        stale = c.post(
            f"/events/{s.training_ke}/decide",
            data={"decision": "rejected", "csrf_token": csrf, "version": version},
        )
        assert stale.status_code == 409 and "changed by someone else" in stale.text
        edit = c.post(
            f"/events/{s.station_nl}/edit",
            data={"csrf_token": csrf, "people": "12", "recipients": "nl, be", "note": "fix"},
        )
        assert edit.status_code == 303
        bad = c.post(
            f"/events/{s.station_nl}/edit",
            data={"csrf_token": csrf, "year_start": "twenty"},
        )
        assert bad.status_code == 422 and "year_start" in bad.text
        bad_country = c.post(
            f"/events/{s.station_nl}/edit", data={"csrf_token": csrf, "recipients": "Narnia"}
        )
        assert bad_country.status_code == 422 and "country" in bad_country.text
        shown = c.get(f"/events/{s.station_nl}").text
        assert "edit</b> by rita" in shown and "“fix”" in shown
    with db.session_scope(engine) as session:
        e = events.get_event(session, s.station_nl)
        assert e.people == 12 and sorted(r.country for r in e.recipients) == ["BE", "NL"]


def test_a_write_is_committed_before_its_redirect_is_sent(small):
    """A slow commit (the hook below only waits) must still finish before the client hears
    back: a reviewer's next page, or another process, reads the decision just made."""
    server, s, engine = small

    def slow_commit(_connection) -> None:
        time.sleep(0.3)

    with server.client() as c:
        login(c)
        page = c.get(f"/events/{s.training_ke}").text
        version = int(re.search(r'name="version" value="(\d+)"', page).group(1))
        sqlalchemy.event.listen(engine, "commit", slow_commit)
        try:
            r = c.post(
                f"/events/{s.training_ke}/decide",
                data={"decision": "accepted", "csrf_token": csrf_of(c), "version": version},
            )
            assert r.status_code == 303
            with sqlite3.connect(engine.url.database) as other:  # as another process reads
                row = other.execute(
                    "SELECT version, review_state FROM event WHERE id = ?", (s.training_ke,)
                ).fetchone()
        finally:
            time.sleep(0.5)  # let any commit still under way finish before unhooking
            sqlalchemy.event.remove(engine, "commit", slow_commit)
    assert row == (version + 1, "accepted")


def test_api_tokens_from_the_account_page(small):
    server, _, _ = small
    with server.client() as c:
        login(c)
        r = c.post("/account/tokens", data={"csrf_token": csrf_of(c), "label": "scripts"})
        token = re.search(r'id="new-token">([^<]+)<', r.text).group(1)
        assert "scripts" in r.text
        assert token not in c.get("/account").text  # shown once
    with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}) as api:
        assert api.get("/api/v1/me").json()["name"] == "rita"


# --- escaping and headers --------------------------------------------------------------


def test_document_text_is_escaped_never_run(small):
    server, s, _ = small
    with server.client() as c:
        page = c.get(f"/documents/{s.doc_hostile}").text
        event = c.get(f"/events/{s.undated}").text
    for html in (page, event):
        assert "<script>document" not in html and "<img src=x" not in html
        assert "&lt;script&gt;" in html
    assert "Hostile &lt;b&gt;markup&lt;/b&gt;" in page


def test_every_response_forbids_other_hosts(small):
    server, s, _ = small
    with server.client() as c:
        for path in ("/", "/events", f"/events/{s.training_ke}", "/api/v1/events", "/nope"):
            r = c.get(path)
            csp = r.headers["content-security-policy"]
            assert "default-src 'self'" in csp and "script-src 'self'" in csp
            assert "frame-ancestors 'none'" in csp
            assert r.headers["x-content-type-options"] == "nosniff"
            loads = re.findall(
                r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//', r.text
            )
            assert not loads, f"{path} loads from another host"
            if "html" in r.headers["content-type"]:  # no inline script: only files
                assert "<script>" not in r.text
        assert HOSTILE  # used by the escaping test above
