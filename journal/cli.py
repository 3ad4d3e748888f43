"""Command-line parsing and dispatch: the contract that users' scripts rely on (docs/cli.md).

Only the standard library is imported here, so ``--help`` and argument errors are instant; each
command's module (and the database layer, and Textual for the app) is imported when that command
runs. Options may be added, never renamed or dropped.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from journal import __version__

EPILOG = """\
exit codes: 0 success, 1 bad input or unknown id, 2 usage error, 3 database problem.
The journal is stored in your user data folder unless --db or SERVICE_JOURNAL_DB says otherwise.
Run `service-journal COMMAND --help` for each command's options."""

PERSPECTIVES = ("witnessed", "customer", "provider")
OVERALLS = ("well", "badly", "mixed")
CAUSES = ("skill", "process", "tools", "staffing", "customer", "environment", "unknown")
LEFT = ("better", "same", "worse")


class _Parser(argparse.ArgumentParser):
    """argparse with one-sentence errors (exit code 2), like every other refusal."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: {message[0].upper()}{message[1:]}. See --help.\n")


def _db_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help="the journal file (default: $SERVICE_JOURNAL_DB or the user data folder)",
    )


def _entry_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by add and edit."""
    parser.add_argument("--setting", metavar="S", help="where it happened, e.g. 'bank'")
    parser.add_argument("--perspective", choices=PERSPECTIVES, help="how you saw it")
    parser.add_argument("--overall", choices=OVERALLS, help="how it went")
    parser.add_argument(
        "--well",
        metavar="TAG",
        action="append",
        default=[],
        help="tag done well (repeat, or comma-separate)",
    )
    parser.add_argument(
        "--badly",
        metavar="TAG",
        action="append",
        default=[],
        help="tag done badly (repeat, or comma-separate)",
    )
    parser.add_argument("--differently", metavar="TEXT", help="what you would do differently")
    parser.add_argument(
        "--at",
        metavar="WHEN",
        help='when it happened: ISO 8601 or "now", "today 14:30", "yesterday 9am", "2h ago"',
    )


