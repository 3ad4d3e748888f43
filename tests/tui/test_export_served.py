"""In a browser (`service-journal serve`) the export dialog says which machine gets the file."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from tui_helpers import app_for, settle

from tui.app import ServiceJournalApp
from tui.dialogs.export import ExportDialog


@pytest.mark.parametrize("in_browser", [True, False])
async def test_the_export_dialog_names_the_serving_computer_only_in_a_browser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_browser: bool
) -> None:
    monkeypatch.setattr(ServiceJournalApp, "is_web", property(lambda _app: in_browser))
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        app.push_screen(ExportDialog(folder=tmp_path))
        await settle(pilot, lambda: isinstance(app.screen, ExportDialog))
        notes = app.screen.query("#export-where")
        if in_browser:
            text = str(notes.first().render())
            assert socket.gethostname() in text
            assert "the computer serving this page" in text
        else:
            assert not notes
