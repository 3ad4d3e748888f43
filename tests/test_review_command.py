"""`service-journal review`: text and JSON output, default week, exit codes."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from journal.cli import main
from journal.db import open_database
from journal.schemas import EntryIn, validate
from journal.store import Store
from journal.store.review_state import ReviewStore
from journal.values import TagMark

BERLIN = ZoneInfo("Europe/Berlin")

# (local time, overall, perspective, setting, tags, lesson) for 2026-W47 and the weeks before
FIXTURE = [
    ("2026-11-16 09:15", "badly", "provider", "bank", "-acknowledged -wait-time", None),
    ("2026-11-17 13:00", "well", "customer", "cafe", "+courtesy +left-better", "Names matter"),
    ("2026-11-18 10:00", "mixed", "provider", "Bank", "+patience -acknowledged", None),
    ("2026-11-22 23:59", "well", "witnessed", None, "+courtesy", None),
    ("2026-11-09 10:00", "badly", "provider", "bank", "-acknowledged", None),  # W46
    ("2026-11-02 10:00", "well", "customer", "cafe", "+courtesy", None),  # W45
    ("2026-11-23 00:01", "badly", "witnessed", "bank", "-acknowledged", None),  # W48
]


@pytest.fixture
def journal(db_path: Path) -> list[int]:
    db = open_database(str(db_path))
    try:
        store = Store(db)
        ids = []
        for when, overall, perspective, setting, tags, lesson in FIXTURE:
            marks = [TagMark.parse(t) for t in tags.split()]
            entry = store.add(
                validate(
                    EntryIn,
                    {
                        "what": f"At {when}",
                        "occurred_at": datetime.fromisoformat(when).replace(tzinfo=BERLIN),
                        "overall": overall,
                        "perspective": perspective,
                        "setting": setting,
                        "tags": marks,
                        "lesson": lesson,
                    },
                )
            )
            ids.append(entry.id)
        ReviewStore(db).set_focus("2026-W47", "acknowledged", "When someone waits, I will nod")
    finally:
        db.close()
    return ids


def run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), "review", *args])


def w47_rows() -> list[tuple[int, tuple]]:
    """(index, row) of the fixture rows in 2026-W47 (Mon 16 to Sun 22 November)."""
    out = []
    for i, row in enumerate(FIXTURE):
        day = datetime.fromisoformat(row[0]).date()
        if day.isocalendar()[:2] == (2026, 47):
            out.append((i, row))
    return out


def test_json_output(db_path: Path, journal: list[int], capsys: pytest.CaptureFixture) -> None:
    assert run(db_path, "--week", "2026-W47", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    for key in (
        "week", "start", "end", "counts", "tags", "groups", "mosaic", "recurring",
        "recurring_detail", "wins", "unreflected", "action_items", "checkin", "focus",
        "coach_questions", "reviewed_at", "streak",
    ):  # fmt: skip
        assert key in data
    rows = w47_rows()
    assert (data["week"], data["start"], data["end"]) == ("2026-W47", "2026-11-16", "2026-11-22")
    counts = data["counts"]
    assert counts["entries"] == len(rows)
    for overall in ("well", "badly", "mixed"):
        assert counts[overall] == sum(r[1] == overall for _, r in rows)
    for perspective in ("witnessed", "customer", "provider"):
        assert counts["by_perspective"][perspective] == sum(r[2] == perspective for _, r in rows)
    banks = sum((r[3] or "").lower() == "bank" for _, r in rows)
    assert counts["by_setting"]["bank"] == banks

    tags = {t["slug"]: t for t in data["tags"]}
    this_week_minus = sum("-acknowledged" in r[4].split() for _, r in rows)
    prev = [r for r in FIXTURE if datetime.fromisoformat(r[0]).isocalendar()[1] in (43, 44, 45, 46)]
    prev_minus = sum("-acknowledged" in r[4].split() for r in prev)
    assert tags["acknowledged"]["minus"] == this_week_minus
    assert tags["acknowledged"]["prev4_minus_avg"] == prev_minus / 4
    assert set(tags["acknowledged"]) >= {"slug", "group", "plus", "minus", "prev4_plus_avg"}
    # acknowledged on the user's own practice: 2 this week + 1 in W46 = 3 within four weeks
    own_minus = sum(
        "-acknowledged" in r[4].split() and r[2] == "provider"
        for r in [*(r for _, r in rows), *prev]
    )
    assert own_minus == 3
    assert data["recurring"] == ["acknowledged"]
    # The split: own practice from provider entries, the rest as observation.
    own = data["own_practice"]
    assert own["entries"] == sum(r[2] == "provider" for _, r in rows)
    assert [p["slug"] for p in own["growth_areas"]][:1] == ["acknowledged"]
    assert {p["slug"]: p["once"] for p in own["growth_areas"]}["wait-time"] is True
    observed = data["observed"]
    assert observed["entries"] == sum(r[2] != "provider" for _, r in rows)
    assert {c["entry_id"] for c in observed["models_to_copy"]} == {
        journal[i] for i, r in rows if r[2] != "provider" and "+" in r[4]
    }
    assert data["trends"]["range"] == ["2026-W47"]
    assert data["unreflected"] == [journal[i] for i, r in rows if r[5] is None]
    assert data["wins"] == [journal[i] for i, r in rows if r[1] == "well" and r[5]]
    assert data["focus"]["tag"] == "acknowledged"
    assert data["reviewed_at"] is None
    assert [len(day["overall"]) for day in data["mosaic"]] == [1, 1, 1, 0, 0, 0, 1]


def test_text_output(db_path: Path, journal: list[int], capsys: pytest.CaptureFixture) -> None:
    assert run(db_path, "--week", "2026-W47") == 0
    out = capsys.readouterr().out
    rows = w47_rows()
    well = sum(r[1] == "well" for _, r in rows)
    badly = sum(r[1] == "badly" for _, r in rows)
    mixed = sum(r[1] == "mixed" for _, r in rows)
    assert f"{len(rows)} entries: {well} went well, {badly} went badly, {mixed} mixed" in out
    assert "Week 2026-W47" in out
    assert "Recurring problems of my own practice" in out and "-acknowledged" in out
    assert "My own practice (2 provider entries)" in out
    assert "What I observed (2 entries witnessed or as the customer)" in out
    # The week's only win was lived as a customer: a model to copy, not one of my wins.
    assert "\nWins\n" not in out and "My wins" not in out
    assert "Inbox:" in out
    for i, r in rows:
        if r[5] is None:
            assert f"#{journal[i]}" in out
    assert "Self check-in: 0 of 10 answered" in out
    assert "Focus for next week: acknowledged: When someone waits, I will nod" in out
    assert "not reviewed yet" in out


def test_empty_week_has_a_helpful_text(
    db_path: Path, journal: list[int], capsys: pytest.CaptureFixture
) -> None:
    assert run(db_path, "--week", "2025-W10") == 0
    out = capsys.readouterr().out
    assert "No entries in 2025-W10. Log one with: service-journal add" in out
    assert "Dimensions" not in out


def test_default_week_is_the_current_local_week(
    db_path: Path, journal: list[int], capsys: pytest.CaptureFixture
) -> None:
    assert run(db_path, "--json") == 0
    data = json.loads(capsys.readouterr().out)
    year, week, weekday = datetime.now(BERLIN).isocalendar()
    assert data["week"] == f"{year}-W{week:02d}"
    today = datetime.now(BERLIN).date()
    assert data["start"] == (today - timedelta(days=weekday - 1)).isoformat()


def test_malformed_week_is_a_usage_error(db_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert run(db_path, "--week", "2026-W99") == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "2026-W47" in captured.err and captured.err.count("\n") == 1
    assert not db_path.exists()  # refused before the journal was opened


def test_sunday_start_from_the_environment(
    db_path: Path,
    journal: list[int],
    capsys: pytest.CaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SERVICE_JOURNAL_WEEK_START", "sunday")
    assert run(db_path, "--week", "2026-W47", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["start"], data["end"]) == ("2026-11-15", "2026-11-21")
    inside = [
        r
        for r in FIXTURE
        if "2026-11-15" <= datetime.fromisoformat(r[0]).date().isoformat() <= "2026-11-21"
    ]
    assert data["counts"]["entries"] == len(inside)
