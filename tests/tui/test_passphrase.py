"""An encrypted journal in the app: the passphrase is asked before its entries load."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from journal_templates import RAW_KEY
from textual.pilot import Pilot
from textual.widgets import Input
from tui_helpers import app_for, open_store, seed_sample, settle

from journal.db.cipher import convert
from journal.values import EntryFilter
from tui.dialogs.passphrase import PassphraseDialog
from tui.screens.error import ErrorScreen

PASS = "open sesame"
"""Typed into the dialog: a real passphrase, from which SQLCipher derives the key."""


async def until(pilot: Pilot, condition: Callable[[], bool], tries: int = 1000) -> None:
    """Poll for a state the opening worker reaches while it waits on the dialog.

    ``settle`` waits for workers to finish, which the opening worker does only once the dialog
    is answered, so this polls the condition alone.
    """
    for _ in range(tries):
        await pilot.pause()
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app did not reach the expected state")


def dialog_up(pilot: Pilot) -> Callable[[], bool]:
    return lambda: isinstance(pilot.app.screen, PassphraseDialog)


async def type_passphrase(pilot: Pilot, text: str) -> None:
    pilot.app.screen.query_one("#passphrase", Input).value = text
    await pilot.press("enter")


def encrypt_sample(folder: Path, key: str) -> Path:
    path = folder / "j.db"
    seed_sample(path)
    convert(path, "", key)
    return path


@pytest.fixture
def encrypted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample journal under a raw key: SQLCipher skips its slow key derivation for it."""
    monkeypatch.delenv("SERVICE_JOURNAL_PASSPHRASE", raising=False)
    return encrypt_sample(tmp_path, RAW_KEY)


async def test_a_wrong_passphrase_asks_again_and_the_right_one_opens_the_form(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SERVICE_JOURNAL_PASSPHRASE", raising=False)
    encrypted = encrypt_sample(tmp_path, PASS)
    before = encrypted.read_bytes()
    app = app_for(encrypted)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, dialog_up(pilot))
        assert not app.backend.is_open  # nothing of the journal is loaded yet
        assert app.focused is app.screen.query_one("#passphrase")
        await type_passphrase(pilot, "wrong guess")
        await until(pilot, lambda: bool(app.screen.query("#passphrase-wrong")))
        assert isinstance(app.screen, PassphraseDialog)
        assert encrypted.read_bytes() == before  # a wrong passphrase wrote nothing
        await type_passphrase(pilot, PASS)
        await settle(pilot, lambda: app.backend.is_open)
        assert not isinstance(app.screen, PassphraseDialog)
        app.query_one("#what", Input).value = "Typed into an encrypted journal"
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: "Saved #6" in str(app.query_one("#capture-status").render()))
    assert b"Typed into an encrypted journal" not in encrypted.read_bytes()
    monkeypatch.setenv("SERVICE_JOURNAL_PASSPHRASE", PASS)
    with open_store(encrypted) as store:
        whats = [e.what for e in store.list(EntryFilter()).entries]
    assert whats[0] == "Typed into an encrypted journal" and len(whats) == 6


async def test_giving_up_on_the_passphrase_shows_why_the_journal_is_closed(
    encrypted: Path,
) -> None:
    app = app_for(encrypted)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, dialog_up(pilot))
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, ErrorScreen))
        assert app.backend.error is not None and "encrypted" in app.backend.error


async def test_a_passphrase_from_the_environment_opens_without_asking(
    encrypted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SERVICE_JOURNAL_PASSPHRASE", RAW_KEY)
    app = app_for(encrypted)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        assert not isinstance(app.screen, PassphraseDialog)
