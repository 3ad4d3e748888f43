"""The first-run welcome beside the capture form: the three uses and the main keys.

It never takes the focus, so typing goes straight into "What happened"; F2 hides and shows it.
Where the terminal is too narrow for it beside the form, F2 shows it over the form instead
(``WelcomeScreen``), and any key closes it.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

WELCOME = """\
[b]Welcome to Service Journal[/b]

Three moments of use:

[b]1. Capture[/b], right after an encounter: type what happened, press [b]ctrl+s[/b]. \
Everything else is optional.

[b]2. Weekly review[/b], about 15 minutes: [b]ctrl+r[/b]. Finish half-written entries, \
notice patterns, pick one behaviour to practise.

[b]3. Coaching export[/b]: [b]x[/b] in browse or the review writes a Markdown document \
for your coach. Private entries never leave.

Tags: [b]+courtesy[/b] done well, [b]-queue[/b] done badly, enter adds.

[b]ctrl+b[/b] browse · [b]F1[/b] all keys · [b]F2[/b] hide this"""


class Welcome(Static, can_focus=False):
    """Shown on an empty journal until dismissed."""

    def __init__(self) -> None:
        super().__init__(WELCOME, id="welcome", markup=True)


class WelcomeScreen(ModalScreen[None]):
    """The welcome over the form, for a terminal too narrow to show it beside the form."""

    def compose(self) -> ComposeResult:
        welcome = Welcome()
        welcome.add_class("over")
        yield welcome

    def on_mount(self) -> None:
        self.query_one(Welcome).border_subtitle = "any key closes"

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.dismiss(None)

    def on_click(self) -> None:
        self.dismiss(None)
