"""add, list, show, edit, delete and restore.

The validation layer (pydantic) is imported by the commands that write: reading needs none.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any

from journal.commands._common import (
    Context,
    opened,
    print_json,
    range_bounds,
    tag_marks,
)
from journal.entry import FIELDS, Kind
from journal.errors import InputError
from journal.taxonomy import normalise_slug
from journal.terminal import safe, say, shout
from journal.values import EntryFilter, TagMark

if TYPE_CHECKING:
    pass


def _when(text: str | None, ctx: Context) -> datetime | None:
    """A captured time: within the supported range and not in the future (``parse_capture``)."""
    if text is None:
        return None
    from journal.when import parse_capture

    return parse_capture(text, ctx.store.now().astimezone(ctx.zone))


def add(args: argparse.Namespace) -> int:
    from journal.schemas import EntryIn, validate

    with opened(args) as ctx:
        known = [t.slug for t in ctx.store.tag_catalogue()]
        given: dict[str, Any] = {"what": args.what}
        tags = []
        if not args.raw:
            from journal.shorthand import parse

            line = parse(args.what, known, ctx.store.recent_settings())
            given = {"what": line.what, **line.fields()}
            tags = line.tags
        given.update({k: v for k, v in _given(args).items() if k != "what"})
        explicit = tag_marks(args.well, args.badly, known)
        chosen = {mark.slug for mark in explicit}
        tags = [*explicit, *(mark for mark in tags if mark.slug not in chosen)]
        data = validate(EntryIn, {**given, "tags": tags, "occurred_at": _when(args.at, ctx)})
        entry = ctx.store.add(data)
        if args.json:
            print_json(entry.to_json(ctx.zone))
        else:
            say(entry.id)
            if sys.stderr.isatty():
                from journal.present import understood

                shout(understood(entry, ctx.zone))
    return 0


def list_(args: argparse.Namespace) -> int:
    from journal.present import one_line

    if args.limit < 1:
        raise InputError("--limit must be at least 1.")
    with opened(args) as ctx:
        start, end, _ = range_bounds(args, ctx)
        tag, polarity = None, None
        if args.tag:
            mark = TagMark.parse(args.tag) if args.tag[0] in "+-" else None
            tag = mark.slug if mark else args.tag
            polarity = mark.polarity if mark else None
            ctx.store.require_tags([normalise_slug(tag)])
        flt = EntryFilter(
            start=start,
            end=end,
            tag=tag,
            polarity=polarity,
            setting=args.setting,
            perspective=args.perspective,
            overall=args.overall,
            flagged=True if args.flagged else None,
            unreflected=args.unreflected,
            trashed=args.trash,
            search=args.search,
        )
        page = ctx.store.list(flt, limit=args.limit, cursor=args.cursor)
        if args.json:
            print_json(
                {
                    "entries": [e.to_json(ctx.zone) for e in page.entries],
                    "next_cursor": page.next_cursor,
                }
            )
            return 0
        if not page.entries:
            if _filtered(args):
                say("No entries match.")
            elif args.trash:
                say("The trash is empty.")
            else:
                say('No entries yet. Add one with: service-journal add "what happened"')
            return 0
        for entry in page.entries:
            say(safe(one_line(entry, ctx.zone), one_line=True))
        if page.next_cursor:
            say(f"… more: add --cursor '{page.next_cursor}' or raise --limit")
    return 0


def _filtered(args: argparse.Namespace) -> bool:
    keys = ("week", "date_from", "date_to", "tag", "setting", "perspective", "overall", "search")
    return any(getattr(args, k, None) for k in keys) or args.flagged or args.unreflected


def show(args: argparse.Namespace) -> int:
    from journal.present import detail_lines

    with opened(args) as ctx:
        entry = ctx.store.get(args.id)
        if args.json:
            print_json(entry.to_json(ctx.zone))
        else:
            say("\n".join(detail_lines(entry, ctx.zone)))
    return 0


def _given(args: argparse.Namespace) -> dict[str, Any]:
    """The declared fields the command line set, by field name (``--left`` gives left_them)."""
    return {
        spec.name: getattr(args, spec.option)
        for spec in FIELDS
        if spec.kind is not Kind.TAGS and getattr(args, spec.option, None) is not None
    }


def edit(args: argparse.Namespace) -> int:
    from journal.schemas import EntryPatch, validate

    with opened(args) as ctx:
        changes = _given(args)
        if args.well or args.badly:
            current = ctx.store.get(args.id).tags
            known = [t.slug for t in ctx.store.tag_catalogue()]
            added = tag_marks(args.well, args.badly, known)
            changes["tags"] = [*current, *added]
        if args.at is not None:
            changes["occurred_at"] = _when(args.at, ctx)
        if not changes:
            raise InputError("Nothing to change; give at least one option, e.g. --lesson TEXT.")
        entry = ctx.store.update(args.id, validate(EntryPatch, changes))
        if args.json:
            print_json(entry.to_json(ctx.zone))
        else:
            say(f"Updated #{entry.id}.")
    return 0


def delete(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        ctx.store.trash(args.id)
    say(f"Moved #{args.id} to the trash; undo with: service-journal restore {args.id}")
    return 0


def restore(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        ctx.store.restore(args.id)
    say(f"Restored #{args.id}.")
    return 0
