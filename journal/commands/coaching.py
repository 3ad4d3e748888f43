"""coaching add and coaching list: sessions with a coach and what was agreed in them."""

from __future__ import annotations

import argparse
import sys
from datetime import tzinfo

from journal.commands._common import opened, print_json
from journal.rows import CoachingSessionRow
from journal.terminal import say, shout

BOXES = {"done": "[x]", "dropped": "[-]"}
"""Checkboxes of an agreement by status; open and carried ones are ``[ ]``."""


def add(args: argparse.Namespace) -> int:
    from journal.when import parse_when

    with opened(args) as ctx:
        now = ctx.store.now().astimezone(ctx.zone)
        held_at = parse_when(args.at, now) if args.at is not None else now
        session_id = ctx.store.coaching.add_session(held_at, args.notes, args.agree)
    print(session_id)
    if sys.stderr.isatty():
        count = len(args.agree)
        shout(
            f"Session #{session_id} recorded ({held_at:%a %d %b %Y %H:%M}), "
            f"{count} {'agreement' if count == 1 else 'agreements'}."
        )
    return 0


def list_(args: argparse.Namespace) -> int:
    with opened(args) as ctx:
        sessions = ctx.store.coaching.sessions()
        skipped = sorted(ctx.store.coaching.unreadable)
        if args.json:
            print_json({"sessions": [s.to_json(ctx.zone) for s in sessions]})
        elif not sessions:
            say(
                "No coaching sessions yet. Record one with: service-journal coaching add "
                '--at "tue 16:00" --agree "what you agreed"'
            )
        else:
            say("\n".join(line for s in sessions for line in session_lines(s, ctx.zone)))
    if skipped:
        shown = ", ".join(f"#{i}" for i in skipped)
        shout(
            f"service-journal: left out session(s) {shown} holding values that cannot be read "
            "back; `service-journal doctor` names them."
        )
    return 0


def session_lines(session: CoachingSessionRow, zone: tzinfo) -> list[str]:
    """One session as text: its number, when, its notes, its agreements with their status."""
    held = session.held_at.astimezone(zone)
    lines = [f"#{session.id}  {held:%a %d %b %Y %H:%M}"]
    if session.notes:
        lines += [f"    {line}" for line in session.notes.splitlines()]
    for item in session.agreements:
        box = BOXES.get(item.status, "[ ]")
        status = "carried over" if item.status == "carried" else item.status
        first, *rest = item.text.splitlines() or [""]
        lines.append(f"  {box} {first}  (action item #{item.id}, {status})")
        lines += [f"      {line}" for line in rest]
    return lines
