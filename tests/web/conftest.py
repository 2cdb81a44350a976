"""Web test fixtures: real SQLite files, a real uvicorn server on 127.0.0.1, httpx clients.

Two datasets: the demo (bundled documents ingested, reference events loaded, extraction
and resolution run — what `footprint demo` builds), shared read-only by a module's
tests; and a small one made through the ORM whose every value the tests know.
"""

from __future__ import annotations

import hashlib
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from sqlalchemy import Engine

from footprint import auth, db
from footprint.model import (
    Actor,
    Document,
    Event,
    EventActor,
    EventRecipient,
    EventRegion,
    Evidence,
)
from footprint.web import create_app
from footprint.web.settings import Settings

SECRET = "test-secret-" + "x" * 40
PASSWORD = "correct horse battery"


def build_demo(path: Path) -> Path:
    """The demo database, built through the library as `footprint demo` does."""
    from footprint import demo
    from footprint.extract import get_extractor
    from footprint.extract.store import extract_documents
    from footprint.ingest import ingest
    from footprint.reference.store import load_reference
    from footprint.resolve import resolve

    engine = db.connect(path)
    with demo.documents_folder() as folder:
        ingest(engine, [str(folder)])
    load_reference(engine)
    extract_documents(engine, get_extractor())
    resolve(engine)
    with db.session_scope(engine) as session:
        auth.add_user(session, "rita", PASSWORD, "reviewer")
        auth.add_user(session, "ada", PASSWORD, "admin")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.db")


def _document(title: str, text: str, publisher: str | None, language: str = "en") -> Document:
    return Document(
        source=f"https://{(publisher or 'anon').lower().replace(' ', '')}.example/{title[:12]}",
        url=None,
        title=title,
        publisher=publisher,
        published="2023-05-01",
        language=language,
        format="txt",
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        chars=len(text),
    )


HOSTILE = 'Officers trained. <script>document.title="pwned"</script> <img src=x onerror=alert(1)>'


@dataclass
class Small:
    """Ids in the small dataset."""

    training_ke: int
    patrol_rs: int
    station_nl: int
    rejected: int
    undated: int
    doc_wire: int
    doc_post: int
    doc_hostile: int
    evidence_ke: int


