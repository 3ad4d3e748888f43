"""Quick capture: type, tag, save; errors next to the field; drafts survive quitting."""

from __future__ import annotations

import asyncio
import threading
from datetime import tzinfo
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.widgets import Input, Label
from tui_helpers import add, app_for, capture_ready, open_store, settle

from journal.values import EntryFilter
from tui.backend import Backend
from tui.dialogs.new_tag import NewTagDialog
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
        await settle(pilot, lambda: capture_ready(app))
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
        await settle(pilot, lambda: capture_ready(app))
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


def burst(app: App[Any], *names: str) -> None:
    """Queue key presses all at once, as a paste or a fast typist delivers them: unlike
    ``pilot.press`` nothing runs between two keys, so a key can only land where the focus
    already is when the app reaches it."""
    for name in names:
        app.post_message(
            events.Key(name, name if len(name) == 1 else (" " if name == "space" else None))
        )


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


@pytest.mark.parametrize("separator", ["tab", "enter"])
async def test_a_burst_lands_in_the_right_fields_however_it_moves_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, separator: str
) -> None:
    """Keys queued behind a tab or an Enter wait for the focus to move: none lands in the
    field being left, whether the other fields are in yet or still held back."""
    release, reached = asyncio.Event(), asyncio.Event()
    mount_rest = QuickFields.mount_rest

    async def held(self: QuickFields) -> None:
        if not self.complete:
            reached.set()
            await release.wait()
        await mount_rest(self)

    monkeypatch.setattr(QuickFields, "mount_rest", held)
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, *"Clerk", separator, *"pharmacy", separator, *"9am")
        await reached.wait()  # the app is at the first separator, the rest of the burst queued
        assert not app.query("#setting")
        release.set()
        await settle(pilot, lambda: app.query_one("#when", Input).value.endswith("9am"))
        assert app.query_one("#what", Input).value == "Clerk"
        assert app.query_one("#setting", Input).value == "pharmacy"
        # Once every field is in: the same burst from the top of the form.
        app.query_one(QuickFields).reset(keep=())
        app.query_one("#when", Input).value = ""
        app.query_one("#what", Input).focus()
        await pilot.pause()
        burst(app, *"Nurse", separator, *"clinic", separator, *"8am")
        await settle(pilot, lambda: app.query_one("#when", Input).value == "8am")
        assert app.query_one("#what", Input).value == "Nurse"
        assert app.query_one("#setting", Input).value == "clinic"


async def test_a_when_the_app_cannot_read_is_refused_next_to_the_field(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: capture_ready(app))
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


async def test_typing_while_a_save_runs_stays_for_the_next_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The form clears after a save for the next entry, but not what was typed meanwhile."""
    import tui.screens.capture as capture

    release = threading.Event()

    def slow(values: dict[str, Any], zone: tzinfo) -> Any:
        release.wait()
        return new_entry(values, zone)

    monkeypatch.setattr(capture, "new_entry", slow)
    path = tmp_path / "j.db"
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: capture_ready(app))
        await pilot.press(*keys("First"), "ctrl+s")
        await pilot.press("ctrl+u", *keys("Second"))
        release.set()
        await settle(pilot, lambda: "Saved #1" in status_text(app))
        assert app.query_one("#what", Input).value == "Second"
    with open_store(path) as store:
        assert [e.what for e in store.list().entries] == ["First"]


async def test_a_failed_save_replaces_the_saved_status(tmp_path: Path) -> None:
    """ "Saved #1" must not stay on screen while the next save is refused."""
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: capture_ready(app))
        await pilot.press(*keys("First"), "ctrl+s")
        await settle(pilot, lambda: "Saved #1" in status_text(app))
        await pilot.press("ctrl+s")  # nothing in What happened
        await settle(pilot, lambda: "Saved" not in status_text(app))
        assert "Not saved" in status_text(app)
        await pilot.press(*keys("Second"))
        app.query_one("#when", Input).value = "the other day"
        await pilot.press("ctrl+s")  # refused by the checks in the background
        await settle(pilot, lambda: app.query_one("#when-error", Label).display)
        assert "Not saved" in status_text(app)
        app.capture.autosave()  # an autosave finishing now does not hide the failure
        await settle(pilot)
        with open_store(tmp_path / "j.db") as store:
            assert (store.load_draft() or {}).get("what") == "Second"
        assert "Not saved" in status_text(app)


async def test_the_when_error_wraps_in_a_narrow_terminal(tmp_path: Path) -> None:
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: capture_ready(app))
        await pilot.press(*keys("Something"))
        app.query_one(
            "#when", Input
        ).value = "the day after the big storm last winter when the river rose above the bridge"
        await pilot.press("ctrl+s")
        error = app.query_one("#when-error", Label)
        await settle(pilot, lambda: error.display)
        assert error.region.height >= 2  # wrapped onto a second line, not cut at the edge
        assert error.region.right <= 100


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
        await settle(pilot, lambda: capture_ready(app))
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
        await settle(pilot, lambda: capture_ready(app))
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
        await settle(pilot, lambda: capture_ready(app))
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
        await settle(pilot, lambda: capture_ready(app))
        await pilot.press(*keys("Half-written encounter"))
        app.query_one(TagPicker).tags = ["-attention"]
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    with open_store(path) as store:
        draft = store.load_draft()
        assert draft is not None and draft["what"] == "Half-written encounter"

    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.query_one("#what", Input).value != "")
        assert app.screen is app.capture  # restored in place: no dialog to answer
        assert app.query_one("#what", Input).value == "Half-written encounter"
        assert app.query_one(TagPicker).tags == ["-attention"]
        assert app.focused is app.query_one("#what")
        assert "ctrl+z discards it" in status_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.query_one("#what", Input).value == "")
    with open_store(path) as store:
        assert store.load_draft() is None
        assert store.count() == 1


def status_text(app: App[Any]) -> str:
    return str(app.query_one("#capture-status", Label).render())


def hold_the_journal(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Keep the journal from opening (so the kept draft from arriving) until the event is set."""
    release = threading.Event()
    open_journal = Backend.open

    def held(self: Backend, *args: Any, **kwargs: Any) -> None:
        release.wait()
        open_journal(self, *args, **kwargs)

    monkeypatch.setattr(Backend, "open", held)
    return release


