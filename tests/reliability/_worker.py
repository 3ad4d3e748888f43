"""A writer process for the reliability tests: runs the real CLI's ``add`` in a loop, in-process.

Usage: ``python _worker.py DB PREFIX COUNT [STOP_FILE]``

Each add goes through ``journal.cli.main`` exactly as ``service-journal --db DB add TEXT`` would
(open, validate, one transaction, close), without paying the interpreter's start-up for every
entry. Standard output is line-buffered, so a line on the pipe means the add had finished and
printed its id. COUNT 0 means: add until STOP_FILE exists (checked between adds). The exit code is
0 only when every add returned 0; the CLI's own error messages go to standard error unchanged.
"""

from __future__ import annotations

import os
import sys


def main() -> int:
    db, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    stop_file = sys.argv[4] if len(sys.argv) > 4 else None
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]
    from journal.cli import main as cli

    failures = 0
    i = 0
    while True:
        if count and i >= count:
            break
        if not count and stop_file and os.path.exists(stop_file):
            break
        code = cli(["--db", db, "add", f"{prefix} {i}", "--setting", f"{prefix} setting"])
        if code != 0:
            failures += 1
        i += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
