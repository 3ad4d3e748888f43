"""Confirm a tag name that is not in the catalogue, choosing its group and a description."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from journal.taxonomy import GROUPS

CUSTOM_GROUP = "Custom"


class NewTagDialog(ModalScreen[tuple[str, str] | None]):
    """Returns (group, description) to create the tag, or None to cancel."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, slug: str) -> None:
        super().__init__()
        self.slug = slug

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                f"“{self.slug}” is not in the catalogue. Create it as your own tag?",
                classes="dialog-question",
            )
            yield Label("Group (the service dimension it belongs to):")
            yield OptionList(
                *(Option(group, id=group) for group in (*GROUPS, CUSTOM_GROUP)),
                id="new-tag-group",
            )
            yield Input(placeholder="Description (optional)", id="new-tag-description")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Create", id="create", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        groups = self.query_one(OptionList)
        groups.highlighted = len(GROUPS)
        groups.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#new-tag-description", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._create()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "create":
            self._create()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _create(self) -> None:
        option = self.query_one(OptionList).highlighted_option
        group = option.id if option is not None and option.id else CUSTOM_GROUP
        self.dismiss((group, self.query_one("#new-tag-description", Input).value.strip()))
