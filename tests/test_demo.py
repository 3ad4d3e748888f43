"""The demo journal gives every screen and every section of the coaching document something to
show: a month of distinct scenes, own practice and observation, reviews, and an arc."""

from __future__ import annotations

import itertools
import sqlite3
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from journal.config import Settings
from journal.db import Database, open_database
from journal.demo import SCENES, SESSIONS, DemoClock, build, main, write
from journal.review.build import build_review
from journal.rows import EntryRow
from journal.store import Store
from journal.values import EntryFilter
from journal.weeks import shift_week, week_bounds, week_of

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 25, 18, 0, tzinfo=BERLIN)  # a Wednesday
SETTINGS = Settings(tz="Europe/Berlin")


def demo_store(db: Database, now: datetime = NOW) -> tuple[Store, list[int]]:
    clock = DemoClock(now)
    store = Store(db, now=clock)
    return store, build(store, SETTINGS, now, clock=clock)


def entries(store: Store, ids: list[int]) -> list[EntryRow]:
    return sorted(store.get_many(ids), key=lambda e: e.occurred_at)


def test_demo_covers_every_kind_of_entry(db: Database) -> None:
    store, ids = demo_store(db)
    rows = entries(store, ids)
    assert {e.perspective for e in rows} == {"witnessed", "customer", "provider"}
    assert {e.overall for e in rows} == {"well", "badly", "mixed"}
    assert any(e.reflected for e in rows) and any(not e.reflected for e in rows)
    assert any(e.flagged for e in rows) and any(e.private for e in rows)
    assert any(e.action for e in rows)
    assert all(e.occurred_at <= NOW for e in rows)
    start, end = week_bounds(week_of(NOW.date()), BERLIN)
    assert store.count(EntryFilter(start=start, end=end)) >= 3
    assert (NOW - rows[0].occurred_at).days >= 28


def test_no_scene_is_repeated(db: Database) -> None:
    store, ids = demo_store(db)
    texts = [e.what for e in store.get_many(ids)]
    assert len(texts) == len(SCENES) >= 30
    assert len(set(texts)) == len(texts)
    lessons = [e.lesson for e in store.get_many(ids) if e.lesson]
    assert len(set(lessons)) == len(lessons)


def test_own_practice_and_observation_are_both_there_in_every_week(db: Database) -> None:
    store, ids = demo_store(db)
    rows = entries(store, ids)
    own = [e for e in rows if e.perspective == "provider"]
    observed = [e for e in rows if e.perspective in ("witnessed", "customer")]
    assert len(own) >= 12 and len(observed) >= 12
    for back in range(4):  # this week and the three before it
        week = shift_week(week_of(NOW.date()), -back)
        in_week = {
            e.perspective for e in rows if week_of(e.occurred_at.astimezone(BERLIN).date()) == week
        }
        assert "provider" in in_week and in_week & {"witnessed", "customer"}, week


def test_the_arc_of_the_users_own_greeting_shows_a_lapse_a_slip_then_fixed(db: Database) -> None:
    """Own practice of ``acknowledged``, oldest first: missed, practised, slipped, then held."""
    store, ids = demo_store(db)
    signs = [
        mark.polarity
        for e in entries(store, ids)
        if e.perspective == "provider"
        for mark in e.tags
        if mark.slug == "acknowledged"
    ]
    runs = [signs[0], *(s for prev, s in itertools.pairwise(signs) if s != prev)]
    assert runs == [-1, 1, -1, 1]
    assert signs[-3:] == [1, 1, 1]  # and it holds


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, but an entry's uuid: that names this copy of the entry, so that
    importing one demo journal into another adds its entries instead of taking them as known."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            t: [
                tuple(v for k, v in zip(row.keys(), row, strict=True) if k != "uuid")
                for row in conn.execute(f'SELECT * FROM "{t}" ORDER BY 1')
            ]
            for t in tables
            if not t.startswith(("sqlite_", "entry_fts"))
        }
    finally:
        conn.close()


def test_the_same_seed_and_now_give_the_same_journal(tmp_path: Path) -> None:
    first, second, other = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "c.db"
    write(first, 7, "2026-11-20T18:00")
    write(second, 7, "2026-11-20T18:00")
    write(other, 8, "2026-11-20T18:00")
    assert _dump(first) == _dump(second)
    assert _dump(first)["entry"] != _dump(other)["entry"]  # the seed moves the minutes


MOMENTS = [
    datetime(2026, 11, 23, 0, 30, tzinfo=BERLIN),  # Monday, just after midnight
    datetime(2026, 11, 24, 10, 5, tzinfo=BERLIN),  # as today's first scene happens
    datetime(2026, 11, 25, 12, 30, tzinfo=BERLIN),
    datetime(2026, 11, 26, 14, 20, tzinfo=BERLIN),
    datetime(2026, 11, 27, 23, 59, tzinfo=BERLIN),
    datetime(2026, 11, 28, 7, 0, tzinfo=BERLIN),  # before any of today's scenes
    datetime(2026, 11, 29, 19, 45, tzinfo=BERLIN),  # Sunday evening, the week not reviewed yet
    datetime(2026, 3, 29, 12, 0, tzinfo=BERLIN),  # the day clocks go forward
]


