"""export and import."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from journal.commands._common import Context, opened, range_bounds
from journal.errors import InputError
from journal.schemas import EntryFilter

EXTENSIONS = {".json": "json", ".csv": "csv"}


# ----------------------------------------------------------------- export


def export(args: argparse.Namespace) -> int:
    target = Path(args.output).expanduser() if args.output else None
    if target is not None:
        _check_target(target, args.force)
    with opened(args) as ctx:
        if args.format == "markdown":
            text, count, private = _markdown(args, ctx)
        else:
            text, count, private = _data(args, ctx)
    if target is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    _write_private(target, text, args.force)
    left_out = f"; {private} private left out" if private else ""
    print(f"Wrote {target}: {count} {'entry' if count == 1 else 'entries'}{left_out}.")
    return 0


def _markdown(args: argparse.Namespace, ctx: Context) -> tuple[str, int, int]:
    from journal.export.coaching import gather
    from journal.export.markdown import render
    from journal.weeks import local_midnight, week_bounds, week_of

    start, end, label = range_bounds(args, ctx)
    if label is None:
        week = week_of(datetime.now(ctx.zone).date(), ctx.settings.week_start)
        start, end = week_bounds(week, ctx.zone, ctx.settings.week_start)
        label = week
    if start is None or end is None:
        first, last = ctx.store.occurred_span()
        today = datetime.now(ctx.zone).date()
        if end is None:
            last_day = max(today, last.astimezone(ctx.zone).date()) if last else today
            end = local_midnight(last_day + timedelta(days=1), ctx.zone)
        if start is None:
            first_day = first.astimezone(ctx.zone).date() if first else today
            end_day = (end - timedelta(microseconds=1)).astimezone(ctx.zone).date()
            start = local_midnight(min(first_day, end_day), ctx.zone)
    data = gather(
        ctx.store,
        start,
        end,
        label=label,
        zone=ctx.zone,
        week_start=ctx.settings.week_start,
        only_flagged=args.only_flagged,
    )
    return render(data), len(data.entries), data.private_left_out


def _data(args: argparse.Namespace, ctx: Context) -> tuple[str, int, int]:
    from journal.export.data import to_csv, to_json

    start, end, _ = range_bounds(args, ctx)
    flagged = True if args.only_flagged else None
    flt = EntryFilter(start=start, end=end, private=False, flagged=flagged)
    entries = list(ctx.store.iter_entries(flt))
    entries.reverse()
    private = ctx.store.count(EntryFilter(start=start, end=end, private=True, flagged=flagged))
    if args.format == "csv":
        return to_csv(entries, ctx.zone), len(entries), private
    now = datetime.now(ctx.zone).replace(microsecond=0)
    return to_json(entries, ctx.store.tag_catalogue(), ctx.zone, now), len(entries), private


def _check_target(target: Path, force: bool) -> None:
    if target.is_dir():
        raise InputError(f"{target} is a folder; give a file name after -o.")
    if target.exists() and not force:
        raise InputError(f"{target} already exists; choose another name or add --force.")
    if not target.parent.is_dir():
        raise InputError(f"The folder {target.parent} does not exist; create it first.")


def _write_private(target: Path, text: str, force: bool) -> None:
    """Write the file readable only by its owner (0600).

    A new file is created exclusively, so a file that appeared meanwhile is never overwritten;
    with --force the text goes to a temporary file in the same folder that then replaces it.
    """
    _check_target(target, force)
    try:
        if force:
            fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        else:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            temp = None
    except FileExistsError:
        raise InputError(f"{target} already exists; choose another name or add --force.") from None
    except OSError as exc:
        raise InputError(f"Cannot write {target} ({exc.strerror}).") from None
    written = Path(temp) if temp else target
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        if temp:
            os.chmod(temp, 0o600)
            os.replace(temp, target)
    except OSError as exc:
        written.unlink(missing_ok=True)
        raise InputError(f"Cannot write {target} ({exc.strerror}).") from None


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
