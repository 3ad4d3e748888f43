"""Bad files and environments: exit code 3, one sentence, and nothing on disk changed.

Each case builds a file (or a folder) the CLI cannot use, runs commands on it through
``journal.cli.main`` and checks that every file in the case's folder is byte for byte as before and
that no new file (``-wal``, ``-shm``, a temporary journal) appeared. The machine running the tests
may be root, whom the system lets write anywhere: read-only cases rely on the product refusing by
the permission bits, not on the system refusing.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from journal.cli import main
from journal.db import open_database

from ._helpers import assert_one_sentence, digest, sj

PAGE = 4096


def _journal(path: Path, entries: int = 200) -> Path:
    open_database(str(path)).close()
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO entry (uuid, occurred_at, what, setting, differently, flagged, private, "
            "created_at, updated_at) VALUES (?, ?, ?, 'bank', ?, 0, 0, ?, ?)",
            [
                (
                    f"00000000-0000-4000-8000-{n:012d}",
                    "2026-11-02 09:00:00.000000",
                    f"Teller number {n} counted the change twice",
                    "Say the amount aloud " * 10,
                    "2026-11-02 09:00:00.000000",
                    "2026-11-02 09:00:00.000000",
                )
                for n in range(entries)
            ],
        )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def _empty(d: Path) -> Path:
    (d / "j.db").write_bytes(b"")
    return d / "j.db"


def _text(d: Path) -> Path:
    (d / "j.db").write_text("Monday: the baker remembered my order.\n" * 50)
    return d / "j.db"


def _truncated_half(d: Path) -> Path:
    path = _journal(d / "j.db")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _truncated_in_header(d: Path) -> Path:
    path = _journal(d / "j.db")
    path.write_bytes(path.read_bytes()[:60])
    return path


def _corrupted_pages(d: Path) -> Path:
    """Bytes overwritten in the middle of every page after the first."""
    path = _journal(d / "j.db")
    data = bytearray(path.read_bytes())
    for start in range(PAGE, len(data), PAGE):
        data[start + 1000 : start + 3000] = b"\x5a" * 2000
    path.write_bytes(bytes(data))
    return path


def _newer(d: Path) -> Path:
    path = _journal(d / "j.db", entries=3)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def _other_program(d: Path) -> Path:
    conn = sqlite3.connect(d / "j.db")
    with conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('bread')")
    conn.close()
    return d / "j.db"


def _a_folder(d: Path) -> Path:
    (d / "j.db").mkdir()
    return d / "j.db"


def _read_only_file(d: Path) -> Path:
    path = _journal(d / "j.db", entries=3)
    path.chmod(0o400)
    return path


def _read_only_folder(d: Path) -> Path:
    folder = d / "ro"
    folder.mkdir()
    path = _journal(folder / "j.db", entries=3)
    folder.chmod(0o555)
    return path


def _new_file_in_read_only_folder(d: Path) -> Path:
    folder = d / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    return folder / "j.db"


def _missing_folder_under_read_only_folder(d: Path) -> Path:
    folder = d / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    return folder / "new" / "deeper" / "j.db"


def _missing_folder_under_a_file(d: Path) -> Path:
    (d / "notes.txt").write_text("not a folder")
    return d / "notes.txt" / "journal" / "j.db"


def _dangling_symlink(d: Path) -> Path:
    link = d / "journal.db"
    link.symlink_to(d / "moved-away.db")
    return link


def _symlink_loop(d: Path) -> Path:
    (d / "a.db").symlink_to(d / "b.db")
    (d / "b.db").symlink_to(d / "a.db")
    return d / "a.db"


def _fifo(d: Path) -> Path:
    path = d / "journal.db"
    os.mkfifo(path)
    return path


def _name_too_long(d: Path) -> Path:
    return d / ("n" * 300 + ".db")


CASES: dict[str, Callable[[Path], Path]] = {
    "empty file": _empty,
    "text file": _text,
    "truncated database": _truncated_half,
    "truncated inside the header": _truncated_in_header,
    "corrupted database": _corrupted_pages,
    "newer schema": _newer,
    "another program's SQLite database": _other_program,
    "a folder instead of a file": _a_folder,
    "read-only file": _read_only_file,
    "read-only folder": _read_only_folder,
    "new journal in a read-only folder": _new_file_in_read_only_folder,
    "missing folder under a read-only folder": _missing_folder_under_read_only_folder,
    "missing folder under a file": _missing_folder_under_a_file,
    "a symbolic link to nowhere": _dangling_symlink,
    "a loop of symbolic links": _symlink_loop,
    "a named pipe (FIFO)": _fifo,
    "a 300-character file name": _name_too_long,
}

COMMANDS = (
    ["add", "The porter carried the bags", "--setting", "hotel"],
    ["list", "--limit", "1000"],
    ["show", "1", "--json"],
    ["doctor"],
)


def _state(root: Path) -> dict[str, str]:
    """Every file under root with its digest (folders by name), to prove nothing changed."""
    state = {}
    for item in sorted(root.rglob("*")):
        state[str(item.relative_to(root))] = digest(item) if item.is_file() else "folder"
    return state


def _restore_modes(root: Path) -> None:
    for item in root.rglob("*"):
        if item.is_symlink():
            continue
        item.chmod(0o700 if item.is_dir() else 0o600)


@pytest.mark.parametrize("case", list(CASES))
def test_unusable_journal_exits_3_with_one_sentence_and_changes_nothing(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "case"
    root.mkdir()
    path = CASES[case](root)
    before = _state(root)
    try:
        for command in COMMANDS:
            if command == ["doctor"] and not os.path.lexists(path):
                continue  # doctor only reports where a journal would be created
            code = main(["--db", str(path), *command])
            out, err = capsys.readouterr()
            assert code == 3, (command, out, err)
            assert_one_sentence(err)
            assert _state(root) == before, command
    finally:
        _restore_modes(root)


def test_refusals_name_the_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The sentence says what is wrong, not only that something is."""
    expected = {
        "empty file": "empty file",
        "text file": "not a Service Journal database",
        "truncated database": "damaged",
        "corrupted database": "damaged",
        "newer schema": "newer Service Journal",
        "read-only file": "read-only",
        "read-only folder": "read-only",
        "new journal in a read-only folder": "read-only",
        "missing folder under a read-only folder": "read-only",
        "missing folder under a file": "Cannot create the folder",
        "a symbolic link to nowhere": "does not exist",
        "a loop of symbolic links": "loop of symbolic links",
        "a named pipe (FIFO)": "named pipe",
        "a 300-character file name": "too long",
    }
    for n, (case, words) in enumerate(expected.items()):
        root = tmp_path / f"case{n}"
        root.mkdir()
        path = CASES[case](root)
        try:
            assert main(["--db", str(path), "list", "--limit", "1000"]) == 3
            assert words in capsys.readouterr().err, case
        finally:
            _restore_modes(root)


