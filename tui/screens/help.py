"""Every key on every screen (F1 or ? where no text field has the focus)."""

from __future__ import annotations

import textwrap

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Everywhere (single letters only where no text field has the focus)",
        [
            ("ctrl+n / n", "new entry (capture)"),
            ("ctrl+b / b", "browse and search"),
            ("ctrl+r / r", "weekly review"),
            ("f1 / ?", "this help"),
            ("ctrl+p", "command palette: Entry: new, Browse: search, Browse: trash, …"),
            ("ctrl+q", "quit (capture typing is kept as a draft; unsaved edits: asks)"),
            ("tab / shift+tab", "next / previous field"),
        ],
    ),
    (
        "Capture",
        [
            ("ctrl+s", "save the entry (from any field); the form clears for the next one"),
            ("f2", "show or hide the welcome (uses, main keys); over the form when narrow"),
            ("ctrl+z", "take a draft kept last time back out of the form"),
            ("enter", "next field"),
            ("→", "in Setting: accept the suggestion"),
            ("← →  1 2 3", "in Perspective and Overall: choose; backspace clears"),
            ("+word / -word", "in Tags: filter, the sign marks done well (+) or badly (-)"),
            ("↑ ↓", "in Tags: move in the list of matching tags"),
            ("enter", "in Tags: add the highlighted tag (again: remove it)"),
            ("backspace", "in an empty Tags field: remove the last chosen tag"),
            ("When", "now, today 14:30, yesterday 9am, 2h ago, 2026-11-20 14:30"),
        ],
    ),
    (
        "Browse (keys act when the list has the focus)",
        [
            ("enter", "open the entry to read (keys scroll; e there goes to the reflection)"),
            ("e", "open the entry to reflect on it (details, why, lesson)"),
            ("delete / d", "move the entry to the trash"),
            ("u", "undo the last move to the trash"),
            ("/", "search as you type"),
            ("t", "filter by tag: +tag, -tag, or tag for either"),
            ("s", "filter by setting"),
            ("w", "filter by week (2026-W47), day (2026-11-20) or range (2026-11-01..2026-11-30)"),
            ("f / i", "only flagged / only unreflected entries (again: all)"),
            ("T", "show the trash (again: back to the entries)"),
            ("r", "in the trash: restore the entry"),
            ("P", "in the trash: purge the entry for good (asks first)"),
            ("x", "export the filtered week or days (else this week) to a file"),
            ("I", "import a note or an export: every entry is shown before anything is written"),
            ("← →  1 2 3", "in the perspective and outcome filters: choose; backspace: any"),
            ("escape", "in a filter field: back to the list"),
            ("↑ ↓", "the previous / next entry"),
            ("pageup / pagedown", "a page up / down"),
            ("home / ctrl+home", "first row"),
            ("end / ctrl+end", "last loaded row (more load as you go)"),
            ("← →", "scroll the list sideways (when the window has become narrower)"),
            ("columns", "below 100 columns the tags give way to What happened (open the entry)"),
        ],
    ),
    (
        "Entry",
        [
            ("e", "to the reflection (Situation), where no text field has the focus"),
            ("↑ ↓  pageup / pagedown", "scroll, while reading"),
            ("tab", "into the fields (What happened first), down through the reflection"),
            ("ctrl+s", "save the changes"),
            ("escape", "back to the list (asks first if there are unsaved changes)"),
        ],
    ),
    (
        "Review (single letters act where no text field has the focus)",
        [
            ("[ / ]", "previous / next week"),
            ("t", "this week"),
            ("g", "go to a week: 2026-W47, or a date in it"),
            ("m", "mark the week reviewed (again: unmark it)"),
            ("i / a / c / f", "go to the inbox / action items / check-in / focus"),
            ("e", "show or hide the tags under each dimension"),
            ("w", "go to the trends of my own practice, week by week"),
            ("x", "export the reviewed week to a file (wherever the focus is)"),
            ("s", "record a coaching session: when, notes, agreements (one per line)"),
            ("enter", "in the inbox: reflect on the entry here, without leaving the review"),
            ("ctrl+s", "save the reflection (or the focus, or the questions for the coach)"),
            ("escape", "close the reflection (asks first if there are unsaved changes)"),
            ("escape", "in the focus or the questions: leave the field, so letter keys act"),
            ("d / n / o", "in the action items: done / dropped / carried over, then the next row"),
            ("u", "in the action items: undo the last decision (back to the state before)"),
            ("↑ ↓  ← →  1 2 3", "in the check-in: question / answer yes, partly, no"),
            ("1 2 3", "in the check-in: answer, then on to the next question"),
            ("backspace", "in the check-in: clear the answer"),
        ],
    ),
    (
        "Export (x in browse and the review, or Export: coaching document in the palette)",
        [
            ("← →  1-4", "in Range: this week / previous week / a week / from – to"),
            ("← →  1 2 3", "in Format: Markdown coaching document / JSON / CSV"),
            ("space", "in Entries: only those flagged for coaching"),
            ("File", "a full path, ~/name, or a name for the documents folder (else home)"),
            ("ctrl+s / enter", "write the file (enter in File); asks before replacing one"),
            ("tab", "to the preview: ↑ ↓ page up / page down scroll it"),
            ("escape", "close without writing"),
        ],
    ),
    (
        "Import (I in browse, or Import: a file in the palette)",
        [
            ("File", "the path to read (~ for the home folder); enter reads it, writing nothing"),
            ("← →  1-5", "in Format: from the name / note / JSON / CSV / jrnl"),
            ("ctrl+s / enter", "import the entries shown (enter on the Import button)"),
            ("tab", "to the entries read: ↑ ↓ page up / page down scroll them"),
            ("escape", "close without writing"),
        ],
    ),
    (
        "Dialogs",
        [
            ("enter / escape", "choose the focused button / cancel"),
            ("← →  tab", "move between the buttons"),
            ("y / n", "yes / no in a confirmation"),
        ],
    ),
]


