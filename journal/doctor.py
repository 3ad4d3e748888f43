"""`service-journal doctor`: check that a journal is whole and private, and repair its search index.

Each check prints one line, ok or the problem with what to do; the exit code is 0 only when every
check passed (3 when the journal cannot be opened or is damaged, 1 when another check failed).
"""

from __future__ import annotations

import argparse
import stat
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from journal.db import Database, open_database, sqlite_path_from
from journal.db.files import _existing_file
from journal.errors import DatabaseError
from journal.migrations import HEAD
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


def fts_in_sync(db: Database) -> bool:
    """True when the search index matches the entries (FTS5's own integrity check)."""
    try:
        db.execute("INSERT INTO entry_fts(entry_fts, rank) VALUES ('integrity-check', 1)")
    except DatabaseError:
        return False
    return True


def rebuild_fts(db: Database) -> None:
    with db.transaction():
        db.execute("INSERT INTO entry_fts(entry_fts) VALUES ('rebuild')")


def _row_level(line: str) -> bool:
    """A problem with a row's values (another program wrote past a constraint), not damage to
    the file: the pages are sound, and the rows check can find and mend the row."""
    return line.startswith(("CHECK constraint failed in", "NULL value in"))


def first_problem(result: list[tuple[str, ...]]) -> str:
    """The first line of what ``PRAGMA integrity_check`` found (it may report hundreds)."""
    lines = [line for row in result for line in str(row[0]).splitlines()]
    lines = [line.strip() for line in lines if line.strip() and not line.startswith("***")]
    return lines[0].rstrip(".") if lines else "the integrity check failed"


def _rows(db: Database, repair: bool, now: datetime) -> Check:
    """Every stored value reads back; with ``repair``, unreadable entries are mended."""
    from journal.doctor_rows import find_unreadable, repair_entry

    bad = find_unreadable(db)
    if not bad:
        return Check("readable rows", True, "every value reads back")
    count = f"{len(bad)} {'entry holds' if len(bad) == 1 else 'entries hold'}"
    if repair:
        lines = [repair_entry(db, entry, now) for entry in bad]
        left = find_unreadable(db)
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


def diagnose(db: Database, repair: bool, now: datetime | None = None) -> list[Check]:
    checks: list[Check] = []
    result = db.execute("PRAGMA integrity_check").fetchall()
    damage = [r for r in result if r[0] != "ok" and not _row_level(str(r[0]))]
    ok = not damage
    checks.append(Check("integrity", ok, "ok" if ok else first_problem(damage)))
    if not ok:
        return checks  # nothing more is trustworthy, and --repair must not write to a damaged file
    version = db.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    checks.append(Check("schema version", version == HEAD, f"{version} (this program: {HEAD})"))
    entries = db.execute("SELECT count(*) FROM entry").fetchone()[0]
    checks.append(Check("entries", True, str(entries)))
    checks.append(_rows(db, repair, now or datetime.now(UTC)))
    breaches = [
        str(r[0]) for r in db.execute("PRAGMA integrity_check").fetchall() if _row_level(str(r[0]))
    ]
    checks.append(
        Check(
            "constraints",
            not breaches,
            "every row keeps them" if not breaches else f"{breaches[0]} ({len(breaches)} rows)",
        )
    )
    in_sync = fts_in_sync(db)
    if not in_sync and repair:
        rebuild_fts(db)
        in_sync = fts_in_sync(db)
        checks.append(Check("search index", in_sync, "rebuilt" if in_sync else "rebuild failed"))
    else:
        checks.append(
            Check(
                "search index",
                in_sync,
                "in sync" if in_sync else "out of sync; run service-journal doctor --repair",
            )
        )
    if db.path is not None:
        checks.extend(_permissions(db.path))
        checks.extend(_encryption(db))
    return checks


def _encryption(db: Database) -> list[Check]:
    """Whether the journal is encrypted, and whether a plain copy beside it undoes that."""
    from journal.db.cipher import plaintext_backups

    assert db.path is not None
    checks = [
        Check(
            "encryption",
            True,
            "encrypted (SQLCipher)" if db.encrypted else "not encrypted (service-journal encrypt)",
        )
    ]
    if db.encrypted:
        plain = plaintext_backups(db.path)
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

    db = open_database(target, passphrase=ask_passphrase, tries=PASSPHRASE_TRIES)
    try:
        checks = diagnose(db, repair=args.repair)
    finally:
        db.close()
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
