"""Shown instead of a traceback when the journal cannot be used: why, and what to do."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Label


class ErrorScreen(Screen[None]):
    """One sentence saying what is wrong, and how to leave; the journal file is not touched."""

    BINDINGS = [Binding("q,escape,ctrl+q", "quit_app", "Quit", priority=True)]

    def __init__(self, message: str) -> None:
        super().__init__(id="error")
        self.message = message

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="error-box"):
            yield Label("The journal cannot be opened", id="error-title")
            yield Label(self.message, id="error-message", markup=False)
            yield Label(
                "Nothing was changed. Press q to quit; then fix the problem, or start "
                "with another file: service-journal --db PATH",
                id="error-help",
            )

    def on_mount(self) -> None:
        self.border_title = "Service Journal"

    def action_quit_app(self) -> None:
        self.app.exit(return_code=3)
