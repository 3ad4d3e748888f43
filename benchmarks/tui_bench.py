"""TUI timings from a real terminal: the app runs in tmux and the benchmark reads the screen.

Nothing inside the app is short-cut. Each run starts the app in a detached tmux session
(120x40) through ``sh -c 'date +%s.%N > START; exec env ... service-journal --db DB'``, so the
clock starts when the app's process starts (not when tmux does) and the pane's process is the app
itself. The benchmark then polls ``tmux capture-pane -p`` (about every 10 ms) and records:

- form drawn: the capture form's "What happened" label is on screen;
- key shown: a distinctive character, sent with ``tmux send-keys`` as soon as the form is seen,
  appears on screen (this is "accepts a keystroke": the time counts from process start);
- whole form: the form's last field ("What I would do differently") is on screen too, from
  process start (the app draws "What happened" first and mounts the other fields just after);
- browse: ctrl+b pressed (at once, or ``settle_s`` after the key) until the newest entry's text
  is on screen;
- review: ctrl+r pressed until the review is shown with its figures: the current week's label
  (e.g. 2026-W48) and the streak line ("... in a row: N"), which is drawn only once the week's
  review has been read (the label alone is drawn before).

A marker not seen within the time limit is reported "n/a" with what was on screen instead. The
app's peak memory is read from ``/proc/PID/status`` (VmHWM) at the end of each run.
"""

from __future__ import annotations

import itertools
import os
import re
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

_SERVERS = itertools.count()
KEY = "Q"
POLL_S = 0.010
FORM_MARKER = "What happened"
WHOLE_FORM_MARKER = "What I would do differently"
"""The form's last field: the app draws "What happened" first and the other fields right after."""
REVIEW_LOADED = "in a row:"
"""Part of the review header's streak line, drawn once the week's review has been read."""


@dataclass
class TuiCase:
    label: str
    db: Path
    entries: int
    newest_what: str | None = None
    steps: tuple[str, ...] = ("capture",)
    app: list[str] | None = None
    """Another program to time instead of the app (the Textual floor)."""
    whole_form: bool = True
    """Whether to wait for the whole capture form too (the floor has one field only)."""
    settle_s: float = 0.0
    """Seconds to wait after the key is shown before ctrl+b: 0 presses it at once, while the
    app is still loading its database layer in the background; a pause shows the screens' own
    cost once start-up is over."""


@dataclass
class TuiResult:
    label: str
    entries: int
    samples: dict[str, list[float]] = field(default_factory=dict)
    rss_mb: list[float] = field(default_factory=list)
    status: dict[str, str] = field(default_factory=dict)

    def stat(self, step: str) -> tuple[float, float, float] | None:
        values = self.samples.get(step) or []
        if not values:
            return None
        return statistics.median(values), min(values), max(values)

    def merge(self, other: TuiResult) -> None:
        """Add another run's samples; a step that failed there stays reported as failed."""
        for step, values in other.samples.items():
            self.samples.setdefault(step, []).extend(values)
        self.rss_mb.extend(other.rss_mb)
        for step, status in other.status.items():
            if status != "ok" or step not in self.status:
                self.status[step] = status

    def to_json(self) -> dict:
        return {
            "label": self.label,
            "entries": self.entries,
            "samples": self.samples,
            "rss_mb": self.rss_mb,
            "status": self.status,
            "median_s": {k: (self.stat(k) or (None,))[0] for k in self.samples},
        }


class Tmux:
    """A private tmux server (its own socket) so the user's sessions are never touched."""

    def __init__(self, socket: str) -> None:
        self.base = ["tmux", "-L", socket, "-f", "/dev/null"]

    def __call__(self, *args: str, check: bool = True) -> str:
        result = subprocess.run([*self.base, *args], capture_output=True, text=True)
        if check and result.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def screen(self, target: str) -> str:
        return self("capture-pane", "-p", "-t", target, check=False)

    def kill(self) -> None:
        self("kill-server", check=False)


def available() -> str | None:
    """None when tmux can be used, else why not."""
    if shutil.which("tmux") is None:
        return "tmux is not installed"
    return None


def _wait_for(tmux: Tmux, target: str, found, timeout_s: float) -> tuple[float | None, str]:
    """Poll the screen until ``found(text)``; the time it was seen, or None and the last screen."""
    deadline = time.time() + timeout_s
    text = ""
    while time.time() < deadline:
        text = tmux.screen(target)
        if found(text):
            return time.time(), text
        time.sleep(POLL_S)
    return None, text


def _summary(screen: str) -> str:
    lines = [" ".join(line.split()) for line in screen.splitlines() if line.strip()]
    return " | ".join(lines[:3])[:160] or "(blank screen)"


