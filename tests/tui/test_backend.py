"""The app's way to the journal: store calls wait for it to open, and never outlive the app."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from threading import Event

import pytest

from journal.config import Settings
from journal.errors import DatabaseError
from tui.backend import Backend


def test_quitting_before_the_journal_opened_lets_waiting_callers_go(tmp_path: Path) -> None:
    """Quitting during start-up: a screen's first read is waiting for the journal, which never
    opened; closing must release it, or the app's exit waits for that thread's time-out."""
    backend = Backend(Settings(db=str(tmp_path / "j.db")))
    waiting = Event()

    def first_read() -> int:
        waiting.set()
        return backend.call(lambda store: store.count())

    with ThreadPoolExecutor(1) as pool:
        read = pool.submit(first_read)
        waiting.wait()
        backend.close()
        with pytest.raises(DatabaseError, match="closed before it opened"):
            read.result(timeout=30)  # a guard against hanging the suite, not a speed limit
    assert not (tmp_path / "j.db").exists()


def test_an_open_journal_closes_and_later_calls_are_refused(tmp_path: Path) -> None:
    backend = Backend(Settings(db=str(tmp_path / "j.db")))
    backend.open()
    assert backend.call(lambda store: store.count()) == 0
    backend.close()
    with pytest.raises(DatabaseError):
        backend.call(lambda store: store.count())
