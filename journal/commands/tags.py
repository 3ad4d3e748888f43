"""tags and tags add."""

from __future__ import annotations

import argparse

from journal.commands._common import opened, print_json
from journal.terminal import say


def list(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        tags = ctx.store.tags()
    if args.json:
        print_json([t.to_json() for t in tags])
        return 0
    group = None
    for tag in tags:
        if tag.group != group:
            group = tag.group
            say(f"\n{group}" if tag is not tags[0] else group)
        counts = f"+{tag.plus} -{tag.minus}" + (f" ?{tag.unknown}" if tag.unknown else "")
        mine = "" if tag.builtin else "  (yours)"
        say(f"  {tag.slug:<24} {counts:<10} {tag.description}{mine}")
    return 0


def add(args: argparse.Namespace) -> int:
    from journal.schemas import TagIn, validate

    data = validate(
        TagIn, {"slug": args.slug, "group": args.group, "description": args.description}
    )
    with opened(args) as ctx:
        tag = ctx.store.add_tag(data)
    say(f"Added tag {tag.slug} to {tag.group}.")
    return 0
