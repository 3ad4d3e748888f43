"""The footer's key hints, drawn as one line of text.

Textual's Footer builds a widget per key and rebuilds them all whenever the focus moves; on a
screen with a dozen keys that restyling was the largest single cost of opening the capture form,
browse and the review. Here the hints are one widget that re-renders its line when the screen's
bindings change. A click on a hint presses its key, as with the stock footer.

Measured against Footer side by side (``benchmarks/widget_compare.py``, headless at 120x40, six
app keys, 15 alternating rounds, medians, same machine, same run, under the load of other
processes): mounting costs the same (Footer 56.3 ms, these hints 60.8 ms; within the run's
noise), but ten focus moves between two fields take 1547.9 ms with Footer against 479.4 ms with
these hints (4245.2 against 1085.9 ms in a second, busier run): the capture form moves the focus
as it mounts its fields, and every field the user tabs through is such a move.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.screen import Screen
from textual.widget import Widget

from tui.textual_compat import unwatch_bindings, watch_bindings

PALETTE_SEPARATOR = "▏"


class KeyHints(Widget, can_focus=False):
    """``^s Save  ^b Browse  F1 Help …                                   ▏^p palette``."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeyHints {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-hints--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-hints--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-hints--disabled { text-style: dim; }
    }
    """
    COMPONENT_CLASSES = {"key-hints--key", "key-hints--description", "key-hints--disabled"}

    def on_mount(self) -> None:
        watch_bindings(self, self._bindings_changed)

    def on_unmount(self) -> None:
        unwatch_bindings(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if screen is self.screen:
            self.refresh()

    def hints(self) -> tuple[list[tuple[Binding, bool]], tuple[Binding, bool] | None]:
        """The shown bindings (one per action, in the screen's order) and the palette's key."""
        shown: dict[str, tuple[Binding, bool]] = {}
        palette: tuple[Binding, bool] | None = None
        palette_key = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else ""
        for key, active in self.screen.active_bindings.items():
            if key == palette_key:
                palette = (active.binding, active.enabled)
            elif active.binding.show and active.binding.action not in shown:
                shown[active.binding.action] = (active.binding, active.enabled)
        return list(shown.values()), palette

    def _line(self) -> tuple[Content, list[tuple[int, int, str, bool]]]:
        """The line at the widget's width, and where each hint is in it: (first cell, end cell,
        key, enabled). Both drawing and a click ask here, so a click finds the hints as drawn
        (the line is drawn again whenever the bindings change)."""
        key_style = self.get_visual_style("key-hints--key")
        description_style = self.get_visual_style("key-hints--description")
        disabled_style = self.get_visual_style("key-hints--disabled")

        def hint(binding: Binding, enabled: bool) -> Content:
            text = Content.assemble(
                (f" {self.app.get_key_display(binding)} ", key_style),
                (f"{binding.description} ", description_style),
            )
            return text if enabled else text.stylize(disabled_style)

        shown, palette = self.hints()
        palette_text = hint(*palette) if palette is not None else Content("")
        room = self.size.width - palette_text.cell_length - len(PALETTE_SEPARATOR)
        parts: list[Content] = []
        keys: list[tuple[int, int, str, bool]] = []
        cell = 0
        for binding, enabled in shown:
            text = hint(binding, enabled)
            if cell + text.cell_length > room:  # hints that do not fit are left out whole
                break
            keys.append((cell, cell + text.cell_length, binding.key, enabled))
            parts.append(text)
            cell += text.cell_length
        if palette is not None and room >= 0:
            parts += [Content(" " * (room - cell)), Content(PALETTE_SEPARATOR), palette_text]
            keys.append((room + 1, self.size.width, palette[0].key, palette[1]))
        return Content("").join(parts), keys

    def render(self) -> Content:
        return self._line()[0]

    def on_click(self, event: Click) -> None:
        for start, end, key, enabled in self._line()[1]:
            if start <= event.x < end:
                event.stop()
                if enabled:
                    self.app.simulate_key(key.split(",")[0])
                else:
                    self.app.bell()
                return
