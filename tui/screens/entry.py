"""One entry, every field, edited in place: the quick fields and the reflection.

Ctrl+S validates the changed fields with the same schema as the CLI (``EntryPatch``) and saves
them; errors appear next to their field. Escape goes back, asking first when there are unsaved
changes. The screen returns the saved entry (or None) so the list can update its row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Checkbox, Label

from journal.entry import BY_NAME, FIELDS, FLAG_COLUMNS
from journal.errors import JournalError
from journal.store import EntryRow
from journal.store.interface import JournalStore
from tui.access import journal_app
from tui.forms import FormError, check, parse_when_text, tag_marks
from tui.styles import ENTRY
from tui.widgets.key_hints import KeyHints
from tui.widgets.mode_bar import ModeBar
from tui.widgets.quick_fields import QUICK_NAMES, QuickFields
from tui.widgets.reflection import NAMES, form_value, read_widget, reflection_fields, write_widget
from tui.widgets.tag_picker import TagPicker

WHEN_FORMAT = "%Y-%m-%d %H:%M"
FLAG_TEXTS = {"flagged": "Flag for coaching", "private": "Private (never exported)"}
"""The checkboxes' words (another flag shows its label)."""


def entry_values(entry: EntryRow, zone: Any) -> dict[str, Any]:
    """An entry as the raw field values the form shows."""
    values = {spec.name: form_value(entry, spec) for spec in FIELDS}
    values["when"] = entry.occurred_at.astimezone(zone).strftime(WHEN_FORMAT)
    return values


