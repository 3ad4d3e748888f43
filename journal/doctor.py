"""`service-journal doctor`: check that a journal is whole and private, and repair its search index.

Each check prints one line, ok or the problem with what to do; the exit code is 0 only when every
check passed (3 when the journal cannot be opened or is damaged, 1 when another check failed).
"""

from __future__ import annotations

import argparse
import stat
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from journal.db import sqlite_path_from
from journal.db.files import _existing_file
from journal.errors import DatabaseError
from journal.migrations import HEAD
from journal.store import open_store
from journal.store.interface import JournalStore
from journal.terminal import say


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    lines: list[str] = field(default_factory=list)
    """One line per row the check found (or mended), printed under it."""


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


def _rows(store: JournalStore, repair: bool, now: datetime) -> Check:
    """Every stored value reads back; with ``repair``, unreadable entries are mended."""
    health = store.health
    bad = health.unreadable_entries()
    if not bad:
        return Check("readable rows", True, "every value reads back")
    count = f"{len(bad)} {'entry holds' if len(bad) == 1 else 'entries hold'}"
    if repair:
        lines = [health.repair_entry(entry, now) for entry in bad]
        left = health.unreadable_entries()
        return Check(
            "readable rows",
            not left,
            f"{count} values that could not be read back; mended" if not left else "not mended",
            lines,
        )
    return Check(
        "readable rows",
        False,
        f"{count} values that cannot be read back; run service-journal doctor --repair",
        [f"#{entry.id}: {'; '.join(entry.problems)}" for entry in bad],
    )


def _sessions(store: JournalStore) -> Check:
    """Every coaching session and agreement reads back (readers skip one that does not)."""
    found = store.coaching.session_problems()
    if not found:
        return Check("coaching sessions", True, "every session reads back")
    noun = "session holds" if len({i for i, _ in found}) == 1 else "sessions hold"
    return Check(
        "coaching sessions",
        False,
        f"{len({i for i, _ in found})} {noun} values that cannot be read back; they are left "
        "out of lists and exports (correct or delete them with an SQLite tool)",
        [f"session #{session_id}: {problem}" for session_id, problem in found],
    )


def diagnose(store: JournalStore, repair: bool, now: datetime | None = None) -> list[Check]:
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
    checks.append(_rows(store, repair, now or store.now()))
    checks.append(_sessions(store))
    breaches = health.constraint_breaches()
    checks.append(
        Check(
            "constraints",
            not breaches,
            "every row keeps them" if not breaches else f"{breaches[0]} ({len(breaches)} rows)",
        )
    )
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
        checks.extend(_encryption(store.location, store.encrypted))
    return checks


def _encryption(path: Path, encrypted: bool) -> list[Check]:
    """Whether the journal is encrypted, and whether a plain copy beside it undoes that."""
    from journal.db.cipher import plaintext_backups

    checks = [
        Check(
            "encryption",
            True,
            "encrypted (SQLCipher)" if encrypted else "not encrypted (service-journal encrypt)",
        )
    ]
    if encrypted:
        plain = plaintext_backups(path)
        names = ", ".join(p.name for p in plain)
        detail = (
            f"{len(plain)} beside it, readable by anyone: {names}; remove them with "
            "service-journal encrypt --remove-backups"
        )
        checks.append(Check("plaintext backups", not plain, detail if plain else "none"))
    return checks


def run_checks(args: argparse.Namespace) -> int:
    from journal.config import Settings

    settings = Settings.from_env(db=getattr(args, "db", None))
    target = settings.db_target
    path = sqlite_path_from(target)
    say(f"journal: {path if path else target}")
    if path is not None:
        say(f"backups: {path.parent}")
    if path is not None and not _existing_file(path):
        say("not created yet: it will be made on the first entry.")
        return 0
    from journal.commands._common import PASSPHRASE_TRIES, ask_passphrase

    store = open_store(settings, passphrase=ask_passphrase, tries=PASSPHRASE_TRIES)
    try:
        checks = diagnose(store, repair=args.repair)
    finally:
        store.close()
    for check in checks:
        say(f"{'ok ' if check.ok else 'BAD'}  {check.name}: {check.detail}")
        for line in check.lines:
            say(f"     {line}")
    if not checks[0].ok:
        raise DatabaseError(
            f"{path or target} is damaged ({checks[0].detail}); restore a backup, such as a .bak "
            "file next to it or a copy made with service-journal backup."
        )
    return 0 if all(c.ok for c in checks) else 1
