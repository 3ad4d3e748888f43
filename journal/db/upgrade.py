"""The schema version and upgrades: reading the Alembic revision, a backup, running Alembic.

Reading the version is one query without Alembic; Alembic (about half a second to import) is loaded
only inside ``run_migrations``, when a journal is created or needs an upgrade. Before an upgrade the
file is copied next to itself.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from journal.db.connection import Database, translate
from journal.errors import DatabaseError
from journal.migrations import HEAD, REVISIONS


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
    SQLAlchemy gets a ``creator`` that opens the file by its path, never a URL made from it.
    """
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, event

    assert db.path is not None
    url, options = db.engine_args()
    engine = create_engine(url, **options)

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
            config.set_main_option("script_location", str(Path(__file__).parents[1] / "migrations"))
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except DatabaseError:
        raise
    except Exception as exc:
        inner = getattr(exc, "orig", None)
        if isinstance(inner, db.errors):
            raise translate(inner, db.path) from exc
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0].rstrip(".")
        raise DatabaseError(
            f"Upgrading {db.path} to schema {HEAD} failed ({reason}); it was left as it was."
        ) from exc
    finally:
        engine.dispose()