class EntryScreen(Screen[EntryRow | None]):
    CSS_PATH = ENTRY
    AUTO_FOCUS = "#what"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="entry.save", priority=True),
        Binding("escape", "back", "Back", id="entry.back"),
    ]

    def __init__(self, entry_id: int, *, reflect: bool = False) -> None:
        super().__init__(id="entry")
        self.entry_id = entry_id
        self.reflect = reflect
        self._original: dict[str, Any] | None = None
        self._saved: EntryRow | None = None

    def compose(self) -> ComposeResult:
        yield ModeBar("browse", detail=f"Entry #{self.entry_id}")
        yield Label("Loading…", id="entry-heading")
        with VerticalScroll(id="entry-form"):
            yield QuickFields(id="quick", classes="in-entry")
            with Vertical(id="reflection"):
                yield Label("Reflection", classes="section-title")
                yield from reflection_fields()
                with Horizontal(classes="field-row"):
                    for name in FLAG_COLUMNS:
                        text = FLAG_TEXTS.get(name, BY_NAME[name].label)
                        yield Checkbox(text, id=name, compact=True)
                yield Label(id="reflection-error", classes="field-error", markup=False)
        yield KeyHints()

    @property
    def fields(self) -> QuickFields:
        return self.query_one(QuickFields)

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, group="entry-load")
    def _load(self) -> None:
        def read(store: JournalStore) -> tuple[EntryRow, list[Any], list[str]]:
            return store.get(self.entry_id), store.tag_catalogue(), store.recent_settings()

        try:
            entry, catalogue, settings = journal_app(self).backend.call(read)
        except JournalError as exc:
            self.app.call_from_thread(self._load_failed, str(exc))
            return
        self.app.call_from_thread(self._loaded, entry, catalogue, settings)

    def _load_failed(self, message: str) -> None:
        self.notify(message, severity="error", markup=False)
        self.dismiss(None)

    def _loaded(self, entry: EntryRow, catalogue: list[Any], settings: list[str]) -> None:
        self.query_one(TagPicker).set_catalogue(catalogue)
        self.fields.set_settings(settings)
        values = entry_values(entry, journal_app(self).zone)
        self._fill(values)
        self._original = self.values()
        self._heading(entry)
        target = "#situation" if self.reflect else "#what"
        self.query_one(target).focus()

    def _heading(self, entry: EntryRow) -> None:
        state = "reflected" if entry.reflected else "not reflected yet"
        trashed = " · in the trash" if entry.trashed_at else ""
        self.query_one("#entry-heading", Label).update(f"Entry #{entry.id} · {state}{trashed}")

    def _fill(self, values: dict[str, Any]) -> None:
        self.fields.load(values)
        for name in (*NAMES, *FLAG_COLUMNS):
            write_widget(self.query_one(f"#{name}"), values[name])

    def values(self) -> dict[str, Any]:
        data = self.fields.values()
        for name in (*NAMES, *FLAG_COLUMNS):
            data[name] = read_widget(self.query_one(f"#{name}"))
        return data

    def changes(self) -> dict[str, Any]:
        """The fields that differ from the entry as loaded (raw values)."""
        if self._original is None:
            return {}
        now = self.values()
        return {name: value for name, value in now.items() if value != self._original[name]}

    # ----------------------------------------------------------------- saving

    def action_save(self) -> None:
        self.fields.clear_errors()
        self._reflection_error("")
        changes = self.changes()
        if not changes:
            self.notify("Nothing to save: no field has changed.")
            return
        try:
            patch = self._patch(changes)
        except FormError as exc:
            self._show_error(exc)
            return
        self._save(patch)

    def _patch(self, changes: dict[str, Any]) -> Any:
        data = dict(changes)
        if "tags" in data:
            data["tags"] = tag_marks(data["tags"])
        if "when" in data:
            at = parse_when_text(data.pop("when"), journal_app(self).zone)
            if at is not None:
                data["occurred_at"] = at
        from journal.schemas import EntryPatch  # the validation layer, when saving

        return check(EntryPatch, data)

    def _show_error(self, exc: FormError) -> None:
        if exc.field in QUICK_NAMES:
            self.fields.show_error(exc.field, exc.message)
        else:
            self._reflection_error(exc.message)
            for widget in self.query(f"#{exc.field}"):
                widget.focus()

    def _reflection_error(self, message: str) -> None:
        label = self.query_one("#reflection-error", Label)
        label.update(message)
        label.set_class(bool(message), "-shown")

    @work(thread=True, group="entry-save")
    def _save(self, patch: Any) -> None:
        try:
            entry = journal_app(self).backend.call(lambda store: store.update(self.entry_id, patch))
        except JournalError as exc:
            self.app.call_from_thread(self._show_error, FormError("form", str(exc)))
            return
        self.app.call_from_thread(self._after_save, entry)

    def _after_save(self, entry: EntryRow) -> None:
        self._saved = entry
        self._original = self.values()
        self._heading(entry)
        self.notify(f"Saved #{entry.id}")

    def unsaved(self) -> str | None:
        """Changes not saved yet (the app asks before quitting; see HoldsUnsaved)."""
        return f"your changes to #{self.entry_id}" if self.changes() else None

    def save_unsaved(self) -> bool:
        """Save the changes now, on the calling thread: the app is about to quit."""
        self.fields.clear_errors()
        self._reflection_error("")
        changes = self.changes()
        if not changes:
            return True
        try:
            patch = self._patch(changes)
            entry = journal_app(self).backend.call(lambda store: store.update(self.entry_id, patch))
        except FormError as exc:
            self._show_error(exc)
            return False
        except JournalError as exc:
            self._show_error(FormError("form", str(exc)))
            return False
        self._after_save(entry)
        return True

    # ----------------------------------------------------------------- leaving

    def action_back(self) -> None:
        self.leave()

    def leave(self, then: Callable[[], object] | None = None) -> None:
        """Back to the list, asking first when there are unsaved changes; ``then`` runs once
        the entry is closed (the app's keys for the other places go through here)."""

        def close() -> None:
            self.dismiss(self._saved)
            if then is not None:
                then()

        if not self.changes():
            close()
            return
        from tui.dialogs.confirm import ConfirmDialog

        def answered(discard: bool | None) -> None:
            if discard:
                close()

        question = f"Discard your unsaved changes to #{self.entry_id}?"
        self.app.push_screen(ConfirmDialog(question, yes="Discard", no="Keep editing"), answered)
