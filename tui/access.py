"""The running app, typed: ``journal_app(widget).backend`` instead of an untyped ``self.app``.

Textual types ``self.app`` as ``App[object]``; the app's own attributes (the backend, the settings,
the time zone) are only known to a type checker after one ``cast``, made here for the whole TUI.
The app module is imported for the checker only: start-up does not pay for it twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from tui.app import ServiceJournalApp


def journal_app(node: MessagePump) -> ServiceJournalApp:
    """The Service Journal app that ``node`` (a screen, a widget) runs in."""
    return cast("ServiceJournalApp", node.app)