def build_small(engine: Engine) -> Small:
    """Five events over four documents, with one of everything the filters look at."""
    from footprint.dialect import index_document

    with db.session_scope(engine) as session:
        wire = _document(
            "Kenyan police trained",
            "China trained 2,000 Kenyan police officers between 2018 and 2021. "
            "Serbian and Chinese police patrolled Belgrade in 2019.",
            "Wire",
        )
        post = _document(
            "Stations closed",
            "Kenya's officers were trained in China, 1,800 of them, from 2018 to 2021. "
            "The Dutch closed two police stations in 2022.",
            "Harbour Post",
        )
        hostile = _document("Hostile <b>markup</b>", HOSTILE, "=cmd|' /C calc'!A0")
        zh = _document("中文报道", "中方为肯尼亚培训了警察。", "人民日报", "zh")
        session.add_all([wire, post, hostile, zh])
        session.flush()
        for d in (wire, post, hostile, zh):
            index_document(session.connection(), d.id, d.title, d.text)
        mps = Actor(name="Ministry of Public Security", kind="agency", country="CN")
        session.add(mps)

        def event(**kw) -> Event:
            recipients = kw.pop("recipients", [])
            regions = kw.pop("regions", [])
            e = Event(**kw)
            e.recipients = [EventRecipient(country=c) for c in recipients]
            e.regions = [EventRegion(region=r) for r in regions]
            session.add(e)
            return e

        training = event(
            provider_country="CN",
            type="training",
            status="completed",
            recipients=["KE"],
            regions=["Africa"],
            year_start=2018,
            year_end=2021,
            people=2000,
            sources=2,
            confidence=0.9,
            confidence_level="high",
            disputed=True,
            title='=HYPERLINK("http://evil.example")',
        )
        patrol = event(
            provider_country="CN",
            type="joint_patrol",
            status="ongoing",
            recipients=["RS"],
            regions=["Europe"],
            year_start=2019,
            year_end=2019,
            sources=1,
            confidence=0.6,
            confidence_level="medium",
            review_state="accepted",
        )
        station = event(
            type="pushback",
            status="cancelled",
            recipients=["NL"],
            regions=["Europe"],
            year_start=2022,
            year_end=2022,
            sources=1,
            confidence=0.5,
            confidence_level="low",
        )
        rejected = event(
            type="training", status="planned", recipients=["KE"], review_state="rejected"
        )
        undated = event(type="forum", status="unknown", regions=["Global"], summary=HOSTILE)
        session.flush()
        session.add(EventActor(event_id=training.id, actor_id=mps.id, role="provider"))

        def evidence(e: Event, d: Document, start: int, end: int, **fields) -> Evidence:
            ev = Evidence(
                event=e,
                document=d,
                start=start,
                end=end,
                quote=d.text[start:end],
                extractor="rules",
                extractor_version="test",
                confidence=0.8,
                fields=fields,
            )
            session.add(ev)
            return ev

        first = wire.text.index("Serbian")
        ev_ke = evidence(training, wire, 0, first - 1, people=2000, year_start=2018)
        evidence(patrol, wire, first, len(wire.text))
        split = post.text.index("The Dutch")
        evidence(training, post, 0, split - 1, people=1800, year_start=2018)
        evidence(station, post, split, len(post.text))
        evidence(undated, hostile, 0, len(HOSTILE))
        # Overlapping spans: the same sentence supports two events.
        evidence(station, hostile, 0, 17)
        session.flush()
        return Small(
            training.id,
            patrol.id,
            station.id,
            rejected.id,
            undated.id,
            wire.id,
            post.id,
            hostile.id,
            ev_ke.id,
        )


# --- a real server --------------------------------------------------------------------


class LiveServer:
    """uvicorn serving the app on a free port of 127.0.0.1, in a thread."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.app = create_app(engine, settings)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            self.app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *_exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def client(self, **kwargs) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30, **kwargs)


def settings(public: bool = True) -> Settings:
    return Settings(public=public, secret_key=SECRET)


@pytest.fixture(scope="module")
def demo_server(demo_file, tmp_path_factory) -> Iterator[LiveServer]:
    """The demo served read-only for a module (a private copy, so writes elsewhere
    never leak in)."""
    path = tmp_path_factory.mktemp("served") / "demo.db"
    shutil.copy(demo_file, path)
    engine = db.connect(path)
    with LiveServer(engine, settings()) as server:
        yield server
    engine.dispose()


@pytest.fixture
def fresh_demo(demo_file, tmp_path) -> Iterator[LiveServer]:
    """The demo on its own copy, for tests that write."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_file, path)
    engine = db.connect(path)
    with LiveServer(engine, settings()) as server:
        yield server
    engine.dispose()


@pytest.fixture
def small(tmp_path) -> Iterator[tuple[LiveServer, Small, Engine]]:
    engine = db.connect(tmp_path / "small.db")
    ids = build_small(engine)
    with db.session_scope(engine) as session:
        auth.add_user(session, "rita", PASSWORD, "reviewer")
    with LiveServer(engine, settings()) as server:
        yield server, ids, engine
    engine.dispose()


def login(client: httpx.Client, name: str = "rita", password: str = PASSWORD) -> httpx.Response:
    """Sign in through the form, as a browser would: read the CSRF token, post it."""
    import re

    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    return client.post(
        "/login", data={"name": name, "password": password, "csrf_token": token, "next": "/"}
    )


def csrf_of(client: httpx.Client, path: str = "/account") -> str:
    import re

    page = client.get(path)
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
