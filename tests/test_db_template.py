"""A journal copied from the template is the journal that creating one makes, or no copy is made."""

from __future__ import annotations

import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from journal.db import open_database
from journal.db.template import copy_template, make_template, template_fits
from journal.migrations import HEAD

OLD_JOURNAL = Path(__file__).resolve().parent / "fixtures" / "schemas" / "0003.db"


def _schema(path: Path) -> dict[str, object]:
    """Everything a new journal holds: the schema's SQL, every table's rows, the file's pragmas."""
    conn = sqlite3.connect(path)
    try:
        master = sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
        tables = [name for kind, name, _, _ in master if kind == "table"]
        rows = {t: sorted(conn.execute(f'SELECT * FROM "{t}"'), key=repr) for t in tables}
        pragmas = {
            p: conn.execute(f"PRAGMA {p}").fetchone()
            for p in ("journal_mode", "page_size", "user_version", "application_id", "encoding")
        }
        return {"master": master, "rows": rows, "pragmas": pragmas}
    finally:
        conn.close()


@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / "template.db"
    make_template(path)
    return path


def test_a_copy_of_the_template_equals_a_newly_migrated_journal(
    template: Path, tmp_path: Path
) -> None:
    migrated = tmp_path / "migrated.db"
    open_database(str(migrated)).close()
    copy = tmp_path / "copy" / "journal.db"
    copy.parent.mkdir()

    assert copy_template(template, copy)

    assert _schema(copy) == _schema(migrated)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert sorted(p.name for p in copy.parent.iterdir()) == ["journal.db"]
    db = open_database(str(copy))  # at HEAD already: opened without an upgrade or a backup
    db.close()
    assert sorted(p.name for p in copy.parent.iterdir()) == ["journal.db"]
    assert _schema(copy) == _schema(migrated)


def test_an_existing_journal_is_never_overwritten(template: Path, tmp_path: Path) -> None:
    target = tmp_path / "journal.db"
    target.write_bytes(b"the user's own file")
    assert not copy_template(template, target)
    assert target.read_bytes() == b"the user's own file"


def _edit(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(sql)
    conn.close()


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE tag SET description = 'an older wording' WHERE slug = 'queue'",
        "DELETE FROM tag WHERE slug = 'farewell'",
        "INSERT INTO tag (slug, \"group\", description, builtin) VALUES ('mine', 'Mine', '', 0)",
        "INSERT INTO entry (uuid, occurred_at, what, created_at, updated_at) "
        "VALUES ('u', '2026-01-01', 'left over', '2026-01-01', '2026-01-01')",
        "UPDATE alembic_version SET version_num = '0003'",
    ],
    ids=["old-description", "missing-tag", "custom-tag", "an-entry", "older-revision"],
)
def test_a_template_that_is_not_a_new_journal_is_not_copied(
    template: Path, tmp_path: Path, damage: str
) -> None:
    _edit(template, damage)
    target = tmp_path / "journal.db"
    assert not template_fits(template)
    assert not copy_template(template, target)
    assert not target.exists()


def test_an_older_journal_or_a_broken_file_is_not_a_template(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    shutil.copyfile(OLD_JOURNAL, old)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    for template in (old, junk, tmp_path / "missing.db"):
        assert not copy_template(template, tmp_path / "journal.db")
    assert not (tmp_path / "journal.db").exists()
    assert HEAD != "0003"


def test_make_template_replaces_a_stale_one(tmp_path: Path) -> None:
    path = tmp_path / "template.db"
    shutil.copyfile(OLD_JOURNAL, path)
    assert not template_fits(path)
    make_template(path)
    assert template_fits(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["template.db"]
