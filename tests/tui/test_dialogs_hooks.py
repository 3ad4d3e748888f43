"""The one yes/no dialog answers as each use declares, and the app's hooks are declared."""

from __future__ import annotations

import pytest
from textual.app import App

from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.restore_draft import RestoreDraftDialog
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
        (RestoreDraftDialog("Barista was kind"), "r", True),
        (RestoreDraftDialog("Barista was kind"), "d", False),
        (RestoreDraftDialog("Barista was kind"), "escape", False),
        (RestoreDraftDialog("Barista was kind"), "enter", True),  # restore has focus
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


async def test_a_restore_dialog_keeps_other_letters_to_itself() -> None:
    app = Asking(RestoreDraftDialog("Barista was kind"))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("y", "n")
        await pilot.pause()
        assert app.answers == [] and isinstance(app.screen, RestoreDraftDialog)


def test_the_hooks_the_app_calls_are_declared_by_the_screens() -> None:
    from tui.screens.browse import BrowseScreen
    from tui.screens.capture import CaptureScreen
    from tui.screens.entry import EntryScreen
    from tui.screens.review import ReviewScreen

    assert issubclass(EntryScreen, Leavable)
    assert issubclass(BrowseScreen, Exports) and issubclass(ReviewScreen, Exports)
    assert not issubclass(CaptureScreen, Exports)
