"""Journals on a database server (PostgreSQL), reached through an SQLAlchemy URL.

The store speaks plain SQL with ``?`` placeholders, so a server needs an adapter that rewrites
those and runs the same statements. That adapter is not written yet: a server URL is refused with
a clear sentence instead of failing half-way.
"""

from __future__ import annotations

from journal.db import Database
from journal.errors import DatabaseError


def open_sqlalchemy(url: str, *, migrate: bool = True) -> Database:
    scheme = url.split("://", 1)[0]
    raise DatabaseError(
        f"Journals on {scheme} servers are not supported yet; give a file path or an sqlite:/// "
        "URL with --db."
    )
