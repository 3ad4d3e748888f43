"""What the import dialog shows of a previewed file: its formats, its counts, a row per record."""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from journal.entry import BY_NAME, Perspective
from journal.importers.files import format_from_name
from journal.present import choice_label, clip, short_when, tags_text

if TYPE_CHECKING:
    from journal.importers import Action, Planned, Preview

FORMAT_CHOICES: list[tuple[str, str]] = [
    ("auto", "from the name"),
    ("lines", "note"),
    ("json", "JSON"),
    ("csv", "CSV"),
    ("jrnl", "jrnl"),
]
"""The format choices: "from the name" reads .json and .csv as such, anything else as a note."""

COLUMNS = ("", "When", "What happened", "Setting", "Perspective", "Overall", "Tags")
"""What happened comes right after the time, so that it shows in a narrow window too."""
ACTION_WORDS: dict[Action, str] = {
    "add": "new",
    "update": "update",
    "unchanged": "same",
    "older": "older",
}
"""The first column: what importing does with the record."""
WHAT_WIDTH = 40
"""A record's text is cut here in its cell, so that the other columns show beside it."""


def format_for(name: str, chosen: str) -> str:
    """The format to read ``name`` in: the one chosen, else the name's, else a note.

    In the app a phone note is the usual file, and notes carry any name (``inbox.txt``,
    ``notes.md``, none), so a name that tells no format is read as a note; the preview shows
    what came of it before anything is written.
    """
    if chosen != "auto":
        return chosen
    return format_from_name(name) or "lines"


def cells(planned: Planned, zone: tzinfo) -> tuple[str, ...]:
    entry = planned.record.entry
    occurred = entry.occurred_at
    return (
        ACTION_WORDS[planned.action],
        short_when(occurred, zone) if occurred is not None else "",
        clip(entry.what, WHAT_WIDTH),
        clip(entry.setting or "", 24),
        Perspective.briefs().get(entry.perspective or "", ""),
        choice_label(BY_NAME["overall"], entry.overall) or "",
        clip(tags_text(list(entry.tags)), 60),
    )


def counts_text(preview: Preview) -> str:
    """``note.txt: 4 new · 1 updated · 12 unchanged · 0 skipped.``, the tags it creates and
    the reader's notes; skipped records are explained when there are any."""
    result = preview.result
    skipped = f"{result.older:,} skipped"
    if result.older:
        skipped += " (edited in the journal since: the journal's copy is kept)"
    parts = [
        f"{result.added:,} new",
        f"{result.updated:,} updated",
        f"{result.unchanged:,} unchanged",
        skipped,
    ]
    text = f"{Path(preview.batch.source).name}: " + " · ".join(parts) + "."
    if result.new_tags:
        text += f" New tags: {', '.join(result.new_tags)}."
    for note in preview.batch.notes:
        text += f" {note}"
    return text
