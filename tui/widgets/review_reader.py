"""Reading a week for the review, in a thread worker, so the screen stays responsive however
big the journal is.

The worker is exclusive: reading a week cancels the read before it, and the answer of a
cancelled read (``Read.worker.is_cancelled``) is for a week, or a state of the journal, the user
has already left. The reader is a widget that draws nothing, so its worker ends with the review.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker, get_current_worker

from journal.errors import JournalError
from journal.review.build import WeekReview, build_review
from journal.store.interface import JournalStore
from tui.access import journal_app


class WeekReader(Widget):
    """Reads a week's review and the tag catalogue the focus form offers."""

    DEFAULT_CSS = "WeekReader { display: none; }"

    class Read(Message):
        """A read's answer; drop it when ``worker.is_cancelled`` (a later read was asked for)."""

        def __init__(
            self, worker: Worker[None] | None, review: WeekReview, catalogue: list[Any]
        ) -> None:
            super().__init__()
            self.worker = worker
            self.review = review
            self.catalogue = catalogue

        @property
        def current(self) -> bool:
            return self.worker is None or not self.worker.is_cancelled

    class Failed(Message):
        """The week could not be read; dropped like ``Read`` when cancelled."""

        def __init__(self, worker: Worker[None] | None, message: str) -> None:
            super().__init__()
            self.worker = worker
            self.message = message

        @property
        def current(self) -> bool:
            return self.worker is None or not self.worker.is_cancelled

    def __init__(self) -> None:
        super().__init__(id="week-reader")

    def _read(self, store: JournalStore, week: str) -> tuple[WeekReview, list[Any]]:
        return build_review(store, week, journal_app(self).settings), store.tag_catalogue()

    def read_now(self, week: str) -> Read | None:
        """Read ``week`` at once when the journal is free (None when it is busy); raises
        ``JournalError`` when it cannot be read. The first week shown is read this way: the
        screen then paints once, with its figures, instead of empty panels and a second layout."""
        first = journal_app(self).backend.call_now(self._read, week)
        return None if first is None else self.Read(None, *first)

    @work(thread=True, exclusive=True, group="review-load", exit_on_error=False)
    def read(self, week: str) -> None:
        """Read ``week`` in the background; a ``Read`` or ``Failed`` message answers."""
        worker: Worker[None] = get_current_worker()
        try:
            review, catalogue = journal_app(self).backend.call(self._read, week)
        except JournalError as exc:
            self.post_message(self.Failed(worker, str(exc)))
            return
        self.post_message(self.Read(worker, review, catalogue))
