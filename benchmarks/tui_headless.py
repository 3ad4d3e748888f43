"""The app without a terminal: process start until the form is drawn and the journal is open.

    python benchmarks/tui_headless.py DB START_NS

Used where tmux cannot run (``benchmarks/encryption.py``): Textual's headless driver draws the
same screens, and the app opens the journal in its worker exactly as on a terminal. Prints two
lines of seconds since START_NS (the parent's ``time.time_ns()`` just before starting this
process): "form" once the capture form is mounted, "open" once the journal is open.
"""

from __future__ import annotations

import asyncio
import sys
import time


async def main(db: str, start_ns: int) -> None:
    from journal.config import Settings
    from tui.app import make_app

    app = make_app(Settings(db=db))
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.query("#what"):
            await pilot.pause(0.001)
        print(f"form {(time.time_ns() - start_ns) / 1e9:.4f}", flush=True)
        while not (app.backend.is_open or app.backend.error):
            await pilot.pause(0.001)
        if app.backend.error:
            raise SystemExit(app.backend.error)
        print(f"open {(time.time_ns() - start_ns) / 1e9:.4f}", flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
