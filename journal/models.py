"""SQLModel tables: the single definition of the journal's schema.

The migrations in ``journal/migrations`` create exactly these tables (a test compares them), and
the store's SQL names only columns defined here. Importing this module pulls in SQLModel and
SQLAlchemy, which cost a few tenths of a second, so the hot read paths of the CLI never import it:
they query through ``journal.store`` with plain SQL on the same tables.

Instants are stored in UTC. On SQLite they are text ``YYYY-MM-DD HH:MM:SS.ffffff`` (the format
SQLAlchemy uses there, which also sorts correctly); on PostgreSQL ``timestamptz``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Column, DateTime, ForeignKey, Index, Integer, String
from sqlmodel import Field, SQLModel

PERSPECTIVES = ("witnessed", "customer", "provider")
OVERALLS = ("well", "badly", "mixed")
CAUSES = ("skill", "process", "tools", "staffing", "customer", "environment", "unknown")
LEFT = ("better", "same", "worse")
ACTION_STATUSES = ("open", "done", "dropped", "carried")


def _utc_column(*, nullable: bool, index: bool = False) -> Column:
    return Column(DateTime(timezone=True), nullable=nullable, index=index)


def _in(column: str, values: tuple[str, ...]) -> str:
    allowed = ", ".join(f"'{v}'" for v in values)
    return f"{column} IS NULL OR {column} IN ({allowed})"


class Entry(SQLModel, table=True):
    """One observed encounter: quick-capture fields first, reflection fields after."""

    __tablename__ = "entry"
    __table_args__ = (
        CheckConstraint(_in("perspective", PERSPECTIVES), name="ck_entry_perspective"),
        CheckConstraint(_in("overall", OVERALLS), name="ck_entry_overall"),
        CheckConstraint(_in("why", CAUSES), name="ck_entry_why"),
        CheckConstraint(_in("left_them", LEFT), name="ck_entry_left_them"),
        Index("ix_entry_live_occurred", "trashed_at", "occurred_at", "id"),
        Index("ix_entry_setting", "setting"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(sa_column=Column(String(36), nullable=False, unique=True))
    occurred_at: datetime = Field(sa_column=_utc_column(nullable=False, index=True))
    what: str = Field(max_length=500)
    setting: str | None = Field(default=None, max_length=100)
    perspective: str | None = Field(default=None, max_length=16)
    overall: str | None = Field(default=None, max_length=8)
    differently: str | None = Field(default=None, max_length=2000)
    situation: str | None = Field(default=None, max_length=4000)
    behaviour: str | None = Field(default=None, max_length=4000)
    impact: str | None = Field(default=None, max_length=4000)
    why: str | None = Field(default=None, max_length=16)
    lesson: str | None = Field(default=None, max_length=2000)
    left_them: str | None = Field(default=None, max_length=8)
    flagged: bool = Field(default=False)
    private: bool = Field(default=False)
    created_at: datetime = Field(sa_column=_utc_column(nullable=False))
    updated_at: datetime = Field(sa_column=_utc_column(nullable=False))
    trashed_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


class Tag(SQLModel, table=True):
    """A tag of the catalogue: built in (seeded by migration) or the user's own."""

    __tablename__ = "tag"

    slug: str = Field(primary_key=True, max_length=40)
    group: str = Field(max_length=40)
    description: str = Field(default="", max_length=200)
    builtin: bool = Field(default=False)


class EntryTag(SQLModel, table=True):
    """A tag on an entry, marked done well (+1), done badly (-1) or unknown (0, from imports)."""

    __tablename__ = "entry_tag"
    __table_args__ = (
        CheckConstraint("polarity IN (-1, 0, 1)", name="ck_entry_tag_polarity"),
        Index("ix_entry_tag_tag", "tag_slug", "polarity", "entry_id"),
    )

    entry_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True, nullable=False
        )
    )
    tag_slug: str = Field(
        sa_column=Column(
            String(40),
            ForeignKey("tag.slug", onupdate="CASCADE"),
            primary_key=True,
            nullable=False,
        )
    )
    polarity: int = Field(default=1)


