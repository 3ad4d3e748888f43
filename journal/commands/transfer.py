"""export and import."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from journal.commands._common import Context, opened, range_bounds
from journal.errors import InputError

EXTENSIONS = {".json": "json", ".csv": "csv"}


# ----------------------------------------------------------------- export


def export(args: argparse.Namespace) -> int:
    from journal.export import render_export

    target = Path(args.output).expanduser() if args.output else None
    if target is not None:
        _check_target(target, args.force)
    with opened(args) as ctx:
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
        )
    if target is None:
        sys.stdout.write(rendered.text)
        sys.stdout.flush()
        return 0
    _write_private(target, rendered.text, args.force)
    count, private = rendered.entries, rendered.private_left_out
    left_out = f"; {private} private left out" if private else ""
    print(f"Wrote {target}: {count} {'entry' if count == 1 else 'entries'}{left_out}.")
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

    name = args.file
    fmt = args.format or _format_from_name(name)
    text, source = _read(name)
    with opened(args) as ctx:
        batch = parse(text, fmt, source, ctx.zone)
        result = apply(ctx.store, batch, dry_run=args.dry_run)
    print(result.summary())
    if result.new_tags:
        verb = "Would create" if args.dry_run else "Created"
        print(f"{verb} {len(result.new_tags)} tag(s): {', '.join(result.new_tags)}.")
    for note in batch.notes:
        print(note)
    return 0


def _format_from_name(name: str) -> str:
    if name == "-":
        return "json"
    fmt = EXTENSIONS.get(Path(name).suffix.lower())
    if fmt is None:
        raise InputError(
            f"Cannot tell the format of {name} from its name; add --format json, csv or jrnl."
        )
    return fmt


def _read(name: str) -> tuple[str, str]:
    """The file's text (UTF-8, a byte-order mark allowed) and its name for messages."""
    if name == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            return sys.stdin.read(), "standard input"
        raw, source = stream.read(), "standard input"
    else:
        path = Path(name).expanduser()
        source = str(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise InputError(f"There is no file {path}.") from None
        except IsADirectoryError:
            raise InputError(f"{path} is a folder, not a file to import.") from None
        except OSError as exc:
            raise InputError(f"Cannot read {path} ({exc.strerror}).") from None
    try:
        return raw.decode("utf-8-sig"), source
    except UnicodeDecodeError:
        raise InputError(f"Nothing was imported: {source} is not UTF-8 text.") from None
