"""Migration 0002 (the weekly review) upgrades a 0001 journal that has data in it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from migration_helpers import alembic_to

from journal.db import open_database
from journal.migrations import HEAD
from journal.store import Store
from journal.store.review_state import ReviewStore


def tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


@pytest.fixture
def old_journal(db_path: Path) -> Path:
    """A journal at schema 0001 with an entry, its tags, an action item and a draft."""
    db_path.touch(mode=0o600)
    alembic_to(db_path, "0001")
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute(
            "INSERT INTO entry (id, uuid, occurred_at, what, setting, overall, lesson, flagged, "
            "private, created_at, updated_at) VALUES (7, '11111111-2222-3333-4444-555555555555', "
            "'2026-11-17 09:00:00.000000', 'Teller greeted me by name', 'bank', 'well', "
            "'Names matter', 0, 1, '2026-11-17 09:05:00.000000', '2026-11-17 09:05:00.000000')"
        )
        conn.execute(
            "INSERT INTO entry_tag (entry_id, tag_slug, polarity) VALUES "
            "(7, 'courtesy', 1), (7, 'wait-time', -1)"
        )
        conn.execute(
            "INSERT INTO action_item (id, entry_id, text, status, created_at) VALUES "
            "(3, 7, 'Learn regulars'' names', 'open', '2026-11-17 09:05:00.000000')"
        )
        conn.execute(
            "INSERT INTO draft (id, payload, updated_at) VALUES "
            "(1, '{\"what\": \"half written\"}', '2026-11-17 10:00:00.000000')"
        )
    conn.close()
    return db_path


def test_old_journal_is_at_0001_without_review_tables(old_journal: Path) -> None:
    conn = sqlite3.connect(old_journal)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    conn.close()
    assert not {"week_review", "checkin_answer", "action_decision"} & tables(old_journal)


def test_upgrade_keeps_every_row_backs_up_first_and_the_new_tables_work(
    old_journal: Path,
) -> None:
    db = open_database(str(old_journal))
    try:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
        entry = Store(db).get(7)
        assert (entry.what, entry.setting, entry.lesson, entry.private) == (
            "Teller greeted me by name",
            "bank",
            "Names matter",
            True,
        )
        assert [(t.slug, t.polarity) for t in entry.tags] == [("courtesy", 1), ("wait-time", -1)]
        assert [(a.id, a.text, a.status) for a in entry.action_items] == [
            (3, "Learn regulars' names", "open")
        ]
        assert Store(db).load_draft() == {"what": "half written"}
        assert Store(db).list(flt=None).entries[0].id == 7
        # search index rows written before the upgrade still match
        from journal.values import EntryFilter

        assert [e.id for e in Store(db).list(EntryFilter(search="teller")).entries] == [7]

        reviews = ReviewStore(db)
        reviews.set_focus("2026-W47", "courtesy", "When a regular comes in, I will use their name")
        reviews.save_checkin("2026-W47", {1: "yes", 9: "partly"})
        reviews.mark_reviewed("2026-W47")
        decided = reviews.decide_action("2026-W47", 3, "done")
        assert decided.status == "done"
        assert reviews.checkin("2026-W47") == {1: "yes", 9: "partly"}
        assert reviews.reviewed_weeks() == ["2026-W47"]
    finally:
        db.close()

    backups = list(old_journal.parent.glob(f"{old_journal.name}.pre-{HEAD}-from-0001-*.bak"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
        assert conn.execute("SELECT what FROM entry WHERE id = 7").fetchone()[0] == (
            "Teller greeted me by name"
        )
    finally:
        conn.close()
    assert backups[0].stat().st_mode & 0o077 == 0


def test_deleting_an_action_item_deletes_its_decisions(old_journal: Path) -> None:
    db = open_database(str(old_journal))
    try:
        ReviewStore(db).decide_action("2026-W47", 3, "carried")
        with db.transaction():
            db.execute("DELETE FROM action_item WHERE id = 3")
        assert db.execute("SELECT count(*) FROM action_decision").fetchone()[0] == 0
    finally:
        db.close()


def test_downgrade_to_0001_removes_only_the_review_tables(old_journal: Path) -> None:
    open_database(str(old_journal)).close()
    alembic_to(old_journal, "0001", down=True)
    names = tables(old_journal)
    assert not {"week_review", "checkin_answer", "action_decision"} & names
    conn = sqlite3.connect(old_journal)
    try:
        assert conn.execute("SELECT count(*) FROM entry").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM action_item").fetchone()[0] == 1
    finally:
        conn.close()
