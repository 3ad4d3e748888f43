"""The top line: the app's name and the three places (capture, browse, review), current one lit.

One widget drawing one line of text, like the footer's key hints: as a row of labels it was six
widgets to style and lay out before the capture form could appear. A click on a place goes there.

Against Textual's Tabs (three tabs, one active; ``benchmarks/widget_compare.py``, headless at
120x40, 15 alternating rounds, medians, same machine, same run, under the load of other
processes) the mount-to-drawn figures do not separate the two: Tabs 97.6 ms against 74.7 ms for
this bar, then 118.3 against 121.5 ms. The bar stays because it is what the start-up figures in
docs/benchmarks.md were measured with (the one-line top bar with the form's stylesheet alone
took the first paint from 55.5 to 46.7 ms), and because Tabs draws its own look (an underline
bar that slides, a tab per widget) that the snapshots would have to change for.
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

    def _line(self, width: int) -> tuple[Content, list[tuple[int, int, str]]]:
        """The line for ``width`` cells, and where each place is in it: (first cell, end cell,
        place). Both drawing and a click ask here, so a click finds the tabs as drawn."""
        tab_style = self.get_visual_style("mode-bar--tab")
        active_style = self.get_visual_style("mode-bar--active")
        tabs = [
            Content.styled(f" {title} ", active_style if mode == self.active else tab_style)
            for mode, title in MODES
        ]
        left = Content.assemble((TITLE, self.get_visual_style("mode-bar--title")), self.detail)
        right = Content("").join(tabs)
        gap = " " * max(0, width - left.cell_length - right.cell_length)
        cell = left.cell_length + len(gap)
        places = []
        for (mode, _), tab in zip(MODES, tabs, strict=True):
            places.append((cell, cell + tab.cell_length, mode))
            cell += tab.cell_length
        return Content.assemble(left, gap, right), places

    def render(self) -> Content:
        return self._line(self.size.width)[0]

    async def on_click(self, event: Click) -> None:
        for start, end, mode in self._line(self.size.width)[1]:
            if start <= event.x < end:
                event.stop()
                await self.app.run_action(f"switch('{mode}')")
                return
