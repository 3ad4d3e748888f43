"""Reads and writes of the weekly review's own tables (migration 0002).

``week_review`` holds per-week decisions (focus, questions for the coach, reviewed),
``checkin_answer`` the self check-in, ``action_decision`` what a review decided about an action
item. Entries themselves stay in ``journal.store``; this module only adds what the review needs,
in plain SQL over the same ``Database``, every write one transaction.

Week labels are the ISO labels (``2026-W47``), also for Sunday-start weeks (see
``journal.weeks``). Every input is checked here and refused with one sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from journal.db import Database, dt_from_db, dt_to_db
from journal.errors import InputError, UnknownTagError
from journal.review.checkin import ANSWERS, QUESTIONS
from journal.store.review_items import (
    ACTION_ITEMS_MAX,
    DECISIONS,
    ITEMS_WINDOW,
    ReviewedItem,
    ReviewItems,
)
from journal.store.review_marks import ReviewMarks
from journal.taxonomy import normalise_slug, suggest
from journal.textrules import clean
from journal.weeks import normalise_week, shift_week

__all__ = [
    "ACTION_ITEMS_MAX",
    "DECISIONS",
    "ITEMS_WINDOW",
    "ReviewStore",
    "ReviewedItem",
    "WeekState",
    "normalise_week",
    "streak_from",
]
PLAN_MAX = 300
COACH_QUESTIONS_MAX = 2000


@dataclass(frozen=True)
class WeekState:
    """What was decided in the review of ``week`` (all None when nothing was)."""

    week: str
    focus_tag: str | None = None
    focus_plan: str | None = None
    focus_outcome: str | None = None
    coach_questions: str | None = None
    reviewed_at: datetime | None = None


def _utcnow() -> datetime:
    return datetime.now(UTC)


def streak_from(reviewed: Iterable[str], week: str) -> int:
    """Consecutive reviewed weeks ending at ``week``.

    A week not yet reviewed does not break the streak while it is the one being reviewed: the
    count then ends at the week before it.
    """
    done = set(reviewed)
    current = week if week in done else shift_week(week, -1)
    count = 0
    while current in done:
        count += 1
        current = shift_week(current, -1)
    return count


class ReviewStore(ReviewItems, ReviewMarks):
    """The weekly review's state over one open journal (``store.review``): the week's decisions
    and check-in here, the action items it lists (``review_items``) and the grouped counts of
    marks it compares with (``review_marks``)."""

    def __init__(self, db: Database, now: Callable[[], datetime] = _utcnow) -> None:
        self.db = db
        self._now = now

    # ----------------------------------------------------------------- week state

    def get_week(self, week: str) -> WeekState | None:
        label = normalise_week(week)
        row = self.db.named(
            "SELECT week, focus_tag, focus_plan, focus_outcome, coach_questions, reviewed_at "
            "FROM week_review WHERE week = ?",
            (label,),
        ).fetchone()
        if row is None:
            return None
        return WeekState(
            week=row["week"],
            focus_tag=row["focus_tag"],
            focus_plan=row["focus_plan"],
            focus_outcome=row["focus_outcome"],
            coach_questions=row["coach_questions"],
            reviewed_at=dt_from_db(row["reviewed_at"]),
        )

    def set_focus(self, week: str, tag: str | None, plan: str | None = None) -> WeekState:
        """The behaviour to practise in the week after ``week``; no tag (and no plan) clears it."""
        label = normalise_week(week)
        plan = clean(plan, "The plan", PLAN_MAX, one_line=True)
        slug = normalise_slug(tag) if isinstance(tag, str) and tag.strip() else None
        if slug is None and plan is not None:
            raise InputError("Choose a tag to practise before writing a plan for it.")
        with self.db.transaction() as db:
            if slug is not None:
                self._check_tag(slug)
            self._touch(label)
            db.execute(
                "UPDATE week_review SET focus_tag = ?, focus_plan = ?, focus_outcome = NULL "
                "WHERE week = ?",
                (slug, plan, label),
            )
        return self._state(label)

    def set_focus_outcome(self, week: str, outcome: str | None) -> WeekState:
        """How the focus chosen in ``week``'s review went: done, dropped or carried (or None).

        Carried over copies the focus to the next week's review unless that one has its own.
        """
        label = normalise_week(week)
        if outcome is not None and outcome not in DECISIONS:
            raise InputError(
                f'The focus outcome must be done, dropped or carried, not "{outcome}".'
            )
        with self.db.transaction() as db:
            state = self.get_week(label)
            if state is None or state.focus_tag is None:
                raise InputError(f"{label} has no focus to mark; set one first.")
            db.execute(
                "UPDATE week_review SET focus_outcome = ?, updated_at = ? WHERE week = ?",
                (outcome, dt_to_db(self._now()), label),
            )
            if outcome == "carried":
                following = shift_week(label, 1)
                self._touch(following)
                db.execute(
                    "UPDATE week_review SET focus_tag = ?, focus_plan = ? "
                    "WHERE week = ? AND focus_tag IS NULL",
                    (state.focus_tag, state.focus_plan, following),
                )
        return self._state(label)

    def set_coach_questions(self, week: str, text: str | None) -> WeekState:
        label = normalise_week(week)
        cleaned = clean(text, "Questions for the coach", COACH_QUESTIONS_MAX, one_line=False)
        with self.db.transaction() as db:
            self._touch(label)
            db.execute(
                "UPDATE week_review SET coach_questions = ? WHERE week = ?", (cleaned, label)
            )
        return self._state(label)

    def add_coach_question(self, week: str, text: str) -> WeekState:
        """Append one question (one line) to ``week``'s questions for the coach, in one
        transaction; a question already there, word for word, is not added again."""
        label = normalise_week(week)
        question = clean(text, "The question", COACH_QUESTIONS_MAX, one_line=True, required=True)
        with self.db.transaction() as db:
            state = self.get_week(label)
            current = state.coach_questions if state else None
            lines = current.split("\n") if current else []
            if question is not None and question not in (line.strip() for line in lines):
                combined = "\n".join([*lines, question])
                cleaned = clean(
                    combined, "Questions for the coach", COACH_QUESTIONS_MAX, one_line=False
                )
                self._touch(label)
                db.execute(
                    "UPDATE week_review SET coach_questions = ? WHERE week = ?", (cleaned, label)
                )
        return self._state(label)

    def mark_reviewed(self, week: str) -> WeekState:
        label = normalise_week(week)
        with self.db.transaction() as db:
            self._touch(label)
            db.execute(
                "UPDATE week_review SET reviewed_at = ? WHERE week = ?",
                (dt_to_db(self._now()), label),
            )
        return self._state(label)

    def unmark_reviewed(self, week: str) -> WeekState:
        label = normalise_week(week)
        with self.db.transaction() as db:
            self._touch(label)
            db.execute("UPDATE week_review SET reviewed_at = NULL WHERE week = ?", (label,))
        return self._state(label)

    def reviewed_weeks(self) -> list[str]:
        """Every week marked reviewed, oldest first (one short row per week)."""
        return [
            row[0]
            for row in self.db.execute(
                "SELECT week FROM week_review WHERE reviewed_at IS NOT NULL ORDER BY week"
            )
        ]

    def streak(self, week: str) -> int:
        """Consecutive reviewed weeks up to ``week`` (see ``streak_from``)."""
        return streak_from(self.reviewed_weeks(), normalise_week(week))

    # ----------------------------------------------------------------- self check-in

    def save_checkin(self, week: str, answers: Mapping[int, str | None]) -> dict[int, str]:
        """Store some or all answers (yes, partly, no); None removes an answer. All or nothing."""
        label = normalise_week(week)
        checked: list[tuple[int, str | None]] = []
        for number, answer in answers.items():
            if isinstance(number, bool) or not isinstance(number, int):
                raise InputError(
                    f'Check-in questions are numbered 1 to {len(QUESTIONS)}, not "{number}".'
                )
            if not 1 <= number <= len(QUESTIONS):
                raise InputError(
                    f"Check-in questions are numbered 1 to {len(QUESTIONS)}, not {number}."
                )
            value = answer.strip().lower() if isinstance(answer, str) else answer
            if value is not None and value not in ANSWERS:
                raise InputError(
                    f'Answer question {number} with yes, partly or no, not "{answer}".'
                )
            checked.append((number, value))
        now = dt_to_db(self._now())
        with self.db.transaction() as db:
            for number, value in checked:
                if value is None:
                    db.execute(
                        "DELETE FROM checkin_answer WHERE week = ? AND question = ?",
                        (label, number),
                    )
                else:
                    db.execute(
                        "INSERT INTO checkin_answer (week, question, answer, answered_at) "
                        "VALUES (?, ?, ?, ?) ON CONFLICT (week, question) DO UPDATE SET "
                        "answer = excluded.answer, answered_at = excluded.answered_at",
                        (label, number, value, now),
                    )
        return self.checkin(label)

    def checkin(self, week: str) -> dict[int, str]:
        """This week's answers by question number (unanswered questions are absent)."""
        return self.checkin_history([week]).get(normalise_week(week), {})

    def checkin_history(self, weeks: list[str]) -> dict[str, dict[int, str]]:
        """Answers for each of ``weeks`` (every week present, maybe with no answers)."""
        labels = [normalise_week(w) for w in weeks]
        history: dict[str, dict[int, str]] = {label: {} for label in labels}
        if not labels:
            return history
        marks = ",".join("?" * len(labels))
        for week, number, answer in self.db.execute(
            f"SELECT week, question, answer FROM checkin_answer WHERE week IN ({marks}) "
            "ORDER BY week, question",
            labels,
        ):
            history[week][number] = answer
        return history

    # ----------------------------------------------------------------- helpers

    def _state(self, label: str) -> WeekState:
        return self.get_week(label) or WeekState(label)

    def _touch(self, label: str) -> None:
        """Make sure ``label`` has a row, and note the change time."""
        self.db.execute(
            "INSERT INTO week_review (week, updated_at) VALUES (?, ?) "
            "ON CONFLICT (week) DO UPDATE SET updated_at = excluded.updated_at",
            (label, dt_to_db(self._now())),
        )

    def _check_tag(self, slug: str) -> None:
        if self.db.execute("SELECT 1 FROM tag WHERE slug = ?", (slug,)).fetchone() is None:
            known = [row[0] for row in self.db.execute("SELECT slug FROM tag")]
            raise UnknownTagError(slug, suggest(slug, known))
