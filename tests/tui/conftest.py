"""What every app test shares: a cursor that does not blink.

A focused field's cursor blinks on a half-second timer, so what a screenshot shows would depend
on how long the machine took to get there; under load a snapshot caught the cursor off. The tests
turn blinking off as each field mounts, which is the one thing about drawing they change.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from textual.widgets import Input, TextArea


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for widget in (Input, TextArea):
        mounted = widget._on_mount

        def on_mount(self: Any, event: Any, _mounted: Any = mounted) -> Any:
            self.cursor_blink = False
            return _mounted(self, event)

        monkeypatch.setattr(widget, "_on_mount", on_mount)
    yield
