"""Browse: search and filters, paging, opening and editing, the trash with undo, purge."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.widgets import Checkbox, Input, Select, TextArea
from tui_helpers import (
    SEED_START,
    add,
    app_for,
    open_store,
    record_notifications,
    seed_many,
    seed_sample,
    settle,
)

from journal.values import EntryFilter
from tui.app import ServiceJournalApp
from tui.dialogs.confirm import ConfirmDialog
from tui.screens.browse import PAGE, BrowseScreen
from tui.screens.capture import CaptureScreen
from tui.screens.entry import EntryScreen
from tui.widgets.choice import Choice
from tui.widgets.cycle import Cycle
from tui.widgets.entry_list import EntryList


def shown(app: ServiceJournalApp) -> list[str]:
    """The "What happened" column of the loaded rows, top to bottom."""
    assert app.browse is not None
    table = app.browse.query_one(EntryList)
    return [table.cells_at(i)[-1] for i in range(table.row_count)]


def count_text(app: ServiceJournalApp) -> str:
    assert app.browse is not None
    return str(app.browse.query_one("#f-count").render())


async def open_browse(pilot, app: ServiceJournalApp) -> BrowseScreen:  # type: ignore[no-untyped-def]
    await settle(pilot, lambda: app.backend.is_open)
    await pilot.press("ctrl+b")
    await settle(pilot, lambda: isinstance(app.screen, BrowseScreen) and not app.screen.reading)
    assert isinstance(app.screen, BrowseScreen)
    return app.screen


async def open_highlighted_entry(pilot, app: ServiceJournalApp) -> EntryScreen:  # type: ignore[no-untyped-def]
    """Enter on the list's highlighted row; the entry screen once its fields are filled."""
    await pilot.press("enter")
    await settle(pilot, lambda: isinstance(app.screen, EntryScreen))
    entry = app.screen
    assert isinstance(entry, EntryScreen)
    await settle(pilot, lambda: entry.query_one("#what", Input).value != "")
    return entry


