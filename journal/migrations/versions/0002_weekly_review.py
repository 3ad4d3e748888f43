"""The weekly review: per-week decisions, self check-in answers and action-item decisions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24

Three new tables, nothing existing is changed (an upgraded journal keeps every entry):

- ``week_review``: one row per reviewed week (label ``2026-W47``, the ISO label also for
  Sunday-start weeks). ``focus_tag``/``focus_plan`` are the behaviour chosen in that week's
  review, to practise in the week after; ``focus_outcome`` (done, dropped, carried) is how it
  went, marked in the following review; ``coach_questions`` free text for the coaching export;
  ``reviewed_at`` when the user marked the week reviewed (NULL: not reviewed).
- ``checkin_answer``: the self check-in, one row per (week, question 1-10) with yes/partly/no.
- ``action_decision``: what a week's review decided about an action item (done, dropped or
  carried over), keyed by (week, action item). The decision is also written to
  ``action_item.status`` (and ``closed_at`` for done/dropped), so the item's status is always the
  latest decision while this table remembers which review made it. Deleting an action item
  deletes its decisions.
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _utc(name: str, nullable: bool) -> sa.Column[Any]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _week(primary_key: bool = True) -> sa.Column[Any]:
    return sa.Column("week", sa.String(8), primary_key=primary_key, nullable=False)


def upgrade() -> None:
    op.create_table(
        "week_review",
        _week(),
        sa.Column(
            "focus_tag",
            sa.String(40),
            sa.ForeignKey("tag.slug", onupdate="CASCADE"),
            nullable=True,
        ),
        sa.Column("focus_plan", sa.String(300), nullable=True),
        sa.Column("focus_outcome", sa.String(8), nullable=True),
        sa.Column("coach_questions", sa.String(2000), nullable=True),
        _utc("reviewed_at", True),
        _utc("updated_at", False),
        sa.CheckConstraint(
            "focus_outcome IS NULL OR focus_outcome IN ('done', 'dropped', 'carried')",
            name="ck_week_review_focus_outcome",
        ),
    )
    op.create_index("ix_week_review_focus_tag", "week_review", ["focus_tag"])

    op.create_table(
        "checkin_answer",
        _week(),
        sa.Column("question", sa.Integer(), primary_key=True, nullable=False, autoincrement=False),
        sa.Column("answer", sa.String(8), nullable=False),
        _utc("answered_at", False),
        sa.CheckConstraint("question BETWEEN 1 AND 10", name="ck_checkin_answer_question"),
        sa.CheckConstraint("answer IN ('yes', 'partly', 'no')", name="ck_checkin_answer_answer"),
    )

    op.create_table(
        "action_decision",
        _week(),
        sa.Column(
            "action_item_id",
            sa.Integer(),
            sa.ForeignKey("action_item.id", ondelete="CASCADE"),
            primary_key=True,
            nullable=False,
            autoincrement=False,
        ),
        sa.Column("decision", sa.String(8), nullable=False),
        _utc("decided_at", False),
        sa.CheckConstraint(
            "decision IN ('done', 'dropped', 'carried')", name="ck_action_decision_decision"
        ),
    )
    op.create_index("ix_action_decision_item", "action_decision", ["action_item_id"])


def downgrade() -> None:
    op.drop_index("ix_action_decision_item", table_name="action_decision")
    op.drop_table("action_decision")
    op.drop_table("checkin_answer")
    op.drop_index("ix_week_review_focus_tag", table_name="week_review")
    op.drop_table("week_review")
