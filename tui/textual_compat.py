"""Every use of Textual beyond its documented API, in one place, each kept for a measured reason.

The rest of the TUI uses only Textual's documented API. What is here leans on how Textual 8.x
works inside, so ``tests/tui/test_textual_compat.py`` checks each piece against the installed
Textual and fails with a message naming the piece when an upgrade moves it (pyproject caps
Textual below 9 for the same reason). Figures are from docs/benchmarks.md, measured in
alternating runs against the revision without the trick.

- ``read_stylesheets``: reads a screen's stylesheet into the app's ahead of time and parses only
  its rules (``Stylesheet.has_source/read/parse``). Textual's own way, on the screen's first
  opening, re-parses every rule and restyles every widget (~22 ms then). It is what let the app
  read only the form's stylesheet at start: first paint 55.5 -> 46.7 ms.
- ``HookedApp``: ``push_screen``/``switch_screen`` say which screen is about to open before
  Textual reads its stylesheet (so ``read_stylesheets`` runs first and Textual finds nothing left
  to read), and ``on_event`` sees every key before Textual routes it (the background warm-up
  waits for the keyboard to rest, so that no import competes with typing; a key consumed by a
  text field never reaches a public handler; keys typed before the capture form has the focus
  are held back, ``key_held``, and posted again once it has). ``_handle_exception`` hands an
  error nothing caught to ``error_report`` first: Textual's own report is a traceback with every
  frame's local variables, which hold the user's entry (see ``tui.crash``).
- ``watch_bindings``: the footer's hints re-render when the screen's bindings change, through the
  screen's ``bindings_updated_signal`` (what Textual's own Footer listens to). The hints are one
  widget instead of Footer's widget per key, rebuilt on every focus move (see
  ``tui.widgets.key_hints`` for the measurement).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.screen import Screen

if TYPE_CHECKING:
    from textual.css.stylesheet import Stylesheet
    from textual.widget import Widget

SUPPORTED_MAJOR = 8
"""The Textual major version these pieces were written and measured against."""


def read_stylesheets(stylesheet: Stylesheet, paths: Iterable[Path]) -> None:
    """Add the stylesheets at ``paths`` (absolute and resolved, as Textual keeps a screen's
    ``CSS_PATH``) that ``stylesheet`` has not read yet, and parse only what was added."""
    unread = [path for path in paths if not stylesheet.has_source(str(path))]
    for path in unread:
        stylesheet.read(path)
    if unread:
        stylesheet.parse()


class HookedApp(App[int]):
    """An app told of a screen about to open (``screen_opening``) and of every key
    (``key_arrived``), each before Textual handles it."""

    def screen_opening(self, screen: Screen[Any]) -> None:
        """Called with a screen (not a screen's name) about to be pushed or switched to."""

    def key_arrived(self) -> None:
        """Called for every key, before it reaches the focused widget."""

    def push_screen(self, screen: Screen[Any] | str, *args: Any, **kwargs: Any) -> Any:
        if isinstance(screen, Screen):
            self.screen_opening(screen)
        return super().push_screen(screen, *args, **kwargs)

    def switch_screen(self, screen: Screen[Any] | str) -> AwaitComplete:
        if isinstance(screen, Screen):
            self.screen_opening(screen)
        return super().switch_screen(screen)

    def key_held(self, event: events.Key) -> bool:
        """Whether to hold a key back instead of handling it (the app posts it again later)."""
        return False

    def error_report(self, error: Exception) -> Exception:
        """What to report for an error nothing caught, which stops the app; Textual prints an
        error's ``__rich__`` if it has one, else a traceback with every frame's locals."""
        return error

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self.key_arrived()
            if not event.is_forwarded and self.key_held(event):
                return
        await super().on_event(event)

    def _handle_exception(self, error: Exception) -> None:
        # Textual's (private) handler of an uncaught error: the report replaces the error.
        super()._handle_exception(self.error_report(error))


def watch_bindings(widget: Widget, changed: Callable[[Screen[Any]], None]) -> None:
    """Call ``changed(screen)`` whenever the bindings of ``widget``'s screen change (the focus
    moved, an action was enabled or disabled); until ``unwatch_bindings``."""
    widget.screen.bindings_updated_signal.subscribe(widget, changed)


def unwatch_bindings(widget: Widget) -> None:
    widget.screen.bindings_updated_signal.unsubscribe(widget)