HELP_WIDTH = 100
"""The panel's width in #help, at most 95% of the terminal's."""
FRAME = 6
"""The panel's border, padding and scrollbar: what its text does not get of its width."""


def key_lines(keys: list[tuple[str, str]], width: int) -> list[Content]:
    """A section's keys, their texts wrapped under the text rather than under the key.

    Textual wraps a long line back to the first column, which at 80 columns mixed the texts
    into the column of keys; the wrapping is done here, with a hanging indent.
    """
    key_width = max(len(key) for key, _ in keys)
    indent = key_width + 4
    lines: list[Content] = []
    for key, text in keys:
        wrapped = textwrap.wrap(text, max(20, width - indent)) or [""]
        lines.append(Content.assemble((f"  {key:<{key_width}}  ", "bold"), wrapped[0]))
        lines.extend(Content(" " * indent + more) for more in wrapped[1:])
    return lines


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,f1,question_mark", "close", "Close")]

    def compose(self) -> ComposeResult:
        width = min(HELP_WIDTH, self.app.size.width * 95 // 100) - FRAME
        with VerticalScroll(id="help"):
            yield Static("Keys", id="help-title")
            for section, keys in KEYS:
                titles = textwrap.wrap(section, width)
                lines = [Content.styled(title, "bold $text-accent") for title in titles]
                lines.extend(key_lines(keys, width))
                yield Static(Content("\n").join(lines), classes="help-section")

    async def on_resize(self) -> None:
        """Wrapped for the width it opened at: a new width wraps again."""
        await self.recompose()
        self.query_one("#help").border_title = "Help"
        self.query_one("#help").border_subtitle = "escape closes"

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Help"
        self.query_one("#help").border_subtitle = "escape closes"

    def action_close(self) -> None:
        self.dismiss(None)
