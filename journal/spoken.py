"""WHEN as people say it ("this morning 8:10", "sat noon", "last friday evening"), read by
parsedatetime when the standard-library path in ``journal.when`` does not know the phrase.

Imported only then, so ISO times and the common phrases never pay for the library. Rules kept
on top of the library, because capture is always about the past:
- the whole text must be one phrase the library understood: "the sat noon thing" is refused;
- a clock time typed must be the time understood ("8:10 this morning" is read by the library
  as 06:00, so it is refused rather than stored wrong);
- past-preferring: a named weekday that lands ahead of now means the one before ("sat noon" on
  a Sunday is yesterday); "next", "tomorrow", "in ..." and a bare "2h" are refused;
- local wall-clock results go through ``journal.when``'s DST rules; "N hours/minutes ago"
  subtract real elapsed time.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

_CLOCK = re.compile(r"\d{1,2}:\d{2}|\d\s*(?:am|pm)\b")
_WEEKDAY = re.compile(r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b")
_ELAPSED = re.compile(r"\b(?:seconds?|secs?|minutes?|mins?|hours?|hrs?)\s+ago$")
_AHEAD = re.compile(r"\b(?:next|tomorrow|in)\b")
_DURATION = re.compile(
    r"\d+\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?)\b"
)
_ODD_LAST = re.compile(r"\blast\s+(?!night|week|month|year|mon|tue|wed|thu|fri|sat|sun)")


def parse_spoken(cleaned: str, now: datetime) -> datetime | None:
    """``cleaned`` (lower case, single spaces) read relative to aware ``now``; None if not."""
    if _AHEAD.search(cleaned) or _ODD_LAST.search(cleaned):
        return None  # capture is about the past; "last today" means nothing
    if _DURATION.search(cleaned) and not cleaned.endswith(" ago"):
        return None  # the library reads a bare "2h" as two hours from now
    import parsedatetime  # type: ignore[import-untyped]  # ships no type information

    from journal.when import wall

    zone = now.tzinfo
    local_now = now.replace(tzinfo=None)
    calendar = parsedatetime.Calendar(version=parsedatetime.VERSION_CONTEXT_STYLE)
    found = calendar.nlp(cleaned, sourceTime=local_now)
    if not found or len(found) != 1:
        return None
    value, context, start, end, _ = found[0]
    if start != 0 or end != len(cleaned):
        return None
    if _CLOCK.search(cleaned) and not _clock_understood(context):
        return None
    if _ELAPSED.search(cleaned):
        elapsed: timedelta = local_now - value
        return (now.astimezone(UTC) - elapsed).astimezone(zone)
    if value > local_now and _WEEKDAY.search(cleaned):
        value -= timedelta(days=7)
    when: datetime = value
    return wall(when.date(), when.time(), zone)


def _clock_understood(context: object) -> bool:
    """Whether the library read a typed hh:mm or 5pm down to the hour (not as "morning")."""
    import parsedatetime

    accuracy: int = getattr(context, "accuracy", 0)
    return bool(accuracy & (parsedatetime.pdtContext.ACU_HOUR | parsedatetime.pdtContext.ACU_MIN))
