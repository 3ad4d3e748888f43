"""Quick capture: type, tag, save; errors next to the field; drafts survive quitting."""

from __future__ import annotations

import asyncio
import threading
from datetime import tzinfo
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Label
from tui_helpers import add, app_for, open_store, settle

from journal.values import EntryFilter
from tui.dialogs.new_tag import NewTagDialog
from tui.dialogs.restore_draft import RestoreDraftDialog
from tui.forms import new_entry
from tui.widgets.choice import Choice
from tui.widgets.quick_fields import EMPTY, QuickFields
from tui.widgets.tag_picker import TagPicker


def keys(text: str) -> list[str]:
    """Pilot key names for typing ``text``."""
    names = {" ": "space", "-": "minus", "+": "plus", ",": "comma", "'": "apostrophe"}
    return [names.get(ch, ch) for ch in text]


async def test_capture_end_to_end_saves_the_entry_with_signed_tags(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        assert app.focused is app.query_one("#what")
        await pilot.press(*keys("Cashier finished a phone call first"), "enter")
        await pilot.press(*keys("grocery checkout"), "enter", "enter")
        assert app.focused is app.query_one("#perspective")
        await pilot.press("right", "tab", "right", "right", "tab")  # witnessed, went badly
        await pilot.press(*keys("-att"), "enter")
        await pilot.press(*keys("+courtesy"), "enter")
        await pilot.press(*keys("queue"), "enter")  # no sign: done well
        await pilot.press("tab", *keys("Greet first"))
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: "Saved #1" in str(app.query_one("#capture-status").render()))

        # The form is ready for the next entry, keeping setting and perspective.
        assert app.query_one("#what", Input).value == ""
        assert app.query_one("#differently", Input).value == ""
        assert app.query_one("#overall", Choice).value is None
        assert app.query_one(TagPicker).tags == []
        assert app.query_one("#setting", Input).value == "grocery checkout"
        assert app.query_one("#perspective", Choice).value == "witnessed"
        assert app.focused is app.query_one("#what")

    with open_store(path) as store:
        (entry,) = store.list(EntryFilter()).entries
        assert entry.what == "Cashier finished a phone call first"
        assert (entry.setting, entry.perspective, entry.overall) == (
            "grocery checkout",
            "witnessed",
            "badly",
        )
        assert sorted(str(t) for t in entry.tags) == ["+courtesy", "+queue", "-attention"]
        assert entry.differently == "Greet first"
        assert store.load_draft() is None


