"""Browse's list of entries: a fixed header, then one line per entry, drawn with the Line API.

Textual's DataTable renders each cell through Rich (padding, styles, a console pass), ~30 ms for
a first page of 34 rows: the largest piece of the time from ctrl+b to the first page. Browse's
cells are one line of plain text, clipped by the screen; here a row is one segment of padded text
in the row's style (~2 ms a page), kept by (cells, style, width): an edit, a resize, a cursor
move, the focus or the theme changes the key, so no strip goes stale and none is built twice.

Measured against DataTable side by side (``benchmarks/widget_compare.py``: a fresh headless app
at 120x40 mounts the widget with the first page of 34 rows of browse's columns and waits until it
is drawn, 15 alternating rounds, medians, same machine, same run, under the load of other
processes): DataTable 133.3 ms against 61.1 ms for this list, and 109.9 against 54.6 ms in a
second run; a bare widget takes 80 ms in that harness, so the harness's own waiting is most of
this list's figure and the DataTable costs ~55-70 ms more. Browse's first page is due 0.15 s
after ctrl+b and takes ~0.07 s (docs/benchmarks.md): the DataTable would about double it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar, NamedTuple

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size, Spacing
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

HEADER = 1
STRIPS_KEPT = 1024
"""Lines kept drawn, a few pages' worth; past that the cache starts afresh (a plain dict: the
keys change with every edit, resize or restyle, so old lines are rarely asked for again)."""
"""Lines above the rows: the column titles, which stay put while the rows scroll."""
CONTROLS = dict.fromkeys([*range(32), *range(127, 160)]) | {9: " ", 10: " ", 13: " "}
"""Control codes would reach the terminal raw (an escape could recolour it): dropped, except that
tabs and line breaks become spaces."""


class Column(NamedTuple):
    title: str
    width: int
    """In cells; a cell is drawn with a space either side, as the DataTable did."""


class EntryList(ScrollView, can_focus=True):
    """Entries as rows of plain-text cells (never markup) under a row cursor, by entry id."""

    ALLOW_SELECT = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", id="browse.open"),
        Binding("up", "move_by(-1)", "Up", show=False),
        Binding("down", "move_by(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home,ctrl+home", "first", "First", show=False),
        Binding("end,ctrl+end", "last", "Last", show=False),
        Binding("left", "scroll_left", "Left", show=False),  # when the window became narrower
        Binding("right", "scroll_right", "Right", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "entry-list--header",
        "entry-list--cursor",
        "entry-list--even-row",
        "entry-list--odd-row",
        "entry-list--hover",
    }
    # The DataTable's rules, so that every theme colours the list as it coloured the table.
    DEFAULT_CSS = """
    EntryList {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        & > .entry-list--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .entry-list--header { background: ansi_bright_blue; color: ansi_default; }
        & > .entry-list--even-row { background: $surface-lighten-1 50%; }
        &:dark > .entry-list--even-row { background: $surface-darken-1 40%; }
        & > .entry-list--hover { background: $block-hover-background; }
        & > .entry-list--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .entry-list--header { background-tint: $foreground 5%; }
            & > .entry-list--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    @dataclass
    class RowMessage(Message):
        """About a row: its index (from 0, at the top) and its entry id."""

        entry_list: EntryList
        row: int
        key: int

        @property
        def control(self) -> EntryList:
            return self.entry_list

    class Highlighted(RowMessage):
        """The cursor is on another entry: browse loads the next page near the end."""

    class Selected(RowMessage):
        """Enter, or a click on the cursor's row: browse opens the entry."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._columns: tuple[Column, ...] = ()
        self._table_width = 0
        self._keys: list[int] = []
        self._rows: list[tuple[str, ...]] = []
        self._cursor = 0
        self._hover: int | None = None
        self._strips: dict[tuple[tuple[str, ...], Style, int], Strip] = {}

    # ----------------------------------------------------------------- contents

    def set_columns(
        self, columns: Iterable[Column], cells: Callable[[int], Sequence[str]] | None = None
    ) -> None:
        """The columns, left to right: the cells of each row come in this order.

        ``cells`` gives the rows already in the list their cells for the new columns, by entry
        id; the rows, their order and the cursor's entry stay, the view goes back to the left.
        """
        self._columns = tuple(columns)
        self._table_width = sum(column.width + 2 for column in self._columns)
        if cells is not None:
            self._rows = [self._fit(cells(key)) for key in self._keys]
        self._strips.clear()
        self._resized()
        if cells is not None:
            self.scroll_to(x=0, animate=False)

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def cursor_key(self) -> int | None:
        """The id of the entry under the cursor; None when the list is empty."""
        return self._keys[self._cursor] if self._rows else None

    def cells_at(self, row: int) -> tuple[str, ...]:
        """A row's cell texts by column, as drawn (before padding)."""
        return self._rows[row]

    def add_rows(self, rows: Iterable[tuple[int, Sequence[str]]]) -> None:
        """Append rows, each an entry id and its cells (plain text, one per column)."""
        for key, cells in rows:
            self._keys.append(key)
            self._rows.append(self._fit(cells))
        self._resized()

    def clear(self) -> None:
        """No rows; the cursor goes to the first row to come, the view to the top."""
        self._keys.clear()
        self._rows.clear()
        self._cursor = 0
        self._hover = None
        self._resized()
        self.scroll_to(0, 0, animate=False)

    def update_row(self, key: int, cells: Sequence[str]) -> bool:
        """New cells for an entry that was edited; False when it is not in the list."""
        if (row := self._row_of(key)) is None:
            return False
        self._rows[row] = self._fit(cells)
        self.refresh_line(row + HEADER)
        return True

    def remove_row(self, key: int) -> bool:
        """Drop an entry's row; False when it is not in the list. The cursor stays on its entry,
        or when that is the one removed, goes to the next (the previous at the end)."""
        if (row := self._row_of(key)) is None:
            return False
        before = self.cursor_key
        del self._keys[row], self._rows[row]
        if row < self._cursor or self._cursor == len(self._rows):
            self._cursor = max(0, self._cursor - 1)
        self._resized()
        self._scroll_to_cursor()
        if self._rows and self.cursor_key != before:
            self.post_message(self.Highlighted(self, self._cursor, self._keys[self._cursor]))
        return True

    def _row_of(self, key: int) -> int | None:
        try:
            return self._keys.index(key)
        except ValueError:
            return None

    def _fit(self, cells: Sequence[str]) -> tuple[str, ...]:
        """One text per column, without control codes (whitespace ones become spaces)."""
        texts = [cell.translate(CONTROLS) for cell in cells[: len(self._columns)]]
        return (*texts, *[""] * (len(self._columns) - len(texts)))

    def _resized(self) -> None:
        self.virtual_size = Size(self._table_width, len(self._rows) + HEADER)
        self.refresh()

    # ----------------------------------------------------------------- the cursor

    def move_cursor(self, row: int) -> None:
        """Put the cursor on a row (clamped to the rows there are) and scroll it into view."""
        if not self._rows:
            return
        old, self._cursor = self._cursor, max(0, min(row, len(self._rows) - 1))
        self._scroll_to_cursor()
        if self._cursor != old:
            self.refresh_line(old + HEADER)
            self.refresh_line(self._cursor + HEADER)
            self.post_message(self.Highlighted(self, self._cursor, self._keys[self._cursor]))

    def _scroll_to_cursor(self) -> None:
        """Scroll the least that shows the cursor's row below the header."""
        if self._rows and self.scrollable_content_region.height > HEADER:  # laid out
            region = Region(0, self._cursor + HEADER, 1, 1)
            self.scroll_to_region(region, spacing=Spacing(top=HEADER), animate=False, x_axis=False)

    def _move_by_key(self, row: int) -> None:
        """The cursor moved from the keyboard, which takes the hover light away (as in the
        DataTable) until the mouse moves again."""
        self._set_hover(None)
        self.move_cursor(row)

    def action_move_by(self, rows: int) -> None:
        self._move_by_key(self._cursor + rows)

    def action_page(self, pages: int) -> None:
        """Pages down (up when negative), the cursor keeping its line, as in the DataTable."""
        rows = pages * max(1, self.scrollable_content_region.height - HEADER)
        self.scroll_to(y=self.scroll_y + rows, animate=False)
        self._move_by_key(self._cursor + rows)

    def action_first(self) -> None:
        self._move_by_key(0)

    def action_last(self) -> None:
        """The last loaded row: its Highlighted message has browse load the next page."""
        self._move_by_key(len(self._rows) - 1)

    def action_select_cursor(self) -> None:
        if self._rows:
            self.post_message(self.Selected(self, self._cursor, self._keys[self._cursor]))

    def on_click(self, event: events.Click) -> None:
        """A click moves the cursor; on the cursor's row (so a double click too) it opens."""
        row = self._row_under(event)
        if row is not None:
            event.stop()
            if row == self._cursor:
                self.action_select_cursor()
            else:
                self.move_cursor(row)

    @property
    def hover_row(self) -> int | None:
        """The row under the mouse pointer, lit as in the DataTable; None when there is none."""
        return self._hover

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._row_under(event))

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        # The wheel moves the rows under a pointer that stays put. This runs before the scroll
        # itself (Textual's own handler comes after a subclass's), hence the next turn.
        self.call_next(lambda: self._set_hover(self._row_under(event)))

    on_mouse_scroll_up = on_mouse_scroll_down

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def _row_under(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < HEADER:
            return None
        row = offset.y - HEADER + self.scroll_offset.y
        return row if row < len(self._rows) else None

    def _set_hover(self, row: int | None) -> None:
        if row == self._hover:
            return
        for line in (self._hover, row):
            if line is not None:
                self.refresh_line(line + HEADER)
        self._hover = row

    # ----------------------------------------------------------------- drawing

    def notify_style_update(self) -> None:
        self._strips.clear()  # strips in the old styles would never be asked for again
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        scroll_x, scroll_y = self.scroll_offset
        if y < HEADER:
            titles = tuple(column.title for column in self._columns)
            strip = self._strip(titles, self.get_component_rich_style("entry-list--header"), width)
        else:
            row = y - HEADER + scroll_y
            if row >= len(self._rows):
                return Strip.blank(width, self.rich_style)
            stripe = "entry-list--even-row" if row % 2 == 0 else "entry-list--odd-row"
            style = self.get_component_rich_style(stripe)
            if row == self._cursor:
                style += self.get_component_rich_style("entry-list--cursor")
            elif row == self._hover:
                style += self.get_component_rich_style("entry-list--hover")
            strip = self._strip(self._rows[row], style, width)
        if scroll_x or strip.cell_length > width:
            strip = strip.crop(scroll_x, scroll_x + width)
        return strip

    def _strip(self, cells: tuple[str, ...], style: Style, width: int) -> Strip:
        """A whole line: each cell padded to its column, the rest of the width in row style."""
        key = (cells, style, width)
        strip = self._strips.get(key)
        if strip is None:
            text = "".join(
                f" {set_cell_size(cell, column.width)} "  # exactly column.width cells
                for cell, column in zip(cells, self._columns, strict=True)
            )
            text += " " * (width - self._table_width)
            strip = Strip([Segment(text, style)], max(width, self._table_width))
            if len(self._strips) >= STRIPS_KEPT:
                self._strips.clear()
            self._strips[key] = strip
        return strip
