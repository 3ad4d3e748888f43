"""A real browser: Debian's Chromium driven by Playwright against `service-journal serve`.

Chromium must be at /usr/bin/chromium (``make test`` installs it); without it these tests fail
rather than skip, since they are the only proof that the served app works in a browser. One
browser is launched for the module; the tests run in one worker group so it is launched once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from serve_helpers import Served, start_serve

CHROMIUM = Path("/usr/bin/chromium")
WAIT_S = 60.0
"""A failure guard, not a timing assertion: how long to wait for the app before giving up."""

pytestmark = pytest.mark.xdist_group("browser")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}; `make test` installs it.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox"] if os.geteuid() == 0 else [],
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One server for the module (each test writes entries of its own)."""
    running = start_serve(tmp_path_factory.mktemp("served") / "journal.db")
    yield running
    running.stop()


class Tab:
    """A browser tab on the served app, with what the app sent it (the terminal's output)."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.screen: list[str] = []
        page.on("websocket", self._watch)

    def _watch(self, socket: Any) -> None:
        socket.on("framereceived", self._received)

    def _received(self, frame: str | bytes) -> None:
        self.screen.append(frame if isinstance(frame, str) else frame.decode("utf-8", "replace"))

    def wait_for_text(self, text: str) -> None:
        """Until the app has drawn ``text``; Playwright delivers frames while it waits."""
        deadline = time.monotonic() + WAIT_S
        while text not in "".join(self.screen):
            assert time.monotonic() < deadline, f"the app never drew {text!r}"
            self.page.wait_for_timeout(20)


def journal_whats(db: Path) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "journal.cli", "--db", str(db), "list", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return [entry["what"] for entry in json.loads(result.stdout)["entries"]]


def test_an_entry_typed_in_chromium_and_saved_with_ctrl_s_is_in_the_journal(
    browser: Any, served: Served
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = Tab(context.new_page())
    response = tab.page.goto(served.url)
    assert response is not None and response.ok
    assert "token" not in tab.page.url  # moved into the cookie
    tab.wait_for_text("What happened")
    tab.page.keyboard.insert_text("Kestrel at the bank counter")
    tab.wait_for_text("Kestrel at the bank counter")
    tab.page.keyboard.press("Control+s")
    tab.wait_for_text("Saved #")
    assert "Kestrel at the bank counter" in journal_whats(served.db)
    context.close()


def test_two_tabs_and_the_terminal_share_the_journal_and_export_names_the_server(
    browser: Any, served: Served
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    first, second = Tab(context.new_page()), Tab(context.new_page())
    first.page.goto(served.url)
    second.page.goto(served.url.split("?")[0])  # the cookie from the first tab lets it in
    for tab, what in ((first, "First tab at the pharmacy"), (second, "Second tab at the bakery")):
        tab.wait_for_text("What happened")
        tab.page.bring_to_front()
        tab.page.keyboard.insert_text(what)
        tab.wait_for_text(what)
        tab.page.keyboard.press("Control+s")
        tab.wait_for_text("Saved #")
    subprocess.run(
        [sys.executable, "-m", "journal.cli", "--db", str(served.db), "add", "From the terminal"],
        check=True,
        capture_output=True,
    )
    first.page.bring_to_front()
    first.page.keyboard.press("Control+b")  # browse: the others' entries are there
    first.wait_for_text("From the terminal")
    first.wait_for_text("Second tab at the bakery")
    first.page.keyboard.press("x")  # export: the dialog says the file stays on the server
    first.wait_for_text("the computer serving this page")
    assert {"First tab at the pharmacy", "From the terminal", "Second tab at the bakery"} <= set(
        journal_whats(served.db)
    )
    context.close()


def test_without_the_token_the_browser_gets_403_and_no_journal(
    browser: Any, served: Served
) -> None:
    context = browser.new_context()
    page = context.new_page()
    for url in (f"{served.base}/", f"{served.base}/?token=not-the-token"):
        response = page.goto(url)
        assert response is not None and response.status == 403
        assert "Forbidden" in page.content()
        assert "What happened" not in page.content()
    context.close()
