"""The weekly review: a week at a glance, the inbox to finish, the check-in, next week's focus.

The screen lays out the panels, moves between weeks and between the panels. Reading a week in
the background lives in ``review_loading``; every write (a reflection, a check-in answer, a
decision) goes through the one queue in ``review_writes``, worked off in order in a thread, then
the review is read again quietly: the widgets keep what is being typed and where the cursor is.
The handlers that queue those writes are in ``review_decisions``.

Single-letter keys are screen bindings: text fields consume letters, so they act only where no
text field has the focus.
"""

from __future__ import annotations

from collections import deque

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label, TextArea

from journal.errors import JournalError
from journal.review.build import current_week
from journal.weeks import shift_week
from tui.screens.review_decisions import ReviewDecisions
from tui.screens.review_loading import WeekLoading
from tui.screens.review_writes import WriteQueue
from tui.styles import REVIEW
from tui.widgets.key_hints import KeyHints
from tui.widgets.mode_bar import ModeBar
from tui.widgets.review_actions import ActionList
from tui.widgets.review_dimensions import DimensionTable
from tui.widgets.review_inbox import Inbox
from tui.widgets.review_lists import RecurringList, WinsList
from tui.widgets.review_summary import (
    CountsView,
    MosaicView,
    ReviewHeader,
    ReviewProgress,
)

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


def panel(name: str) -> Vertical:
    return Vertical(id=name, classes="panel")


class ReviewScreen(ReviewDecisions, WriteQueue, WeekLoading, Screen[None]):
    """Loading a week, the write queue and the decisions come from mixins, named in the order
    ``ReviewDecisions`` inherits them so that Python can order the classes."""

    CSS_PATH = REVIEW
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
        self.review = None
        self._generation = 0
        self._loading = False
        self._reviewed = False
        self._in_dialog = False
        self._spinner = None
        self._writes = deque()
        self._writing = False
        self._first_resume = True
        self._forms_ready = False
        self._forms_scheduled = False
        self._catalogue = []

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

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        self.set_class(width >= WIDE, "-wide")

    @property
    def body(self) -> VerticalScroll:
        return self.query_one("#review-body", VerticalScroll)

    # ----------------------------------------------------------------- the shown week

    def show(self, which: str) -> None:
        """For the app and the palette: "this" week, the "previous" one, or a week label."""
        this = current_week(self.app.settings)
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
            entry = self.app.backend.call(lambda store: store.update(entry_id, patch))
        except JournalError as exc:
            form.show_error(str(exc))
            return False
        form.saved(entry)
        return True

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
