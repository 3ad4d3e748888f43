"""Time ``make demo`` from the command's start until the capture form is on screen.

``python -m benchmarks.demo_start [--repeat N]`` runs, in alternating rounds (so that the load
of the machine falls on all of them alike), after one warm-up round:

- ``make demo``: ``make -s demo`` as a user runs it (the form at once, the month written by the
  app's opening worker into a copy of the template journal);
- ``build, then the app``: the recipe ``make demo`` had before, writing the demo journal with
  ``python -m journal.demo`` and then starting the app on it;
- ``the app alone``: the app on a demo journal written beforehand.

Each runs in a private tmux server at 120x40 and the screen is read as in the TUI benchmark:
the clock starts in the shell just before the command and stops when "What happened" is drawn,
and again when ctrl+b (pressed once the form is drawn) lists the newest demo entry, i.e. when
the demo is there to look at. Each app is closed with ctrl+q, so ``make demo`` removes its
temporary folder as after a user's run.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.tui_bench import FORM_MARKER, Tmux, _read_start, _summary, _wait_for

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"


def newest_what() -> str:
    """The start of the newest demo entry's text, which browse lists first."""
    from journal.demo import SCENES

    return SCENES[-1].what[:24]


def commands(ready: Path) -> dict[str, str]:
    python, app = shlex.quote(str(BIN / "python")), shlex.quote(str(BIN / "service-journal"))
    return {
        "make demo": "exec make -s demo",
        "build, then the app": (
            f'dir=$(mktemp -d) && {python} -m journal.demo "$dir/demo.db" >/dev/null && '
            f'{app} --db "$dir/demo.db"; rm -rf "$dir"'
        ),
        "the app alone": f"exec {app} --db {shlex.quote(str(ready))}",
    }


def one_run(
    tmux: Tmux, name: str, start_file: Path, marker: str, timeout_s: float
) -> tuple[float, float]:
    seen, screen = _wait_for(tmux, name, lambda s: FORM_MARKER in s, timeout_s)
    started = _read_start(start_file)
    if seen is None or started is None:
        raise RuntimeError(f"form not seen in {timeout_s:g} s ({_summary(screen)})")
    tmux("send-keys", "-t", name, "C-b")
    listed, screen = _wait_for(tmux, name, lambda s: marker in s, timeout_s)
    if listed is None:
        raise RuntimeError(f"demo entries not listed ({_summary(screen)})")
    tmux("send-keys", "-t", name, "C-q")
    return seen - started, listed - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    tmux = Tmux(f"sjdemo-{os.getpid()}")
    marker = newest_what()
    results: dict[str, tuple[list[float], list[float]]] = {}
    subprocess.run(["make", "-s", str(ROOT / ".venv" / "demo-template.db")], cwd=ROOT, check=True)
    with tempfile.TemporaryDirectory() as scratch:
        ready = Path(scratch) / "ready.db"
        subprocess.run([BIN / "python", "-m", "journal.demo", ready], check=True, cwd=ROOT)
        start_file = Path(scratch) / "start.txt"
        try:
            tmux("new-session", "-d", "-s", "keep", "-x", "120", "-y", "40", "sleep 100000")
            for round_ in range(args.repeat + 1):
                for label, command in commands(ready).items():
                    start_file.unlink(missing_ok=True)
                    shell = (
                        f"cd {shlex.quote(str(ROOT))}; "
                        f"date +%s.%N > {shlex.quote(str(start_file))}; {command}"
                    )
                    name = f"run{round_}-{len(results)}-{label[:4]}"
                    tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", shell)
                    try:
                        form, listed = one_run(tmux, name, start_file, marker, 15.0)
                    finally:
                        time.sleep(0.3)
                        tmux("kill-session", "-t", name, check=False)
                    if round_:  # the first round warms the file cache and bytecode
                        forms, lists = results.setdefault(label, ([], []))
                        forms.append(form)
                        lists.append(listed)
        finally:
            tmux.kill()
    for label, (forms, lists) in results.items():
        print(f"{label}: form drawn {_stat(forms)}; demo entries listed {_stat(lists)}")
    return 0


def _stat(values: list[float]) -> str:
    return (
        f"{statistics.median(values):.3f} s ({min(values):.3f}-{max(values):.3f}, "
        f"{len(values)} runs)"
    )


if __name__ == "__main__":
    sys.exit(main())
