"""trends: the own practice's weekly trends as text or JSON (docs/cli.md)."""

from __future__ import annotations

import argparse

from journal.commands._common import opened, print_json
from journal.errors import UsageError
from journal.terminal import say


def weeks_from(text: str) -> int:
    """--weeks N: a whole number from 1 to ``MAX_WEEKS`` (anything else is a usage error)."""
    from journal.review.trends import MAX_WEEKS

    try:
        weeks = int(text.strip())
    except ValueError:
        weeks = 0
    if not 1 <= weeks <= MAX_WEEKS:
        raise UsageError(f'--weeks takes a number of weeks from 1 to {MAX_WEEKS}, not "{text}".')
    return weeks


def run(args: argparse.Namespace) -> int:
    from datetime import datetime

    from journal.review.build import catalogue_of
    from journal.review.trends import compute, trends_lines, trends_to_json, week_range
    from journal.weeks import week_of

    count = weeks_from(args.weeks)  # refused before the journal is opened
    with opened(args) as ctx:
        settings = ctx.settings
        this = week_of(datetime.now(ctx.zone).date(), settings.week_start)
        trends = compute(
            ctx.store,
            week_range(this, count),
            ctx.zone,
            settings.week_start,
            catalogue=catalogue_of(ctx.store),
            exclude_private=True,
        )
    if args.json:
        print_json(trends_to_json(trends))
    else:
        say("\n".join(trends_lines(trends)))
    return 0
