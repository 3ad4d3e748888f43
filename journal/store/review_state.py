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
from typing import Any

from journal.db import Database, dt_from_db, dt_to_db
from journal.entry import Decision
from journal.errors import InputError, NotFoundError, UnknownTagError, UsageError
from journal.review.checkin import ANSWERS, QUESTIONS
from journal.rows import ActionItemRow, action_row
from journal.store.action_items import read_action_item
from journal.taxonomy import normalise_slug, suggest
from journal.textrules import clean
from journal.weeks import parse_week, shift_week, week_label

DECISIONS: tuple[str, ...] = Decision.values()
PLAN_MAX = 300
COACH_QUESTIONS_MAX = 2000
ACTION_ITEMS_MAX = 500
"""At most this many action items are listed in one review (newest kept)."""
ITEMS_WINDOW = 50_000
"""How many of the newest entries ``review_items`` walks before it reads every item instead."""
_ITEM_COLUMNS = "a.id, a.entry_id, a.text, a.status, a.created_at, a.closed_at, d.decision"


@dataclass(frozen=True)
class WeekState:
    """What was decided in the review of ``week`` (all None when nothing was)."""

    week: str
    focus_tag: str | None = None
    focus_plan: str | None = None
    focus_outcome: str | None = None
    coach_questions: str | None = None
    reviewed_at: datetime | None = None


@dataclass(frozen=True)
class ReviewedItem:
    """An action item as a review lists it: the item, when it began, this week's decision."""

    item: ActionItemRow
    origin: datetime
    """When the entry it came from happened (or the item was written, if it has no entry)."""
    decision: str | None


def _utcnow() -> datetime:
    return datetime.now(UTC)


def normalise_week(label: Any) -> str:
    """``2026-w7`` -> ``2026-W07``; a malformed label is refused with an example."""
    if not isinstance(label, str):
        raise InputError("A week must be written like 2026-W47.")
    try:
        year, week = parse_week(label)
    except UsageError as exc:
        raise InputError(str(exc)) from None
    return week_label(year, week)


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


