"""Reading a week for the review and showing it in the panels.

``build_review`` runs in a thread worker, so the screen stays responsive however big the journal
is. A still "Reading 2026-W47…" line shows when it takes longer than 0.15 s (an animated
indicator would compete with the worker for the interpreter), and a generation number drops
answers for a week the user has already left. The check-in, focus and coach forms are mounted
only after the week's first figures have painted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.timer import Timer
from textual.widgets import Label

from journal.errors import JournalError
from journal.review.build import WeekReview, build_review, current_week
from journal.store.interface import JournalStore
from journal.weeks import week_dates
from tui.widgets.review_actions import ActionList
from tui.widgets.review_checkin import CheckinForm
from tui.widgets.review_dimensions import DimensionTable
from tui.widgets.review_focus import CoachForm, FocusForm
from tui.widgets.review_inbox import Inbox
from tui.widgets.review_lists import RecurringList, WinsList
from tui.widgets.review_summary import (
    CountsView,
    MosaicView,
    ReviewHeader,
    ReviewProgress,
)

if TYPE_CHECKING:
    from textual.screen import Screen

    _Screen = Screen[None]
else:
    _Screen = object  # a plain mixin: the screen keeps ReviewScreen's own CSS type and bindings

SPINNER_DELAY_S = 0.15
"""The loading indicator shows when a week takes longer than this to read."""


class WeekLoading(_Screen):
    """A mixin for the review screen; ``ReviewScreen.__init__`` sets the state below with the
    rest of the screen's state, so that one place lists all of it."""

    week: str
    review: WeekReview | None
    _generation: int
    _loading: bool
    _reviewed: bool
    _spinner: Timer | None
    _forms_ready: bool
    _forms_scheduled: bool
    _catalogue: list[Any]

    if TYPE_CHECKING:  # where the focus goes once a week shows is the screen's to say

        def _focus_first(self) -> None: ...

        def _keep_focus(self) -> None: ...

    # ----------------------------------------------------------------- the panels

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

    # ----------------------------------------------------------------- loading

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

    def _read(self, store: JournalStore, week: str) -> tuple[WeekReview, list[Any]]:
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

    # ----------------------------------------------------------------- showing

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
