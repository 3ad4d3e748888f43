"""Opening a file to import, shared by the command line and the app, with one sentence for each
way it can fail, and its format told from its name."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from journal.errors import InputError

EXTENSIONS = {".json": "json", ".csv": "csv"}
"""The formats a file's name tells; a note or a jrnl export is named with ``--format``."""


def format_from_name(name: str) -> str | None:
    """The format a file's extension names, or None when it names none."""
    return EXTENSIONS.get(Path(name).suffix.lower())


@contextmanager
def opened_file(path: Path) -> Iterator[tuple[BinaryIO, str, int | None]]:
    """The file as a binary stream read as the import goes, its name for messages, and its size
    (None when empty or unknown, as for a pipe)."""
    with read_errors(str(path)):
        try:
            handle = path.open("rb")
        except FileNotFoundError:
            raise InputError(f"There is no file {path}.") from None
        except IsADirectoryError:
            raise InputError(f"{path} is a folder, not a file to import.") from None
        with handle:
            size = os.fstat(handle.fileno()).st_size
            yield handle, str(path), size if size > 0 else None


@contextmanager
def read_errors(source: str) -> Iterator[None]:
    """An error reading ``source`` as one sentence naming it."""
    try:
        yield
    except IsADirectoryError:
        raise InputError(f"{source} is a folder, not a file to import.") from None
    except OSError as exc:
        raise InputError(f"Cannot read {source} ({exc.strerror or exc}).") from None
