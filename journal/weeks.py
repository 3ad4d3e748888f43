"""Week arithmetic in the user's local time: labels like 2026-W47 and their instants.

A week is the ISO week (Monday to Sunday) by default. With a Sunday start, week 2026-W47 runs from
the Sunday before ISO week 47's Monday to the Saturday after it, so the label stays the ISO one.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo

from journal.errors import InputError, UsageError
from journal.instants import check_year

WEEK_RE = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
WEEK_EXAMPLE = "2026-W47"


def read_week(label: str) -> tuple[int, int]:
    """A week the user typed (``--week``, the app's week jump): as ``parse_week``, and within
    the supported range (``journal.instants``), refused as an input error that echoes the text
    as typed. Week arithmetic past the range's ends (the weeks before 1900-W01) stays possible."""
    year, week = parse_week(label)
    check_year(year, label.strip())
    return year, week


def parse_week(label: str) -> tuple[int, int]:
    """Return (ISO year, week number); a malformed label is a usage error with an example."""
    match = WEEK_RE.match(label.strip())
    if match:
        year, week = int(match.group(1)), int(match.group(2))
        try:
            date.fromisocalendar(year, week, 1)
        except ValueError:
            pass
        else:
            return year, week
    raise UsageError(f'"{label}" is not a week; write it like {WEEK_EXAMPLE} (year, W, week 1-53).')


def week_label(year: int, week: int) -> str:
    return f"{year:04d}-W{week:02d}"


def week_start_date(label: str, week_start: str = "monday") -> date:
    """The local date the week begins on."""
    year, week = parse_week(label)
    monday = date.fromisocalendar(year, week, 1)
    return monday - timedelta(days=1) if week_start == "sunday" else monday


def week_dates(label: str, week_start: str = "monday") -> tuple[date, date]:
    """First and last local date of the week (both inclusive)."""
    first = week_start_date(label, week_start)
    return first, first + timedelta(days=6)


def week_of(day: date, week_start: str = "monday") -> str:
    """The label of the week a local date belongs to."""
    if week_start == "sunday":
        day = day + timedelta(days=1)
    year, week, _ = day.isocalendar()
    return week_label(year, week)


def weeks_through(first: str, last: str, limit: int) -> list[str]:
    """The week labels from ``first`` to ``last``, oldest first; at most the last ``limit``."""
    weeks = [last]
    while weeks[0] != first and len(weeks) < limit:
        weeks.insert(0, shift_week(weeks[0], -1))
    return weeks


def shift_week(label: str, weeks: int) -> str:
    """The label ``weeks`` weeks after (or before, if negative) ``label``."""
    year, week = parse_week(label)
    monday = date.fromisocalendar(year, week, 1) + timedelta(weeks=weeks)
    y, w, _ = monday.isocalendar()
    return week_label(y, w)


def local_midnight(day: date, zone: tzinfo) -> datetime:
    """The instant a local date begins, correct across daylight-saving changes."""
    return datetime.combine(day, time(0, 0), tzinfo=zone)


def day_bounds(first: date, last: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """The half-open instant range [start of first, start of the day after last)."""
    return local_midnight(first, zone), local_midnight(last + timedelta(days=1), zone)


def week_bounds(label: str, zone: tzinfo, week_start: str = "monday") -> tuple[datetime, datetime]:
    """The half-open instant range covered by a week in the given zone."""
    first, last = week_dates(label, week_start)
    return day_bounds(first, last, zone)


def normalise_week(label: object) -> str:
    """``2026-w7`` -> ``2026-W07``; a malformed label is refused with an example."""
    if not isinstance(label, str):
        raise InputError("A week must be written like 2026-W47.")
    try:
        year, week = parse_week(label)
    except UsageError as exc:
        raise InputError(str(exc)) from None
    return week_label(year, week)
