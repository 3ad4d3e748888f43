"""Record a coaching session from the review: when, notes, and the agreements, one per line.

The dialog checks what was typed by the rules every way in shares (``journal.when`` for the
time, ``journal.textrules`` for the texts, the limits of ``journal.store.coaching``) and saves
it through the store in a thread worker; a refusal is shown in the dialog, which keeps the
typing. Escape with something typed asks before discarding it. It dismisses with what was
saved (the session's id and how many agreements), or None.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, TextArea

from journal.errors import InputError, JournalError
from journal.store.interface import JournalStore
from tui.access import journal_app

WHEN_DEFAULT = "now"


@dataclass(frozen=True)
class SessionSaved:
    """What the dialog saved: the new session's id and how many agreements it holds."""

    session_id: int
    agreements: int


def agreements_from(text: str) -> list[str]:
    """The agreements typed one per line (blank lines are only spacing)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class CoachingSessionDialog(ModalScreen[SessionSaved | None]):
    """Returns ``SessionSaved`` once the session is in the journal, or None when cancelled."""

    DEFAULT_CSS = """
    CoachingSessionDialog { align: center middle; }
    CoachingSessionDialog .dialog { width: 76; max-height: 100%; }
    CoachingSessionDialog Label { width: 100%; }
    CoachingSessionDialog TextArea { height: 4; }
    #session-agreements { height: 5; }
    #session-error { color: $text-error; height: auto; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.saving = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Label("Record a coaching session", classes="dialog-question")
            yield Label("When", classes="dialog-detail")
            yield Input(WHEN_DEFAULT, placeholder="now, today 14:30, tue 16:00", id="session-when")
            yield Label("Notes", classes="dialog-detail")
            yield TextArea(id="session-notes")
            yield Label("Agreements, one per line", classes="dialog-detail")
            yield TextArea(id="session-agreements")
            yield Label("", id="session-error", markup=False)
            yield Label(
                "Each agreement is followed up in the weekly reviews. ctrl+s saves, escape "
                "cancels.",
                classes="dialog-detail",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="session-save", variant="primary")
                yield Button("Cancel", id="session-cancel")

    def on_mount(self) -> None:
        field = self.query_one("#session-when", Input)
        field.focus()
        field.select_all()

    @property
    def typed(self) -> bool:
        """Whether anything was typed that cancelling would lose."""
        when = self.query_one("#session-when", Input).value.strip()
        notes = self.query_one("#session-notes", TextArea).text.strip()
        agreed = self.query_one("#session-agreements", TextArea).text.strip()
        return bool(notes or agreed or when not in ("", WHEN_DEFAULT))

    def show_error(self, message: str) -> None:
        self.query_one("#session-error", Label).update(message)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_error("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#session-notes", TextArea).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "session-save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        if not self.typed:
            self.dismiss(None)
            return
        from tui.dialogs.confirm import ConfirmDialog

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(
                "Discard this session's notes and agreements?", yes="Discard", no="Keep editing"
            ),
            answered,
        )

    def action_save(self) -> None:
        if self.saving:
            return
        try:
            held_at, notes, agreements = self._checked()
        except InputError as exc:
            self.show_error(str(exc))
            return
        self.saving = True
        self.show_error("")
        self._save(held_at, notes, agreements)

    def _checked(self) -> tuple[datetime, str | None, list[str]]:
        """What was typed, checked as the command line checks it; InputError names the field."""
        from journal.entry import BY_NAME
        from journal.store.coaching import NOTES_MAX
        from journal.textrules import clean
        from journal.when import parse_when

        app = journal_app(self)
        zone = app.zone
        now = (app.settings.clock() if app.settings.clock else datetime.now(zone)).astimezone(zone)
        when = self.query_one("#session-when", Input).value.strip() or WHEN_DEFAULT
        held_at = parse_when(when, now)
        notes = clean(
            self.query_one("#session-notes", TextArea).text,
            "The session's notes",
            NOTES_MAX,
            one_line=False,
        )
        agreements = agreements_from(self.query_one("#session-agreements", TextArea).text)
        limit = BY_NAME["action"].max_length or 500
        for n, text in enumerate(agreements, start=1):
            clean(text, f"Agreement {n}", limit, one_line=True, required=True)
        return held_at, notes, agreements

    @work(thread=True, group="coaching-session", exit_on_error=False)
    def _save(self, held_at: datetime, notes: str | None, agreements: list[str]) -> None:
        app = journal_app(self)

        def write(store: JournalStore) -> int:
            return store.coaching.add_session(held_at, notes, agreements)

        try:
            session_id = app.backend.call(write)
        except JournalError as exc:
            app.call_from_thread(self._failed, str(exc))
            return
        app.call_from_thread(self.dismiss, SessionSaved(session_id, len(agreements)))

    def _failed(self, message: str) -> None:
        self.saving = False
        self.show_error(message)