def run_case(
    case: TuiCase,
    app: list[str],
    env: dict[str, str],
    *,
    repeat: int,
    week: str,
    scratch: Path,
    timeout_s: float = 10.0,
) -> TuiResult:
    result = TuiResult(case.label, case.entries)
    # A private server per case: a server just killed may still be exiting when the next starts.
    tmux = Tmux(f"sjbench-{os.getpid()}-{next(_SERVERS)}")
    start_file = scratch / "tui-start.txt"
    env_words = " ".join(
        f"{k}={shlex.quote(v)}"
        for k, v in env.items()
        if k in ("TZ", "SERVICE_JOURNAL_TZ", "HOME", "PATH", "LANG", "LC_ALL")
    )
    app_cmd = " ".join(shlex.quote(a) for a in [*(case.app or app), "--db", str(case.db)])
    shell = f"date +%s.%N > {shlex.quote(str(start_file))}; exec env {env_words} {app_cmd}"
    try:
        # A placeholder session keeps the server up between runs, so its start is not timed.
        tmux("new-session", "-d", "-s", "keep", "-x", "120", "-y", "40", "sleep 100000")
        # The first run is a warm-up (bytecode compiled after an edit, OS file cache): not kept.
        for i in range(repeat + 1):
            _clear_draft(case.db)
            start_file.unlink(missing_ok=True)
            name = f"run{i}"
            into = result if i else TuiResult(case.label, case.entries)
            tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", shell)
            try:
                if not _one_run(tmux, name, case, into, start_file, week, timeout_s):
                    result.status.update(into.status)
                    break
            finally:
                tmux("kill-session", "-t", name, check=False)
                time.sleep(0.2)
    finally:
        tmux.kill()
    return result


def _one_run(
    tmux: Tmux,
    name: str,
    case: TuiCase,
    result: TuiResult,
    start_file: Path,
    week: str,
    timeout_s: float,
) -> bool:
    seen, screen = _wait_for(tmux, name, lambda s: FORM_MARKER in s, timeout_s)
    started = _read_start(start_file)
    if seen is None or started is None:
        result.status["capture"] = f"n/a: form not seen in {timeout_s:g} s ({_summary(screen)})"
        return False
    result.samples.setdefault("form", []).append(seen - started)
    before = screen.count(KEY)
    tmux("send-keys", "-t", name, "-l", KEY)
    shown, screen = _wait_for(tmux, name, lambda s: s.count(KEY) > before, timeout_s)
    if shown is None:
        result.status["capture"] = f"n/a: typed key not shown ({_summary(screen)})"
        return False
    result.samples.setdefault("capture", []).append(shown - started)
    result.status.setdefault("capture", "ok")
    if case.whole_form:
        whole, screen = _wait_for(tmux, name, lambda s: WHOLE_FORM_MARKER in s, timeout_s)
        if whole is None:
            result.status["capture"] = f"n/a: whole form not seen ({_summary(screen)})"
            return False
        result.samples.setdefault("form_whole", []).append(whole - started)
    pid = tmux("display-message", "-p", "-t", name, "#{pane_pid}", check=False).strip()
    if case.settle_s:
        time.sleep(case.settle_s)
    if "browse" in case.steps and case.newest_what:
        marker = case.newest_what[:24]
        pressed = time.time()
        tmux("send-keys", "-t", name, "C-b")
        seen, screen = _wait_for(tmux, name, lambda s: marker in s, timeout_s)
        if seen is None:
            result.status["browse"] = f"n/a: first page not seen ({_summary(screen)})"
        else:
            result.samples.setdefault("browse", []).append(seen - pressed)
            result.status.setdefault("browse", "ok")
    if "review" in case.steps:
        pressed = time.time()
        tmux("send-keys", "-t", name, "C-r")
        pattern = re.compile(rf"\b{re.escape(week)}\b")

        def review_shown(text: str) -> bool:
            return bool(pattern.search(text)) and REVIEW_LOADED in text

        seen, screen = _wait_for(tmux, name, review_shown, timeout_s)
        if seen is None:
            soon = "arrives soon" in screen
            why = "review screen not built yet" if soon else f"not seen ({_summary(screen)})"
            result.status["review"] = f"n/a: {why}"
        else:
            result.samples.setdefault("review", []).append(seen - pressed)
            result.status.setdefault("review", "ok")
    rss = _peak_rss_mb(pid)
    if rss is not None:
        result.rss_mb.append(rss)
    return True


def _read_start(path: Path) -> float | None:
    for _ in range(50):
        try:
            text = path.read_text().strip()
        except FileNotFoundError:
            text = ""
        if text:
            return float(text)
        time.sleep(0.01)
    return None


def _peak_rss_mb(pid: str) -> float | None:
    try:
        status = Path(f"/proc/{int(pid)}/status").read_text()
    except (OSError, ValueError):
        return None
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else None


def _clear_draft(db: Path) -> None:
    """The app autosaves what was typed as a draft; remove it so every run starts alike."""
    if not db.exists():
        return
    conn = sqlite3.connect(db, timeout=10)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "draft" in tables:
            conn.execute("DELETE FROM draft")
            conn.commit()
    finally:
        conn.close()
