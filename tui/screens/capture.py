"""Quick capture: what `service-journal` opens. Typing works before the journal is even open.

The first paint shows "What happened" (with the focus in it) and the app's chrome; the form's
other fields are mounted right after it, a row at a time, so the first keys are taken while they
arrive (about 0.05 s on the development machine). A ctrl+s in those moments saves once they are in.

Nothing here imports the database layer at module level: the app opens the journal in a worker
after the first paint, and this screen's loader (another worker) waits for it, then fills in the
sticky setting and perspective, setting suggestions, the tag catalogue and any kept draft.
Saving before the journal is open simply waits for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, Label

from journal.errors import DatabaseError, JournalError
from tui.access import journal_app
from tui.forms import FormError, has_content, new_entry, require_what
from tui.widgets.key_hints import KeyHints
from tui.widgets.mode_bar import ModeBar
from tui.widgets.quick_fields import QuickFields
from tui.widgets.tag_picker import TagPicker
from tui.widgets.welcome import Welcome, WelcomeScreen

if TYPE_CHECKING:
    from journal.rows import EntryRow

WELCOME_MIN_WIDTH = 110

DRAFT_EVERY_S = 3.0


class CaptureScreen(Screen[None]):
    """The quick-capture form."""

    AUTO_FOCUS = "#what"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="capture.save", priority=True),
        Binding("f2", "toggle_welcome", "Welcome", id="capture.welcome", show=False),
        Binding("ctrl+z", "discard_draft", "Discard draft", id="capture.discard-draft"),
        # Priority so that focus moves before the next keys of a fast burst (a paste, a script)
        # are delivered: otherwise they would land in the field being left.
        Binding("tab", "next_field", "Next field", show=False, priority=True),
        Binding("shift+tab", "previous_field", "Previous field", show=False, priority=True),
    ]

    def __init__(self, autosave_every: float | None = DRAFT_EVERY_S) -> None:
        super().__init__(id="capture")
        self._autosave_every = autosave_every
        self._saving = False
        self.ready = False
        """True once every field is in and filled with what the journal has (sticky values,
        suggestions, the tag catalogue, a kept draft): what a script driving the form waits on."""
        self._last_draft: dict[str, Any] | None = None
        self._restored: tuple[dict[str, Any], dict[str, Any]] | None = None
        """The form before and after the kept draft was restored, while ctrl+z can undo it."""
        self._generation = 0
        """Bumped whenever the stored draft must not be overwritten by older autosaves."""

    def compose(self) -> ComposeResult:
        yield ModeBar("capture")
        yield Welcome()
        yield QuickFields(id="quick", staged=True)
        yield Label("Opening journal…", id="capture-status")
        yield KeyHints()

    @property
    def fields(self) -> QuickFields:
        return self.query_one(QuickFields)

    def on_mount(self) -> None:
        self.query_one("#what", Input).focus()
        self.call_after_refresh(journal_app(self).form_ready)
        self.call_after_refresh(self._complete_form)
        if self._autosave_every is not None:
            self.set_interval(self._autosave_every, self.autosave)

    @work(group="capture-form")
    async def _complete_form(self) -> None:
        """The form's other fields, once "What happened" is on screen and taking keys; then
        what the journal has for them (sticky values, suggestions, tags, a kept draft)."""
        await self.fields.mount_rest()
        self._load()

    async def action_next_field(self) -> None:
        # A burst typed in the first moments: its tab waits for the other fields, and so do the
        # keys after it (the app handles keys one at a time), which then land where they belong.
        await self.fields.mount_rest()
        self.focus_next()

    async def action_previous_field(self) -> None:
        await self.fields.mount_rest()
        self.focus_previous()

    @property
    def welcome(self) -> Welcome:
        return self.query_one(Welcome)

    def action_toggle_welcome(self) -> None:
        """F2: the welcome panel off, or back on (also from the help screen's hint)."""
        if self.size.width < WELCOME_MIN_WIDTH:
            self.app.push_screen(WelcomeScreen())  # no room beside the form: over it
            return
        self.welcome.toggle_class("shown")

    def on_resize(self) -> None:
        """The welcome sits beside the form only where the form keeps enough room."""
        self.set_class(self.size.width < WELCOME_MIN_WIDTH, "narrow")

    def _status(self, text: str, *, error: bool = False) -> None:
        label = self.query_one("#capture-status", Label)
        label.update(text)
        label.set_class(error, "-error")

    def _not_saved(self, field: str, message: str) -> None:
        """A refused or failed save: the message at its field, and "Not saved" in place of
        the status (and the notice) of an earlier save, which would say the opposite."""
        self._saving = False
        self.app.clear_notifications()
        self.fields.show_error(field, message)
        self._status("Not saved: see the message above.", error=True)

    # ----------------------------------------------------------------- loading

    @work(thread=True, group="capture-load")
    def _load(self) -> None:
        def read(store: Any) -> dict[str, Any]:
            return {
                "sticky": store.sticky_defaults(),
                "settings": store.recent_settings(),
                "catalogue": store.tag_catalogue(),
                "draft": store.load_draft(),
                "empty": store.count() == 0,
            }

        try:
            loaded = journal_app(self).backend.call(read)
        except DatabaseError:
            return  # the app shows the error screen
        self.app.call_from_thread(self._loaded, loaded)

    def _loaded(self, loaded: dict[str, Any]) -> None:
        fields = self.fields
        sticky = {k: v for k, v in loaded["sticky"].items() if v}
        fields.load(sticky, only_empty=True)
        fields.set_settings(loaded["settings"])
        self.query_one(TagPicker).set_catalogue(loaded["catalogue"])
        self._status("")
        if loaded["empty"]:
            self.welcome.add_class("shown")
            self._status("New journal: type what happened, ctrl+s saves · F1 keys · F2 welcome")
        draft = loaded["draft"]
        if draft:
            self._restore(draft)
        self.ready = True

    def _restore(self, draft: dict[str, Any]) -> None:
        """The draft kept last time goes straight into the form, without a question.

        A dialog here would take the keys of someone already typing (a space pressing its
        button, the first word lost); this way nothing typed is lost and nothing acts by
        accident. What the user typed before the journal opened wins: the draft fills only the
        fields still empty, and ctrl+z takes back exactly what it filled in."""
        before = self.fields.values()
        self.fields.load(draft, only_empty=True)
        self._restored = (before, self.fields.values())
        self._last_draft = draft
        self._status("Restored the draft kept last time · ctrl+z discards it")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "discard_draft":
            return self._restored is not None
        return True

    def action_discard_draft(self) -> None:
        """Take the restored draft out of the form again (fields changed since stay as typed)."""
        if self._restored is None:
            return
        before, after = self._restored
        now = self.fields.values()
        self.fields.load(
            {
                name: before[name]
                for name in after
                if after[name] != before[name] and now[name] == after[name]
            }
        )
        self._forget_restored()
        self._generation += 1
        self._last_draft = None
        self._write_draft(None, self._generation)
        self._status("Draft discarded")

    def _forget_restored(self) -> None:
        if self._restored is not None:
            self._restored = None
            self.refresh_bindings()

    # ----------------------------------------------------------------- saving

    async def action_save(self) -> None:
        fields = self.fields
        await fields.mount_rest()  # ctrl+s in the first moments: once all fields are in
        fields.clear_errors()
        values = fields.values()
        if self._saving:
            return
        try:
            require_what(values)
        except FormError as exc:
            self._not_saved(exc.field, exc.message)
            return
        self._saving = True
        self._generation += 1
        self._status("Saving…" if journal_app(self).backend.is_open else "Opening journal…")
        self._save(values)

    @work(thread=True, group="capture-save")
    def _save(self, values: dict[str, Any]) -> None:
        # Checked here, off the UI thread: a save before the app's background imports have run
        # imports the validation layer (pydantic, ~0.1 s), which would freeze the form.
        try:
            data = new_entry(values, journal_app(self).zone)
        except FormError as exc:
            self.app.call_from_thread(self._refused, exc)
            return

        def add(store: Any) -> Any:
            entry = store.add(data)
            store.clear_draft()
            return entry

        try:
            entry = journal_app(self).backend.call(add)
        except JournalError as exc:
            self.app.call_from_thread(self._save_failed, str(exc))
            return
        self.app.call_from_thread(self._saved, entry, values)

    def _refused(self, error: FormError) -> None:
        self._not_saved(error.field, error.message)

    def _save_failed(self, message: str) -> None:
        self._not_saved("form", message)

    def _saved(self, entry: EntryRow, values: dict[str, Any]) -> None:
        """The form is emptied for the next entry, and the status says what was understood (the
        time above all), so that a misread "When" or tag is seen at once."""
        from journal.present import understood

        self._saving = False
        self._last_draft = None
        self._forget_restored()
        # Whatever was typed while the save ran belongs to the next entry: it stays.
        now = self.fields.values()
        typed = {name: value for name, value in now.items() if value != values.get(name)}
        self.fields.reset()
        if typed:
            self.fields.load(typed)
        else:
            self.query_one("#what", Input).focus()
        self._status(f"{understood(entry, journal_app(self).zone)} ✓")
        self.notify(f"Saved #{entry.id}", timeout=3)
        self._refresh_settings()

    @work(thread=True, group="capture-load")
    def _refresh_settings(self) -> None:
        try:
            settings = journal_app(self).backend.call(lambda store: store.recent_settings())
        except JournalError:
            return
        self.app.call_from_thread(self.fields.set_settings, settings)

    # ----------------------------------------------------------------- drafts

    def draft_payload(self) -> dict[str, Any] | None:
        """The form as a draft, or None when there is nothing worth keeping."""
        values = self.fields.values()
        return values if has_content(values) else None

    def autosave(self) -> None:
        """Keep the form as the draft when it changed since the last write."""
        if self._saving or not journal_app(self).backend.is_open:
            return
        payload = self.draft_payload()
        if payload == self._last_draft:
            return
        self._last_draft = payload
        self._write_draft(payload, self._generation)

    @work(thread=True, group="capture-draft")
    def _write_draft(self, payload: dict[str, Any] | None, generation: int) -> None:
        def write(store: Any) -> bool:
            if generation != self._generation:
                return False  # an entry was saved (or the draft replaced) meanwhile
            if payload is None:
                store.clear_draft()
            else:
                store.save_draft(payload)
            return True

        try:
            written = journal_app(self).backend.call(write)
        except JournalError:
            return
        if written and payload is not None:
            self.app.call_from_thread(self._draft_kept)

    def _draft_kept(self) -> None:
        """Said in the status line, unless it says why a save failed (that stays until the
        next save) or that a restored draft can still be taken back with ctrl+z."""
        error = self.query_one("#capture-status", Label).has_class("-error")
        if not error and self._restored is None:
            self._status("Draft kept")

    def keep_draft_now(self) -> bool:
        """On quit: write the draft at once (on the calling thread); True if one was kept."""
        payload = self.draft_payload()
        self._generation += 1
        if payload is None and self._last_draft is None:
            return False
        try:
            if payload is None:
                journal_app(self).backend.call(lambda store: store.clear_draft())
            else:
                journal_app(self).backend.call(lambda store: store.save_draft(payload))
        except JournalError:
            return False
        return payload is not None
