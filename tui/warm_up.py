"""Loading what the user will need next, in the background, only while the keyboard rests.

An import or a stylesheet read on the UI thread's time, started as a key arrives, slows what the
key asked for (browse, the review) by about as much as it saves later; so each step of the
warm-up waits until no key has come for ``QUIET_S``.
"""

from __future__ import annotations

import threading
from time import monotonic

WARM_UP = ("tui.screens.browse", "tui.screens.review", "journal.schemas", "tui.screens.entry")
"""Imported in the background after the journal opens, in the order the user is likely to need
them: browse and the review, then the validation layer a save needs, then the entry screen."""
QUIET_S = 0.4
"""How long the keyboard must rest before the next warm-up step starts."""


class KeyboardRest:
    """When the last key came, and a wait, for a background thread, until the keys rest."""

    def __init__(self, quiet_s: float = QUIET_S) -> None:
        self.quiet_s = quiet_s
        self._last_key = monotonic()
        self._closing = threading.Event()

    def key_pressed(self) -> None:
        self._last_key = monotonic()

    def close(self) -> None:
        """The app is closing: any wait ends, and says so."""
        self._closing.set()

    def wait(self) -> bool:
        """Block until no key has come for ``quiet_s``; False once the app is closing."""
        while (rest := self._last_key + self.quiet_s - monotonic()) > 0:
            if self._closing.wait(rest):
                return False
        return not self._closing.is_set()
