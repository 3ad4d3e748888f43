"""Browse: entries newest first, a page at a time, with filters, search, the trash and undo.

Only the rows the user scrolls to are read: a page of 50, and the next one when the cursor (or
the scroll position) comes near the end, so the screen opens as fast with 100,000 entries as
with 10. Every query runs in a thread worker; a generation number drops answers to filters the
user has already changed.
"""

from __future__ import annotations

from typing import Any

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Label

from journal.errors import InputError, JournalError
from journal.store import EntryRow
from journal.store.interface import JournalStore
from journal.values import EntryFilter
from tui.access import journal_app
from tui.forms import FormError
from tui.widgets.entry_list import EntryList
from tui.widgets.entry_rows import column_widths, columns, row_cells
from tui.widgets.filter_bar import FilterBar, filter_data
from tui.widgets.key_hints import KeyHints
from tui.widgets.mode_bar import ModeBar

PAGE = 50
LOAD_AHEAD = 10
"""Load the next page when the cursor is this close to the last loaded row."""


def plural(count: int, word: str) -> str:
    return word if count == 1 else ("entries" if word == "entry" else word + "s")


class BrowseScreen(Screen[None]):
    AUTO_FOCUS = "#entries"
    BINDINGS = [
        Binding("e", "open(True)", "Edit", id="browse.edit"),
        Binding("delete,d", "trash", "Trash", id="browse.trash"),
        Binding("u", "undo", "Undo", id="browse.undo"),
        Binding("r", "restore", "Restore", id="browse.restore"),
        Binding("P", "purge", "Purge", id="browse.purge"),
        Binding("slash", "focus_filter('search')", "Search", id="browse.search"),
        Binding("t", "focus_filter('tag')", "Tag", id="browse.tag"),
        Binding("s", "focus_filter('setting')", "Setting", show=False, id="browse.setting"),
        Binding("w", "focus_filter('week')", "Week", show=False, id="browse.week"),
        Binding("f", "toggle_filter('flagged')", "Flagged", id="browse.flagged"),
        Binding("i", "toggle_filter('unreflected')", "Unreflected", show=False, id="browse.inbox"),
        Binding("T", "toggle_trash", "Trash view", id="browse.trash-view"),
        Binding("x", "export", "Export", show=False, id="browse.export"),
        Binding("I", "app.import_file", "Import", show=False, id="browse.import"),
    ]

    def __init__(self) -> None:
        super().__init__(id="browse")
        self._generation = 0
        self._cursor: str | None = None
        self._loading = False
        self._filter: EntryFilter = EntryFilter()
        self._matches = 0
        self._total = 0
        self._undo: list[int] = []
        self._back_from_entry = False
        self._shown = False
        self._widths: dict[str, int] = {}
        self._entries: dict[int, EntryRow] = {}
        """The entries of the loaded rows, by id: their cells are built again for a new width."""

    def compose(self) -> ComposeResult:
        yield ModeBar("browse")
        yield FilterBar(id="filters")
        yield EntryList(id="entries")
        yield Label("", id="browse-empty")
        yield KeyHints()

    @property
    def table(self) -> EntryList:
        return self.query_one(EntryList)

    @property
    def filters(self) -> FilterBar:
        return self.query_one(FilterBar)

    @property
    def reading(self) -> bool:
        """True while a page of the list is being read (as ``ReviewScreen.reading``)."""
        return self._loading

    @property
    def listed_filter(self) -> EntryFilter:
        """The filter the listed rows follow; ``x`` (export) starts from it."""
        return self._filter

    @property
    def more_to_read(self) -> bool:
        """True while further rows wait to be read as the list scrolls down."""
        return self._cursor is not None

    def on_mount(self) -> None:
        table = self.table
        self._fit_columns(self.app.size.width)
        self.watch(table, "scroll_y", self._scrolled, init=False)
        table.focus()
        self._load_suggestions()

    def _fit_columns(self, width: int) -> None:
        """Columns for this terminal width, and the loaded rows cut to them again if they change."""
        widths = column_widths(width)
        if widths == self._widths:
            return
        self._widths = widths
        self.table.set_columns(columns(widths), lambda key: self._cells(self._entries[key]))

    def on_resize(self, event: events.Resize) -> None:
        self._fit_columns(event.size.width)

    def on_screen_suspend(self) -> None:
        self._shown = False

    def on_screen_resume(self) -> None:
        self._fit_columns(self.app.size.width)  # the terminal may have changed meanwhile
        if self._shown:
            return  # shown already: one reload is enough
        self._shown = True
        if self._back_from_entry:
            self._back_from_entry = False
            return
        self.reload()

    def show(self, what: str) -> None:
        """For the palette: "search" focuses the search field, "trash" opens the trash."""
        if what == "search":
            self.action_focus_filter("search")
        elif what == "trash" and not self.filters.trash:
            self.filters.toggle_trash()
        else:
            self.table.focus()

    # ----------------------------------------------------------------- loading

    def reload(self) -> None:
        """Read the filters and start again from the first page."""
        try:
            data = filter_data(
                self.filters.raw(), journal_app(self).zone, journal_app(self).settings.week_start
            )
            flt = EntryFilter(**data)
        except FormError as exc:
            self.filters.show_error(exc.message)
            return
        except InputError as exc:
            self.filters.show_error(str(exc))
            return
        self.filters.show_error("")
        self._filter = flt
        self._generation += 1
        self._cursor = None
        self._loading = True
        self.refresh_bindings()
        try:
            page = journal_app(self).backend.call_now(lambda store: store.list(flt, limit=PAGE))
        except JournalError as exc:
            self._failed(self._generation, str(exc))
            return
        if page is None:
            self._load(self._generation, flt, None, True)
        else:
            self._loaded(self._generation, page, True)
            self._count(self._generation, flt)

    def _load_more(self) -> None:
        if self._loading or self._cursor is None:
            return
        self._loading = True
        self._load(self._generation, self._filter, self._cursor, False)

    @work(thread=True, group="browse-load")
    def _load(self, generation: int, flt: EntryFilter, cursor: str | None, fresh: bool) -> None:
        try:
            page = journal_app(self).backend.call(
                lambda store: store.list(flt, limit=PAGE, cursor=cursor)
            )
        except JournalError as exc:
            self.app.call_from_thread(self._failed, generation, str(exc))
            return
        self.app.call_from_thread(self._loaded, generation, page, fresh)
        if fresh:
            self._count(generation, flt)

    @work(thread=True, group="browse-count")
    def _count(self, generation: int, flt: EntryFilter) -> None:
        """The counts come after the page, so the rows never wait for a count."""

        def counts(store: JournalStore) -> tuple[int, int]:
            return store.count(flt), store.count(EntryFilter(trashed=flt.trashed))

        try:
            totals = journal_app(self).backend.call(counts)
        except JournalError as exc:
            self.app.call_from_thread(self._failed, generation, str(exc))
            return
        self.app.call_from_thread(self._counted, generation, totals)

    def _counted(self, generation: int, totals: tuple[int, int]) -> None:
        if generation == self._generation:
            self._matches, self._total = totals
            self._show_count()

    def _failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._loading = False
            self.notify(message, severity="error", markup=False)

    def _loaded(self, generation: int, page: Any, fresh: bool) -> None:
        if generation != self._generation:
            return
        table = self.table
        if fresh:
            table.clear()
            self._entries.clear()
        self._entries.update((entry.id, entry) for entry in page.entries)
        table.add_rows((entry.id, self._cells(entry)) for entry in page.entries)
        self._cursor = page.next_cursor
        self._loading = False
        self._show_count()
        self.refresh_bindings()
        if self._cursor and table.row_count < table.size.height + LOAD_AHEAD:
            self._load_more()

    def _cells(self, entry: EntryRow) -> tuple[str, ...]:
        return row_cells(entry, self._widths, journal_app(self).zone)

    def _show_count(self) -> None:
        where = "in the trash" if self._filter.trashed else plural(self._total, "entry")
        if self._matches == self._total:
            self.filters.set_count(f"{self._total} {where}")
        else:
            self.filters.set_count(f"{self._matches} of {self._total} {where}")
        empty = self.query_one("#browse-empty", Label)
        if self.table.row_count:
            empty.update("")
            empty.remove_class("-shown")
            return
        if self._total == 0 and not self._filter.trashed:
            empty.update("No entries yet: press ctrl+n to capture the first one.")
        elif self._filter.trashed:
            empty.update("The trash is empty.")
        else:
            empty.update("Nothing matches these filters.")
        empty.add_class("-shown")

    @work(thread=True, group="browse-suggest")
    def _load_suggestions(self) -> None:
        def read(store: JournalStore) -> tuple[list[str], list[str]]:
            return [t.slug for t in store.tag_catalogue()], store.recent_settings()

        try:
            slugs, settings = journal_app(self).backend.call(read)
        except JournalError:
            return
        self.app.call_from_thread(self.filters.set_tags, slugs)
        self.app.call_from_thread(self.filters.set_settings, settings)

    # ----------------------------------------------------------------- paging triggers

    def on_entry_list_highlighted(self, event: EntryList.Highlighted) -> None:
        if event.row >= self.table.row_count - LOAD_AHEAD:
            self._load_more()

    def _scrolled(self, value: float) -> None:
        table = self.table
        if value >= table.max_scroll_y - LOAD_AHEAD:
            self._load_more()

    # ----------------------------------------------------------------- filters

    def on_filter_bar_changed(self, event: FilterBar.Changed) -> None:
        self.reload()

    def on_filter_bar_done(self, event: FilterBar.Done) -> None:
        self.table.focus()

    def action_focus_filter(self, name: str) -> None:
        self.query_one(f"#f-{name}", Input).focus()

    def action_toggle_filter(self, name: str) -> None:
        """The flagged and unreflected switches, one key each instead of a walk to the bar."""
        box = self.query_one(f"#f-{name}", Checkbox)
        box.value = not box.value

    def action_toggle_trash(self) -> None:
        self.filters.toggle_trash()

    def action_export(self) -> None:
        """Export the week or days the list is filtered to (this week when it is not)."""
        from tui.dialogs.export import ExportDialog
        from tui.dialogs.export_options import range_from_bounds

        flt, app = self._filter, journal_app(self)
        chosen = None
        if flt.start is not None and flt.end is not None:
            chosen = range_from_bounds(flt.start, flt.end, app.zone, app.settings.week_start)
        app.push_screen(ExportDialog(chosen, only_flagged=bool(flt.flagged)))

    # ----------------------------------------------------------------- entries

    def _current_id(self) -> int | None:
        return self.table.cursor_key

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted or not self.query(EntryList):
            return action not in ("restore", "purge", "undo")
        in_trash = self._filter.trashed
        if action in ("restore", "purge"):
            return in_trash and self.table.row_count > 0
        if action == "trash":
            return not in_trash and self.table.row_count > 0
        if action == "open":
            return self.table.row_count > 0
        if action == "undo":
            return bool(self._undo) and not in_trash
        return True

    def on_entry_list_selected(self, event: EntryList.Selected) -> None:
        event.stop()
        self.action_open()

    def action_open(self, reflect: bool = False) -> None:
        entry_id = self._current_id()
        if entry_id is None:
            return
        from tui.screens.entry import EntryScreen

        self._back_from_entry = True
        self.app.push_screen(EntryScreen(entry_id, reflect=reflect), self._entry_closed)

    def _entry_closed(self, entry: EntryRow | None) -> None:
        if entry is not None and self.table.update_row(entry.id, self._cells(entry)):
            self._entries[entry.id] = entry

    def action_trash(self) -> None:
        entry_id = self._current_id()
        if entry_id is not None:
            self._change(entry_id, "trash")

    def action_undo(self) -> None:
        if self._undo:
            self._change(self._undo.pop(), "undo")

    def action_restore(self) -> None:
        entry_id = self._current_id()
        if entry_id is not None:
            self._change(entry_id, "restore")

    def action_purge(self) -> None:
        entry_id = self._current_id()
        if entry_id is None:
            return
        from tui.dialogs.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self._change(entry_id, "purge")

        question = f"Purge #{entry_id} for good? This cannot be undone."
        self.app.push_screen(ConfirmDialog(question, yes="Purge"), answered)

    @work(thread=True, group="browse-change")
    def _change(self, entry_id: int, how: str) -> None:
        def change(store: JournalStore) -> None:
            if how == "trash":
                store.trash(entry_id)
            elif how == "purge":
                store.purge(entry_id)
            else:
                store.restore(entry_id)

        try:
            journal_app(self).backend.call(change)
        except JournalError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self._changed, entry_id, how)

    def _changed(self, entry_id: int, how: str) -> None:
        if how == "undo":
            self.notify(f"Restored #{entry_id}.")
            self.reload()
            return
        self.table.remove_row(entry_id)
        self._entries.pop(entry_id, None)
        self._matches = max(0, self._matches - 1)
        self._total = max(0, self._total - 1)
        self._show_count()
        self.refresh_bindings()
        if how == "trash":
            self._undo.append(entry_id)
            self.notify(f"Moved #{entry_id} to the trash — press u to undo", timeout=8)
        elif how == "restore":
            self.notify(f"Restored #{entry_id}.")
        else:
            self.notify(f"Purged #{entry_id} for good.")
