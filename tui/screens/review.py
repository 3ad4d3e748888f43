"""The weekly review: a week at a glance, the inbox to finish, the check-in, next week's focus.

The screen is composed of the header and progress lines, the body with its panels
(``tui.widgets.review_body``), the week's reader (``tui.widgets.review_reader``: an exclusive
worker, a later read cancels the one before and its answer is dropped) and the write queue
(``tui.widgets.review_writes``); they answer with messages. The screen moves between weeks and
says what each decision writes (``review_decisions``) and what its answer changes on screen.
Every write goes through the one queue, worked off in order, then the review is read again
quietly: the widgets keep what is being typed and where the cursor is.

Single-letter keys are screen bindings: text fields consume letters, so they act only where no
text field has the focus.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, TextArea

from journal.errors import JournalError
from journal.review.build import WeekReview, current_week
from journal.store import EntryRow
from journal.store.review_state import WeekState
from journal.weeks import shift_week, week_dates
from tui.access import journal_app
from tui.screens import review_decisions as decisions
from tui.styles import REVIEW
from tui.widgets.key_hints import KeyHints
from tui.widgets.mode_bar import ModeBar
from tui.widgets.review_actions import ActionList
from tui.widgets.review_body import ReviewBody
from tui.widgets.review_checkin import CheckinForm
from tui.widgets.review_focus import CoachForm, FocusForm
from tui.widgets.review_inbox import Inbox
from tui.widgets.review_reader import WeekReader
from tui.widgets.review_reflect import ReflectForm
from tui.widgets.review_summary import ReviewHeader, ReviewProgress
from tui.widgets.review_writes import ReviewWrites

WIDE = 110
"""From this many columns the review uses two columns."""
SPINNER_DELAY_S = 0.15
"""A still "Reading 2026-W47…" line shows when a week takes longer than this to read (an
animated indicator would compete with the worker for the interpreter)."""


class ReviewScreen(Screen[None]):
    CSS_PATH = REVIEW
    AUTO_FOCUS = ""
    """The focus is placed once the week is shown (``ReviewBody.focus_first``): a first stop on
    the body would restyle every panel twice (focus, then blur) for nothing."""
    BINDINGS = [
        Binding("left_square_bracket", "previous_week", "Prev", key_display="[", id="review.prev"),
        Binding("right_square_bracket", "next_week", "Next", key_display="]", id="review.next"),
        Binding("t", "this_week", "This week", show=False, id="review.this"),
        Binding("g", "jump", "Go to week", id="review.jump"),
        Binding("m", "mark_reviewed", "Mark reviewed", id="review.mark"),
        Binding("i", "go('inbox')", "Inbox", id="review.inbox"),
        Binding("a", "go('actions')", "Actions", id="review.actions"),
        Binding("c", "go('checkin')", "Check-in", id="review.checkin"),
        Binding("f", "go('focus')", "Focus", id="review.focus"),
        Binding("w", "go('trends')", "Trends", id="review.trends"),
        Binding("e", "expand", "Tags per dimension", show=False, id="review.expand"),
        Binding("x", "export", "Export", show=False, id="review.export"),
        Binding("s", "record_session", "Coaching session", show=False, id="review.session"),
        Binding("ctrl+s", "save", "Save", show=False, id="review.save"),
        Binding("escape", "leave_field", "Leave field", show=False, id="review.leave"),
    ]

    def __init__(self, week: str | None = None) -> None:
        super().__init__(id="review")
        self.week = week or ""
        self.review: WeekReview | None = None
        self._loading = False
        self._reviewed = False
        self._in_dialog = False
        self._spinner: Timer | None = None
        self._first_resume = True

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        self._fit(self.app.size.width)  # before the panels exist: no second styling pass
        yield ModeBar("review")
        yield ReviewHeader(id="review-header")
        yield ReviewProgress("", id="review-progress")
        yield ReviewBody()
        yield WeekReader()
        yield ReviewWrites()
        yield KeyHints()

    def on_mount(self) -> None:
        if not self.week:
            self.week = current_week(journal_app(self).settings)
        self.show_week(self.week)

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        self.set_class(width >= WIDE, "-wide")

    @property
    def body(self) -> ReviewBody:
        return self.query_one(ReviewBody)

    @property
    def writes(self) -> ReviewWrites:
        return self.query_one(ReviewWrites)

    @property
    def inbox(self) -> Inbox:
        return self.body.inbox

    @property
    def actions(self) -> ActionList:
        return self.body.actions

    @property
    def coach(self) -> CoachForm:
        return self.body.coach

    @property
    def reading(self) -> bool:
        """True while the shown week is being read."""
        return self._loading

    @property
    def settled(self) -> bool:
        """The week is shown with all its panels, and nothing is being read or written."""
        return (
            self.review is not None
            and not self._loading
            and self.body.forms_ready
            and not self.writes.pending
        )

    # ----------------------------------------------------------------- the shown week

    def show(self, which: str) -> None:
        """For the app and the palette: "this" week, the "previous" one, or a week label."""
        this = current_week(journal_app(self).settings)
        if which == "this":
            self.go_to_week(this)
        elif which == "previous":
            self.go_to_week(shift_week(this, -1))
        else:
            self.go_to_week(which)

    def on_screen_resume(self) -> None:
        if self._first_resume:
            self._first_resume = False  # shown for the first time: the week was just read
        elif self._in_dialog:
            self._in_dialog = False
        elif self.review is not None and not self._loading:
            self.reload(quiet=True)  # entries may have been captured or edited meanwhile

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "go" and self.review is not None:
            if parameters == ("inbox",):
                return bool(self.review.unreflected)
            if parameters == ("actions",):
                return self.actions.display
        return True

    def go_to_week(self, week: str) -> None:
        """Leave the shown week (saving the focus and questions, asking about a reflection)."""
        form = self.inbox.form
        if form is not None and form.is_open and form.changes():
            from tui.dialogs.confirm import ConfirmDialog

            def answered(discard: bool | None) -> None:
                if discard:
                    form.close()
                    self.go_to_week(week)

            self._in_dialog = True
            question = f"Discard your unsaved reflection on #{form.entry_id}?"
            self.app.push_screen(
                ConfirmDialog(question, yes="Discard", no="Keep editing"), answered
            )
            return
        if form is not None and form.is_open:
            form.close()
        self.body.save_plans()
        self.show_week(week)

    def unsaved(self) -> str | None:
        """An open reflection with changes (the app asks before quitting; see HoldsUnsaved)."""
        form = self.inbox.form
        if form is not None and form.is_open and form.changes():
            return f"your reflection on #{form.entry_id}"
        return None

    def save_unsaved(self) -> bool:
        """Write the open reflection now, past the write queue: the app is about to quit."""
        form = self.inbox.form
        if form is None or form.entry_id is None or not form.changes():
            return True
        patch = form.checked_patch()
        if patch is None:
            return False
        entry_id = form.entry_id
        try:
            entry = journal_app(self).backend.call(lambda store: store.update(entry_id, patch))
        except JournalError as exc:
            form.show_error(str(exc))
            return False
        form.saved(entry)
        return True

    # ----------------------------------------------------------------- reading a week

    def show_week(self, week: str) -> None:
        """Show ``week`` at once (its title) and read its review in a worker."""
        self.week = week
        settings = journal_app(self).settings
        first, last = week_dates(week, settings.week_start)
        this = week == current_week(settings)
        self.query_one(ReviewHeader).show_week(week, first, last, this)
        self.reload(quiet=False)

    def reload(self, quiet: bool = True) -> None:
        """Read the shown week again; ``quiet`` shows no "Reading…" line however long it takes."""
        self._loading = True
        if self.review is None:
            # The first review is read at once when the journal is free: the screen then paints
            # once, with its figures, instead of empty panels and a second full layout.
            try:
                first = self.query_one(WeekReader).read_now(self.week)
            except JournalError as exc:
                self._read_failed(str(exc))
                return
            if first is not None:
                self._show_review(first.review, first.catalogue)
                return
        if not quiet and self._spinner is None:
            # Only when the answer is slow: drawing the indicator costs the worker time.
            self._spinner = self.set_timer(SPINNER_DELAY_S, self._show_loading)
        self.query_one(WeekReader).read(self.week)

    def on_week_reader_read(self, event: WeekReader.Read) -> None:
        event.stop()
        if event.current:
            self._show_review(event.review, event.catalogue)

    def on_week_reader_failed(self, event: WeekReader.Failed) -> None:
        event.stop()
        if event.current:
            self._read_failed(event.message)

    def _show_loading(self) -> None:
        self._spinner = None
        if self._loading:
            self.query_one(ReviewProgress).show_loading(self.week)

    def _hide_loading(self) -> None:
        if self._spinner is not None:
            self._spinner.stop()
            self._spinner = None

    def _read_failed(self, message: str) -> None:
        self._loading = False
        self._hide_loading()
        self.notify(message, severity="error", markup=False)
        self.body.schedule_forms()

    def _show_review(self, review: WeekReview, catalogue: list[Any]) -> None:
        reset = self.review is None or self.review.week != review.week
        self.review = review
        self._loading = False
        self._reviewed = review.reviewed_at is not None
        self.query_one(ReviewHeader).show_state(
            review.reviewed_at, review.streak, journal_app(self).zone
        )
        self.body.show(review, catalogue, reset)
        self._show_progress()
        self._hide_loading()
        self.refresh_bindings()
        self.body.schedule_forms()
        if reset:
            self.body.focus_first(self.has_class("-wide"))
        else:
            self.call_after_refresh(self.body.keep_focus)

    def _show_progress(self) -> None:
        if self.review is not None:
            answered, focus = self.body.progress(self.review)
            self.query_one(ReviewProgress).show_review(self.review, answered, focus)

    def on_review_body_forms_ready(self, event: ReviewBody.FormsReady) -> None:
        event.stop()
        self._show_progress()

    # ----------------------------------------------------------------- the week's decisions

    def _if_shown(self, week: str, then: Callable[[], None]) -> None:
        """A write's answer reaches the panels only while its week is still shown: a late
        answer never overwrites the next week's."""
        if week == self.week:
            then()

    def on_review_writes_failed(self, event: ReviewWrites.Failed) -> None:
        event.stop()
        self.notify(event.message, severity="error", markup=False)

    def action_mark_reviewed(self) -> None:
        if self.review is None:
            return
        week, marking = self.week, not self._reviewed
        self._reviewed = marking

        def done(result: tuple[WeekState, int]) -> None:
            state, streak = result
            if week != self.week:
                return
            zone = journal_app(self).zone
            self.query_one(ReviewHeader).show_state(state.reviewed_at, streak, zone)
            if state.reviewed_at:
                weeks = "week" if streak == 1 else "weeks"
                self.notify(f"{week} marked reviewed: {streak} {weeks} in a row.")
            else:
                self.notify(f"{week} is no longer marked reviewed.")

        self.writes.submit(decisions.mark_reviewed(week, marking), done)

    def on_checkin_form_answer(self, event: CheckinForm.Answer) -> None:
        event.stop()
        self.writes.submit(decisions.answer_checkin(event.week, event.number, event.answer))
        self._show_progress()

    def on_focus_form_save(self, event: FocusForm.Save) -> None:
        event.stop()
        week, form = event.week, self.body.focus_form

        def done(state: WeekState) -> None:
            if week == self.week:
                form.saved(state.focus_tag, state.focus_plan)
                self._show_progress()

        def failed(message: str) -> None:
            if week == self.week:
                form.failed(message)
            else:
                self.notify(message, severity="error", markup=False)

        self.writes.submit(decisions.set_focus(week, event.tag, event.plan), done, failed)

    def on_coach_form_save(self, event: CoachForm.Save) -> None:
        event.stop()
        week, form = event.week, self.coach

        def done(state: WeekState) -> None:
            self._if_shown(week, lambda: form.saved(state.coach_questions))

        def failed(message: str) -> None:
            if week == self.week:
                form.failed(message)
            else:
                self.notify(message, severity="error", markup=False)

        self.writes.submit(decisions.set_coach_questions(week, event.text), done, failed)

    def on_action_list_decide(self, event: ActionList.Decide) -> None:
        event.stop()
        if self.review is None:
            return
        week = self.week
        previous = self.review.focus.previous.week
        write = decisions.decide(week, previous, event.item_id, event.decision)
        self.writes.submit(write, lambda _: self._if_shown(week, self.reload))

    def on_reflect_form_save(self, event: ReflectForm.Save) -> None:
        event.stop()
        form = event.form

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

        self.writes.submit(decisions.reflect(event.entry_id, event.patch), done, form.show_error)

    # ----------------------------------------------------------------- keys

    def action_previous_week(self) -> None:
        self.go_to_week(shift_week(self.week, -1))

    def action_next_week(self) -> None:
        self.go_to_week(shift_week(self.week, 1))

    def action_this_week(self) -> None:
        self.show("this")

    def action_jump(self) -> None:
        from tui.dialogs.week_jump import WeekJumpDialog

        def chosen(week: str | None) -> None:
            if week:
                self.go_to_week(week)

        self._in_dialog = True
        week_start = journal_app(self).settings.week_start
        self.app.push_screen(WeekJumpDialog(self.week, week_start), chosen)

    def action_export(self) -> None:
        """Export the reviewed week (in the action items, x is "dropped" instead)."""
        from tui.dialogs.export import ExportDialog
        from tui.dialogs.export_options import week_range

        self._in_dialog = True
        week_start = journal_app(self).settings.week_start
        self.app.push_screen(ExportDialog(week_range(self.week, week_start)))

    def action_record_session(self) -> None:
        """Record a session with the coach and its agreements (the dialog saves them)."""
        from tui.dialogs.coaching_session import CoachingSessionDialog, SessionSaved

        def saved(result: SessionSaved | None) -> None:
            if result is None:
                return
            count = result.agreements
            self.notify(
                f"Session #{result.session_id} recorded, {count} "
                f"{'agreement' if count == 1 else 'agreements'}."
            )
            self.reload()  # its agreements are action items of the weeks from the session on

        self._in_dialog = True
        self.app.push_screen(CoachingSessionDialog(), saved)

    def action_go(self, where: str) -> None:
        self.body.go(where)

    def action_leave_field(self) -> None:
        """Out of a text field (it saves on leaving), so that the letter keys act again."""
        if isinstance(self.focused, Input | TextArea):
            self.body.focus(scroll_visible=False)

    def action_expand(self) -> None:
        self.body.toggle_tags()

    def action_save(self) -> None:
        """Outside the forms (they bind ctrl+s themselves) there is nothing to save."""
        self.notify("The check-in and the action items are saved as you go.")
