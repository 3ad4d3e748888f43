"""The footer's key hints: what they list, that they follow the focus, and that a click presses."""

from __future__ import annotations

from pathlib import Path

from test_browse import open_browse
from textual.widgets import Input
from tui_helpers import app_for, seed_sample, settle

from tui.screens.browse import BrowseScreen
from tui.widgets.key_hints import KeyHints


def hints_text(app) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one(KeyHints).render().plain


async def test_capture_lists_its_keys_and_the_palette(tmp_path: Path) -> None:
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        text = hints_text(app)
        for hint in ("^s Save", "^b Browse", "^r Review", "f1 Help", "^p palette"):
            assert hint in text
        assert text.rstrip().endswith("^p palette")  # the palette sits at the right edge
        assert "New entry" not in text  # the way to where the user already is is hidden


async def test_hints_follow_the_focus(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    seed_sample(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        browse = await open_browse(pilot, app)
        assert "⏎ Open" in hints_text(app)  # the list has the focus
        browse.query_one("#f-search", Input).focus()
        await settle(pilot, lambda: "⏎ Open" not in hints_text(app))
        browse.table.focus()
        await settle(pilot, lambda: "⏎ Open" in hints_text(app))


async def test_clicking_a_hint_presses_its_key(tmp_path: Path) -> None:
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        text = hints_text(app)
        column = text.index("Browse")
        await pilot.click(KeyHints, offset=(column, 0))
        await settle(pilot, lambda: isinstance(app.screen, BrowseScreen))


async def test_hints_that_do_not_fit_are_left_out_whole(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    seed_sample(path)
    app = app_for(path)
    async with app.run_test(size=(60, 24)) as pilot:
        await open_browse(pilot, app)
        hints = app.screen.query_one(KeyHints)
        text = hints.render().plain
        shown, _ = hints.hints()
        descriptions = [binding.description for binding, _ in shown]
        listed = [d for d in descriptions if f" {d} " in text]
        assert 0 < len(listed) < len(descriptions)  # some fit, some do not
        assert listed == descriptions[: len(listed)]  # in order, from the first
        assert len(text) <= 60
        left = text.split("▏")[0].rstrip()
        assert left.endswith(listed[-1])  # the last one shown is whole, not cut
