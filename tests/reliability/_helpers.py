"""Shared helpers: running the real CLI as a process, fingerprints of files, one-sentence checks."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

WORKER = Path(__file__).with_name("_worker.py")
ROOT = Path(__file__).resolve().parents[2]


def cli_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **extra}
    env.pop("PYTHONHASHSEED", None)
    return env


def sj(db: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``service-journal --db DB ARGS`` as its own process."""
    return subprocess.run(
        [sys.executable, "-m", "journal.cli", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=cli_env(**env),
        cwd=ROOT,
        check=False,
        timeout=120,
    )


def start_worker(db: Path, prefix: str, count: int, stop_file: Path | None = None, **env: str):
    """A process adding COUNT entries through the CLI (see _worker.py); stdout is a pipe of ids."""
    args = [sys.executable, str(WORKER), str(db), prefix, str(count)]
    if stop_file is not None:
        args.append(str(stop_file))
    return subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(**env),
        cwd=ROOT,
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def entries_by_id(path: Path) -> dict[int, str]:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT id, what FROM entry"))
    finally:
        conn.close()


def assert_one_sentence(stderr: str) -> str:
    """The CLI's refusal: one line, prefixed, ending with a full stop, no traceback."""
    assert "Traceback" not in stderr, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    line = lines[0]
    assert line.startswith("service-journal: "), line
    assert line.endswith("."), line
    return line


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Poll a condition with a bounded deadline (never a sleep standing in for an event)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached before the deadline")
        time.sleep(0.005)
