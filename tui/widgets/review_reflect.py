"""The reflection fields of one entry, edited inline in the review's inbox.

The same fields as the entry screen's reflection (and its labels, imported from there): do
differently, situation / behaviour / impact, why, lesson, action item, left them. The form checks
the changed fields with ``EntryPatch`` (``tui.forms.check``) and posts ``Save``; the screen writes
them in a worker and answers with ``saved`` or ``show_error``.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, Static

from journal.entry import BY_NAME, Overall
from journal.present import tags_text
from journal.store import EntryRow
from tui.forms import FormError, check
from tui.widgets.reflection import NAMES, form_value, read_widget, reflection_fields, write_widget
from tui.widgets.review_lists import entry_label

FIELDS = ("differently", *NAMES)
"""The do-differently note (a quick field, but the first thing a reflection asks), then the
reflection's own fields."""


def reflection_values(entry: EntryRow) -> dict[str, Any]:
    """The reflection fields of ``entry`` as the form shows them."""
    return {name: form_value(entry, BY_NAME[name]) for name in FIELDS}


class ReflectForm(Vertical):
    """Hidden until ``open(entry)``; ctrl+s (the screen's) saves, escape closes."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="review.reflect-save"),
        Binding("escape", "close", "Close", id="review.reflect-close"),
    ]

    class Save(Message):
        def __init__(self, form: ReflectForm, entry_id: int, patch: Any) -> None:
            super().__init__()
            self.form = form
            self.entry_id = entry_id
            self.patch = patch

    class Closed(Message):
        def __init__(self, form: ReflectForm, entry_id: int | None) -> None:
            super().__init__()
            self.form = form
            self.entry_id = entry_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entry_id: int | None = None
        self._original: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        yield Static("", id="rf-heading")
        with Horizontal(classes="field-row"):
            yield Label("Differently", classes="field-label")
            yield Input(
                id="rf-differently", compact=True, placeholder="what I would have done instead"
            )
        yield from reflection_fields("rf-")
        yield Label("", id="rf-error", classes="field-error", markup=False)
        yield Label(
            "ctrl+s saves · escape closes · "
            "reflected once it has a do-differently note or a lesson",
            id="rf-hint",
        )

    # ----------------------------------------------------------------- opening

    @property
    def is_open(self) -> bool:
        return self.entry_id is not None

    def open(self, entry: EntryRow, zone: tzinfo) -> None:
        self.entry_id = entry.id
        overall = Overall.labels().get(entry.overall or "", "overall not set")
        facts = " · ".join(
            part
            for part in (entry_label(entry, zone), entry.setting, overall, tags_text(entry.tags))
            if part
        )
        self.query_one("#rf-heading", Static).update(
            Content.assemble((facts, "$text-muted"), "\n", (entry.what, "bold"))
        )
        values = reflection_values(entry)
        self._fill(values)
        self._original = self.values()
        self.show_error("")
        self.display = True
        first = "#rf-differently" if not values["differently"] else "#rf-situation"
        self.query_one(first).focus()
        self.call_after_refresh(self.scroll_visible, top=True)

    def close(self) -> None:
        entry_id = self.entry_id
        self.entry_id = None
        self._original = {}
        self.display = False
        self.post_message(self.Closed(self, entry_id))

    def _fill(self, values: dict[str, Any]) -> None:
        for name in FIELDS:
            write_widget(self.query_one(f"#rf-{name}"), values[name])

    def values(self) -> dict[str, Any]:
        return {name: read_widget(self.query_one(f"#rf-{name}")) for name in FIELDS}

    def changes(self) -> dict[str, Any]:
        if not self.is_open:
            return {}
        now = self.values()
        return {name: value for name, value in now.items() if value != self._original.get(name)}

    # ----------------------------------------------------------------- saving

    def request_save(self) -> bool:
        """Check the changed fields and post ``Save``; False when there was nothing to save."""
        if self.entry_id is None:
            return False
        if not self.changes():
            self.notify("Nothing to save: no field has changed.")
            return False
        patch = self.checked_patch()
        if patch is None:
            return False
        self.post_message(self.Save(self, self.entry_id, patch))
        return True

    def checked_patch(self) -> Any | None:
        """The changed fields as an ``EntryPatch``; None, with the error shown, if refused."""
        self.show_error("")
        try:
            from journal.schemas import EntryPatch  # the validation layer, when saving

            return check(EntryPatch, self.changes())
        except FormError as exc:
            self.show_error(exc.message, exc.field)
            return None

    def action_save(self) -> None:
        self.request_save()

    def saved(self, entry: EntryRow) -> None:
        """The save went through: the saved values become the new starting point."""
        if entry.id == self.entry_id:
            self._original = self.values()

    def show_error(self, message: str, field: str = "") -> None:
        label = self.query_one("#rf-error", Label)
        label.update(message)
        label.set_class(bool(message), "-shown")
        if field in FIELDS:
            self.query_one(f"#rf-{field}").focus()

    # ----------------------------------------------------------------- closing

    def action_close(self) -> None:
        if not self.changes():
            self.close()
            return
        from tui.dialogs.confirm import ConfirmDialog

        def answered(discard: bool | None) -> None:
            if discard:
                self.close()

        question = f"Discard your unsaved reflection on #{self.entry_id}?"
        self.app.push_screen(ConfirmDialog(question, yes="Discard", no="Keep editing"), answered)
