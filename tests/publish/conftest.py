"""A database holding the factory dataset, and helpers to export it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from footprint import db
from footprint.db import session_scope
from footprint.publish import export
from tests.publish import factory


@pytest.fixture
def dataset(engine: Engine) -> dict[str, int]:
    """Fill the test database; return the event ids by name."""
    with session_scope(engine) as session:
        built = factory.build(session)
        return {name: e.id for name, e in built["events"].items()}


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Engine]:
    """A second, empty database."""
    engine = db.connect(tmp_path / "fresh.db")
    yield engine
    engine.dispose()


def write(engine: Engine, folder: Path, formats=export.FORMATS, **options) -> list[Path]:
    with session_scope(engine) as session:
        return export.export(export.collect(session, **options), formats, folder)
