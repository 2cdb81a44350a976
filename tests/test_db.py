import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import DatabaseError, IntegrityError

from footprint import db
from footprint.model import (
    Actor,
    ActorAlias,
    AppendOnlyError,
    AuditEntry,
    Document,
    Event,
    EventActor,
    EventRecipient,
    EventRegion,
    Evidence,
)

TABLES = {
    "document",
    "event",
    "event_recipient",
    "event_region",
    "evidence",
    "actor",
    "actor_alias",
    "event_actor",
    "audit_log",
    "quarantine",
    "document_fts",
}


def test_first_use_creates_a_migrated_sqlite_file_in_wal_mode(tmp_path):
    path = tmp_path / "sub" / "fp.db"
    engine = db.connect(path)
    assert path.exists()
    assert set(inspect(engine).get_table_names()) >= TABLES
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        head = ScriptDirectory.from_config(db.alembic_config(str(engine.url))).get_current_head()
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head
    db.connect(path)  # a second open is a no-op upgrade, not an error


def test_database_location_from_option_environment_and_default(tmp_path, monkeypatch):
    monkeypatch.setenv(db.ENV_VAR, f"sqlite:///{tmp_path / 'env.db'}")
    assert db.resolve_url() == f"sqlite:///{tmp_path / 'env.db'}"
    assert db.resolve_url(tmp_path / "x.db") == f"sqlite:///{tmp_path / 'x.db'}"
    monkeypatch.delenv(db.ENV_VAR)
    assert db.resolve_url().endswith("footprint.db")


def test_migration_downgrades_and_upgrades_cleanly(tmp_path):
    engine = db.connect(tmp_path / "m.db")
    url = str(engine.url)
    command.downgrade(db.alembic_config(url), "base")
    assert not TABLES & set(inspect(engine).get_table_names())
    command.upgrade(db.alembic_config(url), "head")
    assert set(inspect(engine).get_table_names()) >= TABLES


def _document(**kw) -> Document:
    values = dict(
        source="a.txt", language="en", format="txt", text="Some text.", sha256="0" * 64, chars=10
    )
    values.update(kw)
    return Document(**values)


def test_event_with_recipients_regions_actors_and_evidence_round_trips(engine):
    with db.session_scope(engine) as session:
        doc = _document()
        mps = Actor(
            name="Ministry of Public Security",
            kind="agency",
            country="CN",
            aliases=[
                ActorAlias(name="公安部", language="zh"),
                ActorAlias(name="MPS", language="en"),
            ],
        )
        event = Event(
            type="joint_patrol",
            status="cancelled",
            provider_country="CN",
            year_start=2016,
            year_end=2022,
            people=4,
            quantities={"cities": 4},
            recipients=[EventRecipient(country="IT")],
            regions=[EventRegion(region="Europe")],
        )
        event.actors.append(EventActor(actor=mps, role="provider"))
        session.add_all([doc, event])
        session.flush()
        session.add(
            Evidence(
                event=event,
                document=doc,
                start=0,
                end=4,
                quote="Some",
                extractor="test",
                extractor_version="1",
                confidence=0.9,
                fields={"type": "joint_patrol"},
            )
        )
    with db.session_scope(engine) as session:
        stored = session.scalar(select(Event))
        assert [r.country for r in stored.recipients] == ["IT"]
        assert [r.region for r in stored.regions] == ["Europe"]
        assert stored.review_state == "machine" and stored.version == 1
        assert stored.quantities == {"cities": 4}
        assert stored.actors[0].actor.aliases[0].name == "公安部"
        assert stored.evidence[0].document.source == "a.txt"


def test_event_year_range_must_be_ordered(engine):
    with pytest.raises(IntegrityError), db.session_scope(engine) as session:
        session.add(Event(type="training", year_start=2024, year_end=2020))


def test_evidence_span_must_be_non_empty(engine):
    with pytest.raises(IntegrityError), db.session_scope(engine) as session:
        doc = _document()
        session.add(doc)
        session.flush()
        session.add(
            Evidence(
                document=doc,
                start=5,
                end=5,
                quote="",
                extractor="t",
                extractor_version="1",
                confidence=1.0,
            )
        )


def test_audit_log_is_append_only_in_the_orm_and_in_the_database(engine):
    with db.session_scope(engine) as session:
        session.add(
            AuditEntry(
                who="alice",
                action="accept",
                entity="event",
                entity_id=1,
                before={"review_state": "machine"},
                after={"review_state": "accepted"},
            )
        )
    with pytest.raises(AppendOnlyError), db.session_scope(engine) as session:
        session.scalar(select(AuditEntry)).who = "mallory"
    with pytest.raises(AppendOnlyError), db.session_scope(engine) as session:
        session.delete(session.scalar(select(AuditEntry)))
    for statement in ("UPDATE audit_log SET who = 'mallory'", "DELETE FROM audit_log"):
        with pytest.raises(DatabaseError, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    with db.session_scope(engine) as session:
        assert session.scalar(select(AuditEntry)).who == "alice"
