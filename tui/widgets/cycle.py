"""A one-line filter choice that shows only what is chosen: ``◂ any outcome ▸``.

Browse's perspective and outcome filters used Textual's Select, whose drop-down brings five
widgets apiece (a list among them) that all had to be built and styled before the first page
could show: about a tenth of a second of browse's start. A filter needs no list: left and right
step through "any" and the values, a digit picks one, backspace goes back to "any".
"""

from __future__ import annotations

from textual.content import Content
from textual.events import Click

from tui.widgets.choice import Choice


class Cycle(Choice):
    """A :class:`Choice` drawn as its current value only, with "any" (None) among the steps."""

    DEFAULT_CSS = """
    Cycle {
        padding: 0;
        & > .cycle--prompt { color: $text-muted; }
    }
    """
    COMPONENT_CLASSES = {"cycle--prompt"}

    def __init__(
        self, options: list[tuple[str, str]], *, prompt: str, id: str | None = None
    ) -> None:
        """``options`` are (value, label) pairs; ``prompt`` is shown when none is chosen."""
        super().__init__(options, id=id)
        self.prompt = prompt

    def render(self) -> Content:
        label = dict(self.options).get(self.value) if self.value is not None else None
        if self.has_focus:
            style = self.get_visual_style("choice--cursor")
        elif label is None:
            style = self.get_visual_style("cycle--prompt")
        else:
            style = self.get_visual_style("choice--chosen")
        return Content.assemble("◂ ", (label or self.prompt, style), " ▸")

    def get_content_width(self, container: object, viewport: object) -> int:
        return max(len(self.prompt), *(len(label) for _, label in self.options)) + 4

    def action_move(self, step: int) -> None:
        steps: list[str | None] = [None, *(value for value, _ in self.options)]
        self.value = steps[(steps.index(self.value) + step) % len(steps)]

    def on_click(self, event: Click) -> None:
        self.action_move(1)
