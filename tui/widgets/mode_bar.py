"""The top line: the app's name and the three places (capture, browse, review), current one lit."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Click
from textual.widgets import Label

MODES = (("capture", "Capture"), ("browse", "Browse"), ("review", "Review"))


class ModeTab(Label):
    def __init__(self, mode: str, title: str, active: bool) -> None:
        super().__init__(title, classes="mode-tab -active" if active else "mode-tab")
        self.mode = mode

    async def on_click(self, event: Click) -> None:
        event.stop()
        await self.app.run_action(f"switch('{self.mode}')")


class ModeBar(Horizontal):
    """``Service Journal            Capture  Browse  Review``; click a tab to go there."""

    def __init__(self, active: str, detail: str = "") -> None:
        super().__init__(classes="mode-bar")
        self.active = active
        self.detail = detail

    def compose(self) -> ComposeResult:
        yield Label("Service Journal", classes="app-title")
        yield Label(self.detail, classes="mode-detail")
        for mode, title in MODES:
            yield ModeTab(mode, title, mode == self.active)
