"""The connection to an SQLite journal: pragmas, the busy timeout, transactions, error sentences.

``Database`` is what the store and the review run their SQL through; SQLite's errors leave it as one
sentence for the user (``translate``), whether raised by ``execute`` or while rows are fetched.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from journal.db.files import _create_private_file
from journal.db.text import decode_text
from journal.errors import DatabaseError

BUSY_TIMEOUT_MS = 10_000
_BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
"""Another connection holds the lock (the primary codes; extended ones add bits above 0xff)."""
ENV_BUSY_TIMEOUT = "SERVICE_JOURNAL_BUSY_TIMEOUT_MS"


def busy_timeout_ms() -> int:
    """How long a write waits for another program's lock: 10 s unless the environment says.

    ``SERVICE_JOURNAL_BUSY_TIMEOUT_MS`` (docs/reliability.md) exists for tests and slow network
    folders; anything but a whole number of milliseconds is ignored.
    """
    raw = os.environ.get(ENV_BUSY_TIMEOUT, "").strip()
    return int(raw) if raw.isdigit() else BUSY_TIMEOUT_MS


class _Cursor:
    """A cursor whose fetching translates SQLite errors like ``Database.execute`` does.

    SQLite reports a damaged page when it reaches it, which is often while rows are fetched, after
    ``execute`` has returned; without this the error would escape as a traceback.
    """

    __slots__ = ("_cursor", "_errors", "_path")

    def __init__(
        self, cursor: sqlite3.Cursor, path: Path | None, errors: tuple[type[Exception], ...]
    ) -> None:
        self._cursor = cursor
        self._path = path
        self._errors = errors

    def fetchone(self) -> Any:
        try:
            return self._cursor.fetchone()
        except self._errors as exc:
            raise translate(exc, self._path) from exc

    def fetchall(self) -> list[Any]:
        try:
            return self._cursor.fetchall()
        except self._errors as exc:
            raise translate(exc, self._path) from exc

    def fetchmany(self, size: int = 1) -> list[Any]:
        try:
            return self._cursor.fetchmany(size)
        except self._errors as exc:
            raise translate(exc, self._path) from exc

    def __iter__(self) -> Iterator[Any]:
        try:
            yield from self._cursor
        except self._errors as exc:
            raise translate(exc, self._path) from exc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)


class Database:
    """A connection to the journal with explicit, short write transactions.

    The connection runs in autocommit mode; ``transaction()`` opens ``BEGIN IMMEDIATE`` so a
    writer waits for the lock up front (with the busy timeout) instead of failing half-way.
    """

    encrypted = False
    """True for a SQLCipher journal (``journal.db.cipher``): exports and backups say so."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.conn = conn
        self.path = path
        self._depth = 0
        self.errors: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)
        """The driver's error classes (SQLCipher's driver has its own hierarchy)."""
        self.row_type: Any = sqlite3.Row
        """The driver's row read by name as well as by position (``named``)."""

    def engine_args(self) -> tuple[str, dict[str, Any]]:
        """The SQLAlchemy URL and ``create_engine`` options for Alembic's upgrades."""
        path = self.path
        assert path is not None, "only a journal file is upgraded"

        def creator() -> sqlite3.Connection:
            # The file is opened by its path: a URL built from it would read "?" or "%20" in a
            # file name as URL syntax and write to another file.
            return sqlite3.connect(path, timeout=busy_timeout_ms() / 1000, uri=False)

        return "sqlite://", {"creator": creator}

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        try:
            cursor = self.conn.execute(sql, params)
        except self.errors as exc:
            raise translate(exc, self.path) from exc
        return cast(sqlite3.Cursor, _Cursor(cursor, self.path, self.errors))

    def named(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        """``execute`` whose rows are read by column name (``row["occurred_at"]``) as well as
        by position, so a reader does not depend on the order of the SELECT's columns."""
        cursor = self.conn.cursor()
        cursor.row_factory = self.row_type
        try:
            cursor.execute(sql, params)
        except self.errors as exc:
            raise translate(exc, self.path) from exc
        return cast(sqlite3.Cursor, _Cursor(cursor, self.path, self.errors))

    def executemany(self, sql: str, rows: list[Any]) -> None:
        try:
            self.conn.executemany(sql, rows)
        except self.errors as exc:
            raise translate(exc, self.path) from exc

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One all-or-nothing write; nested calls join the outer transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            self.conn.rollback()
            raise
        self._depth = 0
        try:
            self.conn.commit()
        except self.errors as exc:
            self.conn.rollback()
            raise translate(exc, self.path) from exc

    def close(self) -> None:
        self.conn.close()

    def backup_to(self, target: Path) -> None:
        """A consistent copy through SQLite's online backup, created private (0600).

        The copy is written under a temporary name beside the target and linked into place only
        when whole, so a full disk or an interruption never leaves a partial file behind under
        the name the user asked for, and a file that appeared meanwhile is never overwritten.
        """
        target = Path(target)
        if _exists(target):
            raise DatabaseError(f"{target} already exists; choose a new file name for the backup.")
        temp = _temp_beside(target)
        _create_private_file(temp, "choose another place for the backup")
        failures: tuple[type[Exception], ...] = (OSError, *self.errors)
        try:
            self._write_copy(temp)
            os.link(temp, target)
        except FileExistsError:
            raise DatabaseError(
                f"{target} already exists; choose a new file name for the backup."
            ) from None
        except failures as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise DatabaseError(
                f"Could not write the backup to {target} ({reason.rstrip('.')}); nothing was "
                "left behind."
            ) from exc
        finally:
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{temp}{suffix}").unlink(missing_ok=True)

    def _write_copy(self, temp: Path) -> None:
        """Fill the empty private file ``temp`` with a consistent copy of the journal."""
        dest = sqlite3.connect(temp)
        try:
            self.conn.backup(dest)
        finally:
            dest.close()


def _exists(path: Path) -> bool:
    try:
        os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise DatabaseError(f"Cannot write {path} ({exc.strerror}).") from None
    return True


def _temp_beside(target: Path) -> Path:
    """A hidden name in the target's folder, kept short enough for any name the target may have."""
    import uuid

    return target.with_name(f".{target.name[:40]}.{uuid.uuid4().hex[:12]}.part")


_DAMAGED = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


def translate(exc: Exception, path: Path | None) -> Exception:
    """One sentence for the user out of SQLite's (or SQLCipher's driver's) error, told apart by
    its result code.

    The primary code is the low byte of the extended one (``SQLITE_BUSY_SNAPSHOT`` is a busy
    error, ``SQLITE_CORRUPT_VTAB`` a damaged search index). A constraint the store did not
    expect stays an ``IntegrityError`` for the store to judge.
    """
    from journal.errors import JournalError

    if isinstance(exc, JournalError):
        return exc
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    where = str(path) if path else "the journal"
    if primary in _BUSY_CODES:
        waited = busy_timeout_ms() / 1000
        return DatabaseError(
            f"{where} is locked by another program: waited {waited:g} s for it to finish "
            "writing (an import, perhaps); try again once it is done."
        )
    if primary == sqlite3.SQLITE_READONLY:
        return DatabaseError(
            f"{where} is read-only; check the file's and its folder's permissions."
        )
    if primary in _DAMAGED:
        return DatabaseError(
            f"{where} is damaged; restore a backup or run `service-journal doctor`."
        )
    if isinstance(exc, sqlite3.IntegrityError) or primary == sqlite3.SQLITE_CONSTRAINT:
        return exc
    return DatabaseError(f"Database problem with {where}: {exc}.")


def is_unique_violation(exc: BaseException) -> bool:
    """True for a UNIQUE constraint that refused a write (SQLITE_CONSTRAINT_UNIQUE)."""
    return (
        isinstance(exc, sqlite3.IntegrityError)
        and getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_CONSTRAINT_UNIQUE
    )


def _connect(path: Path) -> sqlite3.Connection:
    timeout = busy_timeout_ms()
    conn = sqlite3.connect(
        path, timeout=timeout / 1000, isolation_level=None, check_same_thread=False
    )
    conn.text_factory = decode_text
    conn.execute(f"PRAGMA busy_timeout = {timeout}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _enable_wal(db: Database) -> None:
    """WAL lets the TUI read while the CLI writes; set only once, as it rewrites the header."""
    mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    if mode.lower() != "wal":
        db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
