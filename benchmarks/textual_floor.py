"""The floor for the TUI timings: the smallest Textual app with a labelled input.

The benchmark times it exactly like the real app (``benchmarks/tui_bench.py``): process start
until "What happened" is drawn and a typed key shows. Whatever the real capture form takes beyond
this is ours; this much is Python plus Textual on the machine.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import Input, Label


class FloorApp(App[None]):
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Label("What happened")
        yield Input(placeholder="One line")


if __name__ == "__main__":
    # Accepts (and ignores) the --db option the benchmark passes to every app it starts.
    del sys.argv[1:]
    FloorApp().run()
