"""Timing whole processes: wall time from launch to exit and the child's own peak memory.

Peak memory comes from GNU time (``/usr/bin/time -f %M``) wrapped around the command: a child's
``ru_maxrss`` also counts the memory of the process that forked it (the high-water mark survives
``exec``), so measuring from this Python runner would add the runner's own size, whereas GNU time
is a tiny C program. Without GNU time, ``wait4``'s figure is used and marked as an upper bound.
Wall time is measured here, from launch to exit. A timer kills a process that runs past its time
limit; such a run is reported as "> N s".
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else shutil.which("gtime")


@dataclass
class Run:
    wall_s: float
    max_rss_kb: int
    returncode: int
    timed_out: bool = False


@dataclass
class Measurement:
    """Several runs of one command; ``status`` is "ok", "timeout", "failed" or "n/a"."""

    label: str
    status: str = "ok"
    runs: list[Run] = field(default_factory=list)
    note: str = ""
    timeout_s: float | None = None

    @property
    def ok_runs(self) -> list[Run]:
        return [r for r in self.runs if r.returncode == 0 and not r.timed_out]

    @property
    def median(self) -> float | None:
        runs = self.ok_runs
        return statistics.median(r.wall_s for r in runs) if runs else None

    @property
    def min(self) -> float | None:
        runs = self.ok_runs
        return min(r.wall_s for r in runs) if runs else None

    @property
    def max(self) -> float | None:
        runs = self.ok_runs
        return max(r.wall_s for r in runs) if runs else None

    @property
    def max_rss_mb(self) -> float | None:
        runs = self.ok_runs or self.runs
        return max(r.max_rss_kb for r in runs) / 1024 if runs else None

    def to_json(self) -> dict:
        data = asdict(self)
        data.update(
            median_s=self.median, min_s=self.min, max_s=self.max, max_rss_mb=self.max_rss_mb
        )
        return data


def run_once(
    cmd: list[str],
    *,
    env: dict[str, str],
    cwd: Path | None = None,
    timeout_s: float = 60.0,
    stdout: Path | None = None,
    stderr: Path | None = None,
) -> Run:
    """Launch ``cmd`` with no terminal (stdin from /dev/null), wait, and measure it."""
    rss_file = None
    if GNU_TIME:
        rss_file = Path(tempfile.mkstemp(prefix="bench-rss-")[1])
        cmd = [GNU_TIME, "-f", "%M", "-o", str(rss_file), *cmd]
    out = stdout.open("wb") if stdout else subprocess.DEVNULL
    err = stderr.open("wb") if stderr else subprocess.DEVNULL
    try:
        started = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        fired = threading.Event()

        def kill() -> None:  # the whole group: GNU time and the command under it
            fired.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout_s, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        for fh in (out, err):
            if hasattr(fh, "close"):
                fh.close()
    rss = int(usage.ru_maxrss)
    if rss_file is not None:
        text = rss_file.read_text().strip().splitlines()
        rss_file.unlink(missing_ok=True)
        # GNU time prints "Command exited with non-zero status N" before the figure.
        if text and text[-1].strip().isdigit():
            rss = int(text[-1].strip())
    return Run(round(wall, 4), rss, proc.returncode, fired.is_set())


def measure(
    label: str,
    cmd: list[str],
    *,
    env: dict[str, str],
    repeat: int,
    timeout_s: float = 60.0,
    budget_s: float = 30.0,
    scratch: Path,
    before_each=None,
    check=None,
) -> Measurement:
    """Run ``cmd`` up to ``repeat`` times; slow commands get fewer runs.

    The first run decides: past the time limit the command is reported as "> N s" and not run
    again; otherwise it runs as many times as fit in ``budget_s`` (at least once, at most
    ``repeat``). A run that fails (non-zero exit, or ``check(stdout, stderr)`` returning an
    error) makes the measurement "failed" with the first lines of its error output.
    """
    m = Measurement(label, timeout_s=timeout_s)
    out, err = scratch / "stdout.txt", scratch / "stderr.txt"
    n = repeat
    i = 0
    while i < n:
        if before_each:
            before_each(i)
        run = run_once(cmd, env=env, timeout_s=timeout_s, stdout=out, stderr=err)
        m.runs.append(run)
        if run.timed_out:
            m.status = "timeout"
            m.note = f"> {timeout_s:g} s"
            return m
        problem = None
        if run.returncode != 0:
            problem = _first_lines(err) or f"exit code {run.returncode}"
        elif check:
            problem = check(out.read_text(errors="replace"), err.read_text(errors="replace"))
        if problem:
            m.status = "failed"
            m.note = problem
            return m
        if i == 0 and run.wall_s > 0:
            n = max(1, min(repeat, int(budget_s / run.wall_s)))
            if n < repeat:
                m.note = f"{n} run{'s' if n > 1 else ''} (slow)"
        i += 1
    return m


def _first_lines(path: Path, limit: int = 2) -> str:
    text = path.read_text(errors="replace").strip() if path.exists() else ""
    lines = [line for line in text.splitlines() if line.strip()]
    # A traceback's last line says what went wrong.
    if lines and lines[0].startswith("Traceback"):
        return lines[-1][:200]
    return " / ".join(lines[:limit])[:200]
