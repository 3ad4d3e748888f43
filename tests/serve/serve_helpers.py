"""Shared by the serve tests: a guarded server in-process, and `service-journal serve` for real."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from aiohttp.test_utils import TestClient

from tui.serve.glue import JournalServer

TOKEN = "t0ken-for-tests-only-0123456789abcdef"
FAKE_APP = [sys.executable, str(Path(__file__).with_name("fake_app.py"))]
URL = re.compile(r"(http://\S+)/\?token=(\S+)")


@dataclass
class Guarded:
    client: TestClient  # type: ignore[type-arg]
    server: JournalServer

    @property
    def origin(self) -> str:
        return f"http://{self.client.host}:{self.client.port}"


@dataclass
class Served:
    """A running `service-journal serve` and what it printed."""

    process: subprocess.Popen[bytes]
    base: str
    token: str
    db: Path

    @property
    def url(self) -> str:
        return f"{self.base}/?token={self.token}"

    def stop(self) -> tuple[str, str]:
        """ctrl+c, as in the terminal; returns the rest of what it printed (out, err)."""
        self.process.send_signal(signal.SIGINT)
        out, err = self.process.communicate(timeout=60)
        return out.decode(), err.decode()


def start_serve(db: Path, *extra: str) -> Served:
    """Start `serve` and read what it prints up to the link, and not a byte more: the pipe is
    unbuffered, so the rest (the QR code, the stop message) is left for ``stop()`` to read,
    however the output was split into chunks."""
    process = subprocess.Popen(
        [sys.executable, "-m", "journal.cli", "--db", str(db), "serve", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        bufsize=0,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    while line := process.stdout.readline():
        if found := URL.search(line.decode()):
            return Served(process, found[1], found[2], db)
    process.kill()
    _, err = process.communicate()
    raise AssertionError(f"serve printed no link; stderr: {err.decode()}")


def children_of(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    """True unless the process is gone or a zombie (ended, not yet reaped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
