"""Shared fixtures: every test gets its own journal file and a fixed time zone."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from journal_templates import new_journal

from journal.db import Database, open_database
from journal.store import Store

WORKERS_PER_CORE = 2
"""xdist workers a core for ``-n auto``. An app test spends most of its time waiting: Textual's
Pilot waits after every key press until the app is idle, a wait in which the process sleeps. With
one worker a core the cores stood idle for much of a run; with two, one worker's wait is
another's work. Each worker costs its own start-up (imports and collection), so not more."""


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto`` (in addopts): ``WORKERS_PER_CORE`` workers for each core this process may use."""
    return WORKERS_PER_CORE * len(os.sched_getaffinity(0))


GC_THRESHOLDS = (10_000, 20, 20)
"""The collector's thresholds in each test process (Python's default is 700, 10, 10). Textual's
bounded render caches keep hundreds of thousands of objects alive in a long test process, and
with the default thresholds every full collection walked them all: about a third of the CPU
time of the app tests went to the collector. Collecting less often frees the same cycles; a full
collection still runs once the long-lived objects grow by a quarter, so memory stays bounded."""


def pytest_configure(config: pytest.Config) -> None:
    gc.set_threshold(*GC_THRESHOLDS)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test may touch the user's real journal; times are grouped in a zone with DST."""
    monkeypatch.setenv("SERVICE_JOURNAL_DB", str(tmp_path / "default-journal.db"))
    monkeypatch.setenv("SERVICE_JOURNAL_TZ", "Europe/Berlin")
    monkeypatch.setenv("TZ", "Europe/Berlin")
    monkeypatch.delenv("SERVICE_JOURNAL_WEEK_START", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A new journal of its own (a copy of one made once per test process)."""
    database = open_database(str(new_journal(db_path)))
    yield database
    database.close()


@pytest.fixture
def store(db: Database) -> Store:
    return Store(db)
