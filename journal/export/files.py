"""Writing an export to a file that only its owner can read (0600), never over one by accident.

The ``export`` command and the TUI's export dialog both write through ``write_private``. The
errors are one sentence each; the two that a caller may want to word its own way (the file is
there already, the name is a folder) have their own classes and carry the path.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from journal.errors import InputError
from journal.terminal import short_path


class TargetExists(InputError):
    """The file is there already and replacing it was not asked for."""

    def __init__(self, target: Path) -> None:
        super().__init__(f"{target} already exists; choose another name.")
        self.target = target


class TargetIsFolder(InputError):
    """The name given for the file is a folder."""

    def __init__(self, target: Path) -> None:
        super().__init__(f"{target} is a folder; give a file name.")
        self.target = target


def check_target(target: Path, *, overwrite: bool = False) -> None:
    """Refuse a target that cannot be written (before any work is done to fill it)."""
    try:
        if target.is_dir():
            raise TargetIsFolder(target)
        if os.path.lexists(target) and not overwrite:
            raise TargetExists(target)
        folder = target.parent
        if not folder.is_dir():
            raise InputError(f"The folder {folder} does not exist; create it first.")
    except OSError as exc:  # a name too long for the system, a loop of links
        raise InputError(f"Cannot write {short_path(target)} ({exc.strerror}).") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"The folder {folder} is not writable; choose another one.")


def write_private(target: Path, text: str, *, overwrite: bool = False) -> None:
    """Write ``text`` (UTF-8, line ends as given) to ``target``, readable only by its owner.

    The text goes to a temporary file (0600) in the same folder, which is then linked into place
    (a file that appeared meanwhile is never overwritten) or, with ``overwrite``, replaces the
    old file. A failed write (a full disk, an interruption) removes the temporary file, so
    neither a partial export nor a damaged old file is left behind.
    """
    check_target(target, overwrite=overwrite)
    if overwrite and _is_special(target):
        _write_through(target, text)
        return
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name[:40]}.", dir=target.parent)
    except OSError as exc:
        raise InputError(f"Cannot write {short_path(target)} ({exc.strerror}).") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.chmod(temp, 0o600)
        if overwrite:
            os.replace(temp, target)
        else:
            os.link(temp, target)
    except FileExistsError:
        raise TargetExists(target) from None
    except OSError as exc:
        raise InputError(f"Cannot write {short_path(target)} ({exc.strerror}).") from None
    finally:
        temp.unlink(missing_ok=True)


def _is_special(target: Path) -> bool:
    """A device, pipe or socket (``/dev/null``, ``/dev/stdout``): written into, never replaced."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _write_through(target: Path, text: str) -> None:
    """Replacing a device by renaming a file over it would break it for every program (and,
    for root, the system): such a target is opened and written like a terminal."""
    try:
        with open(target, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    except OSError as exc:
        raise InputError(f"Cannot write {short_path(target)} ({exc.strerror}).") from None
