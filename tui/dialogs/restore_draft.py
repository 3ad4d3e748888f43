"""Offer the draft kept from the last session: restore it into the form, or discard it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label


class RestoreDraftDialog(ModalScreen[bool]):
    """True: restore the draft; False: discard it."""

    BINDINGS = [
        Binding("escape", "answer(False)", "Discard"),
        Binding("r", "answer(True)", "Restore"),
        Binding("d", "answer(False)", "Discard"),
    ]

    def __init__(self, summary: str) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("A draft from last time was kept:", classes="dialog-question")
            yield Label(self.summary, id="draft-summary", classes="dialog-detail", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Restore", id="restore", variant="primary")
                yield Button("Discard", id="discard")

    def on_mount(self) -> None:
        self.query_one("#restore", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "restore")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
