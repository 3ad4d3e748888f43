"""What every command needs: the settings, the open journal and printing helpers."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from journal.config import Settings
from journal.store.interface import JournalStore
from journal.terminal import for_stdout, shout


@dataclass
class Context:
    settings: Settings
    store: JournalStore
    zone: tzinfo


def settings_from(args: argparse.Namespace) -> Settings:
    return Settings.from_env(db=getattr(args, "db", None))


@contextmanager
def opened(args: argparse.Namespace) -> Iterator[Context]:
    """Open the journal named by --db / the environment / the default, and close it after."""
    from journal.store import open_store

    settings = settings_from(args)
    zone = settings.zone()
    store = open_store(
        settings, on_upgrade=_tell, passphrase=ask_passphrase, tries=PASSPHRASE_TRIES
    )
    try:
        yield Context(settings, store, zone)
        _warn_unreadable(store.unreadable)
    finally:
        store.close()


def _warn_unreadable(ids: set[int]) -> None:
    """One sentence for the rows a command left out because they cannot be read back."""
    if not ids:
        return
    shown = ", ".join(f"#{i}" for i in sorted(ids)[:5]) + (", …" if len(ids) > 5 else "")
    count = len(ids)
    _tell(
        f"left out {count} {'entry' if count == 1 else 'entries'} ({shown}) holding values "
        "that cannot be read back; run `service-journal doctor --repair` to mend "
        f"{'it' if count == 1 else 'them'}."
    )


PASSPHRASE_TRIES = 3


def ask_passphrase(path: Path, wrong: bool) -> str | None:
    """The passphrase typed at the terminal; None (one sentence, exit 3) when not on a terminal.

    Wrong answers are told and asked again by ``open_database``, which gives up after
    ``PASSPHRASE_TRIES`` so that nothing waits forever.
    """
    if not sys.stdin.isatty():
        return None
    import getpass

    if wrong:
        shout("service-journal: that passphrase is wrong; try again.")
    try:
        return getpass.getpass(f"Passphrase for {path.name}: ")
    except EOFError:
        return None


def _tell(message: str) -> None:
    """A notice on stderr, so that output piped to another program stays clean."""
    shout(f"service-journal: {message}")


def print_json(data: Any) -> None:
    """JSON on stdout: as written for a pipe or file, with controls made visible on a terminal."""
    sys.stdout.write(for_stdout(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def parse_day(text: str, option: str) -> date:
    """A day typed for --from / --to, within the supported range (``journal.instants``)."""
    from journal.errors import InputError
    from journal.instants import check_day

    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f'{option} "{text}" is not a date; write it like 2026-11-01.') from None
    return check_day(day, text.strip())


def range_bounds(
    args: argparse.Namespace, ctx: Context
) -> tuple[datetime | None, datetime | None, str | None]:
    """The instants selected by --week or --from/--to, and a label for the range (or None)."""
    from journal.errors import InputError
    from journal.instants import MAX_YEAR, MIN_YEAR
    from journal.weeks import day_bounds, read_week, week_bounds, week_dates

    special = _calendar_or_session_range(args, ctx)
    if special is not None:
        return special
    week = getattr(args, "week", None)
    if week:
        read_week(week)
        start, end = week_bounds(week, ctx.zone, ctx.settings.week_start)
        first, last = week_dates(week, ctx.settings.week_start)
        return start, end, f"{week.upper()}"
    first_text, last_text = getattr(args, "date_from", None), getattr(args, "date_to", None)
    if not first_text and not last_text:
        return None, None, None
    first = parse_day(first_text, "--from") if first_text else date(MIN_YEAR, 1, 1)
    last = parse_day(last_text, "--to") if last_text else date(MAX_YEAR, 12, 31)
    if last < first:
        raise InputError(f"--to {last} is before --from {first}; swap them.")
    start, end = day_bounds(first, last, ctx.zone)
    label = f"{first_text or '…'} to {last_text or '…'}"
    return (start if first_text else None), (end if last_text else None), label


_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_QUARTER = re.compile(r"^\s*(\d{4})-?[Qq]([1-4])\s*$")


def _calendar_or_session_range(
    args: argparse.Namespace, ctx: Context
) -> tuple[datetime, datetime, str] | None:
    """--month, --quarter or --since-last-session (export only), or None for the others."""
    from journal.errors import InputError, UsageError
    from journal.instants import check_year
    from journal.weeks import day_bounds

    month, quarter = getattr(args, "month", None), getattr(args, "quarter", None)
    since_session = getattr(args, "since_last_session", False)
    if month is None and quarter is None and not since_session:
        return None
    if getattr(args, "date_to", None):
        used = "--month" if month else "--quarter" if quarter else "--since-last-session"
        raise UsageError(f"--to does not go with {used}; use --from DATE --to DATE instead.")
    if since_session:
        now = ctx.store.now()
        session = ctx.store.coaching.latest_session(before=now)
        if session is None:
            raise InputError(
                "No coaching session is recorded yet; record one with `service-journal "
                "coaching add --at WHEN`, or choose a range with --week or --month."
            )
        held = session.held_at.astimezone(ctx.zone)
        return session.held_at, now, f"since the session of {held:%Y-%m-%d %H:%M}"
    if month is not None:
        found = _MONTH.match(month)
        if found is None or not 1 <= int(found.group(2)) <= 12:
            raise UsageError(f'--month "{month:.20}" is not a month; write it like 2026-11.')
        year, first_month, months = int(found.group(1)), int(found.group(2)), 1
        label = f"{year:04d}-{first_month:02d}"
    else:
        found = _QUARTER.match(quarter or "")
        if found is None:
            raise UsageError(f'--quarter "{quarter:.20}" is not a quarter; write it like 2026-Q4.')
        year, months = int(found.group(1)), 3
        first_month = (int(found.group(2)) - 1) * 3 + 1
        label = f"{year:04d}-Q{found.group(2)}"
    check_year(year, (month or quarter or "").strip())
    first = date(year, first_month, 1)
    after = first_month + months
    last = date(year + (after - 1) // 12, (after - 1) % 12 + 1, 1) - timedelta(days=1)
    start, end = day_bounds(first, last, ctx.zone)
    return start, end, label


def tag_marks(well: list[str], badly: list[str], known: list[str] | None = None) -> list[Any]:
    """--well/--badly values (repeatable, comma-separated) as signed tag marks.

    With ``known`` (the catalogue's slugs) a unique prefix is enough, as in the shorthand.
    """
    from journal.schemas import validate_tag
    from journal.shorthand import resolve_tag

    marks = []
    for values, polarity in ((well, 1), (badly, -1)):
        for value in values:
            for part in value.split(","):
                slug = part.strip().lstrip("+-")
                if slug and known is not None:
                    slug = resolve_tag(slug, known)
                if slug:
                    marks.append(validate_tag(slug, polarity))
    return marks
