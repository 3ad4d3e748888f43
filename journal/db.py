"""Opening the journal: file checks, SQLite pragmas, schema version, migrations and backups.

Everything specific to SQLite lives here (pragmas, FTS5, the online backup), so that the models and
the store run unchanged on another database through SQLAlchemy.

Opening a current journal uses the standard library's ``sqlite3`` only: reading the schema version
is one query, and Alembic (about half a second to import) is loaded only when a journal is created
or needs an upgrade. Before an upgrade the file is copied next to itself.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from journal.errors import DatabaseError
from journal.migrations import HEAD, REVISIONS

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
ENV_BUSY_TIMEOUT = "SERVICE_JOURNAL_BUSY_TIMEOUT_MS"
DT_FORMAT = "%Y-%m-%d %H:%M:%S.%f"
_DT_LENGTH = len("2026-01-01 00:00:00.000000")

UPGRADE_NOTICE_ENTRIES = 50_000
"""From this many entries an upgrade is announced before it starts (see ``open_database``)."""

FTS_COLUMNS = ("what", "setting", "differently", "situation", "behaviour", "impact", "lesson")


FTS_PREFIXES = "2 3 4 5 6 7 8 9 10"
"""Prefix lengths the full-text index keeps (migration 0003; 0001 kept "2 3").

Search matches every word as a prefix. FTS5 answers a prefix of an indexed length by reading one
list from its newest end; any other prefix by first merging the lists of every term that starts
with it, which costs time in proportion to the matching entries."""


def fts_ddl(prefixes: str = FTS_PREFIXES) -> list[str]:
    """Statements creating the full-text index over the entry texts and its sync triggers."""
    cols = ", ".join(FTS_COLUMNS)
    new = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
    old = ", ".join(f"old.{c}" for c in FTS_COLUMNS)
    return [
        f"CREATE VIRTUAL TABLE entry_fts USING fts5({cols}, content='entry', content_rowid='id', "
        f"tokenize='unicode61 remove_diacritics 2', prefix='{prefixes}')",
        f"CREATE TRIGGER entry_fts_ai AFTER INSERT ON entry BEGIN "
        f"INSERT INTO entry_fts(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER entry_fts_ad AFTER DELETE ON entry BEGIN "
        f"INSERT INTO entry_fts(entry_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER entry_fts_au AFTER UPDATE OF {cols} ON entry BEGIN "
        f"INSERT INTO entry_fts(entry_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO entry_fts(rowid, {cols}) VALUES (new.id, {new}); END",
    ]


_WORD_RE = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """Turn what the user typed into an FTS5 query: every word must match, as a prefix.

    Each word is quoted, so FTS syntax the user types (quotes, ``*``, ``NEAR``, parentheses,
    ``AND``/``OR``) is searched for as text, never interpreted.
    """
    words = _WORD_RE.findall(text)
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words)


def dt_to_db(value: datetime) -> str:
    """UTC text that sorts in time order (aware datetimes only)."""
    if value.tzinfo is None:
        raise ValueError("naive datetime given to the database layer")
    return value.astimezone(UTC).strftime(DT_FORMAT)


def dt_from_db(value: str | datetime | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    # fromisoformat is ten times faster than strptime, which matters when a review reads a week.
    # Text in our own format (``DT_FORMAT``: 26 characters, a "." at 19, so no offset) takes
    # the UTC offset appended: one C call instead of a parse plus a ``replace``, several times
    # cheaper, and the same value (``timezone.utc`` both ways).
    if len(value) == _DT_LENGTH and value[19] == ".":
        return datetime.fromisoformat(value + "+00:00")
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


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

    __slots__ = ("_cursor", "_path")

    def __init__(self, cursor: sqlite3.Cursor, path: Path | None) -> None:
        self._cursor = cursor
        self._path = path

    def fetchone(self) -> Any:
        try:
            return self._cursor.fetchone()
        except sqlite3.DatabaseError as exc:
            raise translate(exc, self._path) from exc

    def fetchall(self) -> list[Any]:
        try:
            return self._cursor.fetchall()
        except sqlite3.DatabaseError as exc:
            raise translate(exc, self._path) from exc

    def fetchmany(self, size: int = 1) -> list[Any]:
        try:
            return self._cursor.fetchmany(size)
        except sqlite3.DatabaseError as exc:
            raise translate(exc, self._path) from exc

    def __iter__(self) -> Iterator[Any]:
        try:
            yield from self._cursor
        except sqlite3.DatabaseError as exc:
            raise translate(exc, self._path) from exc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)


class Database:
    """A connection to the journal with explicit, short write transactions.

    The connection runs in autocommit mode; ``transaction()`` opens ``BEGIN IMMEDIATE`` so a
    writer waits for the lock up front (with the busy timeout) instead of failing half-way.
    """

    dialect = "sqlite"

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.conn = conn
        self.path = path
        self._depth = 0

    @property
    def has_fts(self) -> bool:
        return True

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        try:
            cursor = self.conn.execute(sql, params)
        except sqlite3.DatabaseError as exc:
            raise translate(exc, self.path) from exc
        return cast(sqlite3.Cursor, _Cursor(cursor, self.path))

    def executemany(self, sql: str, rows: list[Any]) -> None:
        try:
            self.conn.executemany(sql, rows)
        except sqlite3.DatabaseError as exc:
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
        except sqlite3.DatabaseError as exc:
            self.conn.rollback()
            raise translate(exc, self.path) from exc

    def close(self) -> None:
        self.conn.close()

    def backup_to(self, target: Path) -> None:
        """A consistent copy through SQLite's online backup, created private (0600)."""
        target = Path(target)
        if target.exists():
            raise DatabaseError(f"{target} already exists; choose a new file name for the backup.")
        _create_private_file(target)
        try:
            dest = sqlite3.connect(target)
            try:
                self.conn.backup(dest)
            finally:
                dest.close()
        except sqlite3.Error as exc:
            target.unlink(missing_ok=True)
            raise DatabaseError(f"Could not write the backup to {target}: {exc}.") from exc