async def test_lists_newest_first_with_marks_and_signed_tags(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    seed_sample(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_browse(pilot, app)
        table = app.screen.query_one(EntryList)
        assert table.row_count == 5
        first = list(table.cells_at(0))
        assert first[:4] == [
            "Fri 08 Mar 2024 13:00",
            "public office",
            "✗",
            "-acknowledged -attention",
        ]
        assert first[4].startswith("Clerk kept typing")
        assert shown(app)[-1].startswith("Cashier finished")
        assert count_text(app) == "5 entries"
        assert app.focused is table


async def test_search_as_you_type_narrows_the_list_and_shows_the_count(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    seed_sample(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_browse(pilot, app)
        await pilot.press("slash")
        assert app.focused is app.screen.query_one("#f-search")
        await pilot.press("p", "h", "o", "n")  # a word prefix, debounced
        await settle(pilot, lambda: count_text(app) == "1 of 5 entries")
        (row,) = shown(app)
        assert row.startswith("Cashier finished a personal phone call")
        await pilot.press("escape")
        assert app.focused is app.screen.query_one(EntryList)


async def set_input(pilot, app: ServiceJournalApp, name: str, value: str) -> None:  # type: ignore[no-untyped-def]
    app.screen.query_one(f"#f-{name}", Input).value = value
    app.screen.query_one(f"#f-{name}", Input).focus()
    await pilot.press("enter")


async def test_each_filter_selects_the_right_entries(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    seed_sample(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        browse = await open_browse(pilot, app)

        async def expect(count: str, firsts: list[str]) -> None:
            await settle(pilot, lambda: count_text(app) == count and not browse.reading)
            assert [w.split()[0] for w in shown(app)] == firsts

        await set_input(pilot, app, "tag", "-attention")
        await expect("2 of 5 entries", ["Clerk", "Cashier"])
        await set_input(pilot, app, "tag", "+attention")
        await expect("0 of 5 entries", [])
        assert "Nothing matches" in str(app.screen.query_one("#browse-empty").render())
        await set_input(pilot, app, "tag", "wait-time")  # either sign
        await expect("1 of 5 entries", ["⚑"])
        await set_input(pilot, app, "tag", "")

        await set_input(pilot, app, "setting", "Bank")
        await expect("1 of 5 entries", ["Teller"])
        await set_input(pilot, app, "setting", "")

        app.screen.query_one("#f-perspective", Cycle).value = "customer"
        await expect("3 of 5 entries", ["Clerk", "Waiter", "Teller"])
        app.screen.query_one("#f-overall", Cycle).value = "badly"
        await expect("1 of 5 entries", ["Clerk"])
        app.screen.query_one("#f-perspective", Cycle).value = None
        app.screen.query_one("#f-overall", Cycle).value = None
        await expect("5 entries", ["Clerk", "Waiter", "⚑", "Teller", "Cashier"])
        app.screen.query_one("#f-overall", Cycle).focus()
        await pilot.press("left")  # from "any" back round to the last value
        await expect("1 of 5 entries", ["⚑"])
        assert "mixed" in str(app.screen.query_one("#f-overall", Cycle).render())
        await pilot.press("right")  # and on to "any" again
        await expect("5 entries", ["Clerk", "Waiter", "⚑", "Teller", "Cashier"])
        await pilot.press("2", "backspace")
        await expect("5 entries", ["Clerk", "Waiter", "⚑", "Teller", "Cashier"])
        assert "any outcome" in str(app.screen.query_one("#f-overall", Cycle).render())

        await set_input(pilot, app, "week", "2024-W10")
        await expect("5 entries", ["Clerk", "Waiter", "⚑", "Teller", "Cashier"])
        await set_input(pilot, app, "week", "2024-W11")
        await expect("0 of 5 entries", [])
        await set_input(pilot, app, "week", "2024-03-05..2024-03-06")
        await expect("2 of 5 entries", ["⚑", "Teller"])
        await set_input(pilot, app, "week", "2024-03-04")
        await expect("1 of 5 entries", ["Cashier"])
        await set_input(pilot, app, "week", "W99")
        await settle(pilot, lambda: app.screen.query_one("#f-error").display)
        assert "is not a week" in str(app.screen.query_one("#f-error").render())
        await set_input(pilot, app, "week", "")
        await expect("5 entries", ["Clerk", "Waiter", "⚑", "Teller", "Cashier"])

        app.screen.query_one("#f-flagged", Checkbox).value = True
        await expect("1 of 5 entries", ["⚑"])
        app.screen.query_one("#f-flagged", Checkbox).value = False
        app.screen.query_one("#f-unreflected", Checkbox).value = True
        # Reflected = has a do-differently note or a lesson (Cashier and Waiter have one).
        await expect("3 of 5 entries", ["Clerk", "⚑", "Teller"])


async def test_pages_load_as_the_cursor_nears_the_end(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    seed_many(path, 120)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_browse(pilot, app)
        table = app.screen.query_one(EntryList)
        assert table.row_count == PAGE  # one page, not the whole journal
        assert count_text(app) == "120 entries"
        await pilot.press("end")
        await settle(pilot, lambda: table.row_count == 2 * PAGE)
        await pilot.press("end")
        await settle(pilot, lambda: table.row_count == 120)
        assert shown(app)[-1] == "Encounter number 0"
        assert len(set(shown(app))) == 120


async def test_pages_load_as_the_list_is_scrolled_near_the_end(tmp_path: Path) -> None:
    """The wheel scrolls without moving the cursor: the scroll position alone loads more."""
    path = tmp_path / "j.db"
    seed_many(path, 120)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_browse(pilot, app)
        table = app.screen.query_one(EntryList)
        assert table.row_count == PAGE
        table.scroll_to(y=table.max_scroll_y, animate=False)
        await settle(pilot, lambda: table.row_count == 2 * PAGE)
        assert table.cells_at(0)[-1] == "Encounter number 119"  # appended, the top unchanged
        assert app.focused is table


async def test_reflection_fields_are_edited_in_the_detail_screen(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    ids = seed_sample(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_browse(pilot, app)
        await pilot.press("e")  # the newest: the clerk, reflect on it
        await settle(pilot, lambda: isinstance(app.screen, EntryScreen) and app.screen.is_mounted)
        entry = app.screen
        await settle(pilot, lambda: app.focused is entry.query_one("#situation"))
        await pilot.press("Q", "u", "e", "u", "e")
        entry.query_one("#impact", TextArea).load_text("I felt invisible")
        entry.query_one("#why", Select).value = "staffing"
        entry.query_one("#lesson", Input).value = "Look up first, even when busy"
        entry.query_one("#action", Input).value = "Greet within 10 seconds"
        entry.query_one("#left_them", Choice).value = "worse"
        entry.query_one("#flagged").value = True
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: "reflected" in str(entry.query_one("#entry-heading").render()))
        assert "not reflected" not in str(entry.query_one("#entry-heading").render())
        await pilot.press("escape")  # saved: no question
        await settle(pilot, lambda: isinstance(app.screen, BrowseScreen))
        assert shown(app)[0].startswith("⚑ Clerk")
    with open_store(path) as store:
        saved = store.get(ids[-1])
        assert saved.situation == "Queue"
        assert saved.impact == "I felt invisible"
        assert (saved.why, saved.lesson, saved.left_them) == (
            "staffing",
            "Look up first, even when busy",
            "worse",
        )
        assert saved.action == "Greet within 10 seconds"
        assert saved.flagged and saved.reflected
        assert saved.what.startswith("Clerk kept typing")  # untouched fields stay


async def test_detail_refuses_an_empty_what_and_escape_asks_before_discarding(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j.db"
    ids = seed_sample(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_browse(pilot, app)
        entry = await open_highlighted_entry(pilot, app)
        entry.query_one("#what", Input).value = "  "
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: entry.query_one("#what-error").display)
        assert "What happened is required" in str(entry.query_one("#what-error").render())
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")  # keep editing
        await settle(pilot, lambda: app.screen is entry)
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")  # discard
        await settle(pilot, lambda: isinstance(app.screen, BrowseScreen))
    with open_store(path) as store:
        assert store.get(ids[-1]).what.startswith("Clerk kept typing")


async def test_going_elsewhere_from_an_open_entry_closes_it_asking_about_changes(
    tmp_path: Path,
) -> None:
    """ctrl+n, ctrl+b and ctrl+r work from an open entry: it closes as escape would."""
    path = tmp_path / "j.db"
    ids = seed_sample(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_browse(pilot, app)
        entry = await open_highlighted_entry(pilot, app)
        await pilot.press("ctrl+r")  # nothing changed: straight to the review
        await settle(pilot, lambda: app.place == "review" and not entry.is_attached)
        await pilot.press("ctrl+b")
        await settle(pilot, lambda: isinstance(app.screen, BrowseScreen))
        entry = await open_highlighted_entry(pilot, app)
        entry.query_one("#what", Input).value = "Changed"
        await pilot.press("ctrl+n")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")  # keep editing: nothing moves
        await settle(pilot, lambda: app.screen is entry)
        assert app.place == "browse"
        await pilot.press("ctrl+n")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")  # discard, then the capture form
        await settle(pilot, lambda: isinstance(app.screen, CaptureScreen))
        assert app.screen_stack == [app.capture]
    with open_store(path) as store:
        assert store.get(ids[-1]).what.startswith("Clerk kept typing")


async def test_delete_moves_to_the_trash_and_u_undoes_it(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    ids = seed_sample(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_browse(pilot, app)
        messages = record_notifications(app)
        await pilot.press("delete")
        await settle(pilot, lambda: count_text(app) == "4 entries")
        assert not shown(app)[0].startswith("Clerk")
        assert f"Moved #{ids[-1]} to the trash — press u to undo" in messages
        with open_store(path) as store:
            assert store.get(ids[-1]).trashed_at is not None
        await pilot.press("u")
        await settle(pilot, lambda: count_text(app) == "5 entries")
        assert shown(app)[0].startswith("Clerk")
    with open_store(path) as store:
        assert store.get(ids[-1]).trashed_at is None


async def test_the_trash_view_restores_and_purges_after_confirmation(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    ids = seed_sample(path)
    with open_store(path) as store:
        store.trash(ids[0])
        store.trash(ids[1])
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_browse(pilot, app)
        assert count_text(app) == "3 entries"
        await pilot.press("T")
        await settle(pilot, lambda: count_text(app) == "2 in the trash")
        assert [w.split()[0] for w in shown(app)] == ["Teller", "Cashier"]
        await pilot.press("r")  # restore Teller
        await settle(pilot, lambda: count_text(app) == "1 in the trash")
        await pilot.press("P")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("escape")  # cancel: nothing purged
        await settle(pilot, lambda: isinstance(app.screen, BrowseScreen))
        with open_store(path) as store:
            assert store.get(ids[0]).trashed_at is not None
        await pilot.press("P")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.click("#yes")
        await settle(pilot, lambda: count_text(app) == "0 in the trash")
        assert "The trash is empty" in str(app.screen.query_one("#browse-empty").render())
        await pilot.press("T")
        await settle(pilot, lambda: count_text(app) == "4 entries")
    with open_store(path) as store:
        assert store.get(ids[1]).trashed_at is None
        assert store.count(EntryFilter(trashed=True)) == 0
        assert store.count() == 4
        assert ids[0] not in [e.id for e in store.list().entries]


async def test_entries_captured_meanwhile_appear_when_coming_back(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_browse(pilot, app)
        assert "No entries yet" in str(app.screen.query_one("#browse-empty").render())
        await pilot.press("ctrl+n")
        await settle(pilot, lambda: app.focused is app.query_one("#what"))
        await pilot.press("h", "i", "ctrl+s")
        await settle(pilot, lambda: app.query_one("#what", Input).value == "")
        await pilot.press("ctrl+b")
        await settle(pilot, lambda: count_text(app) == "1 entry")
        assert shown(app) == ["hi"]


async def test_square_brackets_in_an_entry_are_shown_as_typed(tmp_path: Path) -> None:
    """Entry text is the user's, never markup: "[/]" must not break the list, "[b]" not vanish."""
    path = tmp_path / "j.db"
    typed = "Clerk said [b]no[/b], then [/] left"
    with open_store(path) as store:
        add(store, typed, setting="[desk 2]")
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_browse(pilot, app)
        await pilot.pause()
        table = app.screen.query_one(EntryList)
        row = list(table.cells_at(0))
        assert row[1] == "[desk 2]"
        assert row[-1] == typed
        assert typed in app.screen.query_one(EntryList).render_line(1).text


LONG = (
    "The receptionist at the clinic noticed my confusion about the new check-in kiosk, walked "
    "over without being asked, showed me the two screens that mattered and then stayed nearby"
)


def header(app: ServiceJournalApp) -> str:
    return app.screen.query_one(EntryList).render_line(0).text


def counting_calls(app: ServiceJournalApp) -> list[object]:
    """Record each store call the app makes from now on (the calls still run)."""
    calls: list[object] = []
    backend = app.backend
    call, call_now = backend.call, backend.call_now

    def counted(fn, original):  # type: ignore[no-untyped-def]
        calls.append(fn)
        return original(fn)

    backend.call = lambda fn: counted(fn, call)  # type: ignore[method-assign]
    backend.call_now = lambda fn: counted(fn, call_now)  # type: ignore[method-assign]
    return calls


async def test_the_columns_follow_the_terminal_width_keeping_rows_and_cursor(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j.db"
    seed_many(path, 80)
    with open_store(path) as store:
        newest = add(store, LONG, setting="clinic", occurred_at=SEED_START + timedelta(days=30))
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        browse = await open_browse(pilot, app)
        table = browse.query_one(EntryList)
        await pilot.press("down", "down", "down")
        under_cursor, paging = table.cursor_key, browse.more_to_read
        assert under_cursor is not None and under_cursor != newest and paging
        assert table.row_count == PAGE and "Setting" in header(app)
        narrow_what = table.cells_at(0)[-1]
        assert narrow_what.endswith("…") and LONG.startswith(narrow_what[:-1])
        calls = counting_calls(app)

        await pilot.resize_terminal(160, 40)
        await settle(pilot, lambda: len(table.cells_at(0)[-1]) > len(narrow_what))
        wide_what = table.cells_at(0)[-1]
        assert LONG.startswith(wide_what.rstrip("…")) and len(wide_what) == len(narrow_what) + 40
        assert table.cells_at(0)[1] == "clinic" and "Setting" in header(app)
        assert table.virtual_size.width <= table.size.width == 160

        await pilot.resize_terminal(90, 40)
        await settle(pilot, lambda: "Tags" not in header(app))  # the tags give way first
        assert len(table.cells_at(0)) == 4 and table.cells_at(0)[1] == "clinic"
        assert LONG.startswith(table.cells_at(0)[-1].rstrip("…"))
        assert table.virtual_size.width <= table.size.width == 90
        assert table.scroll_x == 0
        # The same rows, the cursor on the same entry, the next page still to come: no query.
        assert (table.row_count, table.cursor_key, browse.more_to_read) == (
            PAGE,
            under_cursor,
            paging,
        )
        assert calls == []

        await pilot.press("end")
        await settle(pilot, lambda: table.row_count == 81)
        assert shown(app)[-1] == "Encounter number 0"


async def test_a_new_height_alone_leaves_the_rows_as_they_are(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    seed_sample(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        browse = await open_browse(pilot, app)
        table = browse.query_one(EntryList)
        before = [table.cells_at(i) for i in range(table.row_count)]
        await pilot.resize_terminal(120, 30)
        await settle(pilot, lambda: table.size.height < 30)
        assert all(table.cells_at(i) is row for i, row in enumerate(before))  # not rebuilt


async def test_columns_fit_a_width_changed_while_an_entry_was_open(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    seed_sample(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        browse = await open_browse(pilot, app)
        await pilot.press("down")
        under_cursor = browse.query_one(EntryList).cursor_key
        await open_highlighted_entry(pilot, app)
        await pilot.resize_terminal(90, 40)
        await settle(pilot, lambda: app.screen.size.width == 90)
        await pilot.press("escape")
        await settle(pilot, lambda: app.screen is browse)
        table = browse.query_one(EntryList)
        assert "Tags" not in header(app) and len(table.cells_at(0)) == 4
        assert table.virtual_size.width <= table.size.width
        assert table.cursor_key == under_cursor
