"""The command palette's entries, named "Area: action", each running one of the app's actions."""

from __future__ import annotations

COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("Entry: new", "Capture a new encounter", "switch('capture')"),
    ("Browse: all entries", "List entries, newest first", "browse"),
    ("Browse: search", "Find entries by a word in any text", "browse('search')"),
    ("Browse: trash", "Restore or purge deleted entries", "browse('trash')"),
    ("Review: this week", "The weekly review", "switch('review')"),
    ("Export: coaching document", "Write a week's notes for coaching to a file", "export"),
    (
        "Import: a file",
        "A phone note or an export, shown entry by entry before anything is written",
        "import_file",
    ),
    ("App: help", "Every key on every screen", "help"),
    ("App: theme", "Choose a theme, dark or light", "change_theme"),
    ("App: quit", "Quit, keeping unsaved typing as a draft", "quit"),
)
"""(title, help, action) for each palette command."""

WHEN_FAILED = ("App: quit",)
"""The only command offered while the error screen is up."""
