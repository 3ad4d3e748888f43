"""An unexpected error stops the app with one sentence and the frames it passed through: no
traceback with local variables, no exception message, nothing the user typed; the typing is
kept as the capture form's draft."""

from __future__ import annotations

import io
from datetime import tzinfo
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from tui_helpers import app_for, open_store, settle

from tui.crash import UnexpectedError

SECRET = "Manager shouted at Ms Example about her debt"


def printed(error: BaseException) -> str:
    """What the terminal shows for ``error`` when the app stops (Textual renders it so)."""
    console = Console(record=True, width=100, file=io.StringIO())
    console.print(error)
    return console.export_text()


async def test_an_error_in_a_worker_prints_no_user_text_and_keeps_the_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.screens.capture as capture

    def failing(values: dict[str, Any], zone: tzinfo) -> Any:
        entry_text = values["what"]  # a local that Textual's traceback would show
        raise ValueError(f"cannot take {entry_text!r}")

    monkeypatch.setattr(capture, "new_entry", failing)
    path = tmp_path / "j.db"
    app = app_for(path)
    with pytest.raises(UnexpectedError) as caught:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, lambda: app.backend.is_open)
            app.query_one("#what").value = SECRET  # type: ignore[attr-defined]
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            await pilot.pause()
    assert app.return_code == 1
    shown = printed(caught.value)
    assert "unexpected error (ValueError)" in shown
    assert "kept as a draft" in shown
    assert "capture.py" in shown or "test_crash.py" in shown  # where, for a bug report
    assert "Ms Example" not in shown and "entry_text" not in shown
    with open_store(path) as store:
        assert (store.load_draft() or {}).get("what") == SECRET
