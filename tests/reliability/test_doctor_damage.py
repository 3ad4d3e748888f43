"""doctor finds damage anywhere in the file: exit code 3, one sentence, the file left as it was.

A command such as ``list`` only notices a damaged page when it reads it; doctor reads them all.
Here one stretch of bytes is overwritten at a time, at many places through a journal's pages.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from journal.cli import main

from ._helpers import assert_one_sentence, digest
from .test_bad_files import PAGE, _journal

DAMAGE = 1500


def _sqlite_sees_damage(path: Path) -> bool:
    """SQLite's own verdict, on a throw-away copy (overwritten free space is no damage)."""
    copy = path.with_name("verdict.db")
    shutil.copyfile(path, copy)
    try:
        conn = sqlite3.connect(copy)
        try:
            return [row[0] for row in conn.execute("PRAGMA integrity_check")] != ["ok"]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return True
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)


def test_damage_anywhere_is_found_by_doctor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pristine = _journal(tmp_path / "pristine.db", entries=300).read_bytes()
    pages = len(pristine) // PAGE
    tried = damaged = index_repaired = 0
    for page in range(1, pages, 3):
        for offset in (200, 2000):
            folder = tmp_path / f"p{page}-{offset}"
            folder.mkdir()
            path = folder / "journal.db"
            data = bytearray(pristine)
            start = page * PAGE + offset
            data[start : start + DAMAGE] = b"\x5a" * DAMAGE
            path.write_bytes(bytes(data))
            path.chmod(0o600)
            is_damaged = _sqlite_sees_damage(path)
            before = digest(path)
            if is_damaged:
                for args in (["doctor"], ["doctor", "--repair"]):
                    code = main(["--db", str(path), *args])
                    out, err = capsys.readouterr()
                    assert code == 3, (page, offset, args, out, err)
                    assert "damaged" in assert_one_sentence(err)
                    assert digest(path) == before
                    assert [p.name for p in folder.iterdir()] == ["journal.db"]
            else:
                # The bytes hit free space, or only the search index's own data: the file is
                # sound, doctor says whether the index needs rebuilding and --repair rebuilds it.
                code = main(["--db", str(path), "doctor"])
                out, err = capsys.readouterr()
                assert err == ""
                assert digest(path) == before
                assert code == 0 or (code == 1 and "BAD  search index" in out), out
                index_repaired += code == 1
                assert main(["--db", str(path), "doctor", "--repair"]) == 0
                assert main(["--db", str(path), "doctor"]) == 0
                capsys.readouterr()
            tried += 1
            damaged += is_damaged
    assert damaged >= 20
    print(
        f"\n{tried} copies of a {pages}-page journal overwritten: {damaged} damaged (doctor "
        f"exited 3 on each), {index_repaired} with only the search index hit (repaired)"
    )


def test_healthy_journal_still_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _journal(tmp_path / "journal.db", entries=300)
    assert main(["--db", str(path), "doctor"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and "BAD" not in out
