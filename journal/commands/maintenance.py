"""backup and doctor."""

from __future__ import annotations

import argparse
from pathlib import Path

from journal.commands._common import opened


def backup(args: argparse.Namespace) -> int:
    target = Path(args.file).expanduser()
    with opened(args) as ctx:
        ctx.store.backup_to(target)
    print(f"Backed up the journal to {target}")
    return 0


def doctor(args: argparse.Namespace) -> int:
    from journal.doctor import run_checks

    return run_checks(args)
