"""Encrypted journals (SQLCipher 4): the passphrase, opening, and converting a file in place.

A plain journal never comes here: ``files.looks_encrypted`` reads the header, and only a file that
is not plain SQLite loads ``sqlcipher3``, so the plain path keeps its start-up time.

The passphrase comes from ``SERVICE_JOURNAL_PASSPHRASE``, else the system keyring when the user
chose to remember it on this device (the optional ``keyring`` package), else the caller's prompt
(getpass in the CLI, a password field in the app). Encrypting, decrypting and changing the
passphrase all write a complete new file beside the journal, verify it against the old one and
then swap it in with one rename, so that a crash leaves either the old file or the new one.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from journal.db.connection import Database, busy_timeout_ms
from journal.db.files import SQLITE_HEADER, _create_private_file, _remove_new_files
from journal.errors import DatabaseError

ENV_PASSPHRASE = "SERVICE_JOURNAL_PASSPHRASE"
KEYRING_SERVICE = "service-journal"

PassphrasePrompt = Callable[[Path, bool], "str | None"]
"""Asks for the passphrase of a journal; told whether an earlier try was wrong; None cancels."""

TEMP_SUFFIX = ".converting"


def _driver() -> ModuleType:
    """``sqlcipher3``'s DB-API module, imported only when an encrypted file is met."""
    from sqlcipher3 import dbapi2  # type: ignore[import-untyped]

    module: ModuleType = dbapi2
    return module


def _quote(passphrase: str) -> str:
    """A passphrase as an SQL string literal (PRAGMA key takes no bound parameters)."""
    return "'" + passphrase.replace("'", "''") + "'"


class CipherDatabase(Database):
    """A ``Database`` over a SQLCipher connection, whose errors, backups and engine follow."""

    encrypted = True

    def __init__(self, conn: Any, path: Path, passphrase: str) -> None:
        super().__init__(conn, path)
        self._passphrase = passphrase
        self.errors = (sqlite3.DatabaseError, _driver().DatabaseError)
        self.row_type = _driver().Row

    @property
    def passphrase(self) -> str:
        """The passphrase that opened it, for converting it again (rekey, decrypt)."""
        return self._passphrase

    def _write_copy(self, temp: Path) -> None:
        """The backup is encrypted with the journal's own passphrase, never written in plain."""
        self.conn.execute(
            f"ATTACH DATABASE ? AS backup KEY {_quote(self._passphrase)}", (str(temp),)
        )
        try:
            self.conn.execute("SELECT sqlcipher_export('backup')")
        finally:
            self.conn.execute("DETACH DATABASE backup")

    def engine_args(self) -> tuple[str, dict[str, Any]]:
        """SQLAlchemy gets this same kind of keyed connection, for Alembic's upgrades."""
        path, passphrase = self.path, self._passphrase
        assert path is not None

        def creator() -> Any:
            return _connect_keyed(path, passphrase)

        return "sqlite://", {"creator": creator, "module": _driver()}


def _connect_keyed(path: Path, passphrase: str) -> Any:
    """A SQLCipher connection with the key applied and SQLCipher's own log silenced."""
    driver = _driver()
    timeout = busy_timeout_ms()
    conn = driver.connect(
        str(path), timeout=timeout / 1000, isolation_level=None, check_same_thread=False
    )
    conn.execute("PRAGMA cipher_log_level = NONE")  # its log lines would reach the terminal
    if passphrase:  # no key: a plain file, read through the same driver
        conn.execute(f"PRAGMA key = {_quote(passphrase)}")
    conn.execute(f"PRAGMA busy_timeout = {timeout}")
    return conn


