"""WHEN as people say it, read past-preferring with an injected now, around midnight and DST."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from journal.errors import InputError
from journal.when import parse_capture, parse_when

BERLIN = ZoneInfo("Europe/Berlin")
SUNDAY = datetime(2026, 12, 6, 10, 30, tzinfo=BERLIN)


def local(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("this morning 8:10", local(2026, 12, 6, 8, 10)),
        ("this morning at 8:10", local(2026, 12, 6, 8, 10)),
        ("sat noon", local(2026, 12, 5, 12, 0)),
        ("saturday at noon", local(2026, 12, 5, 12, 0)),
        ("last friday evening", local(2026, 12, 4, 18, 0)),
        ("friday evening", local(2026, 12, 4, 18, 0)),
        ("an hour ago", local(2026, 12, 6, 9, 30)),
        ("two hours ago", local(2026, 12, 6, 8, 30)),
        ("last night", local(2026, 12, 5, 21, 0)),
        ("yesterday at 5pm", local(2026, 12, 5, 17, 0)),
    ],
)
def test_spoken_phrases_on_a_sunday_morning(text: str, expected: datetime) -> None:
    assert parse_capture(text, SUNDAY) == expected


def test_tonight_is_tonight_and_refused_at_capture_until_it_has_happened() -> None:
    assert parse_when("tonight", SUNDAY) == local(2026, 12, 6, 21, 0)
    with pytest.raises(InputError):
        parse_capture("tonight", SUNDAY)
    assert parse_capture("tonight", local(2026, 12, 6, 22, 15)) == local(2026, 12, 6, 21, 0)


def test_just_after_midnight_the_phrases_mean_the_day_before() -> None:
    now = local(2026, 12, 6, 0, 20)
    assert parse_capture("an hour ago", now) == local(2026, 12, 5, 23, 20)
    assert parse_capture("sat noon", now) == local(2026, 12, 5, 12, 0)
    assert parse_capture("last night", now) == local(2026, 12, 5, 21, 0)
    assert parse_capture("friday evening", now) == local(2026, 12, 4, 18, 0)


def test_hours_ago_across_the_autumn_change_are_real_hours() -> None:
    # 25 Oct 2026: 03:00 CEST becomes 02:00 CET; 04:30 CET is 03:30 UTC.
    now = local(2026, 10, 25, 4, 30)
    got = parse_capture("three hours ago", now)
    # Aware datetimes in one zone subtract as wall clocks, so compare in UTC.
    assert (now.astimezone(UTC) - got.astimezone(UTC)).total_seconds() == 3 * 3600


def test_a_spoken_evening_across_the_spring_change_keeps_its_wall_clock() -> None:
    # 29 Mar 2026: 02:00 CET jumps to 03:00 CEST; Saturday evening before it is 18:00 CET.
    now = local(2026, 3, 29, 9, 0)
    got = parse_capture("sat evening", now)
    assert got == local(2026, 3, 28, 18, 0)
    assert got.utcoffset() is not None and got.utcoffset().total_seconds() == 3600  # type: ignore[union-attr]
    assert parse_capture("this morning 8:10", now).utcoffset().total_seconds() == 7200  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["8:10 this morning", "the sat noon thing", "sat 25:00", "banana"])
def test_what_the_library_would_misread_or_only_partly_read_is_refused(text: str) -> None:
    with pytest.raises(InputError):
        parse_when(text, SUNDAY)


def test_the_fast_path_does_not_import_the_library() -> None:
    code = (
        "import sys; from datetime import datetime; from zoneinfo import ZoneInfo;"
        "from journal.when import parse_when;"
        "now = datetime(2026, 12, 6, 10, 30, tzinfo=ZoneInfo('Europe/Berlin'));"
        "[parse_when(t, now) for t in ('now', 'today 14:30', '2h ago', '2026-11-20 14:30')];"
        "print('parsedatetime' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