def translate(exc: sqlite3.Error, path: Path | None) -> Exception:
    """One sentence for the user out of SQLite's error."""
    from journal.errors import JournalError

    if isinstance(exc, JournalError):
        return exc
    text = str(exc).lower()
    where = str(path) if path else "the journal"
    if "locked" in text or "busy" in text:
        return DatabaseError(
            f"{where} is locked by another program; close other Service Journal windows "
            "and try again."
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseError(
            f"{where} is read-only; check the file's and its folder's permissions."
        )
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return DatabaseError(
            f"{where} is damaged; restore a backup or run `service-journal doctor`."
        )
    if isinstance(exc, sqlite3.IntegrityError):
        return exc
    return DatabaseError(f"Database problem with {where}: {exc}.")


def _read_only_by_mode(path: Path) -> bool:
    """No write permission bit at all: refused even for root, whom the system would let write."""
    return not path.stat().st_mode & 0o222


def _prepare_folder(path: Path) -> None:
    """Make sure the folder for ``path`` exists (created 0700) and is writable."""
    folder = path.parent
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing.is_dir() and (_read_only_by_mode(existing) or not os.access(existing, os.W_OK)):
        raise DatabaseError(
            f"Cannot create {path}: the folder {existing} is read-only; choose another place "
            "with --db."
        )
    if not folder.is_dir():
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(
                f"Cannot create the folder {folder} ({exc.strerror}); choose another place with "
                "--db."
            ) from exc


def _create_private_file(path: Path) -> None:
    """Create an empty file readable only by its owner (and its folder, if missing, 0700)."""
    _prepare_folder(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise DatabaseError(
            f"Cannot create {path} ({exc.strerror}); choose another place with --db."
        ) from exc
    os.close(fd)


def sqlite_path_from(target: str) -> Path | None:
    """The file behind a path or an ``sqlite:///`` URL; None for other database URLs."""
    if "://" not in target:
        return Path(target).expanduser()
    if target.startswith("sqlite:///"):
        return Path(target[len("sqlite:///") :]).expanduser()
    if target.startswith("sqlite://"):
        raise DatabaseError("An in-memory database would lose everything; give a file path.")
    return None


def open_database(
    target: str, *, migrate: bool = True, on_upgrade: Callable[[str], None] | None = None
) -> Database:
    """Open (creating or upgrading as needed) the journal at a path or SQLAlchemy URL.

    ``on_upgrade`` is told, in one sentence, before a journal of ``UPGRADE_NOTICE_ENTRIES`` or
    more is upgraded: rebuilding its search index then takes seconds to a minute, and a silent
    wait looks like a hang. Smaller journals upgrade in a moment, without a word.
    """
    path = sqlite_path_from(target)
    if path is None:
        from journal.db_sqlalchemy import open_sqlalchemy

        return open_sqlalchemy(target, migrate=migrate)
    if not path.exists():
        if not migrate:
            raise DatabaseError(f"{path} does not exist yet; open it with service-journal first.")
        _create_journal(path)
    _check_file(path)
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


def _check_file(path: Path) -> None:
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a journal file; give a file path with --db.")
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except PermissionError as exc:
        raise DatabaseError(f"No permission to read {path}; check its owner and mode.") from exc
    if not header:
        raise DatabaseError(
            f"{path} is an empty file, not a journal; remove it or choose another file with --db."
        )
    if header != SQLITE_HEADER:
        raise DatabaseError(
            f"{path} is not a Service Journal database (not SQLite); choose another file with --db."
        )
    owner_may_write = path.stat().st_mode & stat.S_IWUSR
    folder = path.parent
    if (
        not owner_may_write
        or _read_only_by_mode(folder)
        or not os.access(path, os.W_OK)
        or not os.access(folder, os.W_OK)
    ):
        raise DatabaseError(
            f"{path} or its folder is read-only; check the permissions or copy the journal "
            "somewhere writable."
        )


def _connect(path: Path) -> sqlite3.Connection:
    timeout = busy_timeout_ms()
    conn = sqlite3.connect(
        path, timeout=timeout / 1000, isolation_level=None, check_same_thread=False
    )
    conn.execute(f"PRAGMA busy_timeout = {timeout}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _enable_wal(db: Database) -> None:
    """WAL lets the TUI read while the CLI writes; set only once, as it rewrites the header."""
    mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    if mode.lower() != "wal":
        db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")


def _schema_version(db: Database, is_new: bool) -> str | None:
    """The journal's Alembic revision, or None for a new file; refuses foreign or newer files."""
    if is_new:
        return None
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return None
    if "alembic_version" not in tables or "entry" not in tables:
        raise DatabaseError(
            f"{db.path} is an SQLite database of another program, not a journal; choose another "
            "file with --db."
        )
    row = db.execute("SELECT version_num FROM alembic_version").fetchone()
    version = row[0] if row else None
    if version not in REVISIONS:
        raise DatabaseError(
            f"{db.path} was written by a newer Service Journal (schema {version}); upgrade "
            "service-journal to open it."
        )
    return version


def backup_path_for(path: Path, version: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return path.with_name(f"{path.name}.pre-{HEAD}-from-{version}-{stamp}.bak")


def _backup_before_upgrade(db: Database, version: str) -> None:
    assert db.path is not None
    target = first = backup_path_for(db.path, version)
    number = 1
    while target.exists():  # an upgrade retried within the same second keeps both copies
        number += 1
        target = first.with_name(f"{first.stem}-{number}.bak")
    db.backup_to(target)


def run_migrations(db: Database) -> None:
    """Bring the schema to HEAD with Alembic, over the same file, in one transaction.

    Python's sqlite3 driver does not open a transaction before DDL (CREATE, ALTER, DROP), so each
    such statement would commit at once and a migration stopped half-way would leave the schema
    between two revisions. The engine therefore runs in the driver's autocommit mode and opens
    ``BEGIN IMMEDIATE`` itself (SQLAlchemy's documented recipe): all of the upgrade or none of it.
    """
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, event

    assert db.path is not None
    engine = create_engine(
        f"sqlite:///{db.path}", connect_args={"timeout": busy_timeout_ms() / 1000}
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys = OFF")  # not settable inside a transaction

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    try:
        with engine.begin() as connection:
            config = Config()
            config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except DatabaseError:
        raise
    except Exception as exc:
        inner = getattr(exc, "orig", None)
        if isinstance(inner, sqlite3.Error):
            raise translate(inner, db.path) from exc
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0].rstrip(".")
        raise DatabaseError(
            f"Upgrading {db.path} to schema {HEAD} failed ({reason}); it was left as it was."
        ) from exc
    finally:
        engine.dispose()


def _remove_new_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