def _key_fits(conn: Any) -> bool:
    """Reading the schema is the first read that decrypts a page; a wrong key fails there."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except _driver().DatabaseError:
        return False
    return True


def open_encrypted(
    path: Path, prompt: PassphrasePrompt | None, tries: int | None = None
) -> CipherDatabase:
    """Open an encrypted journal, asking again through ``prompt`` after a wrong passphrase.

    Nothing is written until the key is known to fit, so a wrong passphrase leaves the file as it
    was. Without a passphrase from the environment or keyring and without a prompt, one sentence.
    """
    stored = _stored_passphrase(path)
    wrong = False
    asked = 0
    while True:
        asked += 1
        passphrase = stored if stored is not None else _ask(path, prompt, wrong)
        conn = _connect_keyed(path, passphrase)
        if _key_fits(conn):
            conn.execute("PRAGMA foreign_keys = ON")
            return CipherDatabase(conn, path, passphrase)
        conn.close()
        if stored is not None and prompt is not None and not os.environ.get(ENV_PASSPHRASE):
            stored, asked = None, 0  # the keyring's is out of date (rekeyed elsewhere): ask
            continue
        if stored is not None or prompt is None or (tries is not None and asked >= tries):
            if stored is None:
                raise DatabaseError(
                    f"{path} could not be opened: the passphrase was wrong {asked} "
                    f"{'time' if asked == 1 else 'times'}, or the file is not a journal."
                )
            where = f"in {ENV_PASSPHRASE}" if os.environ.get(ENV_PASSPHRASE) else "remembered"
            raise DatabaseError(
                f"{path} could not be opened: the passphrase {where} is wrong, or the file is "
                "not a journal."
            )
        wrong = True


def unlock(path: Path, prompt: PassphrasePrompt | None, tries: int | None = None) -> str:
    """The passphrase of the encrypted journal at ``path``, checked by opening it (upgrading
    an old one first); a plain journal is refused, as there is nothing to unlock."""
    from journal.db.opening import open_database
    from journal.errors import InputError

    db = open_database(str(path), passphrase=prompt, tries=tries)
    try:
        if not isinstance(db, CipherDatabase):
            raise InputError(f"{path} is not encrypted; encrypt it with service-journal encrypt.")
        return db.passphrase
    finally:
        db.close()


def _ask(path: Path, prompt: PassphrasePrompt | None, wrong: bool) -> str:
    passphrase = prompt(path, wrong) if prompt is not None else None
    if passphrase is None:
        raise DatabaseError(
            f"{path} is encrypted; set {ENV_PASSPHRASE} or run in a terminal to be asked for "
            "the passphrase."
        )
    return passphrase


def _stored_passphrase(path: Path) -> str | None:
    """The environment's passphrase, else the keyring's for this file, else None."""
    from_env = os.environ.get(ENV_PASSPHRASE)
    if from_env:
        return from_env
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        value = keyring.get_password(KEYRING_SERVICE, str(path.resolve()))
    except Exception:  # noqa: BLE001 - any keyring back-end failure means "not remembered"
        return None
    return value if isinstance(value, str) and value else None


def _keyring() -> Any:
    """The keyring module when installed; the journal works without it."""
    try:
        import keyring  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    return keyring


def remember(path: Path, passphrase: str) -> None:
    """Keep the passphrase in the system keyring ("remember on this device")."""
    keyring = _keyring()
    if keyring is None:
        raise DatabaseError(
            "No keyring is available to remember the passphrase; install service-journal[keyring] "
            f"or set {ENV_PASSPHRASE}."
        )
    try:
        keyring.set_password(KEYRING_SERVICE, str(path.resolve()), passphrase)
    except Exception as exc:
        raise DatabaseError(
            f"The system keyring refused to store the passphrase ({type(exc).__name__}); set "
            f"{ENV_PASSPHRASE} instead."
        ) from exc


def forget(path: Path) -> None:
    """Drop a remembered passphrase, if there is one and a keyring to hold it."""
    keyring = _keyring()
    if keyring is None:
        return
    try:
        keyring.delete_password(KEYRING_SERVICE, str(path.resolve()))
    except Exception:  # noqa: BLE001 - nothing remembered, or no back-end: nothing to forget
        return


# ------------------------------------------------------------ converting a file in place


def content_digest(conn: Any) -> tuple[int, str]:
    """The entry count and a checksum of every table's rows as JSON, to compare two copies."""
    digest = hashlib.sha256()
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
            " AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    for table in tables:
        digest.update(table.encode())
        rows = [
            json.dumps(list(row), default=_bytes_text)
            for row in conn.execute(f'SELECT * FROM "{table}"')
        ]
        for row_text in sorted(rows):  # the order of rows is not part of the content
            digest.update(row_text.encode())
    count = conn.execute("SELECT count(*) FROM entry").fetchone()[0]
    return int(count), digest.hexdigest()


