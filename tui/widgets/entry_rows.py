"""Browse's columns for a terminal width, and an entry's row of cells for those columns."""

from __future__ import annotations

from datetime import tzinfo

from journal.present import clip, overall_mark, short_when, tags_text
from journal.rows import EntryRow
from tui.widgets.entry_list import Column

COLUMNS = (
    ("when", "When"),
    ("setting", "Setting"),
    ("overall", "Ov"),
    ("tags", "Tags"),
    ("what", "What happened"),
)
WHEN_WIDTH = 21
"""Wide enough for short_when with a year (entries from other years)."""


def column_widths(screen_width: int) -> dict[str, int]:
    """Column widths for a terminal: What happened gets the room, the other columns give way.

    What happened is what a row is recognised by, so it keeps at least a third of the width or
    so: from 120 columns every column has its full width; below, setting and tags narrow; below
    100 the tags go first (they are in the open entry and the tag filter), then the setting.
    """
    if screen_width >= 120:
        widths = {"when": WHEN_WIDTH, "setting": 16, "overall": 2, "tags": 24}
    elif screen_width >= 100:
        widths = {"when": WHEN_WIDTH, "setting": 12, "overall": 2, "tags": 14}
    elif screen_width >= 80:
        widths = {"when": WHEN_WIDTH, "setting": 12, "overall": 2}
    else:
        widths = {"when": WHEN_WIDTH, "overall": 2}
    padding = 2 * (len(widths) + 1) + 2  # cell padding, and the scrollbar
    widths["what"] = max(20, screen_width - sum(widths.values()) - padding)
    return widths


def columns(widths: dict[str, int]) -> list[Column]:
    """The list's columns for these widths, left to right."""
    return [Column(title, widths[key]) for key, title in COLUMNS if key in widths]


def row_cells(entry: EntryRow, widths: dict[str, int], zone: tzinfo) -> tuple[str, ...]:
    """The row for an entry, in column order (only the columns these widths show).

    Plain text, never markup: an entry saying "[/]" or "[b]" is shown as typed.
    """
    cells = {
        "when": short_when(entry.occurred_at, zone),
        "setting": clip(entry.setting or "", widths.get("setting", 0)),
        "overall": overall_mark(entry.overall),
        "tags": clip(tags_text(entry.tags), widths.get("tags", 0)),
        "what": clip(("⚑ " if entry.flagged else "") + entry.what, widths["what"]),
    }
    return tuple(cells[key] for key, _ in COLUMNS if key in widths)
