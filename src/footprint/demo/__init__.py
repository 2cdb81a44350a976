"""The demo: a fresh SQLite database built from sample documents bundled in the package.

The sample documents are short reports the Footprint team wrote from public sources (see
``SOURCES.md``); each ends with a citation line naming the original source.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.exc import DatabaseError

from footprint import db


@contextmanager
def documents_folder() -> Iterator[Path]:
    with resources.as_file(resources.files("footprint.demo") / "documents") as path:
        yield path


def reset_database(path: Path) -> None:
    """Remove an earlier demo database, refusing to touch a file that is not Footprint's."""
    if path.exists():
        engine = db.connect(path, migrate=False)
        try:
            tables = set(inspect(engine).get_table_names())
        except DatabaseError:
            tables = set()
        finally:
            engine.dispose()
        if not {"alembic_version", "document"} <= tables:
            raise FileExistsError(f"{path}: exists and is not a Footprint database; not replaced")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
