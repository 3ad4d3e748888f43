"""The review's writes, worked off one after the other in a thread.

A reflection, a check-in answer and a decision can be made faster than the journal takes them;
one queue keeps them in the order the user made them, so a later answer never lands before an
earlier one, and the screen never waits for the journal while the user goes on. The queue is a
widget that draws nothing, so that its worker belongs to the review and ends with it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual import work
from textual.message import Message
from textual.widget import Widget

from journal.errors import JournalError
from journal.store.interface import JournalStore
from tui.access import journal_app

Write = Callable[[JournalStore], Any]
"""One write: given the store, it returns what ``done`` is handed."""


@dataclass(frozen=True)
class _Queued:
    write: Write
    done: Callable[[Any], None] | None
    failed: Callable[[str], None] | None


class ReviewWrites(Widget):
    """Runs each submitted write after the ones before it; a failure without its own handler
    is posted as ``ReviewWrites.Failed`` for the screen to show."""

    DEFAULT_CSS = "ReviewWrites { display: none; }"

    class Failed(Message):
        """A write failed and its submitter gave no handler of its own."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(self) -> None:
        super().__init__(id="review-writes")
        self._queue: deque[_Queued] = deque()
        self._writing = False

    @property
    def pending(self) -> bool:
        """True while a write is queued or being written."""
        return self._writing or bool(self._queue)

    def submit(
        self,
        write: Write,
        done: Callable[[Any], None] | None = None,
        failed: Callable[[str], None] | None = None,
    ) -> None:
        """Run ``write(store)`` after the writes before it, then ``done(result)`` here."""
        self._queue.append(_Queued(write, done, failed))
        if not self._writing:
            self._writing = True
            self._drain()

    @work(thread=True, group="review-write", exit_on_error=False)
    def _drain(self) -> None:
        app = journal_app(self)
        while self._queue:
            queued = self._queue.popleft()
            try:
                result = app.backend.call(queued.write)
            except JournalError as exc:
                app.call_from_thread(self._failed, queued, str(exc))
                continue
            if queued.done is not None:
                app.call_from_thread(queued.done, result)
        app.call_from_thread(self._drained)

    def _failed(self, queued: _Queued, message: str) -> None:
        if queued.failed is not None:
            queued.failed(message)
        else:
            self.post_message(self.Failed(message))

    def _drained(self) -> None:
        """A write queued after the worker's last look at the queue starts a new worker."""
        if self._queue:
            self._drain()
        else:
            self._writing = False
