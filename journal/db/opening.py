"""Opening a journal: a new one created whole, a current one opened, an older one upgraded.

Opening a current journal uses the standard library's ``sqlite3`` only; a new or older journal is
migrated (see ``journal.db.upgrade``) and WAL mode is switched on only after the version check,
because switching rewrites the file header.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from journal.db.connection import Database, _connect, _enable_wal
from journal.db.files import (
    _check_file,
    _create_private_file,
    _existing_file,
    _prepare_folder,
    _remove_new_files,
    looks_encrypted,
)
from journal.db.upgrade import _backup_before_upgrade, _schema_version, run_migrations
from journal.errors import DatabaseError, UsageError
from journal.migrations import HEAD

if TYPE_CHECKING:
    from journal.db.cipher import PassphrasePrompt

UPGRADE_NOTICE_ENTRIES = 50_000
"""From this many entries an upgrade is announced before it starts (see ``open_database``)."""


def sqlite_path_from(target: str) -> Path | None:
    """The file behind a path or an ``sqlite:///`` URL; None for other database URLs.

    The path is handed to SQLite as a path, never as a URI, so no character in it (``?``, ``%``,
    ``#``) is read as anything else. SQLite's special names would not be a journal on disk:
    ``:memory:`` loses everything at exit and a ``file:`` URI is refused rather than half-read.
    """
    if target.strip() == ":memory:" or (
        target.startswith("sqlite://") and not target.startswith("sqlite:///")
    ):
        raise UsageError("An in-memory database would lose everything; give a file path.")
    if target.startswith("file:"):
        raise UsageError(
            f'"{target}" is an SQLite URI; give the journal\'s file path (or sqlite:///PATH).'
        )
    if target.startswith("sqlite:///"):
        rest = target[len("sqlite:///") :]
        if not rest or rest == ":memory:":
            raise UsageError("An in-memory database would lose everything; give a file path.")
        return Path(rest).expanduser()
    if "://" not in target:
        return Path(target).expanduser()
    return None


def open_database(
    target: str,
    *,
    migrate: bool = True,
    on_upgrade: Callable[[str], None] | None = None,
    passphrase: PassphrasePrompt | None = None,
    tries: int | None = None,
) -> Database:
    """Open (creating or upgrading as needed) the journal at a path (or ``sqlite:///`` URL).

    ``on_upgrade`` is told, in one sentence, before a journal of ``UPGRADE_NOTICE_ENTRIES`` or
    more is upgraded: rebuilding its search index then takes seconds to a minute, and a silent
    wait looks like a hang. Smaller journals upgrade in a moment, without a word.

    An encrypted journal (``journal.db.cipher``) takes its passphrase from the environment or the
    keyring, else from ``passphrase``, a prompt asked again after a wrong answer (up to ``tries``
    times, or until it returns None).
    """
    path = sqlite_path_from(target)
    if path is None:
        scheme = target.split("://", 1)[0]
        raise UsageError(
            f"Journals on {scheme} servers are not supported yet; give a file path with --db."
        )
    if not _existing_file(path):
        if not migrate:
            raise DatabaseError(f"{path} does not exist yet; open it with service-journal first.")
        _create_journal(path)
    _check_file(path)
    if looks_encrypted(path):
        from journal.db.cipher import open_encrypted

        db: Database = open_encrypted(path, passphrase, tries)
        conn = db.conn
    else:
        conn = _connect(path)
        db = Database(conn, path)
    try:
        version = _schema_version(db, False)
        if version != HEAD:
            if not migrate:
                raise DatabaseError(f"{path} needs an upgrade; open it with service-journal first.")
            if version is not None:
                size = db.execute("SELECT count(*) FROM entry").fetchone()[0]
                if on_upgrade is not None and size >= UPGRADE_NOTICE_ENTRIES:
                    on_upgrade(
                        f"Upgrading {path.name} ({size:,} entries) to schema {HEAD}, which takes "
                        "a while at this size; a copy of the old file is kept beside it."
                    )
                _backup_before_upgrade(db, version)
            _enable_wal(db)
            run_migrations(db)
        else:
            _enable_wal(db)
    except BaseException:
        conn.close()
        raise
    return db


def _create_journal(path: Path) -> None:
    """Make a new journal at ``path``, fully migrated, in one step.

    It is built under a temporary name in the same folder and hard-linked into place, which fails
    when the name is taken. So a process starting at the same moment never sees a half-made
    journal (if it won the race, its journal is used and ours is dropped), and a process killed
    while creating one leaves no empty file behind that would then be refused.
    """
    _prepare_folder(path)
    temp = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.new")
    _create_private_file(temp)
    try:
        conn = _connect(temp)
        try:
            db = Database(conn, temp)
            _enable_wal(db)
            run_migrations(db)
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the file itself
        finally:
            conn.close()
        try:
            os.link(temp, path)
        except FileExistsError:
            pass  # another process created the journal first: theirs is used
        except OSError:
            if not path.exists():  # a file system without hard links
                os.replace(temp, path)
    finally:
        _remove_new_files(temp)
