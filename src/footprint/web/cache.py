"""Results kept until the database changes: facet counts, the overview, profiles, coverage.

Reading is far more common than writing on a tracker, and the costly figures (facets over
100,000 events, summaries that read every event of a country) are the same until someone
writes. SQLite tells whether anyone committed since we last asked — any process, any
connection — through ``PRAGMA data_version`` on a connection of our own that never
writes; other databases fall back to a stamp of the latest changes.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from footprint.model import AuditEntry, Event, Evidence

log = logging.getLogger(__name__)


class DataVersion:
    """A value that changes whenever the database does."""

    def __init__(self, engine: Engine) -> None:
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        if engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
            self._connection = sqlite3.connect(engine.url.database, check_same_thread=False)

    def current(self, session: Session) -> Hashable:
        if self._connection is not None:
            with self._lock:
                return self._connection.execute("PRAGMA data_version").fetchone()[0]
        return (
            session.scalar(select(func.max(Event.updated_at))),
            session.scalar(select(func.max(Evidence.id))),
            session.scalar(select(func.max(AuditEntry.id))),
        )

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()


class ResultCache:
    """Computed values by key, recomputed when the data version moves; least recently
    used entries go first when full.

    ``stale_ok`` values (summaries that take seconds on a large store) are served as they
    were while one background thread recomputes them, so a reader never waits for a
    recomputation someone else's write caused; only the very first computation is waited
    for.
    """

    def __init__(
        self, version: DataVersion, factory: sessionmaker, size: int = 512, enabled: bool = True
    ) -> None:
        self.version, self.factory, self.size, self.enabled = version, factory, size, enabled
        self._values: OrderedDict[Hashable, tuple[Hashable, Any]] = OrderedDict()
        self._refreshing: set[Hashable] = set()
        self._lock = threading.Lock()

    def get(
        self,
        session: Session,
        key: Hashable,
        compute: Callable[[Session], Any],
        *,
        stale_ok: bool = False,
    ) -> Any:
        if not self.enabled:
            return compute(session)
        version = self.version.current(session)
        with self._lock:
            entry = self._values.get(key)
            if entry is not None:
                self._values.move_to_end(key)
                if entry[0] == version:
                    return entry[1]
                if stale_ok:
                    if key not in self._refreshing:
                        self._refreshing.add(key)
                        threading.Thread(
                            target=self._refresh, args=(key, compute, version), daemon=True
                        ).start()
                    return entry[1]
        value = compute(session)
        self._store(key, version, value)
        return value

    def _refresh(self, key: Hashable, compute: Callable[[Session], Any], version) -> None:
        try:
            with self.factory() as session:
                self._store(key, version, compute(session))
        except Exception:  # the stale value stays; the next reader tries again
            log.exception("refreshing %r failed", key)
        finally:
            with self._lock:
                self._refreshing.discard(key)

    def _store(self, key: Hashable, version: Hashable, value: Any) -> None:
        with self._lock:
            self._values[key] = (version, value)
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