async def test_empty_what_happened_shows_the_error_under_the_field_and_saves_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j.db"
    app = app_for(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        await pilot.press("tab", *keys("bank"), "ctrl+s")
        await settle(pilot)
        error = app.query_one("#what-error", Label)
        assert error.display
        assert "What happened is required" in str(error.render())
        assert error.region.y == app.query_one("#what").region.bottom
        assert app.focused is app.query_one("#what")
        # Typing and saving again works and clears the error.
        await pilot.press(*keys("Now with text"), "ctrl+s")
        await settle(pilot, lambda: not error.display)
    with open_store(path) as store:
        assert [e.what for e in store.list().entries] == ["Now with text"]


async def test_saving_checks_the_entry_off_the_ui_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first save may import the validation layer (~0.1 s): the form must not freeze."""
    import tui.screens.capture as capture

    threads: list[str] = []

    def recording(values: dict[str, Any], zone: tzinfo) -> Any:
        threads.append(threading.current_thread().name)
        return new_entry(values, zone)

    monkeypatch.setattr(capture, "new_entry", recording)
    path = tmp_path / "j.db"
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*keys("Quick one"), "ctrl+s")
        await settle(pilot, lambda: "Saved #1" in str(app.query_one("#capture-status").render()))
    assert threads and threading.main_thread().name not in threads
    with open_store(path) as store:
        assert [e.what for e in store.list().entries] == ["Quick one"]


def hold_the_other_fields(monkeypatch: pytest.MonkeyPatch) -> asyncio.Event:
    """Keep the capture form at "What happened" alone until the returned event is set."""
    release = asyncio.Event()
    mount_rest = QuickFields.mount_rest

    async def held(self: QuickFields) -> None:
        await release.wait()
        await mount_rest(self)

    monkeypatch.setattr(QuickFields, "mount_rest", held)
    return release


async def test_the_form_shows_what_happened_first_and_a_quick_save_waits_for_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other fields follow "What happened" after the first paint; ctrl+s before they are
    in saves once they are."""
    release = hold_the_other_fields(monkeypatch)
    path = tmp_path / "j.db"
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        fields = app.query_one(QuickFields)
        await pilot.press(*keys("Early bird"))
        assert not fields.complete and not app.query("#setting")
        assert fields.values() == {**EMPTY, "what": "Early bird"}
        save = asyncio.create_task(pilot.press("ctrl+s"))  # held until the fields are in
        await pilot.pause()
        assert app.query_one("#what", Input).value == "Early bird"  # not saved yet
        release.set()
        await save
        await settle(pilot, lambda: "Saved #1" in str(app.query_one("#capture-status").render()))
        order = ["what", "what-error", "setting", "when", "when-error", "perspective", "overall"]
        order += ["tags", "differently", "form-error"]
        assert [w.id for w in fields.query("*") if w.id in order] == order
    with open_store(path) as store:
        assert [e.what for e in store.list().entries] == ["Early bird"]


async def test_a_burst_typed_before_the_other_fields_are_in_lands_where_it_belongs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A paste or a script: tab waits for the fields, and the keys after it wait for the tab."""
    release = hold_the_other_fields(monkeypatch)
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(120, 40)) as pilot:
        burst = asyncio.create_task(
            pilot.press(*keys("Clerk"), "tab", *keys("pharmacy"), "tab", *keys("9am"))
        )
        await pilot.pause()
        assert not app.query("#setting")
        release.set()
        await burst
        await settle(pilot, lambda: app.query_one("#when", Input).value.endswith("9am"))
        assert app.query_one("#what", Input).value == "Clerk"
        assert app.query_one("#setting", Input).value == "pharmacy"


async def test_a_when_the_app_cannot_read_is_refused_next_to_the_field(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        await pilot.press(*keys("Something"))
        app.query_one("#when", Input).value = "the other day"
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = app.query_one("#when-error", Label)
        assert error.display and "Could not understand" in str(error.render())
        app.query_one("#when", Input).value = "2024-05-06 14:30"
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: not error.display)
    with open_store(path) as store:
        (entry,) = store.list().entries
        assert entry.occurred_at.astimezone(app.zone).strftime("%Y-%m-%d %H:%M") == (
            "2024-05-06 14:30"
        )


async def test_setting_and_perspective_are_sticky_from_the_last_entry(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with open_store(path) as store:
        add(store, "Earlier", setting="pharmacy", perspective="customer")
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.query_one("#setting", Input).value != "")
        assert app.query_one("#setting", Input).value == "pharmacy"
        assert app.query_one("#perspective", Choice).value == "customer"


async def test_tag_picker_keys(tmp_path: Path) -> None:
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        picker = app.query_one(TagPicker)
        picker.input.focus()
        # Only the first character is a sign: "-wait-time" is the slug wait-time.
        await pilot.press(*keys("-wait-time"), "enter")
        # Filtering by group: "empathy" lists that group; down moves in the list.
        await pilot.press(*keys("+empathy"), "down", "enter")
        assert picker.tags == ["-wait-time", "+listening"]
        # The same tag with the other sign flips it; with the same sign removes it.
        await pilot.press(*keys("+wait-time"), "enter")
        assert picker.tags == ["+wait-time", "+listening"]
        await pilot.press(*keys("listening"), "enter")
        assert picker.tags == ["+wait-time"]
        # Backspace on an empty field removes the last chosen tag.
        await pilot.press("backspace")
        assert picker.tags == []
        chosen = str(app.query_one("#tag-chosen").render())
        assert "none yet" in chosen


async def test_a_new_tag_is_created_after_confirmation_and_chosen(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        picker = app.query_one(TagPicker)
        await pilot.press("x")  # what happened
        picker.input.focus()
        await pilot.press(*keys("-phone-first"), "enter")
        await settle(pilot, lambda: isinstance(app.screen, NewTagDialog))
        # Choose the Empathy group and give a description.
        await pilot.press("up", "up", "up", "up", "enter")
        await pilot.press(*keys("took a call before the customer"), "enter")
        await settle(pilot, lambda: picker.tags == ["-phone-first"])
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: picker.tags == [])
    with open_store(path) as store:
        custom = {t.slug: t for t in store.tag_catalogue()}["phone-first"]
        assert (custom.group, custom.description, custom.builtin) == (
            "Empathy",
            "took a call before the customer",
            False,
        )
        assert [str(t) for t in store.list().entries[0].tags] == ["-phone-first"]


async def test_cancelling_the_new_tag_dialog_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        picker = app.query_one(TagPicker)
        picker.input.focus()
        await pilot.press(*keys("zzz-unknown"), "enter")
        await settle(pilot, lambda: isinstance(app.screen, NewTagDialog))
        await pilot.press("escape")
        await settle(pilot)
        assert picker.tags == []
        assert app.focused is picker.input
    with open_store(path) as store:
        assert "zzz-unknown" not in {t.slug for t in store.tag_catalogue()}


async def test_quitting_keeps_the_typing_as_a_draft_and_the_next_start_restores_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j.db"
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        await pilot.press(*keys("Half-written encounter"))
        app.query_one(TagPicker).tags = ["-attention"]
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    with open_store(path) as store:
        draft = store.load_draft()
        assert draft is not None and draft["what"] == "Half-written encounter"

    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(  # on screen and laid out: a click before that lands on nothing
            pilot,
            lambda: (
                isinstance(app.screen, RestoreDraftDialog)
                and app.screen.query_one("#restore").region.width > 0
            ),
        )
        await pilot.click("#restore")
        await settle(pilot, lambda: not isinstance(app.screen, RestoreDraftDialog))
        assert app.query_one("#what", Input).value == "Half-written encounter"
        assert app.query_one(TagPicker).tags == ["-attention"]
        assert app.focused is app.query_one("#what")
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.query_one("#what", Input).value == "")
    with open_store(path) as store:
        assert store.load_draft() is None
        assert store.count() == 1


async def test_typing_before_the_draft_offer_is_answered_is_not_lost(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with open_store(path) as store:
        store.save_draft({"what": "Old draft", "differently": "Old idea", "tags": []})
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one("#what", Input).value = "Typed while loading"
        await settle(pilot, lambda: isinstance(app.screen, RestoreDraftDialog))
        await pilot.press("r")
        await settle(pilot, lambda: not isinstance(app.screen, RestoreDraftDialog))
        # What the user typed stays; the draft fills only the empty fields.
        assert app.query_one("#what", Input).value == "Typed while loading"
        assert app.query_one("#differently", Input).value == "Old idea"


async def test_discarding_the_draft_removes_it(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with open_store(path) as store:
        store.save_draft({"what": "Old draft"})
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, RestoreDraftDialog))
        await pilot.press("d")
        await settle(pilot, lambda: not isinstance(app.screen, RestoreDraftDialog))
        assert app.query_one("#what", Input).value == ""
    with open_store(path) as store:
        assert store.load_draft() is None


async def test_autosave_keeps_the_draft_while_typing(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        await pilot.press(*keys("Still typing"))
        app.capture.autosave()  # what the timer calls every few seconds
        status = app.query_one("#capture-status")
        await settle(pilot, lambda: "Draft kept" in str(status.render()))
        with open_store(path) as store:
            assert (store.load_draft() or {}).get("what") == "Still typing"


async def test_a_draft_with_square_brackets_is_offered_as_typed(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with open_store(path) as store:
        store.save_draft({"what": "Paid [/] then [b]left[/b]", "tags": []})
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, RestoreDraftDialog))
        summary = app.screen.query_one("#draft-summary", Label)
        assert str(summary.render()) == "Paid [/] then [b]left[/b]"


async def test_an_error_quoting_square_brackets_shows_them_as_typed(tmp_path: Path) -> None:
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        await pilot.press(*keys("Something"))
        app.query_one("#when", Input).value = "[/] [b]ago"
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = app.query_one("#when-error", Label)
        assert error.display and '"[/] [b]ago"' in str(error.render())
