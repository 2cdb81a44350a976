"""Dialect-specific SQL lives here and nowhere else.

SQLite: WAL mode and foreign keys on every connection, an FTS5 full-text index over
documents, triggers that keep the audit log append-only.
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
