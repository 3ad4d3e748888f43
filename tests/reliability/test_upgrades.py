"""Journals written by every released schema revision open with the current code, every field kept.

The fixtures in tests/fixtures/schemas/ are made by tests/fixtures/make_schema_fixtures.py (see
there). Each is copied, opened with ``open_database`` (which backs up and upgrades an older one),
and compared table by table, row by row and field by field with the rows it was filled with; the
entries are also read back through the store, as the CLI and the TUI read them.
"""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest

from journal.cli import main
from journal.db import dt_from_db, open_database
from journal.migrations import HEAD, REVISIONS
from journal.store import Store

from ._helpers import integrity

FIXTURE_DIR = Path(__file__).resolve().parents[1] / "fixtures"
_spec = importlib.util.spec_from_file_location(
    "make_schema_fixtures", FIXTURE_DIR / "make_schema_fixtures.py"
)
assert _spec is not None and _spec.loader is not None
fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixtures)


def test_a_fixture_exists_for_every_released_revision() -> None:
    missing = [rev for rev in REVISIONS if not (fixtures.FIXTURES / f"{rev}.db").is_file()]
    assert missing == [], (
        "run .venv/bin/python tests/fixtures/make_schema_fixtures.py for the new revision(s)"
    )


def _table_rows(path: Path, table: str, key: list[str]) -> dict[tuple[Any, ...], dict[str, Any]]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()
    finally:
        conn.close()
    return {tuple(row[k] for k in key): dict(row) for row in rows}


def _keys(path: Path, table: str) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    finally:
        conn.close()
    return [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]]


def _assert_rows_kept(path: Path, expected: dict[str, list[dict[str, Any]]]) -> int:
    fields = 0
    for table, rows in expected.items():
        stored = _table_rows(path, table, _keys(path, table))
        for row in rows:
            key = tuple(row[k] for k in _keys(path, table))
            assert key in stored, (table, key)
            for name, value in row.items():  # new columns of later revisions may be added
                assert stored[key][name] == value, (table, key, name)
                fields += 1
        if table not in fixtures.SEEDED:
            assert len(stored) == len(rows), table
    return fields


def _version(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize(
    "revision",
    [rev for rev in REVISIONS if (fixtures.FIXTURES / f"{rev}.db").is_file()],
)
def test_every_field_survives_opening_with_the_current_code(
    revision: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = fixtures.rows_up_to(revision)
    source = fixtures.FIXTURES / f"{revision}.db"
    path = tmp_path / "journal.db"
    shutil.copyfile(source, path)
    path.chmod(0o600)  # git does not keep file modes
    assert _version(path) == revision
    _assert_rows_kept(path, expected)  # the fixture is what the generator says

    db = open_database(str(path))
    try:
        store = Store(db)
        for row in expected["entry"]:
            entry = store.get(row["id"])
            for name, value in row.items():
                got = getattr(entry, name)
                if name.endswith("_at"):
                    assert got == dt_from_db(value), name
                elif name in ("flagged", "private"):
                    assert got is bool(value), name
                else:
                    assert got == value, name
            assert sorted((t.slug, t.polarity) for t in entry.tags) == sorted(
                (t["tag_slug"], t["polarity"])
                for t in expected["entry_tag"]
                if t["entry_id"] == row["id"]
            )
            assert [i.text for i in entry.action_items] == [
                i["text"] for i in expected["action_item"] if i["entry_id"] == row["id"]
            ]
        assert store.load_draft() is not None
    finally:
        db.close()

    assert _version(path) == HEAD
    fields = _assert_rows_kept(path, expected)
    assert integrity(path) == ["ok"]
    backups = sorted(tmp_path.glob("journal.db.pre-*.bak"))
    if revision == HEAD:
        assert backups == []
    else:
        (backup,) = backups
        assert f"from-{revision}" in backup.name
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
        assert _version(backup) == revision
        _assert_rows_kept(backup, expected)

    # The upgraded journal is fully usable: search index in sync, new entries and searches work.
    assert main(["--db", str(path), "doctor"]) == 0
    assert main(["--db", str(path), "list", "--search", "cashier", "--json"]) == 0
    assert '"id": 1' in capsys.readouterr().out
    assert main(["--db", str(path), "add", "After the upgrade"]) == 0
    assert capsys.readouterr().out.strip() == "4"
    print(f"\n{revision}: {fields} fields in {sum(map(len, expected.values()))} rows kept")
