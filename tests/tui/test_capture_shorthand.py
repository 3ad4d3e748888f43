"""The shorthand typed in "What happened" fills the form live; ctrl+z restores the typed text."""

from __future__ import annotations

from pathlib import Path

from textual.keys import _character_to_key
from textual.widgets import Input, Label
from tui_helpers import app_for, open_store, settle

from journal.values import EntryFilter
from tui.widgets.choice import Choice
from tui.widgets.quick_fields import QuickFields
from tui.widgets.tag_picker import TagPicker

EXAMPLE = "Teller kept typing -att -queue @bank ~w =badly // greet the line first"


def keys(text: str) -> list[str]:
    return [_character_to_key(ch) for ch in text]


async def test_the_issue_example_fills_every_field_and_saves_a_complete_entry(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j.db"
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open and app.query_one(QuickFields).complete)
        await pilot.press(*keys(EXAMPLE))
        await settle(pilot)
        assert app.query_one("#what", Input).value == "Teller kept typing "
        assert app.query_one("#setting", Input).value == "bank"
        assert app.query_one("#perspective", Choice).value == "witnessed"
        assert app.query_one("#overall", Choice).value == "badly"
        assert app.query_one(TagPicker).tags == ["-attention", "-queue"]
        assert app.query_one("#differently", Input).value == "greet the line first"
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: "Saved #1" in str(app.query_one("#capture-status").render()))
        # The status says what was understood, the time first, as the CLI's line does.
        status = str(app.query_one("#capture-status").render())
    with open_store(path) as store:
        (entry,) = store.list(EntryFilter()).entries
        shown = entry.occurred_at.astimezone(app.zone)
        assert status.startswith(f"Saved #1 at {shown:%a %d %b %H:%M} · bank · witnessed · badly")
        assert "-attention · -queue" in status
        assert entry.what == "Teller kept typing"
        assert (entry.setting, entry.perspective, entry.overall) == ("bank", "witnessed", "badly")
        assert [str(t) for t in entry.tags] == ["-attention", "-queue"]
        assert entry.differently == "greet the line first"


async def test_a_token_waits_until_it_is_complete_and_ctrl_z_restores_the_typed_text(
    tmp_path: Path,
) -> None:
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open and app.query_one(QuickFields).complete)
        await pilot.press(*keys("Nurse smiled +pat"))
        await settle(pilot)
        assert app.query_one("#what", Input).value == "Nurse smiled +pat"
        assert app.query_one(TagPicker).tags == []
        await pilot.press("space")
        await settle(pilot)
        assert app.query_one("#what", Input).value == "Nurse smiled "
        assert app.query_one(TagPicker).tags == ["+patience"]
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.query_one("#what", Input).value == "Nurse smiled +pat "
        assert app.query_one(TagPicker).tags == []
        assert app.focused is app.query_one("#what")


async def test_an_ambiguous_prefix_stays_text_with_the_candidates_shown(tmp_path: Path) -> None:
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open and app.query_one(QuickFields).complete)
        await pilot.press(*keys("Slow -co "))
        await settle(pilot)
        assert app.query_one("#what", Input).value == "Slow -co "
        assert "courtesy" in str(app.query_one("#what-error", Label).render())
        assert app.query_one(TagPicker).tags == []
