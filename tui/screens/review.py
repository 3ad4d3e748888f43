"""The weekly review: a week at a glance, the inbox to finish, the check-in, next week's focus.

``build_review`` runs in a thread worker, so the screen stays responsive however big the journal
is. A still "Reading 2026-W47…" line shows when it takes longer than 0.15 s (an animated
indicator would compete with the worker for the interpreter), and a generation number drops
answers for a week the user has already left. Every write (a reflection, a check-in answer, a
decision) goes through one queue worked off in order in a thread, then the review is read again
quietly: the widgets keep what is being typed and where the cursor is.

Single-letter keys are screen bindings: text fields consume letters, so they act only where no
text field has the focus.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Label, TextArea

from journal.errors import JournalError
from journal.review import WeekReview, build_review, current_week
from journal.review_store import ReviewStore
from journal.store import EntryRow, Store
from journal.weeks import shift_week, week_dates
from tui.widgets.key_hints import KeyHints
from tui.widgets.mode_bar import ModeBar
from tui.widgets.review_actions import ActionList
from tui.widgets.review_checkin import CheckinForm
from tui.widgets.review_dimensions import DimensionTable
from tui.widgets.review_focus import CoachForm, FocusForm
from tui.widgets.review_inbox import Inbox
from tui.widgets.review_lists import RecurringList, WinsList
from tui.widgets.review_reflect import ReflectForm
from tui.widgets.review_summary import (
    CountsView,
    MosaicView,
    ReviewHeader,
    ReviewProgress,
)

SPINNER_DELAY_S = 0.15
"""The loading indicator shows when a week takes longer than this to read."""
WIDE = 110
"""From this many columns the review uses two columns."""
PANELS = {
    "glance-panel": "Week at a glance",
    "dimensions-panel": "Dimensions",
    "recurring-panel": "Recurring problems",
    "wins-panel": "Wins",
    "inbox-panel": "Inbox",
    "actions-panel": "Action items and last week's focus",
    "checkin-panel": "Self check-in",
    "focus-panel": "Focus for next week",
    "coach-panel": "Questions for the coach",
}
SUBTITLES = {
    "dimensions-panel": "e shows the tags",
    "inbox-panel": "enter reflects",
    "actions-panel": "d done · x dropped · o carried over · u undo",
    "checkin-panel": "↑↓ question · ←→ or 1 2 3 answer · saved as you go",
}
Write = Callable[[Store], Any]


def panel(name: str) -> Vertical:
    return Vertical(id=name, classes="panel")


class ReviewScreen(Screen[None]):
    AUTO_FOCUS = ""
    """The focus is placed once the week is shown (``_focus_first``): a first stop on the body
    would restyle every panel twice (focus, then blur) for nothing."""
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
        Binding("e", "expand", "Tags per dimension", show=False, id="review.expand"),
        Binding("x", "export", "Export", show=False, id="review.export"),
        Binding("ctrl+s", "save", "Save", show=False, id="review.save"),
        Binding("escape", "leave_field", "Leave field", show=False, id="review.leave"),
    ]

    def __init__(self, week: str | None = None) -> None:
        super().__init__(id="review")
        self.week = week or ""
        self.review: WeekReview | None = None
        self._generation = 0
        self._loading = False
        self._reviewed = False
        self._in_dialog = False
        self._spinner: Timer | None = None
        self._writes: deque[tuple[Write, Callable[[Any], None] | None, Callable[[str], None]]]
        self._writes = deque()
        self._writing = False
        self._first_resume = True
        self._forms_ready = False
        self._forms_scheduled = False
        self._catalogue: list[Any] = []

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        self._fit(self.app.size.width)  # before the panels exist: no second styling pass
        yield ModeBar("review")
        yield ReviewHeader(id="review-header")
        yield ReviewProgress("", id="review-progress")
        with VerticalScroll(id="review-body"):
            yield Label("", id="review-empty")
            with Horizontal(id="review-columns"):
                with Vertical(classes="review-column"):
                    with panel("glance-panel"):
                        yield CountsView("", id="review-counts")
                        yield MosaicView("", id="review-mosaic")
                    with panel("wins-panel"):
                        yield WinsList("", id="review-wins")
                with Vertical(classes="review-column"):
                    with panel("dimensions-panel"):
                        yield DimensionTable(id="review-dimensions")
                    with panel("recurring-panel"):
                        yield RecurringList("", id="review-recurring")
            with panel("inbox-panel"):
                yield Inbox(id="inbox")
            with panel("actions-panel"):
                yield ActionList(id="actions-list")
                yield Label("", id="actions-empty")
            # Filled after the first paint (_mount_forms): below the first screen.
            yield panel("checkin-panel")
            with Horizontal(id="review-plans"):
                yield panel("focus-panel")
                yield panel("coach-panel")
        yield KeyHints()

    def on_mount(self) -> None:
        for name, title in PANELS.items():
            widget = self.query_one(f"#{name}")
            widget.border_title = title
            widget.border_subtitle = SUBTITLES.get(name, "")
        if not self.week:
            self.week = current_week(self.app.settings)
        self.show_week(self.week)

    def _schedule_forms(self) -> None:
        """The check-in, focus and coach forms (half the screen's widgets) are mounted after the
        paint that shows the week's first figures (or why they could not be read): they lie
        below the first screen, and the figures show sooner without them."""
        if not self._forms_scheduled:
            self._forms_scheduled = True
            self.call_after_refresh(self._mount_forms)

    async def _mount_forms(self) -> None:
        await self.query_one("#checkin-panel").mount(CheckinForm(id="checkin"))
        await self.query_one("#focus-panel").mount(FocusForm(id="focus"))
        await self.query_one("#coach-panel").mount(CoachForm(id="coach"))
        self._forms_ready = True
        if self.review is not None:
            self._show_forms(self.review, reset=True)
            self._show_progress()

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        self.set_class(width >= WIDE, "-wide")

    @property
    def body(self) -> VerticalScroll:
        return self.query_one("#review-body", VerticalScroll)

    @property
    def inbox(self) -> Inbox:
        return self.query_one(Inbox)

    @property
    def checkin(self) -> CheckinForm:
        return self.query_one(CheckinForm)

    @property
    def focus_form(self) -> FocusForm:
        return self.query_one(FocusForm)

    @property
    def coach(self) -> CoachForm:
        return self.query_one(CoachForm)

    @property
    def actions(self) -> ActionList:
        return self.query_one(ActionList)

    # ----------------------------------------------------------------- loading

    def show(self, which: str) -> None:
        """For the app and the palette: "this" week, the "previous" one, or a week label."""
        this = current_week(self.app.settings)
        if which == "this":
            self.go_to_week(this)
        elif which == "previous":
            self.go_to_week(shift_week(this, -1))
        else:
            self.go_to_week(which)

    def show_week(self, week: str) -> None:
        """Show ``week`` at once (its title) and read its review in a worker."""
        self.week = week
        first, last = week_dates(week, self.app.settings.week_start)
        this = week == current_week(self.app.settings)
        self.query_one(ReviewHeader).show_week(week, first, last, this)
        self.reload(quiet=False)

    def reload(self, quiet: bool = True) -> None:
        self._generation += 1
        self._loading = True
        if self.review is None:
            # The first review is read at once when the journal is free: the screen then paints
            # once, with its figures, instead of empty panels and a second full layout.
            try:
                first = self.app.backend.call_now(self._read, self.week)
            except JournalError as exc:
                self._load_failed(self._generation, str(exc))
                return
            if first is not None:
                self._loaded(self._generation, *first)
                return
        if not quiet and self._spinner is None:
            # Only when the answer is slow: drawing the indicator costs the worker time.
            self._spinner = self.set_timer(SPINNER_DELAY_S, self._show_loading)
        self._load(self._generation, self.week)

    def _read(self, store: Store, week: str) -> tuple[WeekReview, list[Any]]:
        return build_review(store, week, self.app.settings), store.tag_catalogue()

    def _show_loading(self) -> None:
        self._spinner = None
        if self._loading:
            self.query_one(ReviewProgress).show_loading(self.week)

    def _hide_loading(self) -> None:
        if self._spinner is not None:
            self._spinner.stop()
            self._spinner = None

    @work(thread=True, group="review-load", exit_on_error=False)
    def _load(self, generation: int, week: str) -> None:
        try:
            review, catalogue = self.app.backend.call(self._read, week)
        except JournalError as exc:
            self.app.call_from_thread(self._load_failed, generation, str(exc))
            return
        self.app.call_from_thread(self._loaded, generation, review, catalogue)

    def _load_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._loading = False
            self._hide_loading()
            self.notify(message, severity="error", markup=False)
            self._schedule_forms()

    def _loaded(self, generation: int, review: WeekReview, catalogue: list[Any]) -> None:
        if generation != self._generation:
            return
        reset = self.review is None or self.review.week != review.week
        self.review = review
        self._loading = False
        self._reviewed = review.reviewed_at is not None
        zone = self.app.zone
        empty = review.counts.entries == 0
        self.query_one(ReviewHeader).show_state(review.reviewed_at, review.streak, zone)
        message = self.query_one("#review-empty", Label)
        message.display = empty
        message.update(
            f"No entries in {review.week}. Press [ for the previous week, or ctrl+n to capture one."
        )
        for name in ("glance-panel", "dimensions-panel", "wins-panel", "inbox-panel"):
            self.query_one(f"#{name}").display = not empty
        self.query_one("#recurring-panel").display = not empty or bool(review.recurring)
        self.query_one(CountsView).show_counts(review.counts)
        self.query_one(MosaicView).show_mosaic(review.mosaic)
        self.query_one(DimensionTable).show_table(review.groups, review.tags)
        self.query_one(RecurringList).show_recurring(review.recurring)
        self.query_one(WinsList).show_wins(review.wins, zone)
        self.inbox.show_entries(review.unreflected, zone, not empty)
        count = len(review.unreflected)
        self.query_one("#inbox-panel").border_title = (
            f"Inbox: {count} to reflect on" if count else "Inbox"
        )
        self._show_actions(review)
        self._catalogue = catalogue
        if self._forms_ready:
            self._show_forms(review, reset)
        self._show_progress()
        self._hide_loading()
        self.refresh_bindings()
        self._schedule_forms()
        if reset:
            self._focus_first()
        else:
            self.call_after_refresh(self._keep_focus)

    def _show_actions(self, review: WeekReview) -> None:
        self.actions.show_items(review.action_items, review.focus.previous)
        has_any = bool(review.action_items or review.focus.previous.tag)
        self.actions.display = has_any
        empty = self.query_one("#actions-empty", Label)
        empty.display = not has_any
        empty.update(
            f"Nothing to mark: no open action items, and no focus was chosen in "
            f"{review.focus.previous.week}'s review."
        )

    def _show_forms(self, review: WeekReview, reset: bool) -> None:
        self.checkin.show_checkin(review.checkin)
        self.focus_form.set_catalogue(self._catalogue, [r.slug for r in review.recurring])
        self.focus_form.show_focus(review.focus.current, reset)
        self.coach.show_questions(review.week, review.coach_questions, reset)

    def _show_progress(self) -> None:
        review = self.review
        if review is None:
            return
        if self._forms_ready:  # what is being answered, not yet saved, counts too
            answered, focus = len(self.checkin.answers), self.focus_form.known[0]
        else:
            answered, focus = len(review.checkin.answers), review.focus.current.tag
        self.query_one(ReviewProgress).show_review(review, answered, focus)

    def _focus_first(self) -> None:
        """The inbox (or the action items) where they show on the first screen; else the top."""
        self.body.scroll_home(animate=False)
        if not self.has_class("-wide"):
            self.body.focus()
            return
        for target in (self.inbox.listing, self.actions):
            if target.display and target.option_count:
                target.focus(scroll_visible=False)
                return
        self.body.focus()

    def _keep_focus(self) -> None:
        """After the inbox empties (or the focused row went away): on to the next task."""
        if self.focused is not None and self.focused in self.focus_chain:
            return
        for target in (self.inbox.listing, self.actions):
            if target.display and target.option_count:
                target.focus()
                return
        self.action_go("checkin")

    def on_screen_resume(self) -> None:
        if self._first_resume:
            self._first_resume = False  # shown for the first time: the week was just read
        elif self._in_dialog:
            self._in_dialog = False
        elif self.review is not None and not self._loading:
            self.reload(quiet=True)  # entries may have been captured or edited meanwhile

    # ----------------------------------------------------------------- weeks

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
        if self._forms_ready:
            self.focus_form.request_save()
            self.coach.request_save()
        self.show_week(week)

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
        self.app.push_screen(WeekJumpDialog(self.week, self.app.settings.week_start), chosen)

    def action_export(self) -> None:
        """Export the reviewed week (in the action items, x is "dropped" instead)."""
        from tui.dialogs.export import ExportDialog
        from tui.dialogs.export_options import week_range

        self._in_dialog = True
        self.app.push_screen(ExportDialog(week_range(self.week, self.app.settings.week_start)))

    # ----------------------------------------------------------------- moving around

    def action_go(self, where: str) -> None:
        target: Widget
        if where in ("checkin", "focus") and not self._forms_ready:
            return  # in the frame before the forms exist
        if where == "inbox":
            target = self.inbox.listing
        elif where == "actions":
            target = self.actions
        elif where == "checkin":
            choices = list(self.checkin.query("Choice"))
            unanswered = [
                c for n, c in enumerate(choices, start=1) if n not in self.checkin.answers
            ]
            target = (unanswered or choices)[0]
        else:
            target = self.focus_form.select
        if target.display:
            target.focus()
            target.scroll_visible(top=where != "inbox")

    def action_leave_field(self) -> None:
        """Out of a text field (it saves on leaving), so that the letter keys act again."""
        if isinstance(self.focused, Input | TextArea):
            self.body.focus(scroll_visible=False)

    def action_expand(self) -> None:
        shown = self.query_one(DimensionTable).toggle()
        self.query_one("#dimensions-panel").border_subtitle = (
            "e hides the tags" if shown else SUBTITLES["dimensions-panel"]
        )

    def action_save(self) -> None:
        """Outside the forms (they bind ctrl+s themselves) there is nothing to save."""
        self.notify("The check-in and the action items are saved as you go.")

    # ----------------------------------------------------------------- writing

    def submit(
        self,
        write: Write,
        done: Callable[[Any], None] | None = None,
        failed: Callable[[str], None] | None = None,
    ) -> None:
        """Run ``write(store)`` after the writes before it, then ``done(result)`` here."""
        self._writes.append((write, done, failed or self._write_failed))
        if not self._writing:
            self._writing = True
            self._drain()

    @work(thread=True, group="review-write", exit_on_error=False)
    def _drain(self) -> None:
        while self._writes:
            write, done, failed = self._writes.popleft()
            try:
                result = self.app.backend.call(write)
            except JournalError as exc:
                self.app.call_from_thread(failed, str(exc))
                continue
            if done is not None:
                self.app.call_from_thread(done, result)
        self.app.call_from_thread(self._drained)

    def _drained(self) -> None:
        if self._writes:
            self._drain()
        else:
            self._writing = False

    def _write_failed(self, message: str) -> None:
        self.notify(message, severity="error", markup=False)

    # ----------------------------------------------------------------- the week's decisions

    def action_mark_reviewed(self) -> None:
        if self.review is None:
            return
        week, marking = self.week, not self._reviewed
        self._reviewed = marking

        def write(store: Store) -> tuple[Any, int]:
            reviews = ReviewStore(store.db)
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
        self.submit(lambda store: ReviewStore(store.db).save_checkin(week, {number: answer}))
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

        self.submit(lambda store: ReviewStore(store.db).set_focus(week, tag, plan), done, failed)

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

        self.submit(
            lambda store: ReviewStore(store.db).set_coach_questions(week, text), done, failed
        )

    def on_action_list_decide(self, event: ActionList.Decide) -> None:
        event.stop()
        if self.review is None:
            return
        week, item_id, decision = self.week, event.item_id, event.decision
        previous = self.review.focus.previous.week

        def write(store: Store) -> Any:
            reviews = ReviewStore(store.db)
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
