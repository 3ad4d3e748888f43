"""Timings of `service-journal serve`: start to link printed, page opened to keys accepted.

Run with ``.venv/bin/python -m benchmarks.serve_bench [--repeat N]``; prints a Markdown table for
the "The app in a browser" part of docs/benchmarks.md (the *Reading* section, which ``make bench``
keeps). Needs Debian's Chromium at /usr/bin/chromium (``make test`` installs it).

- **Start to link.** Wall time from launching ``service-journal serve`` (a fresh process, an
  existing empty journal) to the line with the link being read from its output.
- **Page to keys.** In one headless Chromium, a fresh browser context per run (no cookie): from
  ``page.goto(link)`` to a word typed into the capture form being drawn back by the app, read
  from the websocket (the app's terminal output). The word is typed once the form's "What
  happened" has been drawn, so the figure includes the tab's app process starting and painting.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
URL = re.compile(r"(http://\S+/\?token=\S+)")
WORD = "Kestrel"


def start(db: Path) -> tuple[subprocess.Popen[str], str, float]:
    began = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "journal.cli", "--db", str(db), "serve"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    for line in process.stdout:
        if found := URL.search(line):
            return process, found[1], time.perf_counter() - began
    raise SystemExit("serve printed no link")


def stop(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=60)


def page_to_keys(browser: Any, url: str) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    screen: list[str] = []

    def watch(socket: Any) -> None:
        socket.on(
            "framereceived",
            lambda f: screen.append(f if isinstance(f, str) else f.decode("utf-8", "replace")),
        )

    page.on("websocket", watch)
    began = time.perf_counter()
    page.goto(url)
    wait_for(page, screen, "What happened")
    page.keyboard.insert_text(WORD)
    wait_for(page, screen, WORD)
    elapsed = time.perf_counter() - began
    context.close()
    return elapsed


def wait_for(page: Any, screen: list[str], text: str) -> None:
    """Until the app has drawn ``text`` (Playwright delivers frames while it waits)."""
    deadline = time.monotonic() + 60
    while text not in "".join(screen):
        if time.monotonic() > deadline:
            raise SystemExit(f"the app never drew {text!r}")
        page.wait_for_timeout(5)


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s ({min(values):.2f}–{max(values):.2f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    starts: list[float] = []
    pages: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "journal.db"
        subprocess.run(
            [sys.executable, "-m", "journal.cli", "--db", str(db), "list"],
            check=True,
            capture_output=True,
        )
        stop(start(db)[0])  # warm-up: bytecode compiled, files in the page cache
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox"] if os.geteuid() == 0 else []
            )
            process, url, _ = start(db)
            page_to_keys(browser, url)  # warm-up of the browser's caches
            stop(process)
            for _ in range(args.repeat):
                process, url, elapsed = start(db)
                starts.append(elapsed)
                pages.append(page_to_keys(browser, url))
                stop(process)
            browser.close()
    print("| measure | median (min–max) |")
    print("|---|---|")
    print(f"| `serve` start to link printed | {summary(starts)} |")
    print(f"| page opened to capture form accepting keys (Chromium) | {summary(pages)} |")
    print(f"\n{args.repeat} runs; load average {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