def _bytes_text(value: object) -> str:
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(type(value).__name__)


def leftover_temps(path: Path) -> Iterator[Path]:
    """Copies an interrupted conversion left beside the journal (never the journal itself)."""
    yield from path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}*")


def plaintext_backups(path: Path) -> list[Path]:
    """Earlier migration backups of this journal that are plain SQLite, readable by anyone."""
    found = []
    for candidate in sorted(path.parent.glob(f"{path.name}.pre-*.bak")):
        try:
            with candidate.open("rb") as fh:
                if fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER:
                    found.append(candidate)
        except OSError:
            continue
    return found


def convert(path: Path, old_key: str, new_key: str) -> tuple[int, str]:
    """Rewrite the journal with ``new_key`` ("" is plain), verified, swapped in by one rename.

    The new copy is written under a temporary name in the same folder, checked (integrity, the
    same entry count, the same checksum of all rows), flushed to disk and renamed over the
    journal; the old file's bytes are then overwritten through a handle kept open, so the old
    contents do not linger in the file system's free space. Returns the verified count and sum.
    """
    for stale in list(leftover_temps(path)):
        stale.unlink(missing_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}{TEMP_SUFFIX}")
    _create_private_file(temp)
    try:
        source = _connect_keyed(path, old_key)
        try:
            if not _key_fits(source):
                raise DatabaseError(f"{path} could not be opened: the passphrase is wrong.")
            source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            before = content_digest(source)
            source.execute(f"ATTACH DATABASE ? AS converted KEY {_quote(new_key)}", (str(temp),))
            source.execute("SELECT sqlcipher_export('converted')")
            source.execute("DETACH DATABASE converted")
        finally:
            source.close()
        _verify(temp, new_key, before)
        _fsync(temp)
        _swap(temp, path)
        return before
    finally:
        _remove_new_files(temp)


def _verify(temp: Path, key: str, before: tuple[int, str]) -> None:
    conn = _connect_keyed(temp, key)
    try:
        if not _key_fits(conn):
            raise DatabaseError(
                f"The converted copy {temp} could not be read back; nothing changed."
            )
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        after = content_digest(conn)
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()
    if check != "ok" or after != before:
        raise DatabaseError(
            f"The converted copy of the journal did not match the original ({check}); the "
            "journal was left as it was."
        )


def _fsync(path: Path) -> None:
    """Flush a file, or a folder's entries (after a rename), to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _swap(temp: Path, path: Path) -> None:
    """Rename the new copy over the journal, then overwrite the old file's bytes in place."""
    old = os.open(path, os.O_RDWR)
    try:
        os.replace(temp, path)
        _fsync(path.parent)
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        if os.fstat(old).st_nlink == 0:  # a hard link elsewhere still names those bytes
            _overwrite(old)
    finally:
        os.close(old)


def _overwrite(fd: int) -> None:
    size = os.fstat(fd).st_size
    os.lseek(fd, 0, os.SEEK_SET)
    block = b"\0" * 65536
    written = 0
    while written < size:
        written += os.write(fd, block[: min(len(block), size - written)])
    os.fsync(fd)


def wipe(path: Path) -> None:
    """Overwrite a file's bytes and remove it: for plaintext backups the user chose to drop."""
    fd = os.open(path, os.O_RDWR)
    try:
        _overwrite(fd)
    finally:
        os.close(fd)
    path.unlink()
