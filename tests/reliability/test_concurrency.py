"""Several processes at once: writers never lose an entry or see a lock, readers see new entries,
and a backup taken during writes is a consistent, private copy."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from journal.db import open_database
from journal.store import Store

from ._helpers import cli_env, entries_by_id, integrity, sj, start_worker

WRITERS = 2
PER_WRITER = 500
WATCHED = 300  # adds while a reader or a backup runs alongside


def _collect(proc: subprocess.Popen[str]) -> tuple[int, list[int], str]:
    out, err = proc.communicate(timeout=300)
    return proc.returncode, [int(line) for line in out.split()], err


@pytest.mark.slow
def test_parallel_writers_lose_nothing_and_never_see_a_lock(db_path: Path) -> None:
    open_database(str(db_path)).close()
    started = time.monotonic()
    procs = [start_worker(db_path, f"writer{w}", PER_WRITER) for w in range(WRITERS)]
    results = [_collect(p) for p in procs]
    elapsed = time.monotonic() - started
    printed: dict[int, str] = {}
    for w, (code, ids, err) in enumerate(results):
        assert err == "", err
        assert code == 0
        assert len(ids) == PER_WRITER
        for i, entry_id in enumerate(ids):
            assert entry_id not in printed, "two adds printed the same id"
            printed[entry_id] = f"writer{w} {i}"
    stored = entries_by_id(db_path)
    assert stored == printed
    assert len(stored) == WRITERS * PER_WRITER
    assert integrity(db_path) == ["ok"]
    print(f"\n{WRITERS} writers x {PER_WRITER} adds in {elapsed:.1f}s")


def test_separate_cli_processes_in_parallel_all_succeed(db_path: Path) -> None:
    """Real ``service-journal add`` processes, four at a time, on one journal."""
    open_database(str(db_path)).close()
    waves, width = 3, 4
    for wave in range(waves):
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "journal.cli", "--db", str(db_path), "add", f"p{wave}-{n}"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=cli_env(),
            )
            for n in range(width)
        ]
        for proc in procs:
            out, err = proc.communicate(timeout=60)
            assert (proc.returncode, err) == (0, "")
            assert out.strip().isdigit()
    assert len(entries_by_id(db_path)) == waves * width


# Each process imports everything, then waits on its stdin: releasing them together makes them
# race for the creation of the journal instead of starting one after the other.
_AT_THE_LINE = (
    "import sys\n"
    "import journal.cli, journal.db, journal.store, journal.schemas, journal.commands.entries\n"
    "sys.stdin.readline()\n"
    "sys.exit(journal.cli.main(sys.argv[1:]))\n"
)


def test_first_use_by_several_processes_at_once(tmp_path: Path) -> None:
    """Nobody has created the journal yet and several commands start together: all succeed."""
    for attempt in range(2):
        db_path = tmp_path / f"fresh{attempt}" / "journal.db"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", _AT_THE_LINE, "--db", str(db_path), "add", f"first {n}"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=cli_env(),
            )
            for n in range(4)
        ]
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        for proc in procs:
            _, err = proc.communicate(timeout=60)
            assert (proc.returncode, err) == (0, "")
        assert sorted(entries_by_id(db_path).values()) == [f"first {n}" for n in range(4)]
        assert integrity(db_path) == ["ok"]
        assert sorted(p.name for p in db_path.parent.iterdir()) == ["journal.db"]
        assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


@pytest.mark.slow
def test_open_reader_sees_each_entry_as_soon_as_the_writer_printed_its_id(db_path: Path) -> None:
    """The TUI's way of reading (one long-lived connection, paged lists) during CLI writes."""
    db = open_database(str(db_path))
    try:
        store = Store(db)
        assert store.list().entries == []
        proc = start_worker(db_path, "seen", WATCHED)
        assert proc.stdout is not None
        counts = []
        for seen, line in enumerate(proc.stdout, start=1):
            entry_id = int(line)
            assert store.get(entry_id).what == f"seen {seen - 1}"
            if seen % 25 == 0:
                page = store.list(limit=10)
                counts.append(store.count())
                assert page.entries[0].id >= entry_id
        assert proc.wait(timeout=120) == 0
        assert proc.stderr is not None and proc.stderr.read() == ""
        assert counts == sorted(counts)
        assert store.count() == WATCHED
        assert [e.what for e in store.iter_entries()][-1] == "seen 0"
    finally:
        db.close()


@pytest.mark.slow
def test_backup_during_writes_is_consistent_private_and_opens(
    db_path: Path, tmp_path: Path
) -> None:
    open_database(str(db_path)).close()
    proc = start_worker(db_path, "live", WATCHED)
    assert proc.stdout is not None
    printed: list[int] = []
    for line in proc.stdout:
        printed.append(int(line))
        if len(printed) == 100:
            break
    target = tmp_path / "copies" / "during-writes.db"
    result = sj(db_path, "backup", str(target))
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    printed.extend(int(line) for line in proc.stdout)
    assert proc.wait(timeout=120) == 0
    assert proc.stderr is not None and proc.stderr.read() == ""

    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert integrity(target) == ["ok"]
    copy = entries_by_id(target)
    assert len(copy) >= 100
    # A consistent prefix: exactly the first N adds the writer made, each with its own text.
    assert copy == {entry_id: f"live {i}" for i, entry_id in enumerate(printed[: len(copy)])}
    listed = sj(target, "list", "--json", "--limit", "1000")
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)["entries"]) == len(copy)
    print(f"\nbackup taken after {len(copy)} of {WATCHED} adds")