def test_a_real_process_reports_bad_files_without_a_traceback(tmp_path: Path) -> None:
    for case in (
        "corrupted database",
        "truncated database",
        "read-only folder",
        "a named pipe (FIFO)",
    ):
        root = tmp_path / case.replace(" ", "-")
        root.mkdir()
        path = CASES[case](root)
        before = _state(root)
        try:
            result = sj(path, "list", "--limit", "1000")
            assert result.returncode == 3, case
            assert_one_sentence(result.stderr)
            assert _state(root) == before
        finally:
            _restore_modes(root)


# ------------------------------------------------------------------ locks held by other programs

LOCK_MS = 300


def test_write_lock_held_beyond_the_timeout(db_path: Path) -> None:
    """Another program holds the write lock: adds wait, then give up with one sentence."""
    _journal(db_path, entries=5)
    holder = sqlite3.connect(db_path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        before = digest(db_path)
        result = sj(db_path, "add", "waited in vain", SERVICE_JOURNAL_BUSY_TIMEOUT_MS=str(LOCK_MS))
        assert result.returncode == 3
        sentence = assert_one_sentence(result.stderr)
        assert "locked by another program" in sentence
        # The sentence names the lowered timeout: the setting was used, not the 10 s default.
        assert f"waited {LOCK_MS / 1000:g} s" in sentence
        assert digest(db_path) == before
        # Readers are not blocked by a writer (WAL): the TUI's lists keep working.
        listed = sj(db_path, "list", SERVICE_JOURNAL_BUSY_TIMEOUT_MS=str(LOCK_MS))
        assert (listed.returncode, listed.stderr) == (0, "")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    after = sj(db_path, "add", "once the lock is gone")
    assert (after.returncode, after.stderr) == (0, "")


def test_mode_bits_are_what_decides_not_who_runs_the_tests(tmp_path: Path) -> None:
    """Read-only means the permission bits, so the result is the same for root and for users."""
    path = _read_only_folder(tmp_path)
    try:
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o555
        result = sj(path, "add", "x")
        assert result.returncode == 3
        assert "read-only" in result.stderr
    finally:
        path.parent.chmod(0o700)
    result = sj(path, "add", "x")
    assert (result.returncode, result.stderr) == (0, "")


# ------------------------------------------------------------------ names that are not plain paths


def _tables(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return sorted(row[0] for row in conn.execute("SELECT name FROM sqlite_master"))
    finally:
        conn.close()


@pytest.mark.parametrize("name", ["notes?v2.db", "p%20x.db", "hash#1.db", "notes?mode=ro"])
def test_url_characters_in_a_file_name_are_part_of_the_name(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The journal is created under exactly that name; a neighbouring file is never written."""
    monkeypatch.chdir(tmp_path)
    conn = sqlite3.connect(tmp_path / "notes")
    conn.execute("CREATE TABLE theirs (x)")
    conn.commit()
    conn.close()
    before = digest(tmp_path / "notes")
    assert main(["--db", name, "add", "The porter carried the bags"]) == 0
    assert digest(tmp_path / "notes") == before
    assert _tables(tmp_path / "notes") == ["theirs"]
    created = sorted(p.name for p in tmp_path.iterdir())
    assert created == sorted(["notes", name])
    assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (":memory:", "in-memory"),
        ("sqlite://", "in-memory"),
        ("sqlite:///:memory:", "in-memory"),
        ("file:journal.db?mode=ro", "SQLite URI"),
        ("file:journal.db", "SQLite URI"),
        ("postgresql://host/db", "not supported"),
    ],
)
def test_names_that_are_not_files_are_a_usage_error(
    value: str, words: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    for command in (["list"], ["add", "x"], ["doctor"]):
        assert main(["--db", value, *command]) == 2, command
        line = assert_one_sentence(capsys.readouterr().err)
        assert words in line
    assert list(tmp_path.iterdir()) == []


def test_an_sqlite_url_stays_accepted_as_a_path(tmp_path: Path, capsys) -> None:
    path = tmp_path / "url journal.db"
    assert main(["--db", f"sqlite:///{path}", "add", "The porter carried the bags"]) == 0
    assert path.is_file()
    capsys.readouterr()
    assert main(["--db", str(path), "list"]) == 0
    assert "porter" in capsys.readouterr().out


def test_an_empty_db_option_or_variable_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """A script whose variable came out empty must not write into the default journal."""
    default = Path(os.environ["SERVICE_JOURNAL_DB"])
    for argv in (["--db", "", "add", "x"], ["add", "x", "--db", " "]):
        assert main(argv) == 2, argv
        assert "--db is empty" in assert_one_sentence(capsys.readouterr().err)
    monkeypatch.setenv("SERVICE_JOURNAL_DB", "")
    assert main(["add", "x"]) == 2
    assert "SERVICE_JOURNAL_DB" in assert_one_sentence(capsys.readouterr().err)
    assert not default.exists()
