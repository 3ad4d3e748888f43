"""Turn what the user types for WHEN into an aware datetime in their own time zone.

Quick capture happens minutes or hours after an encounter, so people type "20 min ago" or
"yesterday 9am" rather than a timestamp. Everything here is standard library only because it runs
on the capture path, where start-up time matters.

Arithmetic rules, chosen so results never land on a wall-clock time that does not exist:
- wall-clock phrases ("today 14:30", "yesterday", "3 days ago", "last monday") are built as local
  dates and clock times, then normalised through UTC; a time skipped by a DST change moves forward
  by the size of the gap, and a repeated time means its first occurrence;
- elapsed phrases ("2h ago", "90 min ago") subtract real elapsed time in UTC.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from journal.errors import InputError
from journal.instants import check_instant, check_not_future, check_year, out_of_range

EXAMPLES = '"now", "today 14:30", "yesterday 9am", "2h ago"'


class WhenError(InputError, ValueError):
    """A WHEN text or time zone name the user must correct; the message is one sentence."""

    @classmethod
    def unparseable(cls, text: str) -> WhenError:
        """The one message for every form we reject, so users always see what would work."""
        shown = text.strip()
        if len(shown) > 40:
            shown = shown[:39] + "…"
        return cls(
            f'Could not understand "{shown}" as a time; use ISO 8601 (2026-11-20 14:30) '
            f"or phrases like {EXAMPLES}."
        )


_WEEKDAYS: dict[str, int] = {}
for _index, _names in enumerate(
    (
        ("monday", "mon"),
        ("tuesday", "tue", "tues"),
        ("wednesday", "wed"),
        ("thursday", "thu", "thur", "thurs"),
        ("friday", "fri"),
        ("saturday", "sat"),
        ("sunday", "sun"),
    )
):
    for _name in _names:
        _WEEKDAYS[_name] = _index

_WEEKDAY_ALT = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_DAY = re.compile(
    rf"^(?P<day>today|yesterday|(?:last\s+)?(?:{_WEEKDAY_ALT})|\d{{4}}-\d{{2}}-\d{{2}})"
    r"(?:\s+(?P<rest>.+))?$"
)
_TIME = re.compile(
    r"^(?:at\s+)?(?P<time>noon|midnight"
    r"|(?P<hour>\d{1,2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?\s*(?P<ampm>am|pm)?)$"
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}")  # matched after lower()

_UNITS: dict[str, str] = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), "seconds"),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), "minutes"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), "hours"),
    **dict.fromkeys(("d", "day", "days"), "days"),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), "weeks"),
}
_UNIT_ALT = "|".join(sorted(_UNITS, key=len, reverse=True))
_AGO = re.compile(rf"^(?P<count>\d+|an?|one)\s*(?P<unit>{_UNIT_ALT})\s+ago$")

NOON = time(12, 0)


def parse_when(text: str, now: datetime) -> datetime:
    """Read a WHEN text relative to ``now``; the result is aware, in ``now``'s time zone.

    ``now`` carries the user's zone so that "today" and "yesterday" follow their calendar, not
    the server's. A bare date ("2026-11-20") means 12:00 local, so the entry stays on that day
    whichever zone it is later shown in. Day words alone keep the current clock time ("yesterday"
    is 24 wall-clock hours back). Future times are returned as given (``parse_capture`` refuses
    them); a time outside the supported range (``journal.instants``) is refused here, so no
    caller can store one.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("parse_when needs a timezone-aware now")
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise WhenError.unparseable(text)
    if cleaned == "now":
        return check_instant(now, text)
    result: datetime | None = None
    try:
        for parser in (_parse_ago, _parse_iso, _parse_day_time):
            result = parser(cleaned, now)
            if result is not None:
                return check_instant(result, text)
        from journal.spoken import parse_spoken

        result = parse_spoken(cleaned, now)
        if result is not None:
            return check_instant(result, text)
    except OverflowError:
        raise out_of_range(text) from None
    except ValueError as exc:
        raise WhenError.unparseable(text) from exc
    raise WhenError.unparseable(text)


def parse_capture(text: str, now: datetime) -> datetime:
    """A WHEN typed at capture (``add``/``edit --at``, the app's When field): as ``parse_when``,
    and not more than a few minutes after ``now``, because an encounter is logged after it
    happened and a time ahead would top every list."""
    return check_not_future(parse_when(text, now), now, text)


