"""The review's panels: a week at a glance, own practice and observation apart, the trends,
the inbox, the action items, check-in and plans.

The body shows what the screen hands it (``show``) and says where the focus goes within it; it
reads and writes nothing. The check-in, focus and coach forms (half the review's widgets) are
mounted after the paint that shows the week's first figures: they lie below the first screen,
and the figures show sooner without them. ``FormsReady`` tells the screen they are there.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label

from journal.review.build import WeekReview
from tui.access import journal_app
from tui.widgets.review_actions import ActionList
from tui.widgets.review_checkin import CheckinForm
from tui.widgets.review_dimensions import DimensionTable
from tui.widgets.review_focus import CoachForm, FocusForm
from tui.widgets.review_inbox import Inbox
from tui.widgets.review_lists import RecurringList, WinsList
from tui.widgets.review_practice import ObservedView, OwnPracticeView
from tui.widgets.review_summary import CountsView, MosaicView
from tui.widgets.review_trends import TrendsPanel

PANELS = {
    "glance-panel": "Week at a glance",
    "dimensions-panel": "Dimensions: every entry, mine and observed",
    "recurring-panel": "Recurring problems of my own practice",
    "wins-panel": "My wins",
    "own-panel": "My own practice",
    "observed-panel": "What I observed",
    "trends-panel": "Trends",
    "inbox-panel": "Inbox",
    "actions-panel": "Action items and last week's focus",
    "checkin-panel": "Self check-in",
    "focus-panel": "Focus for next week",
    "coach-panel": "Questions for the coach",
}
SUBTITLES = {
    "dimensions-panel": "e shows the tags",
    "own-panel": "entries where I was serving",
    "observed-panel": "witnessed or as the customer",
    "trends-panel": "w · my own practice, week by week",
    "inbox-panel": "enter reflects",
    "actions-panel": "d done · x dropped · o carried over · u undo",
    "checkin-panel": "↑↓ question · ←→ or 1 2 3 answer · saved as you go",
}


def panel(name: str) -> Vertical:
    return Vertical(id=name, classes="panel")


class ReviewBody(VerticalScroll):
    """The scrolling part of the review, below its header and progress lines."""

    class FormsReady(Message):
        """The check-in, focus and coach forms are mounted and show the current week."""

    def __init__(self) -> None:
        super().__init__(id="review-body")
        self.forms_ready = False
        self._forms_scheduled = False
        self._review: WeekReview | None = None
        self._catalogue: list[Any] = []

    def compose(self) -> ComposeResult:
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
        with Horizontal(id="review-practice"):
            with panel("own-panel"):
                yield OwnPracticeView("", id="review-own")
            with panel("observed-panel"):
                yield ObservedView("", id="review-observed")
        with panel("trends-panel"):
            yield TrendsPanel(id="review-trends")
        with panel("inbox-panel"):
            yield Inbox(id="inbox")
        with panel("actions-panel"):
            yield ActionList(id="actions-list")
            yield Label("", id="actions-empty")
        yield panel("checkin-panel")  # the forms come after the first paint (_mount_forms)
        with Horizontal(id="review-plans"):
            yield panel("focus-panel")
            yield panel("coach-panel")

    def on_mount(self) -> None:
        for name, title in PANELS.items():
            widget = self.query_one(f"#{name}")
            widget.border_title = title
            widget.border_subtitle = SUBTITLES.get(name, "")

    # ----------------------------------------------------------------- the panels

    @property
    def inbox(self) -> Inbox:
        return self.query_one(Inbox)

    @property
    def actions(self) -> ActionList:
        return self.query_one(ActionList)

    @property
    def trends(self) -> TrendsPanel:
        return self.query_one(TrendsPanel)

    @property
    def checkin(self) -> CheckinForm:
        return self.query_one(CheckinForm)

    @property
    def focus_form(self) -> FocusForm:
        return self.query_one(FocusForm)

    @property
    def coach(self) -> CoachForm:
        return self.query_one(CoachForm)

    def progress(self, review: WeekReview) -> tuple[int, str | None]:
        """Questions answered and the focus chosen: what is typed, not yet saved, counts too."""
        if self.forms_ready:
            return len(self.checkin.answers), self.focus_form.known[0]
        return len(review.checkin.answers), review.focus.current.tag

    # ----------------------------------------------------------------- showing a week

    def show(self, review: WeekReview, catalogue: list[Any], reset: bool) -> None:
        """Show ``review``; ``reset`` when it is another week than the one shown (the forms
        then drop what was typed for the last one)."""
        self._review, self._catalogue = review, catalogue
        zone = journal_app(self).zone
        empty = review.counts.entries == 0
        message = self.query_one("#review-empty", Label)
        message.display = empty
        message.update(
            f"No entries in {review.week}. Press [ for the previous week, or ctrl+n to capture one."
        )
        for name in (
            "glance-panel",
            "dimensions-panel",
            "wins-panel",
            "inbox-panel",
            "own-panel",
            "observed-panel",
        ):
            self.query_one(f"#{name}").display = not empty
        self.query_one("#recurring-panel").display = not empty or bool(review.recurring)
        self.query_one(CountsView).show_counts(review.counts)
        self.query_one(MosaicView).show_mosaic(review.mosaic)
        self.query_one(DimensionTable).show_table(review.groups, review.tags)
        self.query_one(RecurringList).show_recurring(review.recurring)
        # Wins are the user's own: what went well in others' service is in What I observed.
        own_wins = review.practice.own.wins if review.practice is not None else []
        self.query_one(WinsList).show_wins(own_wins, zone)
        if review.practice is not None:
            self.query_one(OwnPracticeView).show_practice(review.practice.own, zone)
            self.query_one(ObservedView).show_observed(review.practice.observed, zone)
        self.trends.show_trends(review.trends)
        self.inbox.show_entries(review.unreflected, zone, not empty)
        count = len(review.unreflected)
        self.query_one("#inbox-panel").border_title = (
            f"Inbox: {count} to reflect on" if count else "Inbox"
        )
        self._show_actions(review)
        if self.forms_ready:
            self._show_forms(review, reset)

    def _show_actions(self, review: WeekReview) -> None:
        self.actions.show_items(review.action_items, review.focus.previous, week=review.week)
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

    def schedule_forms(self) -> None:
        """Mount the forms after the next paint (once: later calls do nothing)."""
        if not self._forms_scheduled:
            self._forms_scheduled = True
            self.call_after_refresh(self._mount_forms)

    async def _mount_forms(self) -> None:
        await self.query_one("#checkin-panel").mount(CheckinForm(id="checkin"))
        await self.query_one("#focus-panel").mount(FocusForm(id="focus"))
        await self.query_one("#coach-panel").mount(CoachForm(id="coach"))
        self.forms_ready = True
        if self._review is not None:
            self._show_forms(self._review, reset=True)
        self.post_message(self.FormsReady())

    def save_plans(self) -> None:
        """Save the focus and the coach questions (as on leaving the week)."""
        if self.forms_ready:
            self.focus_form.request_save()
            self.coach.request_save()

    def toggle_tags(self) -> None:
        shown = self.query_one(DimensionTable).toggle()
        self.query_one("#dimensions-panel").border_subtitle = (
            "e hides the tags" if shown else SUBTITLES["dimensions-panel"]
        )

    # ----------------------------------------------------------------- the focus

    def focus_first(self, wide: bool) -> None:
        """The inbox (or the action items) where they show on the first screen; else the top."""
        self.scroll_home(animate=False)
        if not wide:
            self.focus()
            return
        for target in (self.inbox.listing, self.actions):
            if target.display and target.option_count:
                target.focus(scroll_visible=False)
                return
        self.focus()

    def keep_focus(self) -> None:
        """After the inbox empties (or the focused row went away): on to the next task."""
        focused = self.screen.focused
        if focused is not None and focused in self.screen.focus_chain:
            return
        for target in (self.inbox.listing, self.actions):
            if target.display and target.option_count:
                target.focus()
                return
        self.go("checkin")

    def go(self, where: str) -> None:
        """Focus the inbox, the action items, the trends, the first unanswered check-in
        question or the focus form, scrolled into view."""
        target: Widget
        if where in ("checkin", "focus") and not self.forms_ready:
            return  # in the frame before the forms exist
        if where == "inbox":
            target = self.inbox.listing
        elif where == "trends":
            target = self.trends
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
            target.focus(scroll_visible=False)
            # A panel's title is on its border: bring the panel to the top, not only its list.
            parent = target.parent
            shown = (
                parent
                if where in ("trends", "actions") and isinstance(parent, Vertical)
                else target
            )
            shown.scroll_visible(top=where != "inbox")
