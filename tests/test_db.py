"""Opening journals: creation, migrations, permissions and refusals that leave files untouched."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from journal.db import dt_from_db, dt_to_db, open_database
from journal.errors import DatabaseError, UsageError
from journal.migrations import HEAD, REVISIONS


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_journal_is_private_in_a_private_folder(tmp_path: Path) -> None:
    path = tmp_path / "new-folder" / "journal.db"
    open_database(str(path)).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_new_journal_is_migrated_to_head_with_the_catalogue_seeded(db_path: Path) -> None:
    db = open_database(str(db_path))
    try:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
        assert db.execute("SELECT count(*) FROM tag WHERE builtin").fetchone()[0] >= 30
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    finally:
        db.close()


def test_second_open_is_a_no_op(db_path: Path) -> None:
    open_database(str(db_path)).close()
    before = digest(db_path)
    open_database(str(db_path)).close()
    assert digest(db_path) == before
    assert not list(db_path.parent.glob("*.bak"))


def test_revisions_list_matches_the_migration_scripts() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(Path("journal/migrations").resolve()))
    script = ScriptDirectory.from_config(config)
    ordered = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert tuple(ordered) == REVISIONS
    assert script.get_current_head() == HEAD


def test_migrated_schema_matches_the_models(db_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine
    from sqlmodel import SQLModel

    import journal.models  # noqa: F401

    open_database(str(db_path)).close()
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "include_name": lambda name, type_, parent: (
                    not (name or "").startswith("entry_fts")
                ),
                "compare_type": True,
            },
        )
        diff = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert diff == []


def _refused_untouched(path: Path, match: str) -> None:
    before = digest(path)
    with pytest.raises(DatabaseError, match=match) as info:
        open_database(str(path))
    assert info.value.exit_code == 3
    assert digest(path) == before
    assert not Path(f"{path}-wal").exists()


def test_empty_file_is_refused(db_path: Path) -> None:
    db_path.write_bytes(b"")
    _refused_untouched(db_path, "empty file")


def test_text_file_is_refused(db_path: Path) -> None:
    db_path.write_text("dear diary\n")
    _refused_untouched(db_path, "not a Service Journal database")


def test_other_programs_sqlite_database_is_refused(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    _refused_untouched(db_path, "another program")


def test_newer_schema_is_refused(db_path: Path) -> None:
    open_database(str(db_path)).close()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    _refused_untouched(db_path, "newer Service Journal")


def test_corrupt_database_is_refused(db_path: Path) -> None:
    open_database(str(db_path)).close()
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    db_path.write_bytes(bytes(data))
    _refused_untouched(db_path, "damaged|not a Service Journal|another program")


def test_read_only_file_is_refused(db_path: Path) -> None:
    open_database(str(db_path)).close()
    db_path.chmod(0o400)
    try:
        _refused_untouched(db_path, "read-only")
    finally:
        db_path.chmod(0o600)


def test_server_urls_are_refused_with_a_sentence() -> None:
    with pytest.raises(UsageError, match="not supported yet"):
        open_database("postgresql://localhost/journal")


def test_sqlite_url_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "via-url.db"
    open_database(f"sqlite:///{path}").close()
    assert path.exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20 10:00:00.123456", datetime(2026, 11, 20, 10, 0, 0, 123456, tzinfo=UTC)),
        ("2026-11-20 10:00:00", datetime(2026, 11, 20, 10, 0, tzinfo=UTC)),
        ("2026-11-20T10:00:00.000001", datetime(2026, 11, 20, 10, 0, 0, 1, tzinfo=UTC)),
        ("2026-11-20", datetime(2026, 11, 20, tzinfo=UTC)),
    ],
)
def test_instants_read_back_are_utc_whatever_the_stored_spelling(
    text: str, expected: datetime
) -> None:
    value = dt_from_db(text)
    assert value == expected
    assert value is not None and value.tzinfo is UTC
    assert dt_from_db(dt_to_db(expected)) == expected


def test_errors_are_told_apart_by_code_not_by_wording(db_path: Path) -> None:
    """A missing table whose name says "locked" is not a lock held by another program."""
    db = open_database(str(db_path))
    try:
        with pytest.raises(DatabaseError) as missing:
            db.execute("SELECT * FROM locked_or_busy_or_malformed")
        assert "Database problem with" in str(missing.value)
        assert "locked by another program" not in str(missing.value)
    finally:
        db.close()


def test_a_write_while_another_program_holds_the_lock_says_locked(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_database(str(db_path)).close()
    monkeypatch.setenv("SERVICE_JOURNAL_BUSY_TIMEOUT_MS", "0")
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    db = open_database(str(db_path))
    try:
        with pytest.raises(DatabaseError, match="locked by another program"), db.transaction():
            pass
    finally:
        db.close()
        other.execute("ROLLBACK")
        other.close()
