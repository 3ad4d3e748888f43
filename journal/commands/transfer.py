"""export and import."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import BinaryIO

from journal.commands._common import Context, opened, range_bounds
from journal.errors import InputError, UsageError
from journal.terminal import for_stdout, say

# ----------------------------------------------------------------- export


def export(args: argparse.Namespace) -> int:
    from journal.export import render_export

    if args.output is not None and not args.output.strip():
        raise UsageError("-o is empty; give a file name, or leave -o out to write to the screen.")
    target = Path(args.output).expanduser() if args.output is not None else None
    if target is not None:
        _check_target(target, args.force)
    with opened(args) as ctx:
        encrypted = ctx.store.encrypted
        start, end, label = _export_range(args, ctx)
        rendered = render_export(
            ctx.store,
            args.format,
            start,
            end,
            label=label or "",
            zone=ctx.zone,
            week_start=ctx.settings.week_start,
            only_flagged=args.only_flagged,
            appendix=not args.no_appendix,
        )
    if target is None:
        sys.stdout.write(for_stdout(rendered.text))
        sys.stdout.flush()
        return 0
    _write_private(target, rendered.text, args.force)
    count, private = rendered.entries, rendered.private_left_out
    left_out = f"; {private} private left out" if private else ""
    say(f"Wrote {target}: {count} {'entry' if count == 1 else 'entries'}{left_out}.")
    if encrypted:
        say(f"Note: {target} is not encrypted, unlike the journal; keep it somewhere safe.")
    return 0


def _export_range(
    args: argparse.Namespace, ctx: Context
) -> tuple[datetime | None, datetime | None, str | None]:
    """The range asked for; the coaching document defaults to this week and needs both ends."""
    from journal.weeks import local_midnight, week_bounds, week_of

    start, end, label = range_bounds(args, ctx)
    if args.format != "markdown":
        return start, end, label
    if label is None:
        week = week_of(datetime.now(ctx.zone).date(), ctx.settings.week_start)
        start, end = week_bounds(week, ctx.zone, ctx.settings.week_start)
        label = week
    if start is None or end is None:
        first, last = ctx.store.imports.occurred_span()
        today = datetime.now(ctx.zone).date()
        if end is None:
            last_day = max(today, last.astimezone(ctx.zone).date()) if last else today
            end = local_midnight(last_day + timedelta(days=1), ctx.zone)
        if start is None:
            first_day = first.astimezone(ctx.zone).date() if first else today
            end_day = (end - timedelta(microseconds=1)).astimezone(ctx.zone).date()
            start = local_midnight(min(first_day, end_day), ctx.zone)
    return start, end, label


@contextmanager
def _worded_for_the_command_line() -> Iterator[None]:
    """The target errors of ``journal.export.files`` with the options that get past them."""
    from journal.export.files import TargetExists, TargetIsFolder

    try:
        yield
    except TargetExists as exc:
        raise InputError(
            f"{exc.target} already exists; choose another name or add --force."
        ) from None
    except TargetIsFolder as exc:
        raise InputError(f"{exc.target} is a folder; give a file name after -o.") from None


def _check_target(target: Path, force: bool) -> None:
    from journal.export.files import check_target

    with _worded_for_the_command_line():
        check_target(target, overwrite=force)


def _write_private(target: Path, text: str, force: bool) -> None:
    """Write the file readable only by its owner (0600); see ``journal.export.files``."""
    from journal.export.files import write_private

    with _worded_for_the_command_line():
        write_private(target, text, overwrite=force)


# ----------------------------------------------------------------- import


def import_(args: argparse.Namespace) -> int:
    from journal.importers import apply, parse
    from journal.progress import ImportProgress

    name = args.file
    fmt = args.format or _format_from_name(name)
    with (
        _opened_input(name) as (stream, source, size),
        opened(args) as ctx,
        ImportProgress.on_stderr(size) as progress,
    ):
        lines = None
        if fmt == "lines":
            from journal.importers.from_lines import lines_context

            lines = lines_context(ctx.store, ctx.zone)
        batch = parse(stream, fmt, source, ctx.zone, on_read=progress.advance, lines=lines)
        result = apply(ctx.store, batch, dry_run=args.dry_run)
    say(result.summary())
    if result.new_tags:
        verb = "Would create" if args.dry_run else "Created"
        say(f"{verb} {len(result.new_tags)} tag(s): {', '.join(result.new_tags)}.")
    for note in batch.notes:
        say(note)
    return 0


def _format_from_name(name: str) -> str:
    from journal.importers.files import format_from_name

    fmt = "json" if name == "-" else format_from_name(name)
    if fmt is None:
        raise InputError(
            f"Cannot tell the format of {name} from its name; add --format json, csv, jrnl "
            "or lines."
        )
    return fmt


@contextmanager
def _opened_input(name: str) -> Iterator[tuple[BinaryIO, str, int | None]]:
    """The file (or standard input) as a binary stream, its name for messages and its size
    when known; it is read as the import goes (``journal.importers.stream`` bounds it)."""
    from journal.importers.files import opened_file, read_errors

    if name == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise InputError("Standard input cannot be read as bytes; give a file name.")
        with read_errors("standard input"):
            yield stream, "standard input", None
        return
    with opened_file(Path(name).expanduser()) as opened_input:
        yield opened_input
