"""The first-run welcome: shown beside the form on an empty journal, never in the way."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input
from tui_helpers import app_for, seed_sample, settle

from tui.widgets.welcome import Welcome


async def test_welcome_on_an_empty_journal_keeps_typing_in_what_happened(tmp_path: Path) -> None:
    app = app_for(tmp_path / "new.db", first_run=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.query_one(Welcome).has_class("shown"))
        welcome = app.query_one(Welcome)
        assert welcome.display and welcome.region.width > 0
        assert app.focused is app.query_one("#what", Input)
        await pilot.press(*"Teller smiled")
        assert app.query_one("#what", Input).value == "Teller smiled"
        await pilot.press("f2")
        await settle(pilot)
        assert welcome.region.width == 0
        await pilot.press("f2")
        await settle(pilot)
        assert welcome.region.width > 0
        assert app.query_one("#what", Input).value == "Teller smiled"


async def test_no_welcome_once_the_journal_has_entries(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    seed_sample(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.query_one("#setting", Input).value != "")
        assert not app.query_one(Welcome).has_class("shown")
        assert app.query_one(Welcome).region.width == 0
