"""`service-journal doctor`: check that a journal is whole and private, and repair its search index.

Each check prints one line, ok or the problem with what to do; the exit code is 0 only when every
check passed (3 when the journal cannot be opened or is damaged, 1 when another check failed).
"""

from __future__ import annotations

import argparse
import stat
from dataclasses import dataclass
from pathlib import Path

from journal.db import sqlite_path_from
from journal.errors import DatabaseError
from journal.migrations import HEAD
from journal.store import open_store
from journal.store.interface import JournalStore


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


def _permissions(path: Path) -> list[Check]:
    checks = []
    mode = stat.S_IMODE(path.stat().st_mode)
    checks.append(
        Check(
            "file permissions",
            mode & 0o077 == 0,
            f"{oct(mode)}"
            + ("" if mode & 0o077 == 0 else f"; others can read it: chmod 600 {path}"),
        )
    )
    folder_mode = stat.S_IMODE(path.parent.stat().st_mode)
    checks.append(
        Check(
            "folder permissions",
            True,
            f"{oct(folder_mode)}"
            + ("" if folder_mode & 0o077 == 0 else " (shared folder; the file itself is private)"),
        )
    )
    return checks


def first_problem(found: list[str]) -> str:
    """The first line of what the integrity check found (it may report hundreds)."""
    lines = [line for text in found for line in text.splitlines()]
    lines = [line.strip() for line in lines if line.strip() and not line.startswith("***")]
    return lines[0].rstrip(".") if lines else "the integrity check failed"


def diagnose(store: JournalStore, repair: bool) -> list[Check]:
    checks: list[Check] = []
    health = store.health
    problems = health.integrity_problems()
    ok = not problems
    checks.append(Check("integrity", ok, "ok" if ok else first_problem(problems)))
    if not ok:
        return checks  # nothing more is trustworthy, and --repair must not write to a damaged file
    version = health.schema_version()
    checks.append(Check("schema version", version == HEAD, f"{version} (this program: {HEAD})"))
    checks.append(Check("entries", True, str(health.entry_count())))
    in_sync = health.search_index_in_sync()
    if not in_sync and repair:
        health.rebuild_search_index()
        in_sync = health.search_index_in_sync()
        checks.append(Check("search index", in_sync, "rebuilt" if in_sync else "rebuild failed"))
    else:
        checks.append(
            Check(
                "search index",
                in_sync,
                "in sync" if in_sync else "out of sync; run service-journal doctor --repair",
            )
        )
    if store.location is not None:
        checks.extend(_permissions(store.location))
    return checks


def run_checks(args: argparse.Namespace) -> int:
    from journal.config import Settings

    settings = Settings.from_env(db=getattr(args, "db", None))
    target = settings.db_target
    path = sqlite_path_from(target)
    print(f"journal: {path if path else target}")
    if path is not None:
        print(f"backups: {path.parent}")
    if path is not None and not path.exists():
        print("not created yet: it will be made on the first entry.")
        return 0
    store = open_store(settings)
    try:
        checks = diagnose(store, repair=args.repair)
    finally:
        store.close()
    for check in checks:
        print(f"{'ok ' if check.ok else 'BAD'}  {check.name}: {check.detail}")
    if not checks[0].ok:
        raise DatabaseError(
            f"{path or target} is damaged ({checks[0].detail}); restore a backup, such as a .bak "
            "file next to it or a copy made with service-journal backup."
        )
    return 0 if all(c.ok for c in checks) else 1
