"""Shared fixtures: every test gets its own journal file and a fixed time zone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from journal_templates import new_journal

from journal.db import Database, open_database
from journal.store import Store


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
