"""One timed import into a journal made fresh for the run: ``python -m benchmarks.import_once
FILE DB PROGRAM...`` removes DB (and its -wal/-shm), then becomes ``PROGRAM --db DB import FILE``.

``exec`` keeps the process, so GNU time's peak memory is the import's own (this small Python start
is far below it), and every repeat imports into an empty journal instead of skipping everything
the first run added.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main(argv: list[str]) -> None:
    source, db, *program = argv
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    os.execv(program[0], [*program, "--db", db, "import", source])


if __name__ == "__main__":
    main(sys.argv[1:])
