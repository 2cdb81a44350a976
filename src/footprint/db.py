"""Engine, sessions and migrations.

The database is named by ``--db`` (a path or SQLAlchemy URL), else ``FOOTPRINT_DATABASE_URL``,
else a SQLite file in the user's data folder. It is created and migrated on first use.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import platformdirs
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from footprint import dialect

ENV_VAR = "FOOTPRINT_DATABASE_URL"


def default_path() -> Path:
    return Path(platformdirs.user_data_dir("footprint")) / "footprint.db"


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """A path or URL given explicitly wins, then the environment, then the default file."""
    value = str(db) if db else os.environ.get(ENV_VAR) or str(default_path())
    if "://" in value:
        return value
    path = Path(value).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("footprint") / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def connect(db: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Engine:
    """Open (and on first use create) the database, upgraded to the latest schema."""
    url = resolve_url(db)
    engine = create_engine(url)
    dialect.configure_engine(engine)
    if migrate:
        with engine.begin() as conn:
            config = alembic_config(url)
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    return engine


def describe(engine: Engine) -> str:
    """The database address without its password, for messages."""
    return make_url(str(engine.url)).render_as_string(hide_password=True)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    session = sessionmaker(engine, expire_on_commit=False)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
