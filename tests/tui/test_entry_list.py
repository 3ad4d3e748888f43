"""EntryList, browse's list: the keys, the cursor, the header, plain text, the messages."""

from __future__ import annotations

from rich.color import Color
from textual import events
from textual.app import App, ComposeResult
from textual.geometry import Offset
from textual.pilot import Pilot

from tui.widgets.entry_list import Column, EntryList

VISIBLE = 10
"""Rows on screen under the header."""


class ListApp(App[None]):
    """An EntryList of ``count`` rows, keys 100, 101, …, that records what it tells its screen."""

    CSS = f"EntryList {{ height: {VISIBLE + 1}; }}"

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count
        self.messages: list[tuple[str, int, int]] = []

    def compose(self) -> ComposeResult:
        yield EntryList(id="list")

    def on_mount(self) -> None:
        entries = self.query_one(EntryList)
        entries.set_columns([Column("When", 6), Column("What happened", 20)])
        entries.add_rows((100 + i, (f"r{i}", f"entry {i}")) for i in range(self.count))
        entries.focus()

    def on_entry_list_highlighted(self, event: EntryList.Highlighted) -> None:
        self.messages.append(("highlighted", event.row, event.key))

    def on_entry_list_selected(self, event: EntryList.Selected) -> None:
        self.messages.append(("selected", event.row, event.key))


def lines(entries: EntryList) -> list[str]:
    """What the list shows, line by line: the header, then the visible rows."""
    return [entries.render_line(y).text for y in range(VISIBLE + 1)]


def background(entries: EntryList, y: int) -> Color | None:
    return next(iter(entries.render_line(y))).style.bgcolor  # type: ignore[union-attr]


