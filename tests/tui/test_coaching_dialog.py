"""Recording a coaching session from the review screen (s): the dialog, its checks, escape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Label, TextArea
from tui_helpers import app_for, open_store, record_notifications, seed_sample, settle

from tui.app import ServiceJournalApp
from tui.dialogs.coaching_session import CoachingSessionDialog, agreements_from
from tui.dialogs.confirm import ConfirmDialog
from tui.screens.review import ReviewScreen

WEEK = "2024-W10"  # the sample's week: Mon 4 to Sun 10 March 2024


async def open_review(pilot: Pilot[Any], week: str = WEEK) -> ReviewScreen:
    app = pilot.app
    assert isinstance(app, ServiceJournalApp)
    await settle(pilot, lambda: app.backend.is_open)
    await app.run_action(f"review('{week}')")
    await settle(
        pilot,
        lambda: (
            isinstance(app.screen, ReviewScreen)
            and app.screen.review is not None
            and app.screen.settled
        ),
    )
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


def dialog(app: ServiceJournalApp) -> CoachingSessionDialog:
    assert isinstance(app.screen, CoachingSessionDialog)
    return app.screen


def sessions(path: Path) -> list[tuple[str | None, list[str]]]:
    with open_store(path) as store:
        return [(s.notes, [a.text for a in s.agreements]) for s in store.coaching.sessions()]


def test_agreements_are_one_per_line() -> None:
    assert agreements_from("  Greet first \n\n Smile\n  \n") == ["Greet first", "Smile"]


async def test_a_session_is_recorded_with_its_agreements(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    seed_sample(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        notes = record_notifications(app)
        screen = await open_review(pilot)
        await pilot.press("s")
        await settle(pilot, lambda: isinstance(app.screen, CoachingSessionDialog))
        box = dialog(app)
        when = box.query_one("#session-when", Input)
        assert app.focused is when and when.value == "now"
        when.value = "2024-03-05 16:00"
        await pilot.press("enter")  # on to the notes
        assert box.query_one("#session-notes", TextArea).has_focus
        await pilot.press(*"Greeting", "tab")
        await pilot.press(*"Greet within 5 seconds", "enter", *"Smile at the door")
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.screen is screen and screen.settled)
        assert "Session #1 recorded, 2 agreements." in notes
        # The agreements are action items of the reviewed week, where they can be decided.
        texts = [a.text for a in screen.review.action_items]  # type: ignore[union-attr]
        assert texts[-2:] == ["Greet within 5 seconds", "Smile at the door"]
    assert sessions(path) == [("Greeting", ["Greet within 5 seconds", "Smile at the door"])]


async def test_a_bad_time_is_shown_in_the_dialog_and_nothing_is_saved(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    seed_sample(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot)
        await pilot.press("s")
        await settle(pilot, lambda: isinstance(app.screen, CoachingSessionDialog))
        box = dialog(app)
        box.query_one("#session-when", Input).value = "whenever"
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = str(box.query_one("#session-error", Label).render())
        assert error.startswith('Could not understand "whenever" as a time')
        assert app.screen is box  # still open, the typing kept
    assert sessions(path) == []


async def test_escape_asks_before_discarding_what_was_typed(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    seed_sample(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("s")
        await settle(pilot, lambda: isinstance(app.screen, CoachingSessionDialog))
        box = dialog(app)
        box.query_one("#session-agreements", TextArea).focus()
        await pilot.press(*"Smile")
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")  # keep editing
        await settle(pilot, lambda: app.screen is box)
        assert box.query_one("#session-agreements", TextArea).text == "Smile"
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")  # discard
        await settle(pilot, lambda: app.screen is screen)
        # With nothing typed, escape closes at once.
        await pilot.press("s")
        await settle(pilot, lambda: isinstance(app.screen, CoachingSessionDialog))
        await pilot.press("escape")
        await settle(pilot, lambda: app.screen is screen)
    assert sessions(path) == []
