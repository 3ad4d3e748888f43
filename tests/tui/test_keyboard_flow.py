"""Enter walks the whole capture form, choices included, so no field needs the mouse."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input
from tui_helpers import app_for, settle

from tui.widgets.choice import Choice
from tui.widgets.tag_picker import TagPicker


async def test_enter_moves_through_every_quick_field(tmp_path: Path) -> None:
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        await pilot.press(*"Teller smiled", "enter", *"bank", "enter", "enter")
        assert app.focused is app.query_one("#perspective", Choice)
        await pilot.press("right", "right", "enter")
        assert app.focused is app.query_one("#overall", Choice)
        await pilot.press("right", "enter")
        assert app.focused is app.query_one(TagPicker).input
        assert app.query_one("#perspective", Choice).value == "customer"
        assert app.query_one("#overall", Choice).value == "well"
        assert app.query_one("#setting", Input).value == "bank"
