"""The pieces of tui/textual_compat.py still work with the installed Textual.

Each leans on how Textual works inside; a failure here names the piece an upgrade moved, so it can
be rewritten (or dropped, with its start-up figure measured again) before the app misbehaves.
"""

from __future__ import annotations

from typing import Any

import textual
from textual.app import ComposeResult
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button

from tui.styles import LATER
from tui.textual_compat import (
    SUPPORTED_MAJOR,
    HookedApp,
    read_stylesheets,
    unwatch_bindings,
    watch_bindings,
)


def test_textual_is_the_major_version_the_compat_module_was_written_for() -> None:
    major = int(textual.__version__.split(".")[0])
    assert major == SUPPORTED_MAJOR, (
        f"Textual {textual.__version__} is installed; tui/textual_compat.py was written and "
        f"measured against {SUPPORTED_MAJOR}.x: check each of its pieces against the new version"
    )


def test_stylesheets_can_be_read_ahead_and_parsed_alone() -> None:
    for name in ("has_source", "read", "parse"):
        assert callable(getattr(Stylesheet, name, None)), (
            f"Stylesheet.{name} is gone from Textual {textual.__version__}: "
            "read_stylesheets (the later stylesheets read ahead) needs another way"
        )
    sheet = Stylesheet(variables=HookedApp().get_css_variables())  # the theme's $variables
    assert not any(sheet.has_source(str(path)) for path in LATER)
    read_stylesheets(sheet, LATER)
    assert all(sheet.has_source(str(path)) for path in LATER), (
        "Stylesheet.has_source no longer recognises a stylesheet read by path"
    )


class Hinted(Widget):
    def __init__(self) -> None:
        super().__init__()
        self.changes = 0

    def on_mount(self) -> None:
        watch_bindings(self, self.changed)

    def on_unmount(self) -> None:
        unwatch_bindings(self)

    def changed(self, screen: Screen[Any]) -> None:
        self.changes += 1


class Styled(Screen[None]):
    CSS_PATH = LATER[0]


class Watching(HookedApp):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[Screen[Any]] = []
        self.keys = 0
        self.hinted = Hinted()

    def compose(self) -> ComposeResult:
        yield self.hinted
        yield Button("one", id="one")
        yield Button("two", id="two")

    def screen_opening(self, screen: Screen[Any]) -> None:
        self.opened.append(screen)
        read_stylesheets(self.stylesheet, [LATER[0]])
        assert self.stylesheet.has_source(str(LATER[0]))

    def key_arrived(self) -> None:
        self.keys += 1


async def test_the_app_hears_of_screens_and_keys_before_textual_handles_them() -> None:
    app = Watching()
    async with app.run_test() as pilot:
        app.query_one("#one").focus()
        await pilot.pause()
        before = app.hinted.changes
        await pilot.press("tab")  # a key a focused button does not consume: the focus moves
        await pilot.pause()
        assert app.keys >= 1, "App.on_event no longer sees keys first (HookedApp.key_arrived)"
        assert app.hinted.changes > before, (
            "Screen.bindings_updated_signal no longer fires when the focus moves (watch_bindings)"
        )
        screen = Styled()
        await app.push_screen(screen)
        await app.switch_screen(Styled())
        assert app.opened[0] is screen and len(app.opened) == 2, (
            "App.push_screen / switch_screen are no longer where a screen opens (screen_opening)"
        )