def _parse_ago(cleaned: str, now: datetime) -> datetime | None:
    match = _AGO.match(cleaned)
    if match is None:
        return None
    count_text = match["count"]
    count = int(count_text) if count_text.isdigit() else 1
    unit = _UNITS[match["unit"]]
    if unit in ("days", "weeks"):
        # People mean the same clock time on an earlier day, even across a DST change.
        days = count * (7 if unit == "weeks" else 1)
        return wall(now.date() - timedelta(days=days), now.time(), now.tzinfo)
    elapsed = timedelta(**{unit: count})
    return (now.astimezone(UTC) - elapsed).astimezone(now.tzinfo)


def _parse_iso(cleaned: str, now: datetime) -> datetime | None:
    zone = now.tzinfo
    if _ISO_DATE.match(cleaned):
        day = date.fromisoformat(cleaned)
        check_year(day.year, cleaned)
        return wall(day, NOON, zone)
    if not _ISO_DATETIME.match(cleaned):
        return None
    parsed = datetime.fromisoformat(cleaned.upper())
    check_year(parsed.year, cleaned)
    if parsed.tzinfo is None:
        return wall(parsed.date(), parsed.time(), zone)
    return parsed.astimezone(zone)


def _parse_day_time(cleaned: str, now: datetime) -> datetime | None:
    day_match = _DAY.match(cleaned)
    if day_match is None:
        day, rest = now.date(), cleaned
    else:
        day, rest = _resolve_day(day_match["day"], now.date()), day_match["rest"]
        if rest is None:
            return now if day_match["day"] == "today" else wall(day, now.time(), now.tzinfo)
    time_match = _TIME.match(rest)
    if time_match is None:
        return None
    return wall(day, _clock(time_match), now.tzinfo)


def _resolve_day(word: str, today: date) -> date:
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    if _ISO_DATE.match(word):
        day = date.fromisoformat(word)
        check_year(day.year, word)
        return day
    target = _WEEKDAYS[word.removeprefix("last").strip()]
    # A named weekday is the most recent one strictly before today: nobody writes "monday" on a
    # Monday to mean today.
    return today - timedelta(days=(today.weekday() - target) % 7 or 7)


def _clock(match: re.Match[str]) -> time:
    """The clock time named in a match; out-of-range parts raise ValueError."""
    word = match["time"]
    if word == "noon":
        return NOON
    if word == "midnight":
        return time(0, 0)
    hour = int(match["hour"])
    minute = int(match["minute"] or 0)
    second = int(match["second"] or 0)
    ampm = match["ampm"]
    if ampm is None and match["minute"] is None:
        raise ValueError("a bare number is not a time")
    if ampm is not None:
        if not 1 <= hour <= 12:
            raise ValueError("12-hour clock hours run from 1 to 12")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    return time(hour, minute, second)


def wall(day: date, clock: time, zone: tzinfo | None) -> datetime:
    """Make a local clock time real: skipped by DST moves it forward, repeated picks the first."""
    naive = datetime.combine(day, clock.replace(tzinfo=None, fold=0))
    # Round-tripping through UTC matters: astimezone() to the datetime's own zone is a no-op, so
    # a time inside a spring-forward gap would otherwise survive unnormalised.
    return naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)


def to_utc(dt: datetime) -> datetime:
    """The same instant in UTC; naive values are refused because their meaning is a guess."""
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("to_utc needs a timezone-aware datetime")
    return dt.astimezone(UTC)


def local_zone(name: str | None = None) -> tzinfo:
    """The zone to read and show times in: a named IANA zone, or the system's own.

    A named zone (or one found via TZ or /etc/localtime) is preferred over the fixed offset that
    ``datetime.now().astimezone()`` reports, because only a real zone knows its DST rules, and a
    week of entries can straddle a DST change. A blank name counts as unset, like an empty
    environment variable; an unknown name is refused rather than silently replaced.
    """
    if name is not None and name.strip():
        wanted = name.strip()
        zone = _zone_or_none(wanted)
        if zone is None:
            raise WhenError(
                f'Unknown time zone "{wanted}"; use an IANA name such as Europe/Berlin or UTC.'
            )
        return zone
    env_name = os.environ.get("TZ", "").strip().removeprefix(":")
    if env_name:
        zone = _zone_or_none(env_name)
        if zone is not None:
            return zone
    system_name = _system_zone_name()
    if system_name:
        zone = _zone_or_none(system_name)
        if zone is not None:
            return zone
    fallback = datetime.now().astimezone().tzinfo
    return fallback if fallback is not None else UTC


def _zone_or_none(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _system_zone_name() -> str | None:
    """The IANA name /etc/localtime links to, on systems that configure the zone that way."""
    try:
        target = Path("/etc/localtime").resolve(strict=True)
    except OSError:
        return None
    parts = target.parts
    if "zoneinfo" not in parts:
        return None
    index = len(parts) - 1 - parts[::-1].index("zoneinfo")
    name = "/".join(parts[index + 1 :])
    return name or None
