"""The one yes/no dialog: before something that cannot be taken back (purge), or that loses
typing (discard).

Each use says its question, its two buttons and their keys; escape always answers no.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Button, Label
from textual.widgets.button import ButtonVariant


class ConfirmDialog(ModalScreen[bool]):
    """Returns True for the yes button (or its key), False for the no button, its key or escape.

    ``detail`` is a second line under the question (shown as plain text, never as markup);
    ``focus_yes`` puts the focus on the yes button (the no button has it by default, so that an
    enter typed too soon keeps what the user has); ``ids`` names the two buttons.
    """

    BINDINGS = [Binding("escape", "answer(False)", "Cancel")]

    def __init__(
        self,
        question: str,
        yes: str = "Yes",
        no: str = "Cancel",
        *,
        detail: str | None = None,
        detail_id: str | None = None,
        keys: tuple[str, str] = ("y", "n"),
        ids: tuple[str, str] = ("yes", "no"),
        yes_variant: ButtonVariant = "error",
        focus_yes: bool = False,
    ) -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no
        self.detail = detail
        self.detail_id = detail_id
        self.keys = keys
        self.ids = ids
        self.yes_variant: ButtonVariant = yes_variant
        self.focus_yes = focus_yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-question", markup=False)
            if self.detail is not None:
                yield Label(self.detail, id=self.detail_id, classes="dialog-detail", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, id=self.ids[0], variant=self.yes_variant)
                yield Button(self.no, id=self.ids[1])

    def on_mount(self) -> None:
        self.query_one(f"#{self.ids[0 if self.focus_yes else 1]}", Button).focus()

    def on_key(self, event: Key) -> None:
        if event.key in self.keys:
            event.stop()
            self.dismiss(event.key == self.keys[0])

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == self.ids[0])

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
