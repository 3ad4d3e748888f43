"""``make demo``: the form is there before the demo month is, and the month arrives whole."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from tui_helpers import settle

from journal.config import Settings
from journal.db.template import make_template
from journal.demo import SCENES
from journal.store.interface import JournalStore
from tui.app import make_app
from tui.demo import DemoOpener, main
from tui.warm_up import HeldRest

DEMO_NOW = "2026-11-20T18:00"


class Gated(DemoOpener):
    """The demo's opener, held until the test lets it run: the form's paint cannot depend on
    how quickly the month is written."""

    def __init__(self, template: Path | None) -> None:
        super().__init__(template, 7, DEMO_NOW)
        self.gate = threading.Event()

    def __call__(self, settings: Settings, **options: Any) -> JournalStore:
        assert self.gate.wait(30)
        return super().__call__(settings, **options)


async def test_the_form_is_up_before_the_demo_is_written_then_the_month_is_there(
    tmp_path: Path,
) -> None:
    template = tmp_path / "template.db"
    make_template(template)
    path = tmp_path / "demo" / "demo.db"
    opener = Gated(template)
    settings = Settings(db=str(path), tz="Europe/Berlin")
    app = make_app(settings, keys=HeldRest(), autosave_every=None, opener=opener)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen is app.capture
        assert app.focused is not None and app.focused.id == "what"
        assert not app.backend.is_open and not path.exists()
        await pilot.press("C", "a")  # typing works while the month is written
        opener.gate.set()
        await settle(pilot, lambda: app.backend.is_open)
        store_count = app.backend.call(lambda store: store.count())
        now = app.backend.call(lambda store: store.now())
        await pilot.press("ctrl+b")
        await settle(pilot, lambda: app.browse is not None and app.screen is app.browse)
    assert store_count == len(SCENES)
    # Written into the past of the demo's "now", but what the user saves now has the real time.
    assert now > datetime(2026, 11, 21, tzinfo=UTC)


async def test_without_a_template_the_journal_is_made_the_ordinary_way(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    opener = Gated(tmp_path / "no-such-template.db")
    opener.gate.set()
    app = make_app(
        Settings(db=str(path), tz="Europe/Berlin"), keys=HeldRest(), autosave_every=None,
        opener=opener,
    )  # fmt: skip
    async with app.run_test() as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        assert app.backend.call(lambda store: store.count()) == len(SCENES)


def test_an_existing_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.db"
    path.write_bytes(b"keep me")
    assert main([str(path)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_bytes() == b"keep me"