class ActionItem(SQLModel, table=True):
    """Something the user resolves to do next time, usually born from an entry's lesson."""

    __tablename__ = "action_item"
    __table_args__ = (
        CheckConstraint(
            "status IN ('open', 'done', 'dropped', 'carried')", name="ck_action_item_status"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("entry.id", ondelete="CASCADE"), nullable=True, index=True
        ),
    )
    text: str = Field(max_length=500)
    status: str = Field(default="open", max_length=8)
    created_at: datetime = Field(sa_column=_utc_column(nullable=False))
    closed_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


class Draft(SQLModel, table=True):
    """The capture form's unsaved text, kept so that quitting or a crash never loses it."""

    __tablename__ = "draft"

    id: int = Field(default=1, primary_key=True)
    payload: str = Field(default="{}")
    updated_at: datetime = Field(sa_column=_utc_column(nullable=False))


# ----------------------------------------------------------------- the weekly review (0002)

CHECKIN_ANSWERS = ("yes", "partly", "no")
DECISIONS = ("done", "dropped", "carried")


def _week_column(*, primary_key: bool) -> Column:
    """A week label such as ``2026-W47`` (the ISO label, also for Sunday-start weeks)."""
    return Column(String(8), primary_key=primary_key, nullable=False)


class WeekReviewRecord(SQLModel, table=True):
    """What the user decided in the review of one week.

    ``focus_tag``/``focus_plan`` are the behaviour chosen in this week's review, to practise in
    the week after; ``focus_outcome`` is how that practice went, marked in the next review.
    """

    __tablename__ = "week_review"
    __table_args__ = (
        CheckConstraint(_in("focus_outcome", DECISIONS), name="ck_week_review_focus_outcome"),
    )

    week: str = Field(sa_column=_week_column(primary_key=True))
    focus_tag: str | None = Field(
        default=None,
        sa_column=Column(
            String(40), ForeignKey("tag.slug", onupdate="CASCADE"), nullable=True, index=True
        ),
    )
    focus_plan: str | None = Field(default=None, max_length=300)
    focus_outcome: str | None = Field(default=None, max_length=8)
    coach_questions: str | None = Field(default=None, max_length=2000)
    reviewed_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))
    updated_at: datetime = Field(sa_column=_utc_column(nullable=False))


class CheckinAnswer(SQLModel, table=True):
    """One answer of the weekly self check-in (questions in ``journal.review.checkin``)."""

    __tablename__ = "checkin_answer"
    __table_args__ = (
        CheckConstraint("question BETWEEN 1 AND 10", name="ck_checkin_answer_question"),
        CheckConstraint("answer IN ('yes', 'partly', 'no')", name="ck_checkin_answer_answer"),
    )

    week: str = Field(sa_column=_week_column(primary_key=True))
    question: int = Field(
        sa_column=Column(Integer, primary_key=True, nullable=False, autoincrement=False)
    )
    answer: str = Field(max_length=8)
    answered_at: datetime = Field(sa_column=_utc_column(nullable=False))


class ActionDecision(SQLModel, table=True):
    """What a week's review decided about an action item: done, dropped or carried over.

    The item's own ``status`` follows the latest decision; this table keeps which review made it.
    """

    __tablename__ = "action_decision"
    __table_args__ = (
        CheckConstraint(
            "decision IN ('done', 'dropped', 'carried')", name="ck_action_decision_decision"
        ),
        Index("ix_action_decision_item", "action_item_id"),
    )

    week: str = Field(sa_column=_week_column(primary_key=True))
    action_item_id: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("action_item.id", ondelete="CASCADE"),
            primary_key=True,
            nullable=False,
            autoincrement=False,
        )
    )
    decision: str = Field(max_length=8)
    decided_at: datetime = Field(sa_column=_utc_column(nullable=False))
