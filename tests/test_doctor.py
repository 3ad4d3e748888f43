"""doctor reports a healthy journal as such, and finds and repairs a stale search index."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from journal.cli import main
from journal.db import open_database


def doctor(capsys: pytest.CaptureFixture[str], db_path: Path, *extra: str) -> tuple[int, str]:
    code = main(["--db", str(db_path), "doctor", *extra])
    return code, capsys.readouterr().out


def test_healthy_journal(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    main(["--db", str(db_path), "add", "Teller smiled"])
    capsys.readouterr()
    code, out = doctor(capsys, db_path)
    assert code == 0
    assert "BAD" not in out
    assert str(db_path) in out


def test_stale_search_index_is_found_and_rebuilt(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    main(["--db", str(db_path), "add", "Cashier smiled"])
    capsys.readouterr()
    db = open_database(str(db_path))
    db.execute("DROP TRIGGER entry_fts_au")
    db.execute("UPDATE entry SET what = 'Porter smiled' WHERE id = 1")
    db.close()
    code, out = doctor(capsys, db_path)
    assert code == 1
    assert "search index: out of sync" in out
    code, out = doctor(capsys, db_path, "--repair")
    assert code == 0
    assert "rebuilt" in out
    main(["--db", str(db_path), "list", "--search", "porter"])
    assert "Porter smiled" in capsys.readouterr().out


def test_readable_by_others_is_reported(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    open_database(str(db_path)).close()
    os.chmod(db_path, 0o644)
    code, out = doctor(capsys, db_path)
    assert code == 1
    assert "chmod 600" in out
