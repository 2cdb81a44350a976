"""Dialect-specific SQL lives here and nowhere else.

SQLite: WAL mode and foreign keys on every connection, an FTS5 full-text index over
documents, triggers that keep the audit log append-only and that copy each event's
filterable columns onto its links (for the facets).
PostgreSQL: the schema and migrations are portable, but search and the triggers are not
implemented yet; the functions below say so instead of failing obscurely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, event, text

# CJK ideographs (and the extension A block). unicode61 does not segment Chinese, so the
# index stores every ideograph as its own token and a query becomes a phrase of them.
START_MARK = "\x02"
END_MARK = "\x03"
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_BOUNDARY = re.compile(f"(?<=[{_CJK}])(?=\\w)|(?<=\\w)(?=[{_CJK}])")
_MARKS = f"[{START_MARK}{END_MARK}]?"
_CJK_SPACED = re.compile(f"([{_CJK}]{_MARKS}) (?={_MARKS}[{_CJK}])")
_QUERY_TOKEN = re.compile(r'"([^"]+)"|(\S+)')


class UnsupportedDialect(NotImplementedError):
    pass


def _unsupported(dialect: str, what: str) -> UnsupportedDialect:
    return UnsupportedDialect(f"{what} is not implemented for {dialect} yet (SQLite only)")


def configure_engine(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


# --- schema pieces created by migrations -------------------------------------------------


def create_search_index(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE document_fts USING fts5("
                "title, body, tokenize='porter unicode61 remove_diacritics 2')"
            )
        )
    # PostgreSQL: a tsvector column and GIN index will go here (not implemented yet).


def create_append_only_guards(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        for op in ("UPDATE", "DELETE"):
            conn.execute(
                text(
                    f"CREATE TRIGGER audit_log_no_{op.lower()} BEFORE {op} ON audit_log "
                    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
                )
            )


# The event columns each link row carries a copy of (model.EVENT_COPY), and the link tables.
# Written out: migrations call the functions below and must not change with the model.
_COPIED = "type, review_state, status, provider_country, year_start, year_end, disputed, sources"
_LINKS = ("event_recipient", "event_region", "event_actor")


def create_event_copy_triggers(conn: Connection) -> None:
    """Keep each link row's copy of its event's columns equal to the event's: set when the
    link is made or moved to another event, rewritten when the event changes. Then fill
    the copies of the links that already exist."""
    if conn.dialect.name != "sqlite":
        return  # PostgreSQL: not kept; the facets read the events themselves (events.py)
    for table in _LINKS:
        for name, when in [("made", "INSERT"), ("moved", "UPDATE OF event_id")]:
            conn.execute(
                text(
                    f"CREATE TRIGGER {table}_{name} AFTER {when} ON {table} BEGIN "
                    f"UPDATE {table} SET ({_COPIED}) = "
                    f"(SELECT {_COPIED} FROM event WHERE id = NEW.event_id) "
                    "WHERE rowid = NEW.rowid; END"
                )
            )
    columns = _COPIED.split(", ")
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
    values = ", ".join(f"NEW.{c}" for c in columns)
    updates = " ".join(
        f"UPDATE {table} SET ({_COPIED}) = ({values}) WHERE event_id = NEW.id;" for table in _LINKS
    )
    conn.execute(
        text(
            f"CREATE TRIGGER event_copy_to_links AFTER UPDATE OF {_COPIED} ON event "
            f"WHEN {changed} BEGIN {updates} END"
        )
    )
    for table in _LINKS:
        conn.execute(
            text(
                f"UPDATE {table} SET ({_COPIED}) = "
                f"(SELECT {_COPIED} FROM event WHERE event.id = {table}.event_id)"
            )
        )


def drop_event_copy_triggers(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text("DROP TRIGGER IF EXISTS event_copy_to_links"))
        for table in _LINKS:
            for name in ("made", "moved"):
                conn.execute(text(f"DROP TRIGGER IF EXISTS {table}_{name}"))


# The facets counted in facet_total (model.FacetTotal): event column per facet, and the
# link tables with the column each links the event to. (Actors are counted by name,
# distinct events per name: not kept, they are counted from their index.)
_TOTALLED = {
    "type": "type",
    "status": "status",
    "provider": "provider_country",
    "year": "year_start",
    "review_state": "review_state",
    "disputed": "disputed",
    "sources": "sources",
}
_TOTALLED_LINKS = {"country": "event_recipient", "region": "event_region"}


def _upsert(select_sql: str) -> str:
    """Add the (facet, value, review_state, +/-n) rows of ``select_sql`` to the totals."""
    return (
        f"INSERT INTO facet_total (facet, value, review_state, events) {select_sql} "
        "ON CONFLICT (facet, value, review_state) DO UPDATE SET events = events + excluded.events;"
    )


def _count_event(row: str, sign: int) -> str:
    """Count the event ``row`` (NEW or OLD) in (sign 1) or out (-1) of each facet."""
    values = " UNION ALL ".join(
        f"SELECT '{facet}' AS facet, CAST({row}.{column} AS TEXT) AS value"
        for facet, column in _TOTALLED.items()
    )
    return _upsert(
        f"SELECT facet, value, {row}.review_state, {sign} FROM ({values}) WHERE value IS NOT NULL"
    )


def _move_links(facet: str, table: str) -> str:
    """Move the event's links from its old review state's counts to its new one's."""
    where = "OLD.review_state IS NOT NEW.review_state AND event_id = NEW.id"
    return _upsert(
        f"SELECT '{facet}', {facet}, OLD.review_state, -1 FROM {table} WHERE {where}"
    ) + _upsert(f"SELECT '{facet}', {facet}, NEW.review_state, 1 FROM {table} WHERE {where}")


