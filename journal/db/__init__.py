"""Opening the journal: file checks, SQLite pragmas, schema version, migrations and backups.

Everything specific to SQLite lives here (pragmas, FTS5, the online backup), so that the models and
the store run unchanged on another database through SQLAlchemy.

Opening a current journal uses the standard library's ``sqlite3`` only: reading the schema version
is one query, and Alembic (about half a second to import) is loaded only when a journal is created
or needs an upgrade. Before an upgrade the file is copied next to itself.

The parts: ``connection`` (``Database``, pragmas, error sentences), ``files`` (checks before
opening, private new files), ``opening`` (``open_database``), ``upgrade`` (schema version, backup,
Alembic), ``fts`` (the full-text index and query text) and ``dates`` (instants as stored text).
"""

from __future__ import annotations

from journal.db.connection import Database, busy_timeout_ms, is_unique_violation, translate
from journal.db.dates import dt_from_db, dt_to_db
from journal.db.fts import FTS_COLUMNS, FTS_PREFIXES, fts_ddl, fts_query
from journal.db.opening import open_database, sqlite_path_from
from journal.db.upgrade import backup_path_for, run_migrations

__all__ = [
    "FTS_COLUMNS",
    "FTS_PREFIXES",
    "Database",
    "backup_path_for",
    "busy_timeout_ms",
    "dt_from_db",
    "dt_to_db",
    "fts_ddl",
    "fts_query",
    "is_unique_violation",
    "open_database",
    "run_migrations",
    "sqlite_path_from",
    "translate",
]
