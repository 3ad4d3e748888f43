"""Textual's own widgets against the app's custom ones, side by side in one process.

For each pair, a fresh headless app (120x40) mounts the widget and waits until it is laid out
and drawn; rounds alternate between the two so that the machine's load falls on both alike. The
figures go into the custom widgets' module docstrings (``tui/widgets/entry_list.py``,
``key_hints.py``, ``mode_bar.py``). Run with ``.venv/bin/python -m benchmarks.widget_compare``.

- browse's list: DataTable against EntryList, the first page of 34 rows of browse's columns;
- the footer: Footer against KeyHints, on a screen with the capture form's app bindings;
- the top line: Tabs against ModeBar (three places, one lit);
- the footer again, over ten focus moves between two fields (Footer rebuilds on each).

A bare ``Widget`` is mounted the same way as the floor: what a pair's figures have in common
with it is the harness's own waiting, not the widget.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Input, Tab, Tabs

from tui.widgets.entry_list import EntryList
from tui.widgets.entry_rows import columns
from tui.widgets.key_hints import KeyHints
from tui.widgets.mode_bar import ModeBar

ROUNDS = 15
ROWS = 34
WIDTHS = {"when": 12, "setting": 18, "overall": 3, "tags": 24, "what": 50}
CELLS = [
    (
        f"Mon 04 Mar {9 + i % 10:02}:00",
        "grocery checkout",
        "−",
        "-attention -queue",
        f"Cashier finished a personal phone call before looking at customer {i}",
    )
    for i in range(ROWS)
]


def data_table() -> Widget:
    table: DataTable[str] = DataTable(cursor_type="row")
    for column in columns(WIDTHS):
        table.add_column(column.title, width=column.width)
    table.add_rows(CELLS)
    return table


def entry_list() -> Widget:
    listing = EntryList()
    listing.set_columns(columns(WIDTHS))

    def filled() -> None:
        listing.add_rows(enumerate(CELLS))

    listing.call_later(filled)  # rows need the mounted widget
    return listing


def footer() -> Widget:
    return Footer()


def key_hints() -> Widget:
    return KeyHints()


def tabs() -> Widget:
    return Tabs(
        Tab("Capture", id="capture"),
        Tab("Browse", id="browse"),
        Tab("Review", id="review"),
        active="capture",
    )


def mode_bar() -> Widget:
    return ModeBar("capture")


class Bench(App[None]):
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("ctrl+n", "new", "New entry"),
        Binding("ctrl+b", "browse", "Browse"),
        Binding("ctrl+r", "review", "Review"),
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+q", "quit", "Quit"),
    ]

    def __init__(self, make: Callable[[], Widget]) -> None:
        super().__init__()
        self.make = make

    def compose(self) -> ComposeResult:
        yield Input(id="a")
        yield Input(id="b")


async def one(make: Callable[[], Widget]) -> float:
    app = Bench(make)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        await app.mount(make())
        await pilot.pause()
        await pilot.pause()
        return time.perf_counter() - start


async def focus_moves(make: Callable[[], Widget]) -> float:
    app = Bench(make)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.mount(make())
        await pilot.pause()
        start = time.perf_counter()
        for n in range(10):
            app.query_one("#a" if n % 2 else "#b").focus()
            await pilot.pause()
        return time.perf_counter() - start


async def main() -> None:
    floor = statistics.median([await one(Widget) for _ in range(ROUNDS)])
    print(f"floor (a bare Widget): {floor * 1000:.1f} ms")
    pairs = [
        ("DataTable", data_table, "EntryList", entry_list),
        ("Footer", footer, "KeyHints", key_hints),
        ("Tabs", tabs, "ModeBar", mode_bar),
    ]
    for stock, make_stock, custom, make_custom in pairs:
        times: dict[str, list[float]] = {stock: [], custom: []}
        for _ in range(ROUNDS):
            times[stock].append(await one(make_stock))
            times[custom].append(await one(make_custom))
        shown = ", ".join(f"{n}: {statistics.median(t) * 1000:.1f} ms" for n, t in times.items())
        print(f"{shown} (median of {ROUNDS} alternating rounds, mount to drawn)")
    moves: dict[str, list[float]] = {"Footer": [], "KeyHints": []}
    for _ in range(ROUNDS):
        moves["Footer"].append(await focus_moves(footer))
        moves["KeyHints"].append(await focus_moves(key_hints))
    shown = ", ".join(f"{n}: {statistics.median(t) * 1000:.1f} ms" for n, t in moves.items())
    print(f"{shown} (ten focus moves, median of {ROUNDS} alternating rounds)")


if __name__ == "__main__":
    asyncio.run(main())