def create_facet_total_triggers(conn: Connection) -> None:
    """Keep facet_total equal to the counts of the events and of their recipients and
    regions, per review state, through every insert, update and delete; then fill it."""
    if conn.dialect.name != "sqlite":
        return  # PostgreSQL: not kept; the facets are counted from the events (events.py)
    columns = ", ".join(_TOTALLED.values())
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in _TOTALLED.values())
    moved = " ".join(_move_links(facet, table) for facet, table in _TOTALLED_LINKS.items())
    for sql in [
        f"CREATE TRIGGER event_total_insert AFTER INSERT ON event BEGIN "
        f"{_count_event('NEW', 1)} END",
        f"CREATE TRIGGER event_total_delete AFTER DELETE ON event BEGIN "
        f"{_count_event('OLD', -1)} END",
        f"CREATE TRIGGER event_total_update AFTER UPDATE OF {columns} ON event WHEN {changed} "
        f"BEGIN {_count_event('OLD', -1)} {_count_event('NEW', 1)} {moved} END",
    ]:
        conn.execute(text(sql))
    for facet, table in _TOTALLED_LINKS.items():
        _create_link_total_triggers(conn, facet, table)
    _fill_facet_total(conn)


def _create_link_total_triggers(conn: Connection, facet: str, table: str) -> None:
    # A link counts under its event's review state. Made: read it from the event (the
    # link's own copy is set by another trigger, maybe later). Gone: from the link's copy
    # (its event may be gone first).
    made = f"SELECT '{facet}', NEW.{facet}, review_state, 1 FROM event WHERE id = NEW.event_id"
    gone = f"SELECT '{facet}', OLD.{facet}, OLD.review_state, -1 WHERE OLD.review_state IS NOT NULL"
    for sql in [
        f"CREATE TRIGGER {table}_total_insert AFTER INSERT ON {table} BEGIN {_upsert(made)} END",
        f"CREATE TRIGGER {table}_total_delete AFTER DELETE ON {table} BEGIN {_upsert(gone)} END",
        f"CREATE TRIGGER {table}_total_update AFTER UPDATE OF event_id, {facet} ON {table} "
        f"BEGIN {_upsert(gone)} {_upsert(made)} END",
    ]:
        conn.execute(text(sql))


def _fill_facet_total(conn: Connection) -> None:
    conn.execute(text("DELETE FROM facet_total"))
    for facet, column in _TOTALLED.items():
        conn.execute(
            text(
                "INSERT INTO facet_total (facet, value, review_state, events) "
                f"SELECT '{facet}', CAST({column} AS TEXT), review_state, count(*) FROM event "
                f"WHERE {column} IS NOT NULL GROUP BY {column}, review_state"
            )
        )
    for facet, table in _TOTALLED_LINKS.items():
        conn.execute(
            text(
                "INSERT INTO facet_total (facet, value, review_state, events) "
                f"SELECT '{facet}', l.{facet}, e.review_state, count(*) "
                f"FROM {table} AS l JOIN event AS e ON e.id = l.event_id "
                f"GROUP BY l.{facet}, e.review_state"
            )
        )


def drop_facet_total_triggers(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        for name in ("insert", "delete", "update"):
            conn.execute(text(f"DROP TRIGGER IF EXISTS event_total_{name}"))
            for table in _TOTALLED_LINKS.values():
                conn.execute(text(f"DROP TRIGGER IF EXISTS {table}_total_{name}"))


# --- full-text search ------------------------------------------------------------------


def segment(value: str) -> str:
    """Make text indexable by unicode61: space out CJK ideographs."""
    return _CJK_BOUNDARY.sub(" ", value)


def unsegment(value: str) -> str:
    return _CJK_SPACED.sub(r"\1", value)


def index_document(conn: Connection, doc_id: int, title: str | None, body: str) -> None:
    if conn.dialect.name != "sqlite":
        raise _unsupported(conn.dialect.name, "full-text indexing")
    conn.execute(
        text("INSERT INTO document_fts(rowid, title, body) VALUES (:id, :title, :body)"),
        {"id": doc_id, "title": segment(title or ""), "body": segment(body)},
    )


def to_match_query(words: str) -> str:
    """Turn what a user typed into a safe FTS5 query: every term (or "quoted phrase") must
    appear; FTS5 operators and punctuation are treated as plain words, never as syntax."""
    terms = []
    for phrase, word in _QUERY_TOKEN.findall(words):
        raw = phrase or word
        tokens = re.findall(r"\w+", segment(raw))
        if tokens:
            terms.append('"' + " ".join(tokens) + '"')
    return " AND ".join(terms)


@dataclass(frozen=True)
class Hit:
    document_id: int
    snippet: str  # the hit is wrapped in START_MARK ... END_MARK
    rank: float


def search(conn: Connection, words: str, limit: int = 20, offset: int = 0) -> list[Hit]:
    if conn.dialect.name != "sqlite":
        raise _unsupported(conn.dialect.name, "full-text search")
    query = to_match_query(words)
    if not query:
        return []
    rows = conn.execute(
        text(
            "SELECT rowid, snippet(document_fts, 1, :start, :end, '…', 16), bm25(document_fts) "
            "FROM document_fts WHERE document_fts MATCH :q "
            "ORDER BY bm25(document_fts) LIMIT :limit OFFSET :offset"
        ),
        {"q": query, "start": START_MARK, "end": END_MARK, "limit": limit, "offset": offset},
    )
    return [Hit(int(r[0]), unsegment(r[1]), float(r[2])) for r in rows]


def drop_search_index(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text("DROP TABLE IF EXISTS document_fts"))


def drop_append_only_guards(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        for op in ("update", "delete"):
            conn.execute(text(f"DROP TRIGGER IF EXISTS audit_log_no_{op}"))
