"""The top line: the app's name and the three places (capture, browse, review), current one lit.

One widget drawing one line of text, like the footer's key hints: as a row of labels it was six
widgets to style and lay out before the capture form could appear. A click on a place goes there.
"""

from __future__ import annotations

from textual.content import Content
from textual.events import Click
from textual.widget import Widget

MODES = (("capture", "Capture"), ("browse", "Browse"), ("review", "Review"))
TITLE = " Service Journal "


class ModeBar(Widget, can_focus=False):
    """``Service Journal  detail                        Capture  Browse  Review``."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"mode-bar--title", "mode-bar--tab", "mode-bar--active"}

    def __init__(self, active: str, detail: str = "") -> None:
        super().__init__()
        self.active = active
        self.detail = detail
        self._tabs: list[tuple[int, int, str]] = []
        """Where each place is drawn: (first cell, end cell, place)."""

    def render(self) -> Content:
        tab_style = self.get_visual_style("mode-bar--tab")
        active_style = self.get_visual_style("mode-bar--active")
        tabs = [
            Content.styled(f" {title} ", active_style if mode == self.active else tab_style)
            for mode, title in MODES
        ]
        left = Content.assemble((TITLE, self.get_visual_style("mode-bar--title")), self.detail)
        right = Content("").join(tabs)
        gap = " " * max(0, self.size.width - left.cell_length - right.cell_length)
        cell = left.cell_length + len(gap)
        self._tabs = []
        for (mode, _), tab in zip(MODES, tabs, strict=True):
            self._tabs.append((cell, cell + tab.cell_length, mode))
            cell += tab.cell_length
        return Content.assemble(left, gap, right)

    async def on_click(self, event: Click) -> None:
        for start, end, mode in self._tabs:
            if start <= event.x < end:
                event.stop()
                await self.app.run_action(f"switch('{mode}')")
                return
