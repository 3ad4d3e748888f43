"""A process that converts a journal (encrypt or decrypt) and kills itself with SIGKILL part-way.

Usage: ``python _convert_worker.py DB OLD_KEY NEW_KEY KILL_AT``

Every Python and C call made during ``journal.db.cipher.convert`` is counted by a profile hook;
at call number KILL_AT the process sends itself SIGKILL, which no clean-up survives, exactly as
``kill -9`` from outside would, but at a chosen point instead of a timed one. KILL_AT 0 runs the
conversion to the end and prints how many calls it made and at which one the new file was renamed
into place, so the test can choose points on both sides of that moment.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from types import FrameType
from typing import Any


def main() -> int:
    db, old_key, new_key, kill_at = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    from journal.db.cipher import convert

    calls = 0
    renamed_at = 0

    def count(_frame: FrameType, event: str, arg: Any) -> None:
        nonlocal calls, renamed_at
        if event in ("call", "c_call"):
            calls += 1
            if event == "c_call" and arg is os.replace:
                renamed_at = calls
            if calls == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)

    sys.setprofile(count)
    try:
        convert(Path(db), old_key, new_key)
    finally:
        sys.setprofile(None)
    print(calls, renamed_at)
    return 0


if __name__ == "__main__":
    sys.exit(main())
