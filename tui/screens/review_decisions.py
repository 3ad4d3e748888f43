"""What the user decides in the review, each saved through the review's write queue.

Marking the week reviewed, a check-in answer, next week's focus, the questions for the coach, a
decision on an action item and a reflection from the inbox. The user may have moved to another
week by the time a write is done, so what a week's write answers reaches the panels only while
that week is still shown: a late answer never overwrites the next week's.
"""

from __future__ import annotations

from typing import Any

from journal.store import EntryRow
from journal.store.interface import JournalStore
from tui.screens.review_loading import WeekLoading
from tui.screens.review_writes import WriteQueue
from tui.widgets.review_actions import ActionList
from tui.widgets.review_checkin import CheckinForm
from tui.widgets.review_focus import CoachForm, FocusForm
from tui.widgets.review_reflect import ReflectForm
from tui.widgets.review_summary import ReviewHeader


class ReviewDecisions(WriteQueue, WeekLoading):
    """A mixin for the review screen: each decision is a write (``WriteQueue``) about the week
    the screen shows (``WeekLoading``)."""

    # ----------------------------------------------------------------- the week's decisions

    def action_mark_reviewed(self) -> None:
        if self.review is None:
            return
        week, marking = self.week, not self._reviewed
        self._reviewed = marking

        def write(store: JournalStore) -> tuple[Any, int]:
            reviews = store.review
            state = reviews.mark_reviewed(week) if marking else reviews.unmark_reviewed(week)
            return state, reviews.streak(week)

        def done(result: tuple[Any, int]) -> None:
            state, streak = result
            if week != self.week:
                return
            self.query_one(ReviewHeader).show_state(state.reviewed_at, streak, self.app.zone)
            if state.reviewed_at:
                weeks = "week" if streak == 1 else "weeks"
                self.notify(f"{week} marked reviewed: {streak} {weeks} in a row.")
            else:
                self.notify(f"{week} is no longer marked reviewed.")

        self.submit(write, done)

    def on_checkin_form_answer(self, event: CheckinForm.Answer) -> None:
        event.stop()
        week, number, answer = event.week, event.number, event.answer
        self.submit(lambda store: store.review.save_checkin(week, {number: answer}))
        self._show_progress()

    def on_focus_form_save(self, event: FocusForm.Save) -> None:
        event.stop()
        week, tag, plan = event.week, event.tag, event.plan

        def done(state: Any) -> None:
            if week == self.week:
                self.focus_form.saved(state.focus_tag, state.focus_plan)
                self._show_progress()

        def failed(message: str) -> None:
            if week == self.week:
                self.focus_form.failed(message)
            else:
                self._write_failed(message)

        self.submit(lambda store: store.review.set_focus(week, tag, plan), done, failed)

    def on_coach_form_save(self, event: CoachForm.Save) -> None:
        event.stop()
        week, text = event.week, event.text

        def done(state: Any) -> None:
            if week == self.week:
                self.coach.saved(state.coach_questions)

        def failed(message: str) -> None:
            if week == self.week:
                self.coach.failed(message)
            else:
                self._write_failed(message)

        self.submit(lambda store: store.review.set_coach_questions(week, text), done, failed)

    def on_action_list_decide(self, event: ActionList.Decide) -> None:
        event.stop()
        if self.review is None:
            return
        week, item_id, decision = self.week, event.item_id, event.decision
        previous = self.review.focus.previous.week

        def write(store: JournalStore) -> Any:
            reviews = store.review
            if item_id is None:
                return reviews.set_focus_outcome(previous, decision)
            if decision is None:
                return reviews.undo_action_decision(week, item_id)
            return reviews.decide_action(week, item_id, decision)

        def done(_: Any) -> None:
            if week == self.week:
                self.reload()

        self.submit(write, done)

    # ----------------------------------------------------------------- the inbox

    def on_reflect_form_save(self, event: ReflectForm.Save) -> None:
        event.stop()
        form, entry_id, patch = event.form, event.entry_id, event.patch

        def done(entry: EntryRow) -> None:
            form.saved(entry)
            if entry.reflected:
                self.notify(f"Reflected on #{entry.id}: it leaves the inbox.")
                if form.entry_id == entry.id:
                    form.close()
            else:
                self.notify(
                    f"Saved #{entry.id}. It stays in the inbox until it has "
                    "a do-differently note or a lesson."
                )
            self.reload()

        self.submit(lambda store: store.update(entry_id, patch), done, form.show_error)
