"""Coaching sessions, agreements as action items, and the catalogue kept in step.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06

- ``coaching_session``: one row per session with a coach (``held_at``, optional ``notes``).
- ``action_item.session_id``: an action item agreed in a session belongs to it (not to an
  entry); the weekly reviews follow it up like any other item. Deleting a session deletes its
  agreements. Existing items are unchanged (NULL).
- The built-in tag catalogue is brought in step with this program's: built-in tags a journal
  lacks are added, and the descriptions of built-in tags are the current ones. A slug the user
  already has as a custom tag is left as the user made it; no slug changes meaning.
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _utc(name: str, nullable: bool) -> sa.Column[Any]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "coaching_session",
        sa.Column("id", sa.Integer(), primary_key=True),
        _utc("held_at", False),
        sa.Column("notes", sa.String(2000), nullable=True),
        _utc("created_at", False),
    )
    op.create_index("ix_coaching_session_held_at", "coaching_session", ["held_at"])
    with op.batch_alter_table("action_item") as batch:
        batch.add_column(
            sa.Column(
                "session_id",
                sa.Integer(),
                sa.ForeignKey(
                    "coaching_session.id",
                    name="fk_action_item_session_id",
                    ondelete="CASCADE",
                ),
                nullable=True,
            )
        )
        batch.create_index("ix_action_item_session_id", ["session_id"])
    _sync_catalogue()


def _sync_catalogue() -> None:
    from journal.taxonomy import BUILTIN_TAGS

    bind = op.get_bind()
    for t in BUILTIN_TAGS:
        bind.execute(
            sa.text(
                'INSERT INTO tag (slug, "group", description, builtin) '
                "SELECT :slug, :grp, :description, 1 "
                "WHERE NOT EXISTS (SELECT 1 FROM tag WHERE slug = :slug)"
            ),
            {"slug": t.slug, "grp": t.group, "description": t.description},
        )
        bind.execute(
            sa.text("UPDATE tag SET description = :description WHERE slug = :slug AND builtin = 1"),
            {"slug": t.slug, "description": t.description},
        )


def downgrade() -> None:
    with op.batch_alter_table("action_item") as batch:
        batch.drop_index("ix_action_item_session_id")
        batch.drop_column("session_id")
    op.drop_index("ix_coaching_session_held_at", table_name="coaching_session")
    op.drop_table("coaching_session")
