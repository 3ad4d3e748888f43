"""What a newcomer relies on: switches that read right, one meaning per key, keys for filters."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox
from tui_helpers import app_for, seed_sample, settle

from tui.app import ServiceJournalApp
from tui.screens.browse import BrowseScreen
from tui.widgets.tick import Tick


def box(widget: Checkbox) -> str:
    """The three cells of the box as drawn, without colour."""
    return str(widget.render())[:3]


async def open_browse(pilot, app: ServiceJournalApp) -> BrowseScreen:  # type: ignore[no-untyped-def]
    await settle(pilot, lambda: app.backend.is_open)
    await pilot.press("ctrl+b")
    await settle(pilot, lambda: isinstance(app.screen, BrowseScreen) and not app.screen._loading)
    assert isinstance(app.screen, BrowseScreen)
    return app.screen


async def test_a_switch_that_is_off_draws_an_empty_box(tmp_path: Path) -> None:
    seed_sample(tmp_path / "j.db")
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(100, 30)) as pilot:
        browse = await open_browse(pilot, app)
        boxes = {str(t.id): t for t in browse.query(Tick)}
        assert set(boxes) == {"f-flagged", "f-unreflected", "f-trash"}
        assert [box(t) for t in boxes.values()] == ["▐ ▌"] * 3
        boxes["f-flagged"].value = True
        await pilot.pause()
        assert box(boxes["f-flagged"]) == "▐X▌"
        assert box(boxes["f-trash"]) == "▐ ▌"
