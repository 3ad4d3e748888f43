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
from typing import Any, cast

from sqlalchemy import CheckConstraint, Column, DateTime, ForeignKey, Index, Integer, String
from sqlmodel import Field, SQLModel
from sqlmodel.main import SQLModelMetaclass

from journal import entry as declared
from journal.entry import FIELDS, EntryField, Kind, Vocabulary


def _utc_column(*, nullable: bool, index: bool = False) -> Column[Any]:
    return Column(DateTime(timezone=True), nullable=nullable, index=index)


def _in(column: str, vocabulary: type[Vocabulary], *, nullable: bool = True) -> str:
    """The CHECK text for a closed vocabulary; its wording is what migrations 0001/0002 wrote."""
    allowed = ", ".join(f"'{v}'" for v in vocabulary.values())
    return (
        f"{column} IS NULL OR {column} IN ({allowed})" if nullable else f"{column} IN ({allowed})"
    )


def _entry_column(spec: EntryField) -> tuple[Any, Any]:
    """The annotation and ``Field`` of one declared field stored in the entry table."""
    if spec.kind is Kind.FLAG:
        return bool, Field(default=False)
    if spec.required:
        return str, Field(max_length=spec.max_length)
    return str | None, Field(default=None, max_length=spec.max_length)


def _entry_table() -> type[SQLModel]:
    """The entry table, built from the declaration in ``journal.entry``.

    Instants and identity come first, the declared fields in their order, then the bookkeeping
    instants; each closed vocabulary gets a CHECK constraint named ``ck_entry_<column>``.
    """
    stored = [spec for spec in FIELDS if spec.column is not None]
    checks = [
        CheckConstraint(_in(spec.name, spec.vocabulary), name=f"ck_entry_{spec.name}")
        for spec in stored
        if spec.vocabulary is not None
    ]
    columns: dict[str, tuple[Any, Any]] = {
        "id": (int | None, Field(default=None, primary_key=True)),
        "uuid": (str, Field(sa_column=Column(String(36), nullable=False, unique=True))),
        "occurred_at": (datetime, Field(sa_column=_utc_column(nullable=False, index=True))),
    }
    columns |= {spec.name: _entry_column(spec) for spec in stored}
    columns |= {
        "created_at": (datetime, Field(sa_column=_utc_column(nullable=False))),
        "updated_at": (datetime, Field(sa_column=_utc_column(nullable=False))),
        "trashed_at": (datetime | None, Field(default=None, sa_column=_utc_column(nullable=True))),
    }
    namespace: dict[str, Any] = {
        "__module__": __name__,
        "__qualname__": "Entry",
        "__doc__": "One observed encounter: quick-capture fields first, reflection fields after.",
        "__tablename__": "entry",
        "__table_args__": (
            *checks,
            Index("ix_entry_live_occurred", "trashed_at", "occurred_at", "id"),
            Index("ix_entry_setting", "setting"),
        ),
        "__annotations__": {name: annotation for name, (annotation, _) in columns.items()},
        **{name: field for name, (_, field) in columns.items()},
    }
    table = SQLModelMetaclass("Entry", (SQLModel,), namespace, table=True)
    return cast("type[SQLModel]", table)


Entry = _entry_table()


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
            _in("status", declared.ActionStatus, nullable=False), name="ck_action_item_status"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer, ForeignKey("entry.id", ondelete="CASCADE"), nullable=True, index=True
        ),
    )
    session_id: int | None = Field(
        default=None,
        sa_column=Column(
            Integer,
            ForeignKey("coaching_session.id", name="fk_action_item_session_id", ondelete="CASCADE"),
            nullable=True,
            index=True,
        ),
    )
    """Set when the item was agreed in a coaching session rather than born from an entry."""
    text: str = Field(max_length=500)
    status: str = Field(default="open", max_length=8)
    created_at: datetime = Field(sa_column=_utc_column(nullable=False))
    closed_at: datetime | None = Field(default=None, sa_column=_utc_column(nullable=True))


class CoachingSession(SQLModel, table=True):
    """A session held with a coach (0004); its agreements are action items with its id."""

    __tablename__ = "coaching_session"

    id: int | None = Field(default=None, primary_key=True)
    held_at: datetime = Field(sa_column=_utc_column(nullable=False, index=True))
    notes: str | None = Field(default=None, max_length=2000)
    created_at: datetime = Field(sa_column=_utc_column(nullable=False))


class Draft(SQLModel, table=True):
    """The capture form's unsaved text, kept so that quitting or a crash never loses it."""

    __tablename__ = "draft"

    id: int = Field(default=1, primary_key=True)
    payload: str = Field(default="{}")
    updated_at: datetime = Field(sa_column=_utc_column(nullable=False))


# ----------------------------------------------------------------- the weekly review (0002)


def _week_column(*, primary_key: bool) -> Column[Any]:
    """A week label such as ``2026-W47`` (the ISO label, also for Sunday-start weeks)."""
    return Column(String(8), primary_key=primary_key, nullable=False)


class WeekReviewRecord(SQLModel, table=True):
    """What the user decided in the review of one week.

    ``focus_tag``/``focus_plan`` are the behaviour chosen in this week's review, to practise in
    the week after; ``focus_outcome`` is how that practice went, marked in the next review.
    """

    __tablename__ = "week_review"
    __table_args__ = (
        CheckConstraint(
            _in("focus_outcome", declared.Decision), name="ck_week_review_focus_outcome"
        ),
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
        CheckConstraint(
            _in("answer", declared.CheckinAnswer, nullable=False), name="ck_checkin_answer_answer"
        ),
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
            _in("decision", declared.Decision, nullable=False), name="ck_action_decision_decision"
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