async def press(pilot: Pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()  # the messages reach the app


async def test_up_and_down_move_the_cursor_and_stop_at_either_end() -> None:
    app = ListApp(5)
    async with app.run_test(size=(60, 20)) as pilot:
        entries = app.query_one(EntryList)
        await press(pilot, "up")
        assert entries.cursor_key == 100 and app.messages == []  # no wrapping round
        await press(pilot, "down", "down")
        assert entries.cursor_key == 102
        assert app.messages == [("highlighted", 1, 101), ("highlighted", 2, 102)]
        await press(pilot, "end")
        assert entries.cursor_key == 104 and app.messages[-1] == ("highlighted", 4, 104)
        app.messages.clear()
        await press(pilot, "down")
        assert entries.cursor_key == 104 and app.messages == []
        await press(pilot, "home")
        assert entries.cursor_key == 100 and app.messages == [("highlighted", 0, 100)]


async def test_page_keys_move_a_page_and_the_cursor_stays_in_view() -> None:
    app = ListApp(35)
    async with app.run_test(size=(60, 20)) as pilot:
        entries = app.query_one(EntryList)

        def cursor_on_screen() -> bool:
            row = entries.cursor_key - 100  # type: ignore[operator]
            return any(line.startswith(f" r{row} ") for line in lines(entries)[1:])

        await press(pilot, "pagedown")
        assert (entries.cursor_key, entries.scroll_offset.y) == (110, VISIBLE)
        assert lines(entries)[1].startswith(" r10 ") and cursor_on_screen()
        await press(pilot, "pagedown", "pagedown")  # the second stops at the end of the list
        assert entries.cursor_key == 130 and cursor_on_screen()
        await press(pilot, "end")
        assert entries.cursor_key == 134 and lines(entries)[-1].startswith(" r34 ")
        await press(pilot, "pageup")
        assert entries.cursor_key == 124 and cursor_on_screen()
        await press(pilot, "home")
        assert entries.scroll_offset.y == 0 and lines(entries)[1].startswith(" r0 ")


async def test_the_header_stays_while_the_rows_scroll() -> None:
    app = ListApp(35)
    async with app.run_test(size=(60, 20)) as pilot:
        entries = app.query_one(EntryList)
        header = " When    What happened"
        assert lines(entries)[0].startswith(header)
        await press(pilot, "end")
        assert lines(entries)[0].startswith(header)
        assert lines(entries)[1].startswith(" r25 ")
        await press(pilot, "home")
        wheel = events.MouseScrollDown(entries, 5, 5, 0, 1, 0, False, False, False)
        entries.post_message(wheel)
        await pilot.pause()
        assert entries.scroll_offset.y > 0  # the wheel scrolls the rows, not the cursor
        assert entries.cursor_key == 100 and lines(entries)[0].startswith(header)


async def test_cells_are_shown_as_typed_and_keep_to_their_columns() -> None:
    app = ListApp(0)
    async with app.run_test(size=(60, 20)) as pilot:
        entries = app.query_one(EntryList)
        entries.add_rows(
            [
                (1, ("[b]", "said [/] then [b]no")),
                (2, ("Wednesday", "x\x1b[31my\tz")),  # too long; an escape code and a tab
            ]
        )
        await pilot.pause()
        first, second = lines(entries)[1:3]
        assert first.startswith(" [b]     said [/] then [b]no ")
        assert second.startswith(" Wednes  x[31my z ")  # cut to 6 cells: the next column stays
        assert entries.cells_at(0) == ("[b]", "said [/] then [b]no")


async def test_removing_a_row_keeps_the_cursor_on_a_sensible_entry() -> None:
    app = ListApp(5)
    async with app.run_test(size=(60, 20)) as pilot:
        entries = app.query_one(EntryList)
        await press(pilot, "down", "down")
        app.messages.clear()
        assert entries.remove_row(100)  # above the cursor: it stays on its entry
        await pilot.pause()
        assert entries.cursor_key == 102 and app.messages == []
        assert entries.remove_row(102)  # the cursor's: the next one
        await pilot.pause()
        assert entries.cursor_key == 103 and app.messages == [("highlighted", 1, 103)]
        await press(pilot, "end")
        assert entries.remove_row(104)  # the last: the one before it
        await pilot.pause()
        assert entries.cursor_key == 103 and app.messages[-1] == ("highlighted", 1, 103)
        assert not entries.remove_row(999)
        assert [entries.cells_at(i)[0] for i in range(entries.row_count)] == ["r1", "r3"]
        entries.remove_row(101)
        entries.remove_row(103)
        assert entries.row_count == 0 and entries.cursor_key is None


async def test_an_updated_row_shows_its_new_cells_and_the_cursor_stays() -> None:
    app = ListApp(5)
    async with app.run_test(size=(60, 20)) as pilot:
        entries = app.query_one(EntryList)
        assert "entry 1" in lines(entries)[2]  # drawn once: its line is cached
        assert entries.update_row(101, ("r1", "edited [i]"))
        await pilot.pause()
        assert "edited [i]" in lines(entries)[2]
        assert entries.cursor_key == 100 and entries.cells_at(1) == ("r1", "edited [i]")
        assert not entries.update_row(999, ("r9", "not in the list"))


async def test_new_columns_give_the_rows_new_cells_and_keep_the_cursor() -> None:
    """As browse does when the terminal's width changes: the same entries, cut to new widths."""
    app = ListApp(5)
    async with app.run_test(size=(60, 20)) as pilot:
        entries = app.query_one(EntryList)
        entries.set_columns([Column("When", 6), Column("What happened", 80)])
        await press(pilot, "down", "down", "right")
        assert entries.scroll_x > 0  # wider than the list: it scrolls sideways
        app.messages.clear()
        entries.set_columns([Column("What happened", 30)], lambda key: (f"entry {key} again",))
        await pilot.pause()
        assert entries.cursor_key == 102 and app.messages == []
        assert [entries.cells_at(i) for i in range(2)] == [
            ("entry 100 again",),
            ("entry 101 again",),
        ]
        assert entries.scroll_x == 0 and entries.virtual_size.width == 32
        assert lines(entries)[0].startswith(" What happened ")
        assert lines(entries)[3].startswith(" entry 102 again ")


async def test_enter_and_clicks_move_the_cursor_and_open() -> None:
    app = ListApp(8)
    async with app.run_test(size=(60, 20)) as pilot:
        entries = app.query_one(EntryList)
        await press(pilot, "enter")
        assert app.messages == [("selected", 0, 100)]
        await pilot.click(EntryList, offset=(3, 3))  # the third row
        await pilot.pause()
        assert entries.cursor_key == 102 and app.messages[-1] == ("highlighted", 2, 102)
        await pilot.click(EntryList, offset=(3, 3))  # the cursor's row: open it
        await pilot.pause()
        assert app.messages[-1] == ("selected", 2, 102)
        app.messages.clear()
        await pilot.click(EntryList, offset=(3, 0))  # the header
        await pilot.click(EntryList, offset=(3, 9))  # below the last row
        await pilot.pause()
        assert app.messages == [] and entries.cursor_key == 102
        await pilot.double_click(EntryList, offset=(3, 5))
        await pilot.pause()
        assert app.messages == [("highlighted", 4, 104), ("selected", 4, 104)]


async def test_the_theme_colours_the_stripes_and_the_cursor_which_shows_the_focus() -> None:
    app = ListApp(5)
    async with app.run_test(size=(60, 20)) as pilot:
        entries = app.query_one(EntryList)
        cursor, odd, even = (background(entries, y) for y in (1, 2, 3))
        assert len({cursor, odd, even}) == 3  # zebra stripes, and the cursor stands out
        await press(pilot, "down")
        assert [background(entries, y) for y in (1, 2, 3)] == [even, cursor, even]
        app.set_focus(None)
        await pilot.pause()
        blurred = background(entries, 2)
        assert blurred not in (cursor, odd, even)
        app.theme = "textual-light"
        await pilot.pause()
        assert background(entries, 2) != blurred  # no strip of the old theme is left


async def test_the_row_under_the_mouse_is_lit_until_the_keyboard_takes_over() -> None:
    app = ListApp(30)
    async with app.run_test(size=(60, 20)) as pilot:
        entries = app.query_one(EntryList)
        plain = background(entries, 4)
        await pilot.hover(EntryList, offset=(3, 4))  # the fourth row
        await pilot.pause()
        assert entries.hover_row == 3
        lit = background(entries, 4)
        assert lit not in (plain, background(entries, 1))  # neither a row nor the cursor's look
        await pilot.hover(EntryList, offset=(3, 0))  # the header: no row
        await pilot.pause()
        assert entries.hover_row is None and background(entries, 4) == plain
        await pilot.hover(EntryList, offset=(3, 1))  # the cursor's row keeps the cursor's look
        await pilot.pause()
        assert entries.hover_row == 0 and background(entries, 1) != lit
        await pilot.hover(EntryList, offset=(3, 6))
        await press(pilot, "pagedown")  # scrolled: the hover would light another entry
        assert entries.hover_row is None
        assert all(background(entries, y) != lit for y in range(1, VISIBLE + 1))


async def test_the_light_follows_the_entry_under_the_mouse_as_the_wheel_scrolls() -> None:
    app = ListApp(30)
    async with app.run_test(size=(60, 20)) as pilot:
        entries = app.query_one(EntryList)
        await pilot.hover(EntryList, offset=(3, 4))
        await pilot.pause()
        assert entries.hover_row == 3

        async def wheel(event: type[events.MouseScrollDown | events.MouseScrollUp]) -> None:
            at = entries.region.offset + Offset(3, 4)
            entries.post_message(event(entries, 3, 4, 0, 0, 0, False, False, False, *at))
            await pilot.pause()

        await wheel(events.MouseScrollDown)
        assert entries.scroll_offset.y > 0
        assert entries.hover_row == 3 + entries.scroll_offset.y
        await wheel(events.MouseScrollUp)
        assert entries.scroll_offset.y == 0 and entries.hover_row == 3
