"""facets: covering indexes, links carrying their event's columns, per-value totals

Each facet becomes one GROUP BY over one covering index, whatever the filter (see the end
of model.py): on the events for the event's own columns; on the recipients, regions and
actors for theirs, which now carry a copy of the event's filterable columns, kept by
triggers (dialect.create_event_copy_triggers). The (column, review_state) indexes of 0003
are replaced: the new ones start the same way. The links' narrow (value, event_id)
indexes stay: finding the events of one country reads fewer pages from them.
facet_total holds the counts with no filter, kept by triggers too
(dialect.create_facet_total_triggers).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

from footprint import dialect

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The columns a filter on the events can test, in the order an index lists them after its
# leading column(s). Written out here, not imported: a migration must not change later.
FILTER_COLUMNS = [
    ("type", sa.String(length=32)),
    ("review_state", sa.String(length=16)),
    ("status", sa.String(length=16)),
    ("provider_country", sa.String(length=2)),
    ("year_start", sa.Integer()),
    ("year_end", sa.Integer()),
    ("disputed", sa.Boolean()),
    ("sources", sa.Integer()),
]
EVENT_INDEXES = [
    ("ix_event_facet_type", ["type"]),
    ("ix_event_facet_status", ["status"]),
    ("ix_event_facet_provider", ["provider_country"]),
    ("ix_event_facet_year", ["year_start", "type"]),
    ("ix_event_facet_review", ["review_state"]),
    ("ix_event_facet_disputed", ["disputed"]),
    ("ix_event_facet_sources", ["sources"]),
]
# (table, the value it links the event to)
LINKS = [("event_recipient", "country"), ("event_region", "region"), ("event_actor", "actor_id")]
REPLACED = [  # from 0003: (name, table, columns)
    ("ix_event_type_review", "event", ["type", "review_state"]),
    ("ix_event_status_review", "event", ["status", "review_state"]),
    ("ix_event_year_type_review", "event", ["year_start", "type", "review_state"]),
    ("ix_event_provider_review", "event", ["provider_country", "review_state"]),
    ("ix_event_disputed_review", "event", ["disputed", "review_state"]),
    ("ix_event_sources_review", "event", ["sources", "review_state"]),
]


def _columns(lead: list[str]) -> list[str]:
    return lead + [c for c, _ in FILTER_COLUMNS if c not in lead]


def upgrade() -> None:
    for name, lead in EVENT_INDEXES:
        op.create_index(name, "event", _columns(lead), unique=False)
    for table, _ in LINKS:
        for column, kind in FILTER_COLUMNS:
            op.add_column(table, sa.Column(column, kind, nullable=True))
    dialect.create_event_copy_triggers(op.get_bind())  # and fills the copies
    for table, value in LINKS:
        op.create_index(f"ix_{table}_facet", table, _columns([value]) + ["event_id"])
    for name, table, _ in REPLACED:
        op.drop_index(name, table_name=table)
    op.create_table(
        "facet_total",
        sa.Column("facet", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.Column("review_state", sa.String(length=16), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("facet", "value", "review_state"),
    )
    dialect.create_facet_total_triggers(op.get_bind())  # and fills the table
    _refresh_statistics()


def _refresh_statistics() -> None:
    """If the planner has statistics (someone ran ANALYZE), give it those of the new
    indexes too: with figures for the old indexes only it would misjudge the new ones."""
    conn = op.get_bind()
    if conn.dialect.name == "sqlite" and sa.inspect(conn).has_table("sqlite_stat1"):
        for table in ["event"] + [table for table, _ in LINKS]:
            conn.execute(sa.text(f"ANALYZE {table}"))


def downgrade() -> None:
    dialect.drop_facet_total_triggers(op.get_bind())
    op.drop_table("facet_total")
    for name, table, columns in REPLACED:
        op.create_index(name, table, columns, unique=False)
    dialect.drop_event_copy_triggers(op.get_bind())
    for table, _ in LINKS:
        op.drop_index(f"ix_{table}_facet", table_name=table)
        with op.batch_alter_table(table) as batch:
            for column, _ in reversed(FILTER_COLUMNS):
                batch.drop_column(column)
    for name, _ in reversed(EVENT_INDEXES):
        op.drop_index(name, table_name="event")
