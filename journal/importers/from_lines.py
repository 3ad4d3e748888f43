"""A plain-text note as an inbox: one observation per line, in the one-line shorthand.

People at a checkout hold a phone, not a terminal; a note typed there and synced as a plain file
becomes entries with ``service-journal import NOTE --format lines``:

- each line is one observation in the shorthand (``journal.shorthand``), optionally led by a
  time: ``2026-11-20 14:30 ...`` or ``14:30 ...`` under a day line (``# 2026-11-20``,
  ``## Fri 20 Nov``, ``# 20 Nov 2026``); a day without a year is the latest one not after today;
- blank lines and other lines starting with ``#`` are ignored;
- a line without a time is at noon of its day (like a bare date elsewhere); a line with no day
  written (no day line above it, no date on it) is on the day of the import;
- the identity of a line is a uuid5 of the day and time as written and its text (a repeated
  line counts its repeats), so importing the file again adds nothing, and a file with lines
  appended adds only the new ones;
- a line that cannot be read (an unknown tag, a time in the future, an empty text) refuses the
  whole file with its line number.
"""

from __future__ import annotations

import re
import uuid as uuidlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from typing import TYPE_CHECKING

from journal.errors import InputError
from journal.importers import Batch, Record, refusal
from journal.instants import check_day, check_not_future
from journal.schemas import EntryIn, validate
from journal.shorthand import parse
from journal.when import NOON, wall

if TYPE_CHECKING:
    from journal.importers.stream import BoundedStream
    from journal.store.interface import JournalStore

LINES_NAMESPACE = uuidlib.uuid5(uuidlib.NAMESPACE_URL, "service-journal:lines-import")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_HEADER = re.compile(r"^#+\s*(?P<rest>.*)$")
_ISO_DAY = re.compile(r"^(?P<day>\d{4}-\d{2}-\d{2})$")
_SPOKEN_DAY = re.compile(
    r"^(?:(?P<weekday>[a-z]{3,9})\.?,?\s+)?(?P<dom>\d{1,2})\.?\s+(?P<month>[a-z]{3,9})\.?"
    r"(?:\s+(?P<year>\d{4}))?$"
)
_LEADING_TIME = re.compile(
    r"^(?:(?P<day>\d{4}-\d{2}-\d{2})[ t])?(?P<hour>\d{1,2}):(?P<minute>\d{2})\s+(?P<text>.*)$",
    re.IGNORECASE,
)
_LEADING_DAY = re.compile(r"^(?P<day>\d{4}-\d{2}-\d{2})\s+(?P<text>.*)$")
_WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class LinesContext:
    """What reading a note needs from the journal: its tags, its recent settings, and now."""

    tags: Sequence[str]
    settings: Sequence[str]
    now: datetime
    """Aware, in the user's zone: today's date and the future both follow it."""


def lines_context(store: JournalStore, zone: tzinfo) -> LinesContext:
    """The journal's tags and recent settings, and the store's now in the user's zone."""
    tags = [t.slug for t in store.tag_catalogue()]
    return LinesContext(tags, store.recent_settings(), store.now().astimezone(zone))


def parse_lines(stream: BoundedStream, source: str, context: LinesContext) -> Batch:
    text = stream.read().decode("utf-8")
    return Batch(source, list(_records(text, source, context)))


def _records(text: str, source: str, context: LinesContext) -> Iterator[Record]:
    day: date | None = None
    day_written = ""
    repeats: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        where = f"line {number}"
        try:
            header = _HEADER.match(line)
            if header:
                found = _day(header["rest"].strip().lower(), context.now.date())
                if found is not None:
                    day, day_written = found, found.isoformat()
                continue
            record = _record(line, where, day, day_written, context, repeats)
        except InputError as exc:
            raise refusal(source, where, str(exc)) from None
        yield record


def _record(
    line: str,
    where: str,
    day: date | None,
    day_written: str,
    context: LinesContext,
    repeats: dict[str, int],
) -> Record:
    clock_written = ""
    clock = NOON
    timed = _LEADING_TIME.match(line)
    dated = None if timed else _LEADING_DAY.match(line)
    match = timed or dated
    if match is not None:
        if match["day"]:
            day = check_day(_iso_day(match["day"]), match["day"])
            day_written = day.isoformat()
        if timed:
            try:
                clock = time(int(timed["hour"]), int(timed["minute"]))
            except ValueError:
                raise InputError(f'"{timed["hour"]}:{timed["minute"]}" is not a time') from None
            clock_written = f"{clock:%H:%M}"
        line = match["text"].strip()
    now = context.now
    when = now if day is None and not clock_written else wall(day or now.date(), clock, now.tzinfo)
    check_not_future(when, now, f"{day_written} {clock_written}".strip() or "today")
    key = f"{day_written} {clock_written} {line}"
    repeats[key] = repeats.get(key, 0) + 1
    if repeats[key] > 1:
        key += f" #{repeats[key]}"
    said = parse(line, context.tags, context.settings)
    entry = validate(
        EntryIn,
        {
            "uuid": str(uuidlib.uuid5(LINES_NAMESPACE, key)),
            "what": said.what,
            **said.fields(),
            "tags": said.tags,
            "occurred_at": when,
        },
    )
    return Record(where, entry, when, when, replaces=False)


def _iso_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f'"{text}" is not a date') from None


def _day(text: str, today: date) -> date | None:
    """The day a header line names, or None when it names none (an ordinary heading)."""
    iso = _ISO_DAY.match(text)
    if iso:
        return check_day(_iso_day(iso["day"]), iso["day"])
    spoken = _SPOKEN_DAY.match(text)
    if spoken is None or spoken["month"] not in _MONTHS:
        return None
    month, dom = _MONTHS[spoken["month"]], int(spoken["dom"])
    try:
        if spoken["year"]:
            day = check_day(date(int(spoken["year"]), month, dom), text)
        else:
            day = _latest(month, dom, today)
    except ValueError:
        raise InputError(f'the day line "{text}" names no real day') from None
    weekday = spoken["weekday"]
    if (
        weekday
        and weekday[:3] in _WEEKDAY_NAMES
        and _WEEKDAY_NAMES.index(weekday[:3]) != (day.weekday())
    ):
        raise InputError(f'the day line "{text}" is wrong: {day:%d %b %Y} is a {day:%A}')
    return day


def _latest(month: int, dom: int, today: date) -> date:
    """The latest ``dom month`` not after today (a note is about the past); 29 Feb included."""
    for year in range(today.year, today.year - 8, -1):
        try:
            candidate = date(year, month, dom)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    raise ValueError("no such day")
