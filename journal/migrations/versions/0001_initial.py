"""The first journal schema: entries, tags, signed entry tags, action items, drafts and search.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

from journal.taxonomy import BUILTIN_TAGS

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _utc(name: str, nullable: bool) -> sa.Column[Any]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "entry",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        _utc("occurred_at", False),
        sa.Column("what", sa.String(500), nullable=False),
        sa.Column("setting", sa.String(100), nullable=True),
        sa.Column("perspective", sa.String(16), nullable=True),
        sa.Column("overall", sa.String(8), nullable=True),
        sa.Column("differently", sa.String(2000), nullable=True),
        sa.Column("situation", sa.String(4000), nullable=True),
        sa.Column("behaviour", sa.String(4000), nullable=True),
        sa.Column("impact", sa.String(4000), nullable=True),
        sa.Column("why", sa.String(16), nullable=True),
        sa.Column("lesson", sa.String(2000), nullable=True),
        sa.Column("left_them", sa.String(8), nullable=True),
        sa.Column("flagged", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("private", sa.Boolean(), nullable=False, server_default=sa.false()),
        _utc("created_at", False),
        _utc("updated_at", False),
        _utc("trashed_at", True),
        sa.CheckConstraint(
            "perspective IS NULL OR perspective IN ('witnessed', 'customer', 'provider')",
            name="ck_entry_perspective",
        ),
        sa.CheckConstraint(
            "overall IS NULL OR overall IN ('well', 'badly', 'mixed')", name="ck_entry_overall"
        ),
        sa.CheckConstraint(
            "why IS NULL OR why IN ('skill', 'process', 'tools', 'staffing', 'customer', "
            "'environment', 'unknown')",
            name="ck_entry_why",
        ),
        sa.CheckConstraint(
            "left_them IS NULL OR left_them IN ('better', 'same', 'worse')",
            name="ck_entry_left_them",
        ),
    )
    op.create_index("ix_entry_occurred_at", "entry", ["occurred_at"])
    op.create_index("ix_entry_live_occurred", "entry", ["trashed_at", "occurred_at", "id"])
    op.create_index("ix_entry_setting", "entry", ["setting"])

    tag = op.create_table(
        "tag",
        sa.Column("slug", sa.String(40), primary_key=True),
        sa.Column("group", sa.String(40), nullable=False),
        sa.Column("description", sa.String(200), nullable=False, server_default=""),
        sa.Column("builtin", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.bulk_insert(
        tag,
        [
            {"slug": t.slug, "group": t.group, "description": t.description, "builtin": True}
            for t in BUILTIN_TAGS
        ],
    )

    op.create_table(
        "entry_tag",
        sa.Column(
            "entry_id",
            sa.Integer(),
            sa.ForeignKey("entry.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "tag_slug",
            sa.String(40),
            sa.ForeignKey("tag.slug", onupdate="CASCADE"),
            primary_key=True,
        ),
        sa.Column("polarity", sa.Integer(), nullable=False),
        sa.CheckConstraint("polarity IN (-1, 0, 1)", name="ck_entry_tag_polarity"),
    )
    op.create_index("ix_entry_tag_tag", "entry_tag", ["tag_slug", "polarity", "entry_id"])

    op.create_table(
        "action_item",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "entry_id",
            sa.Integer(),
            sa.ForeignKey("entry.id", ondelete="CASCADE"),
            nullable=True,
        ),
        sa.Column("text", sa.String(500), nullable=False),
        sa.Column("status", sa.String(8), nullable=False, server_default="open"),
        _utc("created_at", False),
        _utc("closed_at", True),
        sa.CheckConstraint(
            "status IN ('open', 'done', 'dropped', 'carried')", name="ck_action_item_status"
        ),
    )
    op.create_index("ix_action_item_entry_id", "action_item", ["entry_id"])

    op.create_table(
        "draft",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("payload", sa.String(), nullable=False),
        _utc("updated_at", False),
    )

    if op.get_bind().dialect.name == "sqlite":
        from journal.db import fts_ddl

        for statement in fts_ddl(prefixes="2 3"):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS entry_fts")
    for table in ("draft", "action_item", "entry_tag", "tag", "entry"):
        op.drop_table(table)
