"""The one yes/no dialog answers as each use declares, and the app's hooks are declared."""

from __future__ import annotations

import pytest
from textual.app import App

from tui.dialogs.confirm import ConfirmDialog
from tui.hooks import Exports, Leavable


class Asking(App[None]):
    """Shows one dialog and keeps its answer."""

    def __init__(self, dialog: ConfirmDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.answers: list[bool | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.answers.append)


@pytest.mark.parametrize(
    ("dialog", "key", "answer"),
    [
        (ConfirmDialog("Purge #3?", yes="Purge"), "y", True),
        (ConfirmDialog("Purge #3?", yes="Purge"), "n", False),
        (ConfirmDialog("Purge #3?", yes="Purge"), "escape", False),
        (ConfirmDialog("Purge #3?", yes="Purge"), "enter", False),  # the no button has focus
    ],
)
async def test_each_dialog_answers_by_its_own_keys(
    dialog: ConfirmDialog, key: str, answer: bool
) -> None:
    app = Asking(dialog)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert app.answers == [answer]


def test_the_hooks_the_app_calls_are_declared_by_the_screens() -> None:
    from tui.screens.browse import BrowseScreen
    from tui.screens.capture import CaptureScreen
    from tui.screens.entry import EntryScreen
    from tui.screens.review import ReviewScreen

    assert issubclass(EntryScreen, Leavable)
    assert issubclass(BrowseScreen, Exports) and issubclass(ReviewScreen, Exports)
    assert not issubclass(CaptureScreen, Exports)
