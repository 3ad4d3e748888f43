"""What a newcomer relies on: switches that read right, one meaning per key, keys for filters."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from test_browse import open_browse
from test_review_screen import WEEK, open_review, seed_full, shown
from textual.widgets import Checkbox, Input, Label, TextArea
from tui_helpers import app_for, open_store, seed_sample, settle

from journal.store.review_state import ReviewStore
from journal.values import EntryFilter
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.export import ExportDialog
from tui.screens.entry import EntryScreen
from tui.screens.help import HelpScreen
from tui.widgets.entry_list import EntryList
from tui.widgets.review_summary import ReviewHeader
from tui.widgets.tick import Tick
from tui.widgets.welcome import Welcome, WelcomeScreen


def box(widget: Checkbox) -> str:
    """The three cells of the box as drawn, without colour."""
    return str(widget.render())[:3]


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


async def test_review_decisions_move_on_and_undo_returns_the_state_before(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    ids = seed_full(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        actions = screen.actions

        def decision() -> str | None:
            assert screen.review is not None
            return screen.review.action_items[0].decision

        await pilot.press("a", "o")  # the focus: carried over; the highlight moves to the item
        await settle(pilot, lambda: shown(app, WEEK) and not screen.writes.pending)
        assert actions.highlighted == 1
        await pilot.press("d")
        await settle(pilot, lambda: shown(app, WEEK) and decision() == "done")
        await pilot.press("n")  # the last row: the highlight stays, a second decision replaces
        await settle(pilot, lambda: shown(app, WEEK) and decision() == "dropped")
        await pilot.press("u")  # back to done, not to "to mark"
        await settle(pilot, lambda: shown(app, WEEK) and decision() == "done")
        await pilot.press("x")  # x exports, even with the focus in the action items
        await settle(pilot, lambda: isinstance(app.screen, ExportDialog))
        await pilot.press("escape")
        await settle(pilot, lambda: not screen.writes.pending)
    with open_store(path) as store:
        assert ReviewStore(store.db).action_decisions(WEEK) == {ids["item"]: "done"}


async def test_enter_opens_an_entry_to_read_and_e_goes_to_the_reflection(tmp_path: Path) -> None:
    seed_sample(tmp_path / "j.db")
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_browse(pilot, app)
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, EntryScreen))
        entry = app.screen
        assert isinstance(entry, EntryScreen)
        what = entry.query_one("#what", Input)
        await settle(pilot, lambda: what.value != "")
        title = what.value
        assert app.focused is entry.query_one("#entry-form")
        await pilot.press("down", "q", "z")  # reading: nothing typed lands in a field
        assert what.value == title
        assert not entry.query_one("#situation", TextArea).text
        await pilot.press("e")
        assert app.focused is entry.query_one("#situation")
        await pilot.press("O", "k")
        assert entry.query_one("#situation", TextArea).text == "Ok"
        assert what.value == title


async def test_f_and_i_filter_browse_to_flagged_and_unreflected(tmp_path: Path) -> None:
    seed_sample(tmp_path / "j.db")
    with open_store(tmp_path / "j.db") as store:
        rows = store.list(EntryFilter()).entries
    flagged = {row.what for row in rows if row.flagged}
    unreflected = {row.what for row in rows if not row.reflected}
    assert flagged and unreflected and flagged != unreflected
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(100, 30)) as pilot:
        browse = await open_browse(pilot, app)
        table = browse.query_one(EntryList)

        def listed() -> set[str]:
            """The full texts of the rows shown (a cell may be cut short, or marked ⚑)."""
            cells = [
                table.cells_at(i)[-1].removeprefix("⚑ ").rstrip("…") for i in range(table.row_count)
            ]
            return {row.what for row in rows for cell in cells if row.what.startswith(cell)}

        assert listed() == {row.what for row in rows}
        await pilot.press("f")
        await settle(pilot, lambda: not browse.reading and listed() == flagged)
        assert box(browse.query_one("#f-flagged", Tick)) == "▐X▌"
        await pilot.press("f", "i")
        await settle(pilot, lambda: not browse.reading and listed() == unreflected)
        assert app.focused is table


async def test_left_and_right_move_between_a_dialogs_buttons(tmp_path: Path) -> None:
    app = app_for(tmp_path / "j.db")
    answers: list[bool | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        app.push_screen(ConfirmDialog("Purge it?", "Purge"), answers.append)
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        dialog = app.screen
        assert app.focused is dialog.query_one("#no")
        await pilot.press("left")
        assert app.focused is dialog.query_one("#yes")
        await pilot.press("left")  # the first button stays focused
        assert app.focused is dialog.query_one("#yes")
        await pilot.press("right")
        assert app.focused is dialog.query_one("#no")
        await pilot.press("left", "enter")
        await settle(pilot, lambda: bool(answers))
    assert answers == [True]


async def test_the_readme_names_the_capture_fields_in_the_forms_order(tmp_path: Path) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    tour = " ".join(readme.split("press `enter` to move on:", 1)[1].split("`ctrl+s`")[0].split())
    names = {
        "setting": "setting",
        "when": "when",
        "perspective": "perspective",
        "overall": "overall",
        "tags": "tags",
        "what you would do differently": "differently",
    }
    documented = sorted(
        names.values(),
        key=lambda field: tour.index(next(word for word, name in names.items() if name == field)),
    )
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.backend.is_open and app.focused is not None)
        await settle(pilot, lambda: bool(app.screen.query("#differently")))
        order: list[str] = []
        for _ in range(12):
            await pilot.press("tab")
            field = (
                next(
                    (w.id for w in (app.focused, *app.focused.ancestors) if w.id in names.values()),
                    None,
                )
                if app.focused
                else None
            )
            if field and field not in order:
                order.append(field)
    assert order == documented


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
async def test_the_review_header_keeps_the_streak_once_the_week_is_reviewed(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    path = tmp_path / "j.db"
    seed_full(path)
    app = app_for(path)
    async with app.run_test(size=size) as pilot:
        screen = await open_review(pilot)
        await pilot.press("m")
        reviewed = screen.query_one("#week-reviewed", Label)
        await settle(pilot, lambda: "✓ reviewed" in str(reviewed.render()))
        streak = screen.query_one("#week-streak", Label)
        text = str(streak.render())
        assert "3" in text and "in a row" in text
        for label in screen.query_one(ReviewHeader).query(Label):
            if label.display:
                assert label.region.right <= size[0]
                assert cell_len(str(label.render())) <= label.content_region.width, label.id


async def test_the_help_wraps_under_the_text_at_80_columns(tmp_path: Path) -> None:
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        await pilot.press("f1")
        await settle(pilot, lambda: isinstance(app.screen, HelpScreen))
        panel = app.screen.query_one("#help")
        for section in app.screen.query(".help-section"):
            lines = str(section.render()).splitlines()
            assert all(cell_len(line) <= panel.content_region.width for line in lines)
            # A wrapped text goes on under the texts, never back in the column of keys.
            key_lines = [line for line in lines if line.startswith("  ") and line[2] != " "]
            text_start = min(len(line) - len(line[2:].split("  ", 1)[-1]) for line in key_lines)
            for line in lines:
                if line.startswith("   "):
                    assert len(line) - len(line.lstrip(" ")) >= text_start - 2, line


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
async def test_f2_shows_the_welcome_over_the_form_when_it_has_no_room_beside(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=size) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        capture = app.screen
        await pilot.press("f2")
        await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        welcome = app.screen.query_one(Welcome)
        assert "Welcome to Service Journal" in str(welcome.render())
        assert welcome.region.right <= size[0] and welcome.region.bottom <= size[1]
        await pilot.press("q")  # any key closes, and is not typed anywhere
        await settle(pilot, lambda: app.screen is capture)
        assert capture.query_one("#what", Input).value == ""
