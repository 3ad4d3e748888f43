"""Weekly trends of the own practice: rates, `—` for no data, the 5-mark threshold, the command."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from journal.cli import main
from journal.config import Settings
from journal.review.counts import sparkline
from journal.review.trends import (
    MIN_MARKS,
    NOTHING_BEFORE,
    TOO_FEW,
    build_trends,
    compute,
    trends_lines,
    trends_to_json,
    week_range,
)
from journal.schemas import EntryIn, validate
from journal.store import Store
from journal.taxonomy import BUILTIN_TAGS
from journal.values import TagMark
from journal.weeks import shift_week, week_bounds, week_of

CATALOGUE = {t.slug: t.group for t in BUILTIN_TAGS}
BERLIN = ZoneInfo("Europe/Berlin")
WEEKS = week_range("2026-W47", 4)  # W44 to W47


def add(store: Store, week: str, tags: str, perspective: str = "provider", **extra: object) -> None:
    """An entry in the middle of ``week`` (Thursday noon, Berlin)."""
    start, _ = week_bounds(week, BERLIN)
    store.add(
        validate(
            EntryIn,
            {
                "what": f"In {week}",
                "occurred_at": start + timedelta(days=3, hours=12),
                "perspective": perspective,
                "tags": [TagMark.parse(t) for t in tags.split()],
                **extra,
            },
        )
    )


# ----------------------------------------------------------------- pure


def test_rates_per_entry_and_a_dash_for_weeks_without_marks() -> None:
    # periods: 0 = W44 (2 entries: +queue -queue), 1 = W45 (1 entry, no marks), 2 = W46 (none)
    trends = build_trends(
        WEEKS,
        0,
        {0: 2, 1: 1, 3: 4},
        [(0, "queue", 1, 1), (0, "queue", -1, 1), (3, "queue", 1, 4)],
        CATALOGUE,
    )
    [row] = trends.dimensions
    assert row.name == "Tangibles"
    assert [(w.entries, w.plus, w.minus) for w in row.weeks] == [
        (2, 1, 1),
        (1, 0, 0),
        (0, 0, 0),
        (4, 4, 0),
    ]
    assert [w.plus_rate for w in row.weeks] == [0.5, 0.0, None, 1.0]
    assert [w.share for w in row.weeks] == [0.5, None, None, 1.0]
    # One block a week: half done well, then no marks twice (never a zero), then all done well.
    assert row.spark == "▅——█"
    assert "0.0" not in "\n".join(trends_lines(trends))


def test_no_direction_below_five_marks_and_a_direction_from_five() -> None:
    # range = W46-W47 (first_in_range 2); before: W44-W45
    few = build_trends(WEEKS, 2, {0: 1, 3: 1}, [(0, "queue", -1, 2), (3, "queue", 1, 2)], CATALOGUE)
    [row] = few.dimensions
    assert row.direction is None and row.arrow == "" and row.note == TOO_FEW
    assert TOO_FEW in "\n".join(trends_lines(few))

    enough = build_trends(
        WEEKS, 2, {0: 1, 3: 1}, [(0, "queue", -1, 2), (3, "queue", 1, MIN_MARKS - 2)], CATALOGUE
    )
    [row] = enough.dimensions
    assert (row.direction, row.arrow, row.note) == ("better", "↑", None)
    assert row.verdict == "↑ better"

    worse = build_trends(
        WEEKS, 2, {0: 1, 3: 1}, [(0, "queue", 1, 3), (3, "queue", -1, 2)], CATALOGUE
    )
    assert worse.dimensions[0].verdict == "↓ worse"


def test_without_earlier_marks_the_range_halves_are_compared() -> None:
    halves = build_trends(
        WEEKS, 0, {0: 1, 3: 1}, [(0, "queue", -1, 3), (3, "queue", 1, 3)], CATALOGUE
    )
    assert halves.dimensions[0].direction == "better"
    one_week = build_trends(["2026-W47"], 0, {0: 3}, [(0, "queue", 1, 6)], CATALOGUE)
    assert one_week.dimensions[0].note == NOTHING_BEFORE


def test_tags_are_listed_when_marked_in_the_range_most_marked_first() -> None:
    trends = build_trends(
        WEEKS,
        2,
        {0: 1, 2: 2, 3: 2},
        [
            (0, "listening", 1, 5),
            (2, "queue", -1, 1),
            (3, "attention", 1, 2),
            (3, "patience", 1, 2),
        ],
        CATALOGUE,
    )
    assert [t.name for t in trends.tags] == ["attention", "patience", "queue"]  # not listening
    assert [d.name for d in trends.dimensions] == ["Empathy", "Tangibles"]


def test_sparkline_keeps_its_dots_and_draws_missing_weeks_as_a_dash() -> None:
    assert sparkline([0, 1, 2, 4])[0] == "·"
    assert sparkline([None, 0.0, 1.0], top=1.0, zero="▁") == "—▁█"
    assert sparkline([None, None]) == "——"


# ----------------------------------------------------------------- from the store


def test_the_store_counts_only_own_shared_live_entries(store: Store) -> None:
    add(store, "2026-W44", "+queue")
    add(store, "2026-W45", "-queue -attention")
    add(store, "2026-W45", "+queue", perspective="witnessed")  # observation
    add(store, "2026-W46", "+queue +attention", private=True)
    add(store, "2026-W47", "+queue")
    trashed = store.list().entries[0]
    store.trash(trashed.id)  # the W47 one
    trends = compute(store, WEEKS, BERLIN, catalogue=CATALOGUE, exclude_private=True)
    assert trends.weeks == WEEKS and trends.entries == [1, 1, 0, 0]
    queue = next(t for t in trends.dimensions if t.name == "Tangibles")
    assert [(w.plus, w.minus) for w in queue.weeks] == [(1, 0), (0, 1), (0, 0), (0, 0)]
    with_private = compute(store, WEEKS, BERLIN, catalogue=CATALOGUE, exclude_private=False)
    assert with_private.entries == [1, 1, 1, 0]


def test_up_to_twelve_weeks_before_but_none_before_the_first_own_entry(store: Store) -> None:
    add(store, "2026-W40", "+queue")
    add(store, "2026-W47", "+queue")
    trends = compute(store, ["2026-W47"], BERLIN, catalogue=CATALOGUE, exclude_private=True)
    assert trends.weeks[0] == "2026-W40" and trends.range_weeks == ["2026-W47"]
    assert trends.first_in_range == 7
    add(store, "2026-W20", "+queue")  # beyond the twelve weeks: changes nothing
    same = compute(store, ["2026-W47"], BERLIN, catalogue=CATALOGUE, exclude_private=True)
    assert same.weeks == trends.weeks
    add(store, "2026-W36", "+queue")
    longer = compute(store, ["2026-W47"], BERLIN, catalogue=CATALOGUE, exclude_private=True)
    assert len(longer.weeks) == 12 and longer.weeks[0] == "2026-W36"


# ----------------------------------------------------------------- the command


def this_week() -> tuple[str, Settings]:
    settings = Settings.from_env()
    return week_of(datetime.now(settings.zone()).date(), settings.week_start), settings


@pytest.fixture
def recent(store: Store) -> str:
    """Own marks in the last weeks: 3 badly five weeks ago, 3 well this week."""
    week, settings = this_week()
    zone = settings.zone()
    for k, tags in ((5, "-attention"), (5, "-attention"), (5, "-attention"), (0, "+attention")):
        start, end = week_bounds(shift_week(week, -k), zone, settings.week_start)
        moment = min(start + timedelta(days=1), end - timedelta(hours=1))
        if moment > datetime.now(zone):
            moment = start + timedelta(minutes=1)
        store.add(
            validate(
                EntryIn,
                {
                    "what": "mine",
                    "occurred_at": moment,
                    "perspective": "provider",
                    "tags": [TagMark.parse(tags)],
                },
            )
        )
    for _ in range(2):
        store.add(
            validate(
                EntryIn,
                {
                    "what": "mine",
                    "occurred_at": min(datetime.now(zone), start + timedelta(minutes=2)),
                    "perspective": "provider",
                    "tags": [TagMark.parse("+attention")],
                },
            )
        )
    return week


def test_command_text(db_path: Path, recent: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "trends", "--weeks", "4"]) == 0
    out = capsys.readouterr().out
    first = shift_week(recent, -3)
    # The range's four weeks and the two before it, from the first own entry.
    assert f"Trends of my own practice (provider entries), {first} to {recent}, and 2 weeks" in out
    empathy = next(line for line in out.splitlines() if line.strip().startswith("Empathy"))
    assert "▁————█" in empathy and "↑ better" in empathy
    assert "well 3, badly 0 of 3 entries" in empathy


def test_command_json(db_path: Path, recent: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "trends", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["range"]) == 8 and data["range"][-1] == recent
    assert data["min_marks"] == MIN_MARKS
    [empathy] = data["dimensions"]
    assert empathy["group"] == "Empathy"
    # No weeks before the range hold own entries: its second half is compared with its first.
    assert empathy["sparkline"] == "——▁————█"
    assert empathy["weeks"][-2] == {
        "week": shift_week(recent, -1),
        "entries": 0,
        "plus": 0,
        "minus": 0,
        "plus_per_entry": None,
        "minus_per_entry": None,
        "share_well": None,
    }
    assert (empathy["trend"], empathy["arrow"], empathy["note"]) == ("better", "↑", None)
    assert [t["tag"] for t in data["tags"]] == ["attention"]


@pytest.mark.parametrize("weeks", ["0", "53", "-1", "many", ""])
def test_command_refuses_a_bad_number_of_weeks(
    db_path: Path, weeks: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "trends", "--weeks", weeks]) == 2
    err = capsys.readouterr().err
    assert err.startswith("service-journal: --weeks takes a number of weeks from 1 to 52")
    assert err.count("\n") == 1
    assert not db_path.exists()  # refused before the journal is opened


def test_the_json_of_an_empty_journal(store: Store) -> None:
    trends = compute(store, WEEKS, BERLIN, catalogue=CATALOGUE, exclude_private=True)
    assert trends.empty
    assert trends_to_json(trends)["dimensions"] == []
    assert "No marks on provider entries in these weeks." in trends_lines(trends)