async def test_keys_typed_at_start_up_go_to_the_form_around_the_kept_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing from the first moment: nothing pops up to take the keys (a space once pressed a
    Restore button); the words typed before and after the draft arrives all land in the form,
    and the draft fills only the fields still empty."""
    path = tmp_path / "j.db"
    with open_store(path) as store:
        store.save_draft({"what": "Old draft", "differently": "Old idea", "tags": ["+fix"]})
    release = hold_the_journal(monkeypatch)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*keys("Nurse"))
        release.set()
        await settle(pilot, lambda: "Restored" in status_text(app))
        await pilot.press(*keys(" helped"))
        assert app.screen is app.capture
        assert app.query_one("#what", Input).value == "Nurse helped"
        assert app.query_one("#differently", Input).value == "Old idea"
        assert app.query_one(TagPicker).tags == ["+fix"]
        app.capture.autosave()  # an autosave meanwhile does not hide the way back
        await settle(pilot)
        with open_store(path) as store:
            assert (store.load_draft() or {}).get("what") == "Nurse helped"
        assert "ctrl+z discards it" in status_text(app)


async def test_ctrl_z_takes_back_only_what_the_draft_filled_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "j.db"
    with open_store(path) as store:
        store.save_draft({"what": "Old draft", "differently": "Old idea", "tags": []})
    release = hold_the_journal(monkeypatch)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*keys("Typed while loading"))
        release.set()
        await settle(pilot, lambda: "Restored" in status_text(app))
        assert app.query_one("#differently", Input).value == "Old idea"
        await pilot.press("ctrl+z")
        await settle(pilot, lambda: app.query_one("#differently", Input).value == "")
        assert app.query_one("#what", Input).value == "Typed while loading"
        # Once taken back there is nothing left to undo: ctrl+z is not offered any more.
        assert app.capture.check_action("discard_draft", ()) is False


async def test_discarding_the_draft_removes_it(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with open_store(path) as store:
        store.save_draft({"what": "Paid [/] then [b]left[/b]"})
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: "Restored" in status_text(app))
        assert app.query_one("#what", Input).value == "Paid [/] then [b]left[/b]"
        await pilot.press("ctrl+z")
        await settle(pilot, lambda: app.query_one("#what", Input).value == "")
    with open_store(path) as store:
        assert store.load_draft() is None


async def test_autosave_keeps_the_draft_while_typing(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: capture_ready(app))
        await pilot.press(*keys("Still typing"))
        app.capture.autosave()  # what the timer calls every few seconds
        status = app.query_one("#capture-status")
        await settle(pilot, lambda: "Draft kept" in str(status.render()))
        with open_store(path) as store:
            assert (store.load_draft() or {}).get("what") == "Still typing"


async def test_an_error_quoting_square_brackets_shows_them_as_typed(tmp_path: Path) -> None:
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: capture_ready(app))
        await pilot.press(*keys("Something"))
        app.query_one("#when", Input).value = "[/] [b]ago"
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = app.query_one("#when-error", Label)
        assert error.display and '"[/] [b]ago"' in str(error.render())


async def test_keys_typed_before_the_form_is_up_are_typed_into_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The terminal hands over keys typed during start-up all at once, before anything has the
    focus: they must reach "What happened" (and a tab the next field), in order."""
    from tui.screens.capture import CaptureScreen

    compose = CaptureScreen.compose

    def typed_ahead(self: CaptureScreen) -> Any:
        burst(self.app, *"Nurse", "space", *"helped", "tab", *"clinic")
        return compose(self)

    monkeypatch.setattr(CaptureScreen, "compose", typed_ahead)
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.query_one("#setting", Input).value == "clinic")
        assert app.query_one("#what", Input).value == "Nurse helped"
