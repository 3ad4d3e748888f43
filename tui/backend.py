"""The app's one door to the journal: opened in a worker thread, used by one thread at a time.

The capture form must paint before the database layer is even imported, so ``open()`` does the
imports and runs in a thread worker after the first paint. Every later call goes through
``call()``, which waits until the journal is open and holds a lock while it runs, because the
SQLite connection must never be used by two threads at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from journal.errors import DatabaseError, JournalError

if TYPE_CHECKING:
    from journal.config import Settings
    from journal.db.cipher import PassphrasePrompt
    from journal.store.interface import JournalStore

T = TypeVar("T")

Opener = Callable[..., "JournalStore"]
"""How the journal is opened: ``open_store``'s signature (settings, on_upgrade=, passphrase=).
The demo passes its own, which also writes the demo month before the screens see the journal."""

OPEN_TIMEOUT_S = 60.0
"""How long a call waits for the journal to open (migrations on a big file take a while)."""
CALL_NOW_WAIT_S = 0.05
"""How long ``call_now`` waits for another call to end before handing over to a worker."""


class Backend:
    """Lazily opened access to one journal, shared by the app's screens."""

    def __init__(self, settings: Settings, opener: Opener | None = None) -> None:
        self.settings = settings
        self._opener = opener
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._store: JournalStore | None = None
        self.error: str | None = None
        """Why the journal could not be opened (one sentence), once ``open()`` has failed."""

    @property
    def is_open(self) -> bool:
        return self._store is not None

    def open(
        self,
        on_upgrade: Callable[[str], None] | None = None,
        passphrase: PassphrasePrompt | None = None,
    ) -> None:
        """Import the database layer and open the journal (call from a worker thread).

        ``on_upgrade`` hears the one sentence said before an older journal is upgraded;
        ``passphrase`` is asked (and asked again after a wrong one) for an encrypted journal.
        """
        try:
            if self._opener is None:
                from journal.store import open_store

                self._opener = open_store
            store = self._opener(self.settings, on_upgrade=on_upgrade, passphrase=passphrase)
            with self._lock:
                self._store = store
        except JournalError as exc:
            self.error = str(exc)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.error = f"Could not open the journal at {self.settings.db_target}: {reason}."
        finally:
            self._ready.set()

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn(store, *args, **kwargs)`` once the journal is open, one caller at a time.

        Raises DatabaseError when the journal could not be opened; other JournalErrors from the
        store pass through for the caller to show.
        """
        if not self._ready.wait(OPEN_TIMEOUT_S):
            raise DatabaseError("The journal is taking too long to open; try again.")
        if self._store is None:
            raise DatabaseError(self.error or "The journal is not open.")
        with self._lock:
            return fn(self._store, *args, **kwargs)

    def call_now(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Run ``fn(store, ...)`` at once if the journal is open and no other call is running
        (or one ends within ``CALL_NOW_WAIT_S``).

        None otherwise (``fn`` itself must not return None), and the caller goes through a
        worker instead. A screen uses this for its first page: an indexed read of a few
        milliseconds is cheaper than the hop to a thread and back, and the rows are then there
        on the screen's first paint. The short wait covers the previous screen's counts still
        running in their worker when the user moves on, which otherwise cost a paint of empty
        panels, then a second full layout when the figures arrive.
        """
        if self._store is None or not self._lock.acquire(timeout=CALL_NOW_WAIT_S):
            return None
        try:
            return fn(self._store, *args, **kwargs)
        finally:
            self._lock.release()

    def close(self) -> None:
        """Close the journal. Callers still waiting for it to open are let go with an error:
        quitting during start-up must not wait for their time-out (a minute) to exit."""
        with self._lock:
            if self._store is not None:
                self._store.close()
            self._store = None
        if not self._ready.is_set():
            self.error = self.error or "The journal was closed before it opened."
            self._ready.set()
