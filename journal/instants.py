"""The range of instants a journal holds, and the checks every way in applies.

A journal stores instants as UTC text and shows them in the user's zone. Near the ends of what
Python's datetime can hold (years 1 and 9999) a conversion to a zone ahead of or behind UTC
overflows, and years below 1000 are easy to type by mistake ("0026" for "2026"). One supported
range, far from both ends, keeps every conversion, week and sort order safe: input outside it is
refused where it becomes an instant (``--at`` and the When field, importers, weeks and day
ranges). Standard library only: this runs on the capture path.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from journal.errors import InputError

MIN_YEAR = 1900
MAX_YEAR = 2200
RANGE_TEXT = f"years {MIN_YEAR} to {MAX_YEAR}"
FUTURE_TOLERANCE = timedelta(minutes=5)
"""How far ahead of the clock a captured time may be: clocks of two devices differ a little."""

EARLIEST = datetime(MIN_YEAR, 1, 1, tzinfo=UTC)
"""The first instant a journal holds (UTC)."""
LATEST = datetime(MAX_YEAR, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
"""The last instant a journal holds (UTC)."""


class OutOfRangeError(InputError):
    """A date, instant or week outside the supported range (exit code 1)."""


class FutureTimeError(InputError):
    """A captured time later than now plus the tolerance (exit code 1)."""


def year_in_range(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def out_of_range(shown: str) -> OutOfRangeError:
    """The one refusal for every value outside the range; ``shown`` is what the user typed."""
    cleaned = " ".join(shown.split())
    if len(cleaned) > 40:
        cleaned = cleaned[:39] + "…"
    return OutOfRangeError(f'"{cleaned}" is outside the supported range; use {RANGE_TEXT}.')


def check_year(year: int, shown: str) -> None:
    """Refuse a year outside the range; ``shown`` is the text the user typed, echoed back."""
    if not year_in_range(year):
        raise out_of_range(shown)


def check_day(day: date, shown: str) -> date:
    check_year(day.year, shown)
    return day


def check_instant(value: datetime, shown: str) -> datetime:
    """An aware instant within the range, which is defined in UTC (what the journal stores);
    a year typed outside it is refused before this, by ``check_year`` on the text."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("check_instant needs a timezone-aware datetime")
    try:
        in_utc = value.astimezone(UTC)
    except OverflowError:
        raise out_of_range(shown) from None
    check_year(in_utc.year, shown)
    return value


def check_not_future(value: datetime, now: datetime, shown: str) -> datetime:
    """Refuse a captured time more than ``FUTURE_TOLERANCE`` ahead of ``now``, saying what
    was understood, so a typo like "today 8:10" for 08:10 yesterday is caught at once."""
    if value - now > FUTURE_TOLERANCE:
        local = value.astimezone(now.tzinfo)
        cleaned = " ".join(shown.split())
        if len(cleaned) > 40:
            cleaned = cleaned[:39] + "…"
        raise FutureTimeError(
            f'"{cleaned}" is {local:%a %d %b %Y %H:%M}, in the future (now is '
            f'{now:%a %d %b %H:%M}); give a time that has passed, e.g. "yesterday {local:%H:%M}".'
        )
    return value
