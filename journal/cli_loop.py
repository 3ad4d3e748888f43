"""The coaching loop's commands on the command line: ``coaching`` and the sub-commands of
``review`` (focus, checkin, decide, question, mark), and the export's range options.

Standard library only, like ``journal.cli``, whose parser it extends: the commands' modules
(``journal.commands.coaching``, ``journal.commands.review_loop``) are imported when they run.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

AddParser = Callable[[str, str, str], argparse.ArgumentParser]
"""``journal.cli``'s way of adding a (sub-)command: name, help text, target."""

_DB_HELP = "the journal file (default: $SERVICE_JOURNAL_DB or the user data folder)"
_WEEK_HELP = "the week whose review this is, e.g. 2026-W47 (default: this week)"


def add_review_actions(
    review: argparse.ArgumentParser, parser_class: type[argparse.ArgumentParser]
) -> None:
    """The sub-commands of ``review``; ``review`` alone still prints the review."""
    sub: argparse._SubParsersAction[argparse.ArgumentParser] = review.add_subparsers(
        dest="review_command", metavar="ACTION", parser_class=parser_class, required=False
    )

    def action(name: str, help_text: str, target: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=_DB_HELP)
        p.add_argument("--week", dest="action_week", metavar="W", help=_WEEK_HELP)
        p.set_defaults(target=f"review_loop:{target}")
        return p

    p = action(
        "focus",
        "Choose the behaviour (a tag) to practise in the week after the review.",
        "focus",
    )
    p.add_argument("slug", metavar="SLUG", help="a tag, or a unique beginning of one")
    p.add_argument(
        "--plan",
        metavar="TEXT",
        help="one line: when X happens, I will Y (kept when left out and the tag is the same)",
    )
    p = action(
        "checkin",
        "Answer the self check-in: NUMBER=yes|partly|no for questions 1 to 10.",
        "checkin",
    )
    p.add_argument(
        "answers",
        metavar="N=ANSWER",
        nargs="+",
        help="e.g. 3=yes 7=partly; N=none removes an answer",
    )
    p = action("decide", "Decide an action item in the review: done, dropped or carried.", "decide")
    p.add_argument("item_id", metavar="ITEM_ID", type=int, help="the action item's number")
    p.add_argument("decision", metavar="DECISION", help="done, dropped or carried")
    p = action(
        "question",
        "Add a question for the coach to the week's review (the same text is kept once).",
        "question",
    )
    p.add_argument("text", metavar="TEXT", help="one line")
    action("mark", "Mark the week reviewed (a week already marked keeps its time).", "mark")


def add_coaching(command: AddParser, parser_class: type[argparse.ArgumentParser]) -> None:
    """``coaching add`` and ``coaching list``."""
    p = command(
        "coaching", "Sessions with your coach and what you agreed in them.", "coaching:list_"
    )
    p.add_argument("--json", action="store_true", help="JSON output (see docs/cli.md)")
    sub: argparse._SubParsersAction[argparse.ArgumentParser] = p.add_subparsers(
        dest="coaching_command", metavar="ACTION", parser_class=parser_class
    )

    def action(name: str, help_text: str, target: str) -> argparse.ArgumentParser:
        q: argparse.ArgumentParser = sub.add_parser(name, help=help_text, description=help_text)
        q.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=_DB_HELP)
        q.set_defaults(target=f"coaching:{target}")
        return q

    q = action("add", "Record a session with your coach; prints its id.", "add")
    q.add_argument(
        "--at",
        metavar="WHEN",
        help='when it was held (default: now): ISO 8601 or "today 14:30", "yesterday 9am", '
        '"tue 16:00"',
    )
    q.add_argument("--notes", metavar="TEXT", help="what was talked about")
    q.add_argument(
        "--agree",
        metavar="TEXT",
        action="append",
        default=[],
        help="something agreed, followed up in the weekly reviews as an action item (repeat)",
    )
    q = action("list", "List sessions, newest first, with their agreements.", "list_")
    q.add_argument("--json", action="store_true", help="JSON output (see docs/cli.md)")


def add_export_ranges(group: argparse._MutuallyExclusiveGroup) -> None:
    """The export's ranges beside --week and --from (one of them at most)."""
    group.add_argument(
        "--month", metavar="YYYY-MM", help="a calendar month, e.g. 2026-11 (a month's document)"
    )
    group.add_argument("--quarter", metavar="YYYY-Qn", help="a calendar quarter, e.g. 2026-Q4")
    group.add_argument(
        "--since-last-session",
        action="store_true",
        help="from the latest coaching session (service-journal coaching add) to now",
    )
