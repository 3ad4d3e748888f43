"""The journal's file on disk: checks before anything writes, private (0600) new files, clean-up.

A file is refused before it is opened for writing when it is a folder, empty, not SQLite or
read-only, so that a refusal leaves it untouched; a journal being created under a temporary name
leaves none of its files behind.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from journal.errors import DatabaseError
from journal.terminal import short_path

SQLITE_HEADER = b"SQLite format 3\x00"


def _read_only_by_mode(path: Path) -> bool:
    """No write permission bit at all: refused even for root, whom the system would let write."""
    return not path.stat().st_mode & 0o222


DB_HINT = "choose another place with --db"
"""What to do when the journal cannot be created; a backup names its own way out."""


def _prepare_folder(path: Path, hint: str = DB_HINT) -> None:
    """Make sure the folder for ``path`` exists (created 0700) and is writable."""
    folder = path.parent
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing.is_dir() and (_read_only_by_mode(existing) or not os.access(existing, os.W_OK)):
        raise DatabaseError(f"Cannot create {path}: the folder {existing} is read-only; {hint}.")
    if not folder.is_dir():
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(
                f"Cannot create the folder {folder} ({exc.strerror}); {hint}."
            ) from exc


def _create_private_file(path: Path, hint: str = DB_HINT) -> None:
    """Create an empty file readable only by its owner (and its folder, if missing, 0700)."""
    _prepare_folder(path, hint)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise DatabaseError(f"Cannot create {path} ({exc.strerror}); {hint}.") from exc
    os.close(fd)


def looks_encrypted(path: Path) -> bool:
    """A SQLCipher journal: not plain SQLite's header, and whole pages (512 bytes at least).

    Read from the header alone, so that a plain journal never loads the SQLCipher driver; a file
    that is neither kind is still refused as "not SQLite" without asking for a passphrase.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return size >= 512 and size % 512 == 0 and header != SQLITE_HEADER


def _existing_file(path: Path) -> bool:
    """Whether the journal file exists, refusing what is not a regular file without opening it.

    Opening a FIFO for reading waits for a writer forever and a device reads without end, so the
    kind of file is read from ``stat`` first. A name SQLite could never open (too long, a
    symbolic link to nowhere or to itself) is refused here too, with the reason.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            raise DatabaseError(
                f"{path} is a symbolic link to {os.readlink(path)}, which does not exist; "
                "fix the link or give the file's own path with --db."
            ) from None
        return False
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise DatabaseError(
                f"{path} is a loop of symbolic links; give the file's own path with --db."
            ) from None
        if exc.errno == errno.ENAMETOOLONG:
            raise DatabaseError(
                f"The file name {short_path(path)} is too long for this system; choose a shorter "
                "one with --db."
            ) from None
        if exc.errno == errno.ENOTDIR:
            return False  # the folder cannot be made; ``_prepare_folder`` says why
        raise DatabaseError(f"Cannot use {path} ({exc.strerror}).") from None
    if stat.S_ISDIR(mode):
        raise DatabaseError(f"{path} is a folder, not a journal file; give a file path with --db.")
    if not stat.S_ISREG(mode):
        raise DatabaseError(
            f"{path} is a {_kind(mode)}, not a journal file; give a regular file's path with --db."
        )
    return True


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


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
    if header != SQLITE_HEADER and not looks_encrypted(path):
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


def _remove_new_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
