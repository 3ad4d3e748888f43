"""The demo journal gives every screen something to show."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from journal.db import open_database
from journal.demo import fill, main
from journal.store import Store
from journal.values import EntryFilter
from journal.weeks import week_bounds, week_of

BERLIN = ZoneInfo("Europe/Berlin")


def test_demo_covers_every_kind_of_entry(store: Store) -> None:
    now = datetime(2026, 11, 25, 18, 0, tzinfo=BERLIN)
    ids = fill(store, BERLIN, now)
    entries = store.get_many(ids)
    assert {e.perspective for e in entries} == {"witnessed", "customer", "provider"}
    assert {e.overall for e in entries} == {"well", "badly", "mixed"}
    assert any(e.reflected for e in entries) and any(not e.reflected for e in entries)
    assert any(e.flagged for e in entries) and any(e.private for e in entries)
    assert any(e.action for e in entries)
    assert all(e.occurred_at <= now for e in entries)
    start, end = week_bounds(week_of(now.date()), BERLIN)
    assert store.count(EntryFilter(start=start, end=end)) >= 3
    oldest = min(e.occurred_at for e in entries)
    assert (now - oldest).days >= 28


def test_demo_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    assert main([str(path)]) == 0
    db = open_database(str(path))
    count = Store(db).count()
    db.close()
    assert count == 40
    assert main([str(path)]) == 1


def test_demo_has_a_reviewed_week_with_check_in_and_focus(tmp_path: Path) -> None:
    from journal.config import Settings
    from journal.review.build import build_review, current_week
    from journal.weeks import shift_week

    path = tmp_path / "demo.db"
    assert main([str(path)]) == 0
    settings = Settings.from_env(db=str(path))
    db = open_database(str(path))
    try:
        store = Store(db)
        this_week = current_week(settings)
        last = build_review(store, shift_week(this_week, -1), settings)
        now = build_review(store, this_week, settings)
    finally:
        db.close()
    assert last.reviewed_at is not None
    assert len(last.checkin.answers) == 10
    assert last.focus.current is not None and last.focus.current.tag == "attention"
    assert now.coach_questions
    assert now.counts.entries >= 3