def _range_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--week", metavar="W", help="an ISO week, e.g. 2026-W47")
    group.add_argument("--from", dest="date_from", metavar="DATE", help="first day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="last day (YYYY-MM-DD)")


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port (0 to 65535)")
    return port


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="service-journal",
        description="Service Journal: capture service encounters, review your week, export "
        "for coaching. Without a command, opens the app on the capture screen.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"service-journal {__version__}")
    _db_option(parser, None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str, target: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        _db_option(p, argparse.SUPPRESS)
        p.set_defaults(target=target)
        return p

    p = command("add", "Log an encounter; prints the new entry's id.", "entries:add")
    p.add_argument("what", help="what happened, one line")
    _entry_options(p)
    p.add_argument("--private", action="store_true", help="never include in any export")
    p.add_argument("--flag", action="store_true", help="include in the next coaching export")
    p.add_argument("--json", action="store_true", help="print the whole entry as JSON")

    p = command(
        "list", "List entries, newest first (best match first with --search).", "entries:list_"
    )
    _range_options(p)
    p.add_argument("--tag", metavar="TAG", help="entries with this tag; +TAG or -TAG for one sign")
    p.add_argument("--setting", metavar="S", help="entries in this setting")
    p.add_argument("--perspective", choices=PERSPECTIVES)
    p.add_argument("--overall", choices=OVERALLS)
    p.add_argument("--flagged", action="store_true", help="only entries flagged for coaching")
    p.add_argument("--unreflected", action="store_true", help="only entries not yet reflected on")
    p.add_argument("--trash", action="store_true", help="list the trash instead")
    p.add_argument("--search", metavar="QUERY", help="full-text search; words match as prefixes")
    p.add_argument("--limit", metavar="N", type=int, default=20, help="how many (default 20)")
    p.add_argument("--cursor", metavar="C", help="continue after a previous --json page")
    p.add_argument("--json", action="store_true", help="JSON output (see docs/cli.md)")

    p = command("show", "Show one entry with every field.", "entries:show")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")

    p = command("edit", "Change an entry: quick fields and reflection.", "entries:edit")
    p.add_argument("id", type=int)
    p.add_argument("--what", metavar="TEXT", help="replace what happened")
    _entry_options(p)
    p.add_argument("--details", metavar="TEXT", help="situation: what was said and done")
    p.add_argument("--behaviour", metavar="TEXT", help="behaviour: what the person did")
    p.add_argument("--impact", metavar="TEXT", help="impact on the person served")
    p.add_argument("--why", choices=CAUSES, help="why it went that way")
    p.add_argument("--lesson", metavar="TEXT", help="the lesson learned")
    p.add_argument("--action", metavar="TEXT", help="an action item for next time")
    p.add_argument("--left", choices=LEFT, help="the person served left better, same or worse")
    p.add_argument("--flag", action=argparse.BooleanOptionalAction, default=None)
    p.add_argument("--private", action=argparse.BooleanOptionalAction, default=None)
    p.add_argument("--json", action="store_true")

    p = command("delete", "Move an entry to the trash (undo with restore).", "entries:delete")
    p.add_argument("id", type=int)
    p = command("restore", "Bring an entry back from the trash.", "entries:restore")
    p.add_argument("id", type=int)

    p = command("tags", "The tag catalogue with usage counts.", "tags:list")
    p.add_argument("--json", action="store_true")
    tag_sub = p.add_subparsers(dest="tags_command", metavar="ACTION", parser_class=_Parser)
    t = tag_sub.add_parser("add", help="Add a custom tag.", description="Add a custom tag.")
    _db_option(t, argparse.SUPPRESS)
    t.set_defaults(target="tags:add")
    t.add_argument("slug", help="lower-case words joined by hyphens, e.g. called-back")
    t.add_argument("--group", metavar="G", required=True, help="e.g. Empathy, or your own")
    t.add_argument("--description", metavar="D", default="", help="what it means")

    p = command("review", "The weekly review as text or JSON.", "review:run")
    p.add_argument("--week", metavar="W", help="an ISO week, e.g. 2026-W47 (default: this week)")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--include-private",
        action="store_true",
        help="count private entries too (left out by default, as the output may be shared)",
    )

    p = command("export", "Export entries as a coaching document, JSON or CSV.", "transfer:export")
    _range_options(p)
    p.add_argument("--format", choices=("markdown", "json", "csv"), default="markdown")
    p.add_argument("--only-flagged", action="store_true", help="only entries flagged for coaching")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    p = command("import", "Import entries from JSON, CSV or a jrnl export.", "transfer:import_")
    p.add_argument("file", metavar="FILE", help="a file, or - for standard input")
    p.add_argument("--format", choices=("json", "csv", "jrnl"), help="default: from the name")
    p.add_argument(
        "--dry-run", action="store_true", help="report what would change, change nothing"
    )

    p = command("backup", "Write a consistent copy of the journal.", "maintenance:backup")
    p.add_argument("file", metavar="FILE")

    p = command(
        "doctor", "Check the journal: integrity, schema, permissions, search.", "maintenance:doctor"
    )
    p.add_argument("--repair", action="store_true", help="rebuild the search index if needed")
    p = command(
        "serve",
        "The app in a web browser: prints a link with a secret token and its QR code.",
        "serve:serve",
    )
    p.add_argument(
        "--host",
        metavar="H",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this computer only)",
    )
    p.add_argument("--port", metavar="P", type=_port, default=0, help="port (default: a free one)")
    p.add_argument(
        "--allow-network",
        action="store_true",
        help="allow a --host other machines can reach (anyone there with the link gets in)",
    )
    parser.set_defaults(commands=tuple(sub.choices))
    return parser


def _resolve(target: str) -> Callable[[argparse.Namespace], int]:
    from importlib import import_module

    module_name, _, func = target.partition(":")
    module = import_module(f"journal.commands.{module_name}")
    return getattr(module, func)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    target = getattr(args, "target", None)
    from journal.errors import JournalError

    try:
        if target is None:
            return _launch_app(args)
        return _resolve(target)(args)
    except JournalError as exc:
        print(f"service-journal: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(
            "service-journal: interrupted; nothing was changed by the unfinished step.",
            file=sys.stderr,
        )
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0


def _launch_app(args: argparse.Namespace) -> int:
    from journal.config import Settings

    settings = Settings.from_env(db=args.db)
    from tui.launch import run

    return run(settings)


if __name__ == "__main__":
    sys.exit(main())
