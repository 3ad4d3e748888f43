"""The review's decisions as writes: what each one does to the journal, nothing about the screen.

Each function returns a ``Write`` for the review's write queue (``tui.widgets.review_writes``):
the screen queues it and says what the answer changes on screen. Kept apart from the screen so
that what is written can be read (and changed) without the widgets around it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from journal.store import EntryRow
from journal.store.interface import JournalStore
from journal.store.review_state import WeekState

if TYPE_CHECKING:
    from journal.schemas import EntryPatch  # the validation layer: imported when saving


def mark_reviewed(week: str, marking: bool) -> Callable[[JournalStore], tuple[WeekState, int]]:
    """Mark ``week`` reviewed (or no longer); the answer carries the streak it makes."""

    def write(store: JournalStore) -> tuple[WeekState, int]:
        reviews = store.review
        state = reviews.mark_reviewed(week) if marking else reviews.unmark_reviewed(week)
        return state, reviews.streak(week)

    return write


def answer_checkin(week: str, number: int, answer: str | None) -> Callable[[JournalStore], object]:
    return lambda store: store.review.save_checkin(week, {number: answer})


def set_focus(week: str, tag: str | None, plan: str | None) -> Callable[[JournalStore], WeekState]:
    return lambda store: store.review.set_focus(week, tag, plan)


def set_coach_questions(week: str, text: str | None) -> Callable[[JournalStore], WeekState]:
    return lambda store: store.review.set_coach_questions(week, text)


def decide(
    week: str, previous_week: str, item_id: int | None, decision: str | None
) -> Callable[[JournalStore], object]:
    """A decision on an action item of ``week``, or (``item_id`` None) on the outcome of the
    focus chosen in ``previous_week``; ``decision`` None undoes the item's decision."""

    def write(store: JournalStore) -> object:
        reviews = store.review
        if item_id is None:
            return reviews.set_focus_outcome(previous_week, decision)
        if decision is None:
            return reviews.undo_action_decision(week, item_id)
        return reviews.decide_action(week, item_id, decision)

    return write


def reflect(entry_id: int, patch: EntryPatch) -> Callable[[JournalStore], EntryRow]:
    """A reflection written from the inbox."""
    return lambda store: store.update(entry_id, patch)
