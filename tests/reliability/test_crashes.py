"""Processes killed with SIGKILL mid-write, and migrations that fail or are killed half-way."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from journal.db import open_database
from journal.migrations import HEAD

from ._helpers import (
    ROOT,
    assert_one_sentence,
    cli_env,
    digest,
    entries_by_id,
    integrity,
    sj,
    start_worker,
)

KILLS = 25


@pytest.mark.slow
def test_kill_9_during_a_stream_of_adds_loses_no_printed_entry(
    db_path: Path, tmp_path: Path
) -> None:
    """SIGKILL a writer many times, at varying points, while another writer keeps going."""
    open_database(str(db_path)).close()
    stop = tmp_path / "stop"
    steady = start_worker(db_path, "steady", 0, stop)
    printed: dict[int, str] = {}
    started = time.monotonic()
    for kill in range(KILLS):
        proc = start_worker(db_path, f"victim{kill}", 100_000)
        assert proc.stdout is not None
        wanted = 1 + (kill * 7) % 13
        lines = []
        while len(lines) < wanted:
            line = proc.stdout.readline()
            assert line, proc.stderr.read() if proc.stderr else ""
            lines.append(line)
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
        lines.extend(proc.stdout.read().splitlines())  # printed before the kill, still in the pipe
        for i, line in enumerate(lines):
            printed[int(line)] = f"victim{kill} {i}"
        proc.stdout.close()
        assert proc.stderr is not None
        proc.stderr.close()
    stop.touch()
    out, err = steady.communicate(timeout=60)
    elapsed = time.monotonic() - started
    assert (steady.returncode, err) == (0, "")
    for i, line in enumerate(out.split()):
        printed[int(line)] = f"steady {i}"

    assert integrity(db_path) == ["ok"]
    stored = entries_by_id(db_path)
    missing = {i: text for i, text in printed.items() if stored.get(i) != text}
    assert missing == {}
    checked = sj(db_path, "doctor")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    print(
        f"\n{KILLS} kills survived in {elapsed:.1f}s; {len(printed)} printed ids all present, "
        f"{len(stored)} entries in the journal"
    )


# ------------------------------------------------------------------ interrupted migrations

NEW_HEAD = "9001"

TEST_REVISION = '''\
"""A test-only revision: adds a column and a table, fills both, then stops half-way."""

import os
import sys

import sqlalchemy as sa
from alembic import op

revision = "{new}"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("entry", sa.Column("mood", sa.String(20), nullable=True))
    op.create_table(
        "weekly_note",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("text", sa.String(500), nullable=False),
    )
    op.execute("UPDATE entry SET mood = 'calm'")
    op.execute("INSERT INTO weekly_note (text) SELECT what FROM entry")
    mode = os.environ.get("SJ_TEST_MIGRATION", "ok")
    if mode == "raise":
        raise RuntimeError("simulated failure half-way")
    if mode == "hang":
        sys.stdout.write("halfway\\n")
        sys.stdout.flush()
        sys.stdin.readline()  # the test kills the process here


def downgrade() -> None:
    op.drop_table("weekly_note")
    op.drop_column("entry", "mood")
'''


@pytest.fixture
def migrations_with_extra_revision(tmp_path: Path) -> Path:
    """A copy of journal/migrations plus the test revision on top of the current head."""
    target = tmp_path / "migrations"
    shutil.copytree(
        ROOT / "journal" / "migrations", target, ignore=shutil.ignore_patterns("__pycache__")
    )
    (target / "versions" / f"{NEW_HEAD}_test_interrupted.py").write_text(
        TEST_REVISION.format(new=NEW_HEAD, head=HEAD)
    )
    return target


def _big_journal(path: Path, entries: int = 3000) -> None:
    """A current journal with many entries (plain SQL: the search triggers still fire)."""
    open_database(str(path)).close()
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO entry (uuid, occurred_at, what, setting, differently, flagged, private, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?)",
            [
                (
                    f"00000000-0000-4000-8000-{n:012d}",
                    f"2026-11-{1 + n % 28:02d} 09:00:00.000000",
                    f"Entry {n}: the clerk kept the queue moving",
                    "bank",
                    "Greet everyone waiting" * 5,
                    "2026-11-01 09:00:00.000000",
                    "2026-11-01 09:00:00.000000",
                )
                for n in range(entries)
            ],
        )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _snapshot(path: Path) -> tuple[list[tuple[str, str, str]], list[tuple[object, ...]], str]:
    conn = sqlite3.connect(path)
    try:
        schema = conn.execute(
            "SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name"
        ).fetchall()
        rows = conn.execute("SELECT * FROM entry ORDER BY id").fetchall()
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()
    return schema, rows, version


def _upgrade(script_dir: Path, db: Path, mode: str, *cli: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).with_name("_migration_worker.py")),
            str(script_dir),
            NEW_HEAD,
            "--db",
            str(db),
            *cli,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(SJ_TEST_MIGRATION=mode),
        cwd=ROOT,
    )


def _backups(db: Path) -> list[Path]:
    return sorted(db.parent.glob(f"{db.name}.pre-{NEW_HEAD}-from-{HEAD}-*.bak"))


def _assert_old_schema_intact(db: Path, before: tuple[object, ...]) -> None:
    assert integrity(db) == ["ok"]
    assert _snapshot(db) == before
    listed = sj(db, "list", "--search", "queue", "--limit", "5")  # the current program opens it
    assert listed.returncode == 0, listed.stderr
    assert "Entry" in listed.stdout
    assert sj(db, "doctor").returncode == 0


def _assert_backup_of(db: Path, before: tuple[object, ...]) -> None:
    backups = _backups(db)
    assert backups, "no backup was made before the upgrade"
    for backup in backups:
        assert integrity(backup) == ["ok"]
        assert _snapshot(backup) == before


def test_migration_that_fails_half_way_leaves_the_old_schema_and_a_backup(
    db_path: Path, migrations_with_extra_revision: Path
) -> None:
    _big_journal(db_path, entries=300)
    before = _snapshot(db_path)
    proc = _upgrade(migrations_with_extra_revision, db_path, "raise", "add", "after upgrade")
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 3
    assert_one_sentence(err)
    _assert_old_schema_intact(db_path, before)
    _assert_backup_of(db_path, before)

    # Once the problem is gone, the same upgrade goes through, straight after the failed one.
    proc = _upgrade(migrations_with_extra_revision, db_path, "ok", "add", "after upgrade")
    _, err = proc.communicate(timeout=120)
    assert (proc.returncode, err) == (0, "")
    schema, rows, version = _snapshot(db_path)
    assert ("table", "weekly_note") in {item[:2] for item in schema}
    assert version == NEW_HEAD
    assert len(rows) == len(before[1]) + 1
    assert [row[:-1] for row in rows[:-1]] == before[1]  # every old field, plus the new column
    assert {row[-1] for row in rows[:-1]} == {"calm"}


@pytest.mark.slow
def test_migration_killed_half_way_leaves_the_old_schema_and_a_backup(
    db_path: Path, migrations_with_extra_revision: Path
) -> None:
    _big_journal(db_path)
    before = _snapshot(db_path)
    proc = _upgrade(migrations_with_extra_revision, db_path, "hang", "list")
    assert proc.stdout is not None
    assert proc.stdout.readline() == "halfway\n"  # the new column and table exist, uncommitted
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    _assert_backup_of(db_path, before)
    _assert_old_schema_intact(db_path, before)
    backup_digests = {b: digest(b) for b in _backups(db_path)}

    proc = _upgrade(migrations_with_extra_revision, db_path, "ok", "list", "--limit", "1")
    _, err = proc.communicate(timeout=120)
    assert (proc.returncode, err) == (0, "")
    schema, rows, version = _snapshot(db_path)
    assert ("table", "weekly_note") in {item[:2] for item in schema}
    assert version == NEW_HEAD
    assert [row[:-1] for row in rows] == before[1]
    assert all(digest(b) == d for b, d in backup_digests.items())  # backups never rewritten
    assert len(_backups(db_path)) == 2


def test_backup_before_upgrade_is_private(
    db_path: Path, migrations_with_extra_revision: Path
) -> None:
    _big_journal(db_path, entries=10)
    proc = _upgrade(migrations_with_extra_revision, db_path, "ok", "list")
    _, err = proc.communicate(timeout=120)
    assert (proc.returncode, err) == (0, "")
    (backup,) = _backups(db_path)
    assert backup.stat().st_mode & 0o777 == 0o600
    assert integrity(backup) == ["ok"]
