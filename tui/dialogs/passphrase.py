"""The passphrase of an encrypted journal, asked before any of its entries load."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label


class PassphraseDialog(ModalScreen[str | None]):
    """Returns the typed passphrase, or None when the user gives up (escape or Quit).

    The journal's opening worker waits for the answer and asks again, with ``wrong`` set, when
    the passphrase did not open the file; nothing of the journal is read before that.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, name: str, wrong: bool) -> None:
        super().__init__()
        self.journal_name = name
        self.wrong = wrong

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="passphrase-dialog"):
            yield Label(f"{self.journal_name} is encrypted.", classes="dialog-question")
            if self.wrong:
                yield Label("That passphrase is wrong; try again.", id="passphrase-wrong")
            yield Input(password=True, placeholder="Passphrase", id="passphrase")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Open", id="open", variant="primary")
                yield Button("Quit", id="quit")

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "open":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _submit(self) -> None:
        value = self.query_one("#passphrase", Input).value
        if value:
            self.dismiss(value)
