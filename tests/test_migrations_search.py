"""Migration 0003 rebuilds the search index with a prefix index for each length from 2 to 10."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from migration_helpers import alembic_to

import journal.db.opening
from journal.db import open_database
from journal.migrations import HEAD
from journal.schemas import EntryIn, EntryPatch, validate
from journal.store import Store
from journal.values import EntryFilter

TEXTS = {
    1: "The receptionist printed the receipt twice",
    2: "Waiter explained the recommendation patiently",
    3: "Nobody answered the telephone for ten minutes",
}


def fts_sql(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT sql FROM sqlite_master WHERE name = 'entry_fts'").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def journal_0002(db_path: Path) -> Path:
    """A journal at schema 0002 whose entries were indexed by that schema's triggers."""
    db_path.touch(mode=0o600)
    alembic_to(db_path, "0002")
    conn = sqlite3.connect(db_path)
    with conn:
        for entry_id, what in TEXTS.items():
            conn.execute(
                "INSERT INTO entry (id, uuid, occurred_at, what, flagged, private, created_at, "
                "updated_at) VALUES (?, ?, '2026-11-17 09:00:00.000000', ?, 0, 0, "
                "'2026-11-17 09:05:00.000000', '2026-11-17 09:05:00.000000')",
                (entry_id, f"00000000-0000-0000-0000-00000000000{entry_id}", what),
            )
    conn.close()
    return db_path


def found(store: Store, words: str) -> list[int]:
    return sorted(e.id for e in store.list(EntryFilter(search=words)).entries)


def test_upgrade_rebuilds_the_index_with_long_prefixes_and_keeps_it_in_sync(
    journal_0002: Path,
) -> None:
    assert "prefix='2 3'" in fts_sql(journal_0002)
    db = open_database(str(journal_0002))
    try:
        assert "prefix='2 3 4 5 6 7 8 9 10'" in fts_sql(journal_0002)
        store = Store(db)
        # Entries written before the upgrade are found by prefixes of every length.
        assert found(store, "rec") == [1, 2]
        assert found(store, "recei") == [1]
        assert found(store, "recommend") == [2]
        assert found(store, "telephone") == [3]
        assert found(store, "receipts") == []
        # The triggers were made again: adds, edits and deletes reach the new index.
        added = store.add(validate(EntryIn, {"what": "Receipt emailed within a minute"}))
        assert found(store, "recei") == [1, added.id]
        store.update(3, validate(EntryPatch, {"what": "Nobody answered the phone"}))
        assert found(store, "telephone") == []
        assert found(store, "phon") == [3]
        with db.transaction():
            db.execute("DELETE FROM entry WHERE id = 2")
        assert found(store, "recommend") == []
        db.execute("INSERT INTO entry_fts(entry_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        db.close()


def test_downgrade_restores_the_short_prefixes_and_search_still_works(
    journal_0002: Path,
) -> None:
    open_database(str(journal_0002)).close()
    alembic_to(journal_0002, "0002", down=True)
    assert "prefix='2 3'" in fts_sql(journal_0002)
    conn = sqlite3.connect(journal_0002)
    try:
        rows = conn.execute(
            "SELECT rowid FROM entry_fts WHERE entry_fts MATCH ? ORDER BY rowid", ('"recei"*',)
        ).fetchall()
        assert rows == [(1,)]
    finally:
        conn.close()


def test_a_large_journal_is_announced_before_its_upgrade_and_a_small_one_is_not(
    journal_0002: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = tmp_path / "small.db"
    shutil.copy2(journal_0002, small)
    heard: list[str] = []
    open_database(str(small), on_upgrade=heard.append).close()
    assert heard == []  # 3 entries: upgraded in a moment, without a word

    monkeypatch.setattr(journal.db.opening, "UPGRADE_NOTICE_ENTRIES", 3)
    open_database(str(journal_0002), on_upgrade=heard.append).close()
    assert len(heard) == 1
    assert f"(3 entries) to schema {HEAD}" in heard[0]  # the newest, whatever it is
    assert "\n" not in heard[0] and heard[0].endswith("beside it.")  # one sentence
