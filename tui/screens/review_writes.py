"""The review's writes, worked off one after the other in a thread.

A reflection, a check-in answer and a decision can be made faster than the journal takes them;
one queue keeps them in the order the user made them, so a later answer never lands before an
earlier one, and the screen never waits for the journal while the user goes on.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import work

from journal.errors import JournalError
from journal.store.interface import JournalStore

if TYPE_CHECKING:
    from textual.screen import Screen

    _Screen = Screen[None]
else:
    _Screen = object  # a plain mixin: the screen keeps ReviewScreen's own CSS type and bindings

Write = Callable[[JournalStore], Any]
"""One write: given the store, it returns what ``done`` is handed."""


class WriteQueue(_Screen):
    """A mixin for the review screen; ``ReviewScreen.__init__`` sets ``_writes`` and
    ``_writing`` with the rest of the screen's state, so that one place lists all of it."""

    _writes: deque[tuple[Write, Callable[[Any], None] | None, Callable[[str], None]]]
    _writing: bool

    def submit(
        self,
        write: Write,
        done: Callable[[Any], None] | None = None,
        failed: Callable[[str], None] | None = None,
    ) -> None:
        """Run ``write(store)`` after the writes before it, then ``done(result)`` here."""
        self._writes.append((write, done, failed or self._write_failed))
        if not self._writing:
            self._writing = True
            self._drain()

    @work(thread=True, group="review-write", exit_on_error=False)
    def _drain(self) -> None:
        while self._writes:
            write, done, failed = self._writes.popleft()
            try:
                result = self.app.backend.call(write)
            except JournalError as exc:
                self.app.call_from_thread(failed, str(exc))
                continue
            if done is not None:
                self.app.call_from_thread(done, result)
        self.app.call_from_thread(self._drained)

    def _drained(self) -> None:
        """A write queued after the worker's last look at the queue starts a new worker."""
        if self._writes:
            self._drain()
        else:
            self._writing = False

    def _write_failed(self, message: str) -> None:
        self.notify(message, severity="error", markup=False)
