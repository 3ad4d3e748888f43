"""A ``Choice`` that always holds one of its values (the export's range kind and format)."""

from __future__ import annotations

from tui.widgets.choice import Choice


class OneOf(Choice):
    """Left/right or 1-9 choose; backspace and clicking the chosen value change nothing."""

    def validate_value(self, value: str | None) -> str | None:
        return self.value if value is None else value
