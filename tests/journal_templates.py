"""New journals for tests, copied from one made once per test process.

Creating a journal runs every migration, which costs far more than the few queries most tests
make; copying the file of a journal made the same way gives each test its own, identical journal
at the cost of a file copy. Tests of creating and upgrading journals make theirs themselves.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import tempfile
from pathlib import Path

from journal.db import open_database


@functools.cache
def migrated_journal() -> Path:
    """A new journal at the current schema, made once per test process (each xdist worker)."""
    folder = Path(tempfile.mkdtemp(prefix="sj-template-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "journal.db"
    open_database(str(path)).close()
    return path


def copy_journal(source: Path, target: Path) -> Path:
    """``source``'s file as a new private (0600) file at ``target``, which must not exist."""
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(source.read_bytes())
    return target


def new_journal(target: Path) -> Path:
    """A new, migrated journal at ``target`` (a fresh copy of ``migrated_journal()``)."""
    return copy_journal(migrated_journal(), target)


RAW_KEY = "x'" + "5e" * 32 + "'"
"""A SQLCipher raw key (``x'<64 hex digits>'``) given as the passphrase: SQLCipher uses it as
the key itself instead of deriving one with its deliberately slow PBKDF2 (256,000 rounds), so
a test can encrypt, open and convert journals many times over. The file is encrypted as any
other; tests of the passphrase itself (quoting, a wrong one, typing it in the app) keep a real
passphrase."""
