"""What the export dialog collects, and the export those options make. No widgets in here.

The dialog (``tui.dialogs.export``) only collects ``ExportOptions``; ``build()`` turns them into
the text with the writers of ``journal.export``, choosing the entries exactly as the ``export``
command does, and ``journal.export.files.write_private`` writes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from journal.errors import UsageError
from journal.weeks import WEEK_EXAMPLE, day_bounds, shift_week, week_dates, week_of
from tui.dialogs.week_jump import read_week

if TYPE_CHECKING:
    from journal.store.interface import JournalStore

KINDS: list[tuple[str, str]] = [
    ("this", "this week"),
    ("previous", "previous week"),
    ("week", "a week"),
    ("dates", "from – to"),
]
FORMATS: list[tuple[str, str]] = [
    ("markdown", "Markdown coaching document"),
    ("json", "JSON"),
    ("csv", "CSV"),
]
EXTENSIONS = {"markdown": ".md", "json": ".json", "csv": ".csv"}
FILE_PREFIX = "service-journal-"


class RangeError(ValueError):
    """A range the user typed that names no range: ``field`` is the input to show it next to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class ExportRange:
    """Whole local days, first to last; ``week`` is the label when the range is one week."""

    first: date
    last: date
    week: str | None = None

    @property
    def label(self) -> str:
        """The range as the document's title names it (as the ``export`` command does)."""
        return self.week or f"{self.first.isoformat()} to {self.last.isoformat()}"

    @property
    def slug(self) -> str:
        """The range in a file name."""
        return self.week or f"{self.first.isoformat()}_to_{self.last.isoformat()}"

    def bounds(self, zone: tzinfo) -> tuple[datetime, datetime]:
        return day_bounds(self.first, self.last, zone)


def week_range(week: str, week_start: str = "monday") -> ExportRange:
    first, last = week_dates(week, week_start)
    return ExportRange(first, last, week)


def this_week(today: date, week_start: str = "monday") -> ExportRange:
    return week_range(week_of(today, week_start), week_start)


def range_from_bounds(
    start: datetime, end: datetime, zone: tzinfo, week_start: str = "monday"
) -> ExportRange:
    """The days of the instants [start, end) (a filter's), named as a week when they are one."""
    first = start.astimezone(zone).date()
    last = (end - timedelta(microseconds=1)).astimezone(zone).date()
    last = max(first, last)
    week = week_of(first, week_start)
    if (first, last) == week_dates(week, week_start):
        return ExportRange(first, last, week)
    return ExportRange(first, last)


def _day(text: str, field: str, name: str) -> date:
    text = text.strip()
    if not text:
        raise RangeError(field, f"Give the {name} day, like 2026-11-01.")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise RangeError(field, f'"{text}" is not a date; write it like 2026-11-01.') from None


def read_range(
    kind: str,
    week_text: str,
    from_text: str,
    to_text: str,
    today: date,
    week_start: str = "monday",
) -> ExportRange:
    """The range the dialog's fields name, or RangeError with one sentence."""
    if kind == "this":
        return this_week(today, week_start)
    if kind == "previous":
        return week_range(shift_week(week_of(today, week_start), -1), week_start)
    if kind == "week":
        if not week_text.strip():
            raise RangeError("week", f"Type the week, like {WEEK_EXAMPLE}.")
        try:
            return week_range(read_week(week_text, week_start), week_start)
        except UsageError as exc:
            raise RangeError("week", str(exc)) from None
    first = _day(from_text, "from", "first")
    last = _day(to_text, "to", "last")
    if last < first:
        raise RangeError("to", f"The last day {last} is before the first day {first}; swap them.")
    return ExportRange(first, last)


@dataclass(frozen=True)
class ExportOptions:
    range: ExportRange
    format: str = "markdown"
    only_flagged: bool = False

    @property
    def file_name(self) -> str:
        """``service-journal-2026-W47.md``, ``service-journal-2026-11-01_to_2026-11-30.json``."""
        return f"{FILE_PREFIX}{self.range.slug}{EXTENSIONS[self.format]}"


def documents_folder() -> Path:
    """Where exports go by default: the user's documents folder, or home if there is none."""
    from platformdirs import user_documents_dir

    folder = Path(user_documents_dir())
    return folder if folder.is_dir() else Path.home()


def target_path(text: str, folder: Path) -> Path | None:
    """The file the path field names (``~`` expanded, a bare name goes into ``folder``)."""
    text = text.strip()
    if not text:
        return None
    path = Path(text).expanduser()
    return path if path.is_absolute() else folder / path


@dataclass(frozen=True)
class Export:
    """An export's text and what it holds."""

    options: ExportOptions
    text: str
    entries: int
    private_left_out: int

    def summary(self) -> str:
        count = f"{self.entries} {'entry' if self.entries == 1 else 'entries'}"
        private = f", {self.private_left_out} private left out" if self.private_left_out else ""
        return count + private


def build(
    store: JournalStore,
    options: ExportOptions,
    zone: tzinfo,
    week_start: str = "monday",
    now: datetime | None = None,
) -> Export:
    """The export for ``options``: the same text as ``service-journal export`` with them."""
    from journal.export import render_export

    start, end = options.range.bounds(zone)
    rendered = render_export(
        store,
        options.format,
        start,
        end,
        label=options.range.label,
        zone=zone,
        week_start=week_start,
        only_flagged=options.only_flagged,
        now=now,
    )
    return Export(options, rendered.text, rendered.entries, rendered.private_left_out)
