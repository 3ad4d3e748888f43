"""Command-line parsing and dispatch: the contract that users' scripts rely on (docs/cli.md).

Only the standard library is imported here, so ``--help`` and argument errors are instant; each
command's module (and the database layer, and Textual for the app) is imported when that command
runs. Options may be added, never renamed or dropped.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Callable, Sequence

from journal import __version__
from journal.cli_loop import add_coaching, add_export_ranges, add_review_actions
from journal.entry import FIELDS, EntryField, Kind, Overall, Perspective, Stage

EPILOG = """\
exit codes: 0 success, 1 bad input or unknown id, 2 usage error, 3 database problem.
The journal is stored in your user data folder unless --db or SERVICE_JOURNAL_DB says otherwise.
Run `service-journal COMMAND --help` for each command's options."""


class _Parser(argparse.ArgumentParser):
    """argparse with one-sentence errors (exit code 2), like every other refusal."""

    def error(self, message: str) -> None:  # type: ignore[override]
        from journal.terminal import safe

        text = safe(f"{message[0].upper()}{message[1:]}", one_line=True)
        self.exit(2, f"{self.prog}: {text}. See --help.\n")


def _db_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help="the journal file (default: $SERVICE_JOURNAL_DB or the user data folder)",
    )


def _field_option(parser: argparse.ArgumentParser, spec: EntryField) -> None:
    """The option of one declared text or choice field (``--details`` for situation, ...)."""
    if spec.vocabulary is not None:
        parser.add_argument(
            f"--{spec.option}", choices=spec.vocabulary.values(), help=spec.help or None
        )
    else:
        parser.add_argument(f"--{spec.option}", metavar="TEXT", help=spec.help or None)


def _value_fields(stage: Stage) -> list[EntryField]:
    """The optional text and choice fields of one stage, in the declaration's order."""
    kinds = (Kind.LINE, Kind.TEXT, Kind.CHOICE)
    return [f for f in FIELDS if f.stage is stage and f.kind in kinds and not f.required]


