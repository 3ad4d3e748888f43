"""Writing an export to a file that only its owner can read (0600), never over one by accident.

The ``export`` command and the TUI's export dialog both write through ``write_private``. The
errors are one sentence each; the two that a caller may want to word its own way (the file is
there already, the name is a folder) have their own classes and carry the path.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from journal.errors import InputError


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
    if target.is_dir():
        raise TargetIsFolder(target)
    if target.exists() and not overwrite:
        raise TargetExists(target)
    folder = target.parent
    if not folder.is_dir():
        raise InputError(f"The folder {folder} does not exist; create it first.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"The folder {folder} is not writable; choose another one.")


def write_private(target: Path, text: str, *, overwrite: bool = False) -> None:
    """Write ``text`` (UTF-8, line ends as given) to ``target``, readable only by its owner.

    A new file is created exclusively, so a file that appeared meanwhile is never overwritten;
    with ``overwrite`` the text goes to a temporary file in the same folder that then replaces
    the old one, so a failed write leaves the old file as it was.
    """
    check_target(target, overwrite=overwrite)
    try:
        if overwrite:
            fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        else:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            temp = None
    except FileExistsError:
        raise TargetExists(target) from None
    except OSError as exc:
        raise InputError(f"Cannot write {target} ({exc.strerror}).") from None
    written = Path(temp) if temp else target
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        if temp:
            os.chmod(temp, 0o600)
            os.replace(temp, target)
    except OSError as exc:
        written.unlink(missing_ok=True)
        raise InputError(f"Cannot write {target} ({exc.strerror}).") from None
