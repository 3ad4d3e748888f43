"""A one-line choice among a few values that can also be left empty.

Textual's RadioSet cannot go back to "nothing chosen", which an optional field needs (overall,
perspective, left them), and it takes a second key to press the highlighted button. Here the
arrow keys choose directly, digits pick by position, and backspace clears.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

GAP = "   "


class Choice(Widget, can_focus=True):
    """``○ went well   ● went badly   ○ mixed``: left/right or 1-9 choose, backspace clears."""

    DEFAULT_CSS = """
    Choice {
        height: 1;
        width: auto;
        padding: 0 1;
        &:focus { background: $boost; }
        & > .choice--chosen { color: $text-accent; text-style: bold; }
        & > .choice--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: bold;
        }
    }
    """
    COMPONENT_CLASSES = {"choice--chosen", "choice--cursor"}
    BINDINGS = [
        Binding("right", "move(1)", "Next", show=False),
        Binding("left", "move(-1)", "Previous", show=False),
        Binding("backspace,delete", "clear", "Clear", show=False),
        Binding("enter", "next_field", "Next field", show=False),
        *(Binding(str(n), f"pick({n - 1})", show=False) for n in range(1, 10)),
    ]

    value: reactive[str | None] = reactive(None)

    class Changed(Message):
        def __init__(self, choice: Choice, value: str | None) -> None:
            super().__init__()
            self.choice = choice
            self.value = value

        @property
        def control(self) -> Choice:
            return self.choice

    def __init__(
        self,
        options: list[tuple[str, str]],
        value: str | None = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """``options`` are (value, label) pairs, shown in order."""
        super().__init__(id=id, classes=classes)
        self.options = options
        self.set_reactive(Choice.value, value)

    def render(self) -> Content:
        chosen = self.get_visual_style("choice--chosen")
        cursor = self.get_visual_style("choice--cursor")
        parts: list[str | tuple[str, object]] = []
        for index, (value, label) in enumerate(self.options):
            if index:
                parts.append(GAP)
            mark = "●" if value == self.value else "○"
            style = cursor if value == self.value and self.has_focus else None
            if value == self.value:
                parts.append((f"{mark} {label}", style or chosen))
            else:
                parts.append(f"{mark} {label}")
        return Content.assemble(*parts)  # type: ignore[arg-type]

    def get_content_width(self, container: object, viewport: object) -> int:
        labels = sum(len(label) + 2 for _, label in self.options)
        return labels + len(GAP) * (len(self.options) - 1)

    def watch_value(self, value: str | None) -> None:
        self.post_message(self.Changed(self, value))

    def _index(self) -> int | None:
        for index, (value, _) in enumerate(self.options):
            if value == self.value:
                return index
        return None

    def action_move(self, step: int) -> None:
        index = self._index()
        if index is None:
            index = 0 if step > 0 else len(self.options) - 1
        else:
            index = (index + step) % len(self.options)
        self.value = self.options[index][0]

    def action_pick(self, index: int) -> None:
        if index < len(self.options):
            self.value = self.options[index][0]

    def action_next_field(self) -> None:
        """Enter moves on, as it does from the text fields of the same form."""
        self.screen.focus_next()

    def action_clear(self) -> None:
        self.value = None

    def on_click(self, event: Click) -> None:
        x = event.x - self.styles.padding.left
        position = 0
        for value, label in self.options:
            width = len(label) + 2
            if position <= x < position + width:
                self.value = None if self.value == value else value
                return
            position += width + len(GAP)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
