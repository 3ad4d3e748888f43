"""ctrl+q never drops unsaved edits: an open entry or an open reflection in the review asks
first (save and quit, discard and quit, keep editing)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input
from tui_helpers import app_for, open_store, seed_sample, settle

from tui.app import ServiceJournalApp
from tui.dialogs.unsaved import UnsavedDialog
from tui.screens.browse import BrowseScreen
from tui.screens.entry import EntryScreen
from tui.screens.review import ReviewScreen
from tui.widgets.review_reflect import ReflectForm

LESSON = "Greet first"


async def type_a_lesson_in_the_oldest_entry(pilot: Pilot, app: ServiceJournalApp) -> EntryScreen:
    """As a user would: ctrl+b, End, e (reflect), tab x4 to Lesson, type a lesson."""
    await settle(pilot, lambda: app.backend.is_open)
    await pilot.press("ctrl+b")
    await settle(pilot, lambda: isinstance(app.screen, BrowseScreen) and not app.screen.reading)
    await pilot.press("end", "e")
    await settle(pilot, lambda: isinstance(app.screen, EntryScreen))
    entry = app.screen
    assert isinstance(entry, EntryScreen)
    await settle(pilot, lambda: app.focused is entry.query_one("#situation"))
    await pilot.press("tab", "tab", "tab", "tab")
    assert app.focused is entry.query_one("#lesson")
    await pilot.press(*"Greet", "space", *"first")
    assert entry.query_one("#lesson", Input).value == LESSON
    return entry


async def test_quitting_an_entry_with_a_new_lesson_asks_and_can_save_it(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    ids = seed_sample(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_a_lesson_in_the_oldest_entry(pilot, app)
        await pilot.press("ctrl+q")
        await settle(pilot, lambda: isinstance(app.screen, UnsavedDialog))
        assert app.is_running
        await pilot.press("s")
        await settle(pilot, lambda: not app.is_running)
    assert app.return_code == 0
    with open_store(path) as store:
        assert store.get(ids[0]).lesson == LESSON


async def test_keep_editing_returns_to_the_entry_and_discard_quits_without_writing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j.db"
    ids = seed_sample(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        entry = await type_a_lesson_in_the_oldest_entry(pilot, app)
        await pilot.press("ctrl+q")
        await settle(pilot, lambda: isinstance(app.screen, UnsavedDialog))
        await pilot.press("enter")  # the focused button is the harmless one
        await settle(pilot, lambda: app.screen is entry)
        assert entry.query_one("#lesson", Input).value == LESSON
        await pilot.press("ctrl+q")
        await settle(pilot, lambda: isinstance(app.screen, UnsavedDialog))
        await pilot.press("d")
        await settle(pilot, lambda: not app.is_running)
    assert app.return_code == 0
    with open_store(path) as store:
        assert store.get(ids[0]).lesson is None


async def test_a_refused_save_does_not_quit_and_shows_why(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    seed_sample(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        entry = await type_a_lesson_in_the_oldest_entry(pilot, app)
        entry.query_one("#what", Input).value = " "
        await pilot.press("ctrl+q")
        await settle(pilot, lambda: isinstance(app.screen, UnsavedDialog))
        await pilot.press("s")
        await settle(pilot, lambda: app.screen is entry)
        assert app.is_running
        assert "What happened is required" in str(entry.query_one("#what-error").render())
        assert entry.query_one("#lesson", Input).value == LESSON


async def open_a_reflection_with_a_lesson(pilot: Pilot, app: ServiceJournalApp) -> ReviewScreen:
    await settle(pilot, lambda: app.backend.is_open)
    await app.run_action("review('2024-W10')")
    await settle(pilot, lambda: isinstance(app.screen, ReviewScreen) and not app.screen.reading)
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    await settle(pilot, lambda: screen.inbox.listing.option_count > 0)
    screen.inbox.listing.focus()
    await pilot.press("enter")
    await settle(pilot, lambda: screen.inbox.form is not None and screen.inbox.form.is_open)
    form = screen.query_one(ReflectForm)
    form.query_one("#rf-lesson", Input).focus()
    await pilot.press(*"Ask sooner")
    return screen


async def test_quitting_the_review_with_an_unsaved_reflection_asks_and_saves(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j.db"
    seed_sample(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_a_reflection_with_a_lesson(pilot, app)
        form = screen.query_one(ReflectForm)
        entry_id = form.entry_id
        await pilot.press("ctrl+q")
        await settle(pilot, lambda: isinstance(app.screen, UnsavedDialog))
        await pilot.press("s")
        await settle(pilot, lambda: not app.is_running)
    assert app.return_code == 0
    assert entry_id is not None
    with open_store(path) as store:
        assert store.get(entry_id).lesson == "Ask sooner"


async def test_a_reflection_left_open_behind_browse_is_asked_about_too(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    seed_sample(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_a_reflection_with_a_lesson(pilot, app)
        await pilot.press("ctrl+b")
        await settle(pilot, lambda: isinstance(app.screen, BrowseScreen))
        assert screen not in app.screen_stack
        await pilot.press("ctrl+q")
        await settle(pilot, lambda: isinstance(app.screen, UnsavedDialog))
        assert "reflection" in str(app.screen.query_one(".dialog-question").render())
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, BrowseScreen))
        assert app.is_running
