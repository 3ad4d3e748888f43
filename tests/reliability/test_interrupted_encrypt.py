"""``encrypt`` and ``decrypt`` killed with SIGKILL at seeded points: one usable journal remains.

Either the old file (same kind, same rows) or the new one (converted, same rows) is the journal,
never neither; the only other file an interrupted run may leave is its own encrypted temporary
copy, which the next run removes; a plaintext copy is never left beside an encrypted journal.
"""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from journal_templates import RAW_KEY

from journal.cli import main
from journal.db.cipher import TEMP_SUFFIX, _connect_keyed, content_digest, convert
from journal.db.files import SQLITE_HEADER

from ._helpers import ROOT, cli_env

WORKER = Path(__file__).with_name("_convert_worker.py")
ROUNDS = 12
PASS = RAW_KEY
"""A raw key: what is tested is the swap, not SQLCipher's (slow) key derivation."""


def worker(db: Path, old: str, new: str, kill_at: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(WORKER), str(db), old, new, str(kill_at)],
        capture_output=True,
        text=True,
        env=cli_env(),
        cwd=ROOT,
        check=False,
        timeout=120,
    )


def rows(db: Path, key: str) -> tuple[int, str]:
    conn = _connect_keyed(db, key)
    try:
        return content_digest(conn)
    finally:
        conn.close()


def plain(path: Path) -> bool:
    return path.read_bytes()[: len(SQLITE_HEADER)] == SQLITE_HEADER


@pytest.mark.slow
@pytest.mark.parametrize("direction", ["encrypt", "decrypt"])
def test_a_conversion_killed_at_any_point_leaves_exactly_one_usable_journal(
    tmp_path: Path, direction: str
) -> None:
    original = tmp_path / "original.db"
    for i in range(30):
        assert main(["--db", str(original), "add", f"secret entry {i}", "--setting", "x"]) == 0
    if direction == "decrypt":
        convert(original, "", PASS)
    old, new = ("", PASS) if direction == "encrypt" else (PASS, "")
    expected = rows(original, old)
    folder = tmp_path / "run"
    folder.mkdir()
    db = folder / "journal.db"
    shutil.copyfile(original, db)
    finished = worker(db, old, new, 0)
    assert finished.returncode == 0, finished.stderr
    total, renamed_at = (int(n) for n in finished.stdout.split())
    assert 0 < renamed_at < total
    seeded = random.Random(f"{direction}-23")
    # Half the kills anywhere before the rename, half from just before it to the end.
    points = sorted(
        seeded.sample(range(1, renamed_at), ROUNDS // 2)
        + seeded.sample(range(renamed_at - 3, total + 1), ROUNDS - ROUNDS // 2)
    )
    outcomes = {"old": 0, "new": 0}
    for kill_at in points:
        for stale in folder.iterdir():
            stale.unlink()
        shutil.copyfile(original, db)
        result = worker(db, old, new, kill_at)
        assert result.returncode == -signal.SIGKILL, (kill_at, result.stderr)
        is_old = plain(db) == (old == "")
        outcomes["old" if is_old else "new"] += 1
        assert rows(db, old if is_old else new) == expected, kill_at
        others = [p for p in folder.iterdir() if p != db]
        assert all(TEMP_SUFFIX in p.name for p in others), (kill_at, others)
        if direction == "encrypt" or not is_old:
            assert not any(plain(p) for p in others if p.stat().st_size), (kill_at, others)
        if is_old:
            convert(db, old, new)  # the next run finishes the job, clearing what was left
        assert [p.name for p in folder.iterdir()] == ["journal.db"], kill_at
        assert rows(db, new) == expected
    assert outcomes["old"] and outcomes["new"], outcomes
    print(f"\n{direction}: {ROUNDS} kills in {total} calls; outcomes {outcomes}")
