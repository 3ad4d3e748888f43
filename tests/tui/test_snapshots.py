"""What the screens look like at 80x24 and 120x40 (SVGs in __snapshots__; review them).

Seed data is fixed and dated 2024, and the capture form shows "now" rather than a clock time,
so the pictures do not change from run to run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from tui_helpers import app_for, seed_sample, settle

from tui.screens.browse import BrowseScreen
from tui.screens.entry import EntryScreen
from tui.widgets.tag_picker import TagPicker

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.mark.parametrize("size", SIZES)
def test_capture(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "j.db"
    seed_sample(path)
    app = app_for(path)

    async def fill(pilot: Pilot) -> None:
        await settle(pilot, lambda: app.query_one("#setting").value != "")
        app.query_one("#what").value = "Cashier finished a phone call first"
        app.query_one("#overall").value = "badly"
        picker = app.query_one(TagPicker)
        picker.tags = ["-attention", "-queue"]
        picker.input.value = "-ack"
        picker.input.focus()
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=fill)


async def browse_the_sample(pilot: Pilot) -> None:
    """Open browse once the journal is open and wait until the five sample rows are shown."""
    app = pilot.app
    await settle(pilot, lambda: app.backend.is_open)  # type: ignore[attr-defined]
    await pilot.press("ctrl+b")
    await settle(
        pilot,
        lambda: (
            isinstance(app.screen, BrowseScreen) and app.screen.query_one("#entries").row_count == 5
        ),
    )


@pytest.mark.parametrize("size", SIZES)
def test_browse(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "j.db"
    seed_sample(path)
    app = app_for(path)

    async def open_browse(pilot: Pilot) -> None:
        await browse_the_sample(pilot)
        await pilot.press("down")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_browse)


@pytest.mark.parametrize("size", SIZES)
def test_entry_detail(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "j.db"
    seed_sample(path)
    app = app_for(path)

    async def open_entry(pilot: Pilot) -> None:
        await browse_the_sample(pilot)
        await pilot.press("down", "enter")  # the waiter: reflected, with a lesson
        await settle(
            pilot,
            lambda: (
                isinstance(app.screen, EntryScreen)
                and app.screen.query_one("#what").value.startswith("Waiter")
            ),
        )

    assert snap_compare(app, terminal_size=size, run_before=open_entry)