class ReviewStore:
    """The weekly review's state over one open journal."""

    def __init__(self, db: Database, now: Callable[[], datetime] = _utcnow) -> None:
        self.db = db
        self._now = now

    # ----------------------------------------------------------------- week state

    def get_week(self, week: str) -> WeekState | None:
        label = normalise_week(week)
        row = self.db.execute(
            "SELECT week, focus_tag, focus_plan, focus_outcome, coach_questions, reviewed_at "
            "FROM week_review WHERE week = ?",
            (label,),
        ).fetchone()
        if row is None:
            return None
        return WeekState(row[0], row[1], row[2], row[3], row[4], dt_from_db(row[5]))

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

    # ----------------------------------------------------------------- action items

    def decide_action(self, week: str, item_id: int, decision: str) -> ActionItemRow:
        """Record ``week``'s review decision on an action item and set the item's status."""
        label = normalise_week(week)
        if decision not in DECISIONS:
            raise InputError(
                f'An action item is marked done, dropped or carried, not "{decision}".'
            )
        now = dt_to_db(self._now())
        closed = now if decision in ("done", "dropped") else None
        with self.db.transaction() as db:
            self._check_item(item_id)
            db.execute(
                "INSERT INTO action_decision (week, action_item_id, decision, decided_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (week, action_item_id) DO UPDATE SET "
                "decision = excluded.decision, decided_at = excluded.decided_at",
                (label, item_id, decision, now),
            )
            db.execute(
                "UPDATE action_item SET status = ?, closed_at = ? WHERE id = ?",
                (decision, closed, item_id),
            )
        return self._item(item_id)

    def undo_action_decision(self, week: str, item_id: int) -> ActionItemRow:
        """Forget ``week``'s decision: the item is open again (or keeps an earlier decision)."""
        label = normalise_week(week)
        with self.db.transaction() as db:
            self._check_item(item_id)
            db.execute(
                "DELETE FROM action_decision WHERE week = ? AND action_item_id = ?",
                (label, item_id),
            )
            earlier = db.execute(
                "SELECT decision, decided_at FROM action_decision WHERE action_item_id = ? "
                "ORDER BY week DESC LIMIT 1",
                (item_id,),
            ).fetchone()
            status, closed = ("open", None)
            if earlier is not None:
                status = earlier[0]
                closed = earlier[1] if status in ("done", "dropped") else None
            db.execute(
                "UPDATE action_item SET status = ?, closed_at = ? WHERE id = ?",
                (status, closed, item_id),
            )
        return self._item(item_id)

    def action_decisions(self, week: str) -> dict[int, str]:
        label = normalise_week(week)
        return {
            row[0]: row[1]
            for row in self.db.execute(
                "SELECT action_item_id, decision FROM action_decision WHERE week = ?", (label,)
            )
        }

    def review_items(
        self,
        week: str,
        since: datetime,
        until: datetime,
        limit: int = ACTION_ITEMS_MAX,
        *,
        include_private: bool = True,
    ) -> list[ReviewedItem]:
        """The action items a review of ``week`` lists, oldest first.

        Those born from entries in [since, until) (any status: last week's and this week's),
        those still open or carried over from before, and those this week's review decided on.
        Items of entries in the trash are left out, and of private ones unless included.
        """
        label = normalise_week(week)
        bounds = (dt_to_db(until), dt_to_db(since))
        rows = self._recent_items(label, *bounds, limit, include_private)
        if rows is None:
            rows = self._all_items(label, *bounds, limit, include_private)
        items = [
            ReviewedItem(action_row(row[:6]), dt_from_db(row[7]) or _utcnow(), row[6])
            for row in rows
        ]
        items.reverse()
        return items

    # ----------------------------------------------------------------- review items

    def _recent_items(
        self, label: str, until: str, since: str, limit: int, include_private: bool
    ) -> list[Any] | None:
        """``review_items``' rows from the newest entries only, or None if they do not suffice.

        Open items pile up with the journal, so reading them all costs more every year. Walking
        the newest ``ITEMS_WINDOW`` live entries before ``until`` (by the occurred_at index)
        finds the newest ``limit`` items in about ten milliseconds at any size; items without an
        entry and items this week's review decided on are read by their own small queries. When
        the window holds fewer than ``limit`` items and older entries exist, None: the caller
        reads every item instead.
        """
        private = "" if include_private else " AND e.private = 0"
        oldest = self.db.execute(
            "SELECT occurred_at FROM entry WHERE trashed_at IS NULL AND occurred_at < ? "
            "ORDER BY occurred_at DESC LIMIT 1 OFFSET ?",
            (until, ITEMS_WINDOW - 1),
        ).fetchone()
        cutoff = oldest[0] if oldest else ""
        recent = self.db.execute(
            f"SELECT {_ITEM_COLUMNS}, e.occurred_at FROM entry e "
            "JOIN action_item a ON a.entry_id = e.id "
            "LEFT JOIN action_decision d ON d.action_item_id = a.id AND d.week = ? "
            "WHERE e.trashed_at IS NULL AND e.occurred_at < ? AND e.occurred_at >= ? "
            f"AND (a.status IN ('open', 'carried') OR e.occurred_at >= ? "
            f"OR d.decision IS NOT NULL){private} "
            "ORDER BY e.occurred_at DESC, a.id DESC LIMIT ?",
            (label, until, cutoff, since, limit),
        ).fetchall()
        if len(recent) < limit and oldest is not None:
            return None  # older entries may hold items the window does not reach
        decided = self.db.execute(
            f"SELECT {_ITEM_COLUMNS}, COALESCE(e.occurred_at, a.created_at) "
            "FROM action_decision d JOIN action_item a ON a.id = d.action_item_id "
            "LEFT JOIN entry e ON e.id = a.entry_id "
            f"WHERE d.week = ? AND (a.entry_id IS NULL OR (e.trashed_at IS NULL{private}))",
            (label,),
        ).fetchall()
        loose = self.db.execute(
            f"SELECT {_ITEM_COLUMNS}, a.created_at FROM action_item a "
            "LEFT JOIN action_decision d ON d.action_item_id = a.id AND d.week = ? "
            "WHERE a.entry_id IS NULL AND (d.decision IS NOT NULL OR (a.created_at < ? "
            "AND (a.status IN ('open', 'carried') OR a.created_at >= ?)))",
            (label, until, since),
        ).fetchall()
        by_id = {row[0]: row for row in (*recent, *decided, *loose)}
        newest = sorted(by_id.values(), key=lambda row: (row[7], row[0]), reverse=True)
        return newest[:limit]

    def _all_items(
        self, label: str, until: str, since: str, limit: int, include_private: bool
    ) -> list[Any]:
        """``review_items``' rows read from every action item (see ``_recent_items``)."""
        private = "" if include_private else " AND (a.entry_id IS NULL OR e.private = 0)"
        origin = "COALESCE(e.occurred_at, a.created_at)"
        return self.db.execute(
            f"SELECT {_ITEM_COLUMNS}, {origin} FROM action_item a "
            "LEFT JOIN entry e ON e.id = a.entry_id "
            "LEFT JOIN action_decision d ON d.action_item_id = a.id AND d.week = ? "
            f"WHERE (a.entry_id IS NULL OR e.trashed_at IS NULL){private} "
            f"AND (d.decision IS NOT NULL OR ({origin} < ? "
            f"AND (a.status IN ('open', 'carried') OR {origin} >= ?))) "
            f"ORDER BY {origin} DESC, a.id DESC LIMIT ?",
            (label, until, since, limit),
        ).fetchall()

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

    def _check_item(self, item_id: int) -> None:
        if self.db.execute("SELECT 1 FROM action_item WHERE id = ?", (item_id,)).fetchone() is None:
            raise NotFoundError(f"There is no action item #{item_id}.")

    def _item(self, item_id: int) -> ActionItemRow:
        return read_action_item(self.db, item_id)