def _entry_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by add and edit: the quick fields; tags as --well and --badly."""
    for spec in _value_fields(Stage.QUICK):
        _field_option(parser, spec)
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
    parser.add_argument(
        "--at",
        metavar="WHEN",
        help='when it happened: ISO 8601 or "now", "today 14:30", "yesterday 9am", "2h ago", '
        '"this morning 8:10", "sat noon", "last friday evening"',
    )


def _range_options(parser: argparse.ArgumentParser) -> argparse._MutuallyExclusiveGroup:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--week", metavar="W", help="an ISO week, e.g. 2026-W47")
    group.add_argument("--from", dest="date_from", metavar="DATE", help="first day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="last day (YYYY-MM-DD)")
    return group


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
    p.add_argument(
        "what",
        help="what happened, one line; shorthand sets fields: +tag -tag @setting =well|badly|mixed "
        "~w|c|p // do differently (see docs/cli.md)",
    )
    p.add_argument(
        "--raw", action="store_true", help="store the text exactly as typed (no shorthand)"
    )
    _entry_options(p)
    for spec in FIELDS:
        if spec.kind is Kind.FLAG:
            p.add_argument(f"--{spec.option}", action="store_true", help=spec.help)
    p.add_argument("--json", action="store_true", help="print the whole entry as JSON")

    p = command(
        "list", "List entries, newest first (best match first with --search).", "entries:list_"
    )
    _range_options(p)
    p.add_argument("--tag", metavar="TAG", help="entries with this tag; +TAG or -TAG for one sign")
    p.add_argument("--setting", metavar="S", help="entries in this setting")
    p.add_argument("--perspective", choices=Perspective.values())
    p.add_argument("--overall", choices=Overall.values())
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
    for spec in _value_fields(Stage.REFLECTION):
        _field_option(parser=p, spec=spec)
    for spec in FIELDS:
        if spec.kind is Kind.FLAG:
            p.add_argument(f"--{spec.option}", action=argparse.BooleanOptionalAction, default=None)
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

    p = command(
        "review",
        "The weekly review as text or JSON; its actions record the review's decisions.",
        "review:run",
    )
    p.add_argument("--week", metavar="W", help="an ISO week, e.g. 2026-W47 (default: this week)")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--include-private",
        action="store_true",
        help="count private entries too (left out by default, as the output may be shared)",
    )
    add_review_actions(p, _Parser)
    add_coaching(command, _Parser)

    p = command(
        "trends",
        "Weekly trends of your own practice per dimension and tag, as sparklines.",
        "trends:run",
    )
    p.add_argument(
        "--weeks",
        metavar="N",
        default="8",
        help="how many weeks, ending with this one (default 8, at most 52)",
    )
    p.add_argument("--json", action="store_true", help="JSON output (see docs/cli.md)")

    p = command("export", "Export entries as a coaching document, JSON or CSV.", "transfer:export")
    add_export_ranges(_range_options(p))
    p.add_argument("--format", choices=("markdown", "json", "csv"), default="markdown")
    p.add_argument("--only-flagged", action="store_true", help="only entries flagged for coaching")
    p.add_argument(
        "--no-appendix",
        action="store_true",
        help="leave the appendix of all entries out of the coaching document",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    p = command(
        "import",
        "Import entries from JSON, CSV, a jrnl export or a note of one-line observations.",
        "transfer:import_",
    )
    p.add_argument("file", metavar="FILE", help="a file, or - for standard input")
    p.add_argument(
        "--format",
        choices=("json", "csv", "jrnl", "lines"),
        help="default: from the name (.json, .csv)",
    )
    p.add_argument(
        "--dry-run", action="store_true", help="report what would change, change nothing"
    )

    p = command("backup", "Write a consistent copy of the journal.", "maintenance:backup")
    p.add_argument("file", metavar="FILE")

    p = command(
        "encrypt",
        "Encrypt the journal in place (SQLCipher); the passphrase comes from "
        "$SERVICE_JOURNAL_PASSPHRASE or is asked for.",
        "crypt:encrypt",
    )
    p.add_argument(
        "--remember",
        action="store_true",
        help="remember the passphrase in this device's keyring (needs the keyring package)",
    )
    p.add_argument(
        "--remove-backups",
        action="store_true",
        help="wipe earlier plaintext upgrade backups (*.pre-*.bak) without asking",
    )

    p = command(
        "decrypt",
        "Turn an encrypted journal back into a plain one, after a confirmation.",
        "crypt:decrypt",
    )
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation (scripts)")

    p = command(
        "rekey",
        "Change an encrypted journal's passphrase; the new one comes from "
        "$SERVICE_JOURNAL_NEW_PASSPHRASE or is asked for.",
        "crypt:rekey",
    )
    p.add_argument(
        "--remember", action="store_true", help="remember the new passphrase in the keyring"
    )

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
    command: Callable[[argparse.Namespace], int] = getattr(module, func)
    return command


def _undecodable_argument(argv: Sequence[str]) -> str | None:
    """The first argument holding bytes that were not UTF-8 (Python keeps them as lone
    surrogates), which no part of the program could store or print."""
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return arg
    return None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    bad = _undecodable_argument(arguments)
    if bad is not None:
        shown = bad.encode("utf-8", errors="replace").decode("utf-8")
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        print(
            f'service-journal: the argument "{shown}" holds bytes that are not valid text '
            "(UTF-8); retype it, or check the encoding of the terminal or script it came from.",
            file=sys.stderr,
        )
        return 1
    parser = build_parser()
    args = parser.parse_args(arguments)
    target = getattr(args, "target", None)
    from journal.errors import JournalError
    from journal.terminal import shout

    if target is not None and sys.stdout is None:
        shout(
            "service-journal: standard output is closed, so nothing could be shown; nothing "
            "was done."
        )
        return 1
    try:
        if target is None:
            return _launch_app(args)
        code = _resolve(target)(args)
        sys.stdout.flush()
        return code
    except JournalError as exc:
        shout(f"service-journal: {exc}")
        return exc.exit_code
    except KeyboardInterrupt:
        shout("service-journal: interrupted; nothing was changed by the unfinished step.")
        return 130
    except BrokenPipeError:
        _drop_pending_output()
        return 0
    except OSError as exc:
        if not _is_stdout_failure(exc):
            raise
        _drop_pending_output()
        shout(
            f"service-journal: could not write to standard output ({exc.strerror or exc}); "
            "its output is incomplete."
        )
        return 1


def _is_stdout_failure(exc: OSError) -> bool:
    """An error from writing standard output (disk full, closed), told apart from other I/O.

    Commands raise their own sentences for files they write; what escapes as ``OSError`` after
    a command ran comes from the output, so its flush is retried here to tell."""
    try:
        sys.stdout.flush()
    except OSError:
        return True
    return exc.errno in (errno.ENOSPC, errno.EBADF, errno.EIO, errno.EDQUOT)


def _drop_pending_output() -> None:
    """Point standard output at the null device so the interpreter's last flush cannot fail
    again (and print a second, unreadable error) on the way out."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        return  # no file descriptor behind stdout (a test's capture): nothing is flushed at exit


def _launch_app(args: argparse.Namespace) -> int:
    from journal.config import Settings

    settings = Settings.from_env(db=args.db)
    from tui.launch import run

    return run(settings)


if __name__ == "__main__":
    sys.exit(main())
