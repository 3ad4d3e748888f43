"""Loading what the user will need next, in the background, only while the keyboard rests.

An import or a stylesheet read on the UI thread's time, started as a key arrives, slows what the
key asked for (browse, the review) by about as much as it saves later; so each step of the
warm-up waits until no key has come for ``QUIET_S``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from time import monotonic

WARM_UP = ("tui.screens.browse", "tui.screens.review", "journal.schemas", "tui.screens.entry")
"""Imported in the background after the journal opens, in the order the user is likely to need
them: browse and the review, then the validation layer a save needs, then the entry screen."""
WARM_UP_GROUP = "warm-up"
"""The worker group of the warm-up: it may wait on the keyboard for as long as the app runs."""
QUIET_S = 0.4
"""How long the keyboard must rest before the next warm-up step starts."""


class KeyboardRest:
    """When the last key came, and a wait, for a background thread, until the keys rest.

    The clock is a parameter so that tests (and anything else that must not depend on how busy
    the machine is) can decide when the keys rest instead of waiting on wall-clock time."""

    def __init__(self, quiet_s: float = QUIET_S, clock: Callable[[], float] = monotonic) -> None:
        self.quiet_s = quiet_s
        self._clock = clock
        self._last_key = clock()
        self._closing = threading.Event()

    def key_pressed(self) -> None:
        self._last_key = self._clock()

    def close(self) -> None:
        """The app is closing: any wait ends, and says so."""
        self._closing.set()

    def wait(self) -> bool:
        """Block until no key has come for ``quiet_s``; False once the app is closing."""
        while (rest := self._last_key + self.quiet_s - self._clock()) > 0:
            if self._closing.wait(rest):
                return False
        return not self._closing.is_set()


class HeldRest(KeyboardRest):
    """A keyboard that never rests until ``release()``: the warm-up waits for an explicit event.

    Tests use it to decide, without any timing, whether a place opens before or after the pause
    in which the warm-up runs."""

    def __init__(self) -> None:
        super().__init__(quiet_s=0)
        self._released = threading.Event()

    def release(self) -> None:
        self._released.set()

    def close(self) -> None:
        super().close()
        self._released.set()

    def wait(self) -> bool:
        self._released.wait()
        return not self._closing.is_set()
