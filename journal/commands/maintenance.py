"""backup and doctor."""

from __future__ import annotations

import argparse
from pathlib import Path

from journal.commands._common import opened
from journal.errors import UsageError
from journal.terminal import say


def backup(args: argparse.Namespace) -> int:
    if not args.file.strip():
        raise UsageError("The backup's file name is empty; give one.")
    target = Path(args.file).expanduser()
    with opened(args) as ctx:
        ctx.store.backup_to(target)
        encrypted = ctx.store.encrypted
    same_key = " (encrypted with the journal's passphrase)" if encrypted else ""
    say(f"Backed up the journal to {target}{same_key}")
    return 0


def doctor(args: argparse.Namespace) -> int:
    from journal.doctor import run_checks

    return run_checks(args)
