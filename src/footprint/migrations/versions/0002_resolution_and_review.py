"""resolution and review: event links, corroboration and review columns

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("relation", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("source_id <> target_id"),
        sa.ForeignKeyConstraint(["source_id"], ["event.id"]),
        sa.ForeignKeyConstraint(["target_id"], ["event.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source_id", "target_id", "relation"),
    )
    with op.batch_alter_table("event_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_link_source_id"), ["source_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_link_target_id"), ["target_id"], unique=False)

    # SQLite rebuilds the table; its unnamed CHECK would be lost, so it is given again.
    years = sa.CheckConstraint(
        "year_start IS NULL OR year_end IS NULL OR year_start <= year_end", name="ck_event_years"
    )
    with op.batch_alter_table("event", schema=None, table_args=(years,)) as batch_op:
        batch_op.add_column(sa.Column("key", sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column("summary", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("locked_fields", sa.JSON(), nullable=False, server_default="[]")
        )
        batch_op.add_column(sa.Column("sources", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("confidence", sa.Float(), nullable=False, server_default="0"))
        batch_op.add_column(
            sa.Column("confidence_level", sa.String(length=8), nullable=False, server_default="low")
        )
        batch_op.add_column(sa.Column("possible_duplicate_of", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_event_disputed"), ["disputed"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_sources"), ["sources"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_status"), ["status"], unique=False)
        batch_op.create_unique_constraint("uq_event_key", ["key"])
        batch_op.create_foreign_key(
            "fk_event_possible_duplicate_of", "event", ["possible_duplicate_of"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_constraint("fk_event_possible_duplicate_of", type_="foreignkey")
        batch_op.drop_constraint("uq_event_key", type_="unique")
        batch_op.drop_index(batch_op.f("ix_event_status"))
        batch_op.drop_index(batch_op.f("ix_event_sources"))
        batch_op.drop_index(batch_op.f("ix_event_disputed"))
        for column in (
            "possible_duplicate_of",
            "confidence_level",
            "confidence",
            "sources",
            "locked_fields",
            "summary",
            "key",
        ):
            batch_op.drop_column(column)
    with op.batch_alter_table("event_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_link_target_id"))
        batch_op.drop_index(batch_op.f("ix_event_link_source_id"))
    op.drop_table("event_link")
