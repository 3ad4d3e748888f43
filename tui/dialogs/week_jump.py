"""Go to a week: type 2026-W47 (or a date inside it) and press Enter; escape cancels."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from journal.errors import UsageError
from journal.weeks import WEEK_EXAMPLE, parse_week, week_label, week_of


def read_week(text: str, week_start: str = "monday") -> str:
    """The week label ``text`` names (``2026-w7``, ``2026W07`` or a date like ``2026-11-20``).

    Raises UsageError with one sentence and an example when it names no week.
    """
    text = text.strip()
    try:
        return week_label(*parse_week(text))
    except UsageError:
        try:
            return week_of(date.fromisoformat(text), week_start)
        except ValueError:
            pass
        raise


class WeekJumpDialog(ModalScreen[str | None]):
    """Returns the chosen week's label, or None when cancelled."""

    DEFAULT_CSS = """
    WeekJumpDialog { align: center middle; }
    WeekJumpDialog .dialog { width: 72; }
    WeekJumpDialog Label { width: 100%; }
    #week-jump-error { color: $text-error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, week: str, week_start: str = "monday") -> None:
        super().__init__()
        self.week = week
        self.week_start = week_start

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Go to which week?", classes="dialog-question")
            yield Input(self.week, placeholder=WEEK_EXAMPLE, id="week-jump-input")
            yield Label(
                f"Like {WEEK_EXAMPLE}, or a date in the week (2026-11-20). "
                "enter goes, escape cancels.",
                classes="dialog-detail",
            )
            yield Label("", id="week-jump-error", markup=False)

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.focus()
        field.select_all()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#week-jump-error", Label).update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            week = read_week(event.value, self.week_start)
        except UsageError as exc:
            self.query_one("#week-jump-error", Label).update(str(exc))
            return
        self.dismiss(week)

    def action_cancel(self) -> None:
        self.dismiss(None)
