"""WHEN parsing against a fixed clock: Monday 2026-11-23 10:00 in Berlin, plus DST edge days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest

from journal.when import WhenError, local_zone, parse_when, to_utc

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=BERLIN)  # a Monday, CET (+01:00)


def berlin(*args: int, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=BERLIN, fold=fold)  # type: ignore[misc]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", berlin(2026, 11, 23, 10, 0)),
        ("today", berlin(2026, 11, 23, 10, 0)),
        ("yesterday", berlin(2026, 11, 22, 10, 0)),
        ("today 14:30", berlin(2026, 11, 23, 14, 30)),
        ("today at 8:05", berlin(2026, 11, 23, 8, 5)),
        ("yesterday 9am", berlin(2026, 11, 22, 9, 0)),
        ("yesterday 9:15pm", berlin(2026, 11, 22, 21, 15)),
        ("yesterday 12am", berlin(2026, 11, 22, 0, 0)),
        ("yesterday 12pm", berlin(2026, 11, 22, 12, 0)),
        ("yesterday noon", berlin(2026, 11, 22, 12, 0)),
        ("14:30", berlin(2026, 11, 23, 14, 30)),
        ("9am", berlin(2026, 11, 23, 9, 0)),
        ("9 am", berlin(2026, 11, 23, 9, 0)),
        ("23:59:30", berlin(2026, 11, 23, 23, 59, 30)),
        ("midnight", berlin(2026, 11, 23, 0, 0)),
        # relative, by elapsed time
        ("2h ago", berlin(2026, 11, 23, 8, 0)),
        ("2 hours ago", berlin(2026, 11, 23, 8, 0)),
        ("an hour ago", berlin(2026, 11, 23, 9, 0)),
        ("30m ago", berlin(2026, 11, 23, 9, 30)),
        ("90 min ago", berlin(2026, 11, 23, 8, 30)),
        ("45 seconds ago", berlin(2026, 11, 23, 9, 59, 15)),
        # relative, by calendar day
        ("3 days ago", berlin(2026, 11, 20, 10, 0)),
        ("a day ago", berlin(2026, 11, 22, 10, 0)),
        ("1 week ago", berlin(2026, 11, 16, 10, 0)),
        ("2 weeks ago", berlin(2026, 11, 9, 10, 0)),
        # weekdays: the most recent one strictly before today (NOW is a Monday)
        ("monday 10:00", berlin(2026, 11, 16, 10, 0)),
        ("last monday", berlin(2026, 11, 16, 10, 0)),
        ("sunday", berlin(2026, 11, 22, 10, 0)),
        ("tue 8:30", berlin(2026, 11, 17, 8, 30)),
        ("last friday 6pm", berlin(2026, 11, 20, 18, 0)),
        ("Saturday at 11am", berlin(2026, 11, 21, 11, 0)),
        # ISO 8601: naive means local, a bare date means noon local
        ("2026-11-20", berlin(2026, 11, 20, 12, 0)),
        ("2026-11-20 14:30", berlin(2026, 11, 20, 14, 30)),
        ("2026-11-20T14:30", berlin(2026, 11, 20, 14, 30)),
        ("2026-11-20 14:30:15", berlin(2026, 11, 20, 14, 30, 15)),
        ("2026-11-20T14:30:00+01:00", berlin(2026, 11, 20, 14, 30)),
        ("2026-11-20T13:30:00Z", berlin(2026, 11, 20, 14, 30)),
        ("2026-11-20t13:30z", berlin(2026, 11, 20, 14, 30)),
        ("2026-11-20T08:30:00-05:00", berlin(2026, 11, 20, 14, 30)),
        ("2026-07-01T12:00:00Z", berlin(2026, 7, 1, 14, 0)),
        ("2026-11-20 9am", berlin(2026, 11, 20, 9, 0)),
        # future times are the caller's business
        ("2026-12-24 18:00", berlin(2026, 12, 24, 18, 0)),
        # case and spacing
        ("  TODAY   14:30 ", berlin(2026, 11, 23, 14, 30)),
        ("Yesterday 9AM", berlin(2026, 11, 22, 9, 0)),
        ("2H AGO", berlin(2026, 11, 23, 8, 0)),
    ],
)
def test_parse_when(text: str, expected: datetime) -> None:
    result = parse_when(text, NOW)
    assert result == expected
    assert result.tzinfo is BERLIN
    assert result.utcoffset() == expected.utcoffset()


def test_iso_with_offset_is_shown_in_the_users_zone() -> None:
    result = parse_when("2026-11-20T14:30:00+05:30", NOW)
    assert to_utc(result) == utc(2026, 11, 20, 9, 0)
    assert (result.hour, result.minute) == (10, 0)
    assert result.tzinfo is BERLIN


def test_today_follows_the_users_calendar_not_utc() -> None:
    # 00:30 UTC on the 23rd is still the evening of the 22nd in New York.
    now = utc(2026, 11, 23, 0, 30).astimezone(NEW_YORK)
    result = parse_when("today 9am", now)
    assert result == datetime(2026, 11, 22, 9, 0, tzinfo=NEW_YORK)
    assert to_utc(result) == utc(2026, 11, 22, 14, 0)
    assert to_utc(parse_when("2026-11-20", now)) == utc(2026, 11, 20, 17, 0)


def test_fixed_offset_zone_is_kept() -> None:
    zone = timezone(timedelta(hours=2))
    now = datetime(2026, 11, 23, 10, 0, tzinfo=zone)
    result = parse_when("yesterday 9am", now)
    assert result == datetime(2026, 11, 22, 9, 0, tzinfo=zone)
    assert result.tzinfo is zone


# --- DST in Europe/Berlin: 2026-03-29 02:00 CET -> 03:00 CEST; 2026-10-25 03:00 CEST -> 02:00 CET


class TestSpringForward:
    def test_hours_ago_counts_elapsed_time_across_the_gap(self) -> None:
        now = berlin(2026, 3, 29, 3, 30)  # CEST, 01:30 UTC
        result = parse_when("2h ago", now)
        assert to_utc(result) == utc(2026, 3, 28, 23, 30)
        assert result == berlin(2026, 3, 29, 0, 30)
        assert result.utcoffset() == timedelta(hours=1)

    def test_yesterday_keeps_the_clock_time_not_24_hours(self) -> None:
        now = berlin(2026, 3, 29, 10, 0)  # CEST
        result = parse_when("yesterday", now)
        assert result == berlin(2026, 3, 28, 10, 0)
        assert result.utcoffset() == timedelta(hours=1)
        assert to_utc(now) - to_utc(result) == timedelta(hours=23)
        assert parse_when("1 day ago", now) == result

    def test_days_ago_differs_from_the_same_number_of_hours(self) -> None:
        now = berlin(2026, 3, 30, 10, 0)  # CEST, 08:00 UTC
        assert to_utc(parse_when("2 days ago", now)) == utc(2026, 3, 28, 9, 0)
        assert to_utc(parse_when("48 hours ago", now)) == utc(2026, 3, 28, 8, 0)

    def test_a_skipped_clock_time_moves_forward_by_the_gap(self) -> None:
        now = berlin(2026, 3, 29, 10, 0)
        result = parse_when("today 02:30", now)
        assert result == berlin(2026, 3, 29, 3, 30)
        assert result.utcoffset() == timedelta(hours=2)
        assert to_utc(result) == utc(2026, 3, 29, 1, 30)
        assert (result.hour, result.minute) == (3, 30)

    def test_bare_date_on_the_change_day_is_noon_summer_time(self) -> None:
        result = parse_when("2026-03-29", berlin(2026, 4, 1, 9, 0))
        assert to_utc(result) == utc(2026, 3, 29, 10, 0)


class TestFallBack:
    def test_hours_ago_counts_elapsed_time_across_the_overlap(self) -> None:
        now = berlin(2026, 10, 25, 2, 30, fold=1)  # second 02:30, CET, 01:30 UTC
        result = parse_when("1h ago", now)
        assert to_utc(result) == utc(2026, 10, 25, 0, 30)
        assert (result.hour, result.minute) == (2, 30)
        assert result.utcoffset() == timedelta(hours=2)

    def test_a_repeated_clock_time_means_its_first_occurrence(self) -> None:
        now = berlin(2026, 10, 25, 10, 0)
        result = parse_when("today 2:30", now)
        assert to_utc(result) == utc(2026, 10, 25, 0, 30)
        assert result.utcoffset() == timedelta(hours=2)

    def test_weekday_and_yesterday_across_the_change(self) -> None:
        now = berlin(2026, 10, 26, 10, 0)  # Monday, CET
        sunday = parse_when("sunday 9am", now)
        assert to_utc(sunday) == utc(2026, 10, 25, 8, 0)
        saturday = parse_when("yesterday", berlin(2026, 10, 25, 10, 0))
        assert saturday == berlin(2026, 10, 24, 10, 0)
        assert saturday.utcoffset() == timedelta(hours=2)

    def test_days_ago_differs_from_the_same_number_of_hours(self) -> None:
        now = berlin(2026, 10, 27, 10, 0)  # CET, 09:00 UTC
        assert parse_when("3 days ago", now) == berlin(2026, 10, 24, 10, 0)
        assert to_utc(parse_when("3 days ago", now)) == utc(2026, 10, 24, 8, 0)
        assert to_utc(parse_when("72 hours ago", now)) == utc(2026, 10, 24, 9, 0)

    def test_week_ago_keeps_the_clock_time(self) -> None:
        now = berlin(2026, 11, 1, 10, 0)  # CET
        result = parse_when("1 week ago", now)
        assert result == berlin(2026, 10, 25, 10, 0)
        assert (result.hour, result.minute) == (10, 0)


# --- refusals


@pytest.mark.parametrize(
    "text",
    [
        "blah",
        "",
        "   ",
        "25:00",
        "today 24:00",
        "12:60",
        "13pm",
        "0am",
        "9",
        "today 9",
        "2026-02-30",
        "2026-11-20T25:00",
        "2026-13-01",
        "tomorrow",
        "2h",
        "ago",
        "yesterday at",
        "last",
        "last today",
        "today9am",
        "5 fortnights ago",
    ],
)
def test_refuses_with_a_sentence_naming_accepted_forms(text: str) -> None:
    with pytest.raises(WhenError) as info:
        parse_when(text, NOW)
    message = str(info.value)
    assert message == (
        f'Could not understand "{text.strip()}" as a time; use ISO 8601 (2026-11-20 14:30) '
        'or phrases like "now", "today 14:30", "yesterday 9am", "2h ago".'
    )


def test_refusal_is_a_value_error_and_shortens_long_input() -> None:
    with pytest.raises(ValueError, match=r'^Could not understand "x{39}…" as a time;'):
        parse_when("x" * 200, NOW)


def test_naive_now_is_a_programming_error_not_a_user_error() -> None:
    with pytest.raises(ValueError, match="timezone-aware") as info:
        parse_when("now", datetime(2026, 11, 23, 10, 0))
    assert not isinstance(info.value, WhenError)


# --- to_utc and local_zone


def test_to_utc() -> None:
    result = to_utc(berlin(2026, 7, 1, 14, 0))
    assert result == utc(2026, 7, 1, 12, 0)
    assert result.utcoffset() == timedelta(0)
    assert (result.hour, result.tzinfo) == (12, UTC)


def test_to_utc_refuses_naive() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        to_utc(datetime(2026, 7, 1, 14, 0))


def test_local_zone_by_name() -> None:
    zone = local_zone("Europe/Berlin")
    assert zone == BERLIN
    assert local_zone("  America/New_York ") == NEW_YORK


@pytest.mark.parametrize("name", ["Mars/Olympus", "Europe/Berln", "../etc/passwd"])
def test_local_zone_refuses_an_unknown_name(name: str) -> None:
    with pytest.raises(WhenError) as info:
        local_zone(name)
    assert str(info.value) == (
        f'Unknown time zone "{name}"; use an IANA name such as Europe/Berlin or UTC.'
    )


def test_local_zone_prefers_tz_so_dst_rules_apply(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert local_zone() == ZoneInfo("Asia/Tokyo")
    monkeypatch.setenv("TZ", ":Europe/Berlin")  # POSIX allows a leading colon
    zone = local_zone()
    assert zone == BERLIN
    assert datetime(2026, 7, 1, 12, tzinfo=zone).utcoffset() == timedelta(hours=2)
    assert datetime(2026, 1, 1, 12, tzinfo=zone).utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize("tz", ["Not/AZone", ""])
def test_local_zone_falls_back_when_tz_unusable(monkeypatch: pytest.MonkeyPatch, tz: str) -> None:
    monkeypatch.setenv("TZ", tz)
    zone: tzinfo = local_zone()
    assert datetime(2026, 7, 1, 12, tzinfo=zone).utcoffset() is not None
    assert local_zone(None) == zone
    assert local_zone("") == zone