@pytest.mark.parametrize("now", MOMENTS, ids=lambda m: m.strftime("%a-%H%M"))
def test_any_moment_of_the_week_gives_a_whole_month_before_now(db: Database, now: datetime) -> None:
    store, ids = demo_store(db, now)
    rows = entries(store, ids)
    assert all(e.occurred_at <= now for e in rows)
    assert (now - rows[0].occurred_at).days >= 28
    weeks = store.review.reviewed_weeks()
    this_week = week_of(now.date())
    assert weeks[-1] == shift_week(this_week, -1)
    assert len(weeks) >= 4


def test_demo_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    assert main([str(path)]) == 0
    db = open_database(str(path))
    count = Store(db).count()
    db.close()
    assert count == len(SCENES)
    assert main([str(path)]) == 1


def test_every_past_week_is_reviewed_with_check_in_focus_and_decisions(db: Database) -> None:
    store, _ = demo_store(db)
    this_week = week_of(NOW.date())
    weeks = store.review.reviewed_weeks()
    for week in weeks:
        review = build_review(store, week, SETTINGS)
        assert review.reviewed_at is not None
        assert len(review.checkin.answers) == 10
        assert review.focus.current is not None, week
    last = build_review(store, shift_week(this_week, -1), SETTINGS)
    assert last.focus.current is not None
    now = build_review(store, this_week, SETTINGS)
    assert now.coach_questions
    assert now.counts.entries >= 3
    statuses = {item.status for item in store.action_items()}
    assert {"done", "carried"} <= statuses
    outcomes = [store.review.get_week(w) for w in weeks[:-1]]
    assert all(state is not None and state.focus_outcome for state in outcomes)


def test_two_coaching_sessions_with_agreements_followed_up_by_the_reviews(db: Database) -> None:
    store, _ = demo_store(db)
    sessions = store.coaching.sessions()
    assert len(sessions) == len(SESSIONS) == 2
    assert all(s.held_at < NOW and s.notes and len(s.agreements) == 2 for s in sessions)
    first, latest = sessions[-1], sessions[0]
    # The reviews after each session decided its agreements: the first's are settled, and one
    # of the latest's was dropped in the review after it.
    assert {a.status for a in first.agreements} == {"done"}
    assert "dropped" in {a.status for a in latest.agreements}
    assert all(a.session_id == latest.id and a.entry_id is None for a in latest.agreements)
    assert store.coaching.latest_session() == latest


def test_since_the_last_session_the_arc_holds_in_the_users_own_entries(db: Database) -> None:
    """The range a coach looks at next time: own entries greeting well, none greeting badly."""
    store, ids = demo_store(db)
    latest = store.coaching.latest_session()
    assert latest is not None
    own_since = [
        e
        for e in entries(store, ids)
        if e.perspective == "provider" and e.occurred_at > latest.held_at
    ]
    marks = [m.polarity for e in own_since for m in e.tags if m.slug == "acknowledged"]
    assert marks and set(marks) == {1}


def test_weeks_starting_on_sunday_are_reviewed_as_such(db: Database) -> None:
    settings = Settings(tz="Europe/Berlin", week_start="sunday")
    clock = DemoClock(NOW)
    store = Store(db, now=clock)
    build(store, settings, NOW, clock=clock)
    this_week = week_of(NOW.date(), "sunday")
    weeks = store.review.reviewed_weeks()
    assert weeks[-1] == shift_week(this_week, -1) and len(weeks) >= 4


def test_every_planned_decision_names_an_action_item_the_demo_writes() -> None:
    """A fate for a text no entry or session has would silently leave the review undecided."""
    from journal.demo.month import ITEM_FATES

    written = {str(s.fields["action"]) for s in SCENES if "action" in s.fields}
    written |= {text for session in SESSIONS for text in session.agreements}
    assert set(ITEM_FATES) <= written


def test_every_section_of_the_month_document_has_something_to_show(tmp_path: Path) -> None:
    from journal.cli import main as cli

    path, out = tmp_path / "demo.db", tmp_path / "month.md"
    write(path, 7, "2026-11-20T18:00")
    args = ["--db", str(path), "export", "--from", "2026-10-21", "--to", "2026-11-20"]
    assert cli([*args, "-o", str(out)]) == 0
    headings = [line for line in out.read_text().splitlines() if line.startswith("#")]
    for heading in (
        "## Summary",
        "## Since last session",
        "### Focus since then",
        "### Action items in this range",
        "### Agreements of the last session",
        "### Check-in",
        "## My own service",
        "### Strengths",
        "### Growth areas",
        "### Recoveries",
        "## What I observed",
        "### Models to copy",
        "### To avoid",
        "## Trends",
        "## Flagged for coaching",
        "## Action items",
        "## Questions for the coach",
    ):
        assert heading in headings, heading
