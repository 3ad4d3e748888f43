"""The inbox: the week's entries not yet reflected on, each opened inline with enter."""

from __future__ import annotations

from datetime import tzinfo

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from journal.present import clip
from journal.store import EntryRow
from tui.widgets.review_lists import entry_label
from tui.widgets.review_reflect import ReflectForm
from tui.widgets.review_summary import OVERALL_CELLS

SHOWN = 50
"""At most this many inbox entries are listed; the next come in as these are reflected on."""


class InboxList(OptionList):
    BINDINGS = [Binding("enter", "select", "Reflect", id="review.reflect")]


class Inbox(Vertical):
    """The list, a line when it is empty, and the reflection form under the list.

    The form (two dozen widgets) is mounted the first time an entry is opened: most reviews are
    read before anything is reflected on, and every widget mounted makes the review slower to
    appear.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: dict[int, EntryRow] = {}
        self.zone: tzinfo | None = None

    def compose(self) -> ComposeResult:
        yield InboxList(id="inbox-list")
        yield Label("", id="inbox-empty")

    @property
    def listing(self) -> InboxList:
        return self.query_one(InboxList)

    @property
    def form(self) -> ReflectForm | None:
        """The reflection form, once an entry has been opened."""
        forms = self.query(ReflectForm)
        return forms.first() if forms else None

    def show_entries(self, entries: list[EntryRow], zone: tzinfo, any_entries: bool) -> None:
        self.zone = zone
        listed = entries[:SHOWN]
        self.entries = {e.id: e for e in listed}
        options = self.listing
        keep = options.highlighted
        options.set_options(Option(self._prompt(entry, zone), id=str(entry.id)) for entry in listed)
        if listed:
            options.highlighted = min(keep or 0, len(listed) - 1)
        options.display = bool(listed)
        note = self.query_one("#inbox-empty", Label)
        note.display = len(entries) != len(listed) or not entries
        if not entries:
            note.update(
                "Every entry of the week is reflected on."
                if any_entries
                else "No entries this week."
            )
        else:
            note.update(
                f"The first {SHOWN} of {len(entries)}: the next come in as you reflect on these."
            )

    @staticmethod
    def _prompt(entry: EntryRow, zone: tzinfo) -> Content:
        glyph, style = OVERALL_CELLS.get(entry.overall, OVERALL_CELLS[None])
        return Content.assemble(
            (f"{entry_label(entry, zone):<18}", "$text-muted"),
            (glyph, style),
            "  ",
            (f"{clip(entry.setting or '', 16):<16}", "$text-muted"),
            "  ",
            " ".join(entry.what.split()),
        )

    async def open_highlighted(self) -> None:
        option = self.listing.highlighted_option
        if option is None or option.id is None or self.zone is None:
            return
        form = self.form
        if form is None:
            form = ReflectForm(id="reflect")
            await self.mount(form)
        form.open(self.entries[int(option.id)], self.zone)

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        await self.open_highlighted()

    def on_reflect_form_closed(self, event: ReflectForm.Closed) -> None:
        if self.listing.display:
            self.listing.focus()
