"""Quitting with unsaved edits: save them, discard them, or go back to them."""

from __future__ import annotations

from typing import Literal, Protocol, runtime_checkable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

Answer = Literal["save", "discard"]


@runtime_checkable
class HoldsUnsaved(Protocol):
    """A screen that can hold edits the journal does not have yet (an open entry, a reflection
    in the review): the app asks it before quitting, so that ctrl+q never drops them silently."""

    def unsaved(self) -> str | None:
        """What is unsaved, as words for the question ("your changes to #3"), or None."""

    def save_unsaved(self) -> bool:
        """Save it now, on the calling thread; False (the error shown at its field) if refused."""


class UnsavedDialog(ModalScreen[Answer | None]):
    """ "save", "discard", or None to go back to editing (escape; the focused default)."""

    BINDINGS = [
        Binding("escape", "answer(None)", "Keep editing"),
        Binding("s", "answer('save')", "Save"),
        Binding("d", "answer('discard')", "Discard"),
    ]

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                f"Quit with {self.what} not saved?", classes="dialog-question", markup=False
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save and quit", id="save", variant="primary")
                yield Button("Discard and quit", id="discard", variant="error")
                yield Button("Keep editing", id="keep")

    def on_mount(self) -> None:
        # The harmless answer has the focus: an Enter or a space typed on reflex does no harm.
        self.query_one("#keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        answer = event.button.id
        self.dismiss(answer if answer in ("save", "discard") else None)  # type: ignore[arg-type]

    def action_answer(self, answer: Answer | None) -> None:
        self.dismiss(answer)
