"""The export dialog's preview: the coaching document as Markdown, JSON or CSV as plain lines.

Only the beginning of a long export is shown (the Markdown widget lays out every block, which
takes a while for months of entries); a note under the preview says how much the file holds.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Markdown, Static

MARKDOWN_LINES = 150
PLAIN_LINES = 200


def head(text: str, limit: int) -> tuple[str, int]:
    """The first ``limit`` lines of ``text`` and the number of lines in all of it."""
    lines = text.splitlines()
    return "\n".join(lines[:limit]), len(lines)


class ExportPreview(VerticalScroll):
    """Scrolls with the arrow keys and page up/down once it has the focus."""

    def compose(self) -> ComposeResult:
        yield Markdown("", id="export-markdown", open_links=False)
        yield Static("", id="export-plain")

    def on_mount(self) -> None:
        self.border_title = "Preview"
        self.query_one("#export-plain").display = False

    async def show_markdown(self, text: str) -> int:
        """Show the document's beginning; returns how many lines are left out of the preview."""
        shown, total = head(text, MARKDOWN_LINES)
        self.query_one("#export-plain").display = False
        markdown = self.query_one(Markdown)
        markdown.display = True
        await markdown.update(shown)
        self.scroll_home(animate=False)
        return max(0, total - MARKDOWN_LINES)

    def show_plain(self, text: str) -> int:
        """Show the first lines as they are; returns how many lines are left out."""
        shown, total = head(text, PLAIN_LINES)
        self.query_one(Markdown).display = False
        plain = self.query_one("#export-plain", Static)
        plain.display = True
        plain.remove_class("-message")
        plain.update(Content(shown))
        self.scroll_home(animate=False)
        return max(0, total - PLAIN_LINES)

    def show_message(self, text: str) -> None:
        """A note in place of the preview (while it renders, or when the options are wrong)."""
        self.show_plain(text)
        self.query_one("#export-plain").add_class("-message")
