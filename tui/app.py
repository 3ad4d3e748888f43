"""The Service Journal app: three places (capture, browse, review), app keys, palette commands.

Start-up is on the capture path: only Textual, the capture screen and the standard-library parts
of ``journal`` are imported here. The journal is opened in a thread worker after the first paint.

The modules the user will need next (browse, the review, the validation layer for saving) are
imported by that worker too, once the journal is open, but only while the user pauses
(``tui.warm_up``); their stylesheets are read last, in a pause too (``tui.styles``).

The places share one screen stack instead of being Textual modes: the capture form at the bottom,
browse or the review pushed on it (installed, so they live on while the user is elsewhere), an
open entry or a dialog on top. A mode's first screen costs two passes over the whole stylesheet
and an extra restyle of every widget, about a quarter of a second at the first ctrl+b or ctrl+r;
a pushed screen has neither.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from datetime import UTC, tzinfo
from functools import partial
from importlib import import_module
from typing import TYPE_CHECKING, Any, Literal

from textual import events, work
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tui.backend import Backend, Opener
from tui.commands import COMMANDS, WHEN_FAILED
from tui.hooks import Exports, Leavable
from tui.screens.capture import DRAFT_EVERY_S, CaptureScreen
from tui.styles import read_later
from tui.textual_compat import HookedApp
from tui.warm_up import WARM_UP, WARM_UP_GROUP, KeyboardRest

if TYPE_CHECKING:
    from pathlib import Path

    from journal.config import Settings
    from tui.screens.browse import BrowseScreen
    from tui.screens.review import ReviewScreen


Place = Literal["capture", "browse", "review"]

REVIEW_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("Review: this week", "The weekly review of this week", "review('this')"),
    ("Review: previous week", "The weekly review of last week", "review('previous')"),
)
"""The review's palette commands (they replace any "Review: ..." entry of COMMANDS)."""


class ServiceJournalApp(HookedApp):
    """Capture in seconds, then browse, search, reflect and edit."""

    CSS_PATH = "app.tcss"
    TITLE = "Service Journal"
    BINDINGS = [
        Binding("f1", "help", "Help", id="app.help"),
        Binding("ctrl+n", "switch('capture')", "New entry", id="app.capture"),
        Binding("ctrl+b", "switch('browse')", "Browse", id="app.browse"),
        Binding("ctrl+r", "switch('review')", "Review", id="app.review"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding("question_mark", "help", "Help", show=False, id="app.help-key"),
        Binding("n", "switch('capture')", "New entry", show=False, id="app.capture-key"),
        Binding("b", "switch('browse')", "Browse", show=False, id="app.browse-key"),
        Binding("r", "switch('review')", "Review", show=False, id="app.review-key"),
    ]

    def __init__(
        self,
        settings: Settings,
        on_drawn: Callable[[], None] | None = None,
        keys: KeyboardRest | None = None,
        autosave_every: float | None = DRAFT_EVERY_S,
        opener: Opener | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self._on_drawn = on_drawn
        self.backend = Backend(settings, opener)
        self.zone: tzinfo = UTC
        self._zone_error: str | None = None
        try:
            self.zone = settings.zone()
        except ValueError as exc:  # journal.when.WhenError: an unknown zone name
            self._zone_error = str(exc)
        self.capture = CaptureScreen(autosave_every)
        self.browse: BrowseScreen | None = None
        self.review: ReviewScreen | None = None
        self._keys = keys if keys is not None else KeyboardRest()
        self._early_keys: list[events.Key] | None = []
        """Keys typed before the capture form takes them (``form_ready``), held in order."""

    def get_default_screen(self) -> Screen[Any]:
        """The capture form is the bottom of the stack: the other places are pushed on it."""
        return self.capture

    @property
    def place(self) -> Place:
        """Where the user is, whatever entry or dialog is open on top of it."""
        for screen in reversed(self.screen_stack):
            if screen is self.browse:
                return "browse"
            if screen is self.review:
                return "review"
        return "capture"

    def screen_opening(self, screen: Screen[Any]) -> None:
        """A screen with a stylesheet of its own may open before the pause that reads them:
        reading them here is cheaper than Textual reading its stylesheet as it opens."""
        if screen.css_path:
            read_later(self.stylesheet)

    def key_arrived(self) -> None:
        self._keys.key_pressed()

    def _place_screen(self, place: Place) -> Screen[Any]:
        """The screen of a place, made (and installed, so it outlives a switch) on first use."""
        if place == "browse":
            if self.browse is None:
                from tui.screens.browse import BrowseScreen

                self.browse = BrowseScreen()
                self.install_screen(self.browse, "browse")
            return self.browse
        if place == "review":
            if self.review is None:
                from tui.screens.review import ReviewScreen

                self.review = ReviewScreen()
                self.install_screen(self.review, "review")
            return self.review
        return self.capture

    def on_mount(self) -> None:
        self.call_after_refresh(self._drawn)
        if self._zone_error:
            self.show_error(self._zone_error)

    def _drawn(self) -> None:
        """The first screen is up: tell the launcher, then open the journal."""
        if self._on_drawn is not None:
            self._on_drawn()
        if not self._zone_error:
            self._open_journal()

    @work(thread=True, group="open-journal", exit_on_error=False)
    def _open_journal(self) -> None:
        self.backend.open(on_upgrade=self._upgrading, passphrase=self._ask_passphrase)
        if self.backend.error:
            self.call_from_thread(self.show_error, self.backend.error)
            return
        self.call_from_thread(self._warm_up)

    @work(thread=True, group=WARM_UP_GROUP, exit_on_error=False)
    def _warm_up(self) -> None:
        """What the user will need next, each step once the keys rest (see tui.warm_up)."""
        for module in WARM_UP:
            if not self._keys.wait():
                return
            import_module(module)
        if self._keys.wait():
            self.call_from_thread(read_later, self.stylesheet)

    def key_held(self, event: events.Key) -> bool:
        """Keys typed ahead while the app starts (the terminal hands them over at once): with
        nothing focused yet they would go nowhere, so they wait for the form (``form_ready``)."""
        if self._early_keys is None:
            return False
        self._early_keys.append(events.Key(event.key, event.character))
        return True

    def _ask_passphrase(self, path: Path, wrong: bool) -> str | None:
        """Asked from the opening worker, which waits for the dialog's answer."""
        answer: str | None = self.call_from_thread(
            self._passphrase_dialog,  # type: ignore[arg-type]  # Textual's overload confuses mypy
            path.name,
            wrong,
        )
        return answer

    async def _passphrase_dialog(self, name: str, wrong: bool) -> str | None:
        from tui.dialogs.passphrase import PassphraseDialog

        answer: asyncio.Future[str | None] = asyncio.get_running_loop().create_future()
        self.push_screen(PassphraseDialog(name, wrong), callback=answer.set_result)
        return await answer

    def form_ready(self) -> None:
        """The capture form has the focus: the keys typed before it, in the order typed."""
        held, self._early_keys = self._early_keys, None
        for key in held or ():
            self.post_message(key)

    def _upgrading(self, message: str) -> None:
        """Said from the opening worker; the notice stays up while the upgrade may run."""
        self.call_from_thread(self.notify, message, timeout=60, markup=False)

    def show_error(self, message: str) -> None:
        from tui.screens.error import ErrorScreen

        self.push_screen(ErrorScreen(message))

    @property
    def failed(self) -> bool:
        return bool(self.backend.error or self._zone_error)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("switch", "help", "browse", "review", "import_file") and self.failed:
            return False
        # The way to the place the user is in is hidden from the footer (and does nothing).
        return not (action == "switch" and parameters and parameters[0] == self.place)

    def _closing_entry(self, then: Callable[[], object]) -> bool:
        """Whether an entry is open on top of a place; it is closed as escape would close it
        (asking first when it has unsaved changes), and ``then`` runs once it has gone."""
        top = self.screen
        if top in (self.capture, self.browse, self.review):
            return False
        if isinstance(top, Leavable):
            top.leave(then=partial(self.call_later, then))
        return True

    async def action_switch(self, place: Place) -> None:
        if place == self.place or self._closing_entry(partial(self.action_switch, place)):
            return
        if place == "capture":
            while self.screen is not self.capture:
                await self.pop_screen()
        elif self.screen is self.capture:
            await self.push_screen(self._place_screen(place))
        else:
            await self.switch_screen(self._place_screen(place))

    async def action_browse(self, what: str = "") -> None:
        if self._closing_entry(partial(self.action_browse, what)):
            return
        await self.action_switch("browse")
        if self.browse is not None:
            self.browse.show(what)

    async def action_review(self, which: str = "this") -> None:
        """The review of "this" week, the "previous" one, or a week label (2026-W47)."""
        if self._closing_entry(partial(self.action_review, which)):
            return
        await self.action_switch("review")
        if self.review is not None:
            self.review.show(which)

    def action_export(self) -> None:
        """The export dialog: what browse or the review shows (as their x key), else this week."""
        from tui.dialogs.export import ExportDialog

        screen = self.screen
        if isinstance(screen, ExportDialog):
            return
        if isinstance(screen, Exports):
            screen.action_export()
        else:
            self.push_screen(ExportDialog())

    def action_import_file(self) -> None:
        """The import dialog: a file read and shown entry by entry, written only on a yes."""
        from tui.dialogs.import_preview import ImportDialog

        if not isinstance(self.screen, ImportDialog):
            self.push_screen(ImportDialog())

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        """Quit, keeping any unsaved capture as the draft for next time; an open entry or
        reflection with unsaved changes is saved or discarded only as the user answers."""
        if self.failed:
            self.exit(return_code=3)
            return
        from tui.dialogs.unsaved import HoldsUnsaved, UnsavedDialog

        if isinstance(self.screen, UnsavedDialog):
            return  # already asked
        places = [*reversed(self.screen_stack), self.review, self.browse]
        holders = [
            screen
            for n, screen in enumerate(places)
            if isinstance(screen, HoldsUnsaved) and screen not in places[:n] and screen.unsaved()
        ]
        if not holders:
            self._quit_keeping_draft()
            return

        def answered(answer: str | None) -> None:
            if answer is None:
                return
            if answer == "save":
                for holder in holders:
                    if not holder.save_unsaved():
                        self.notify(
                            "Not saved, so not quitting: see the message at the field.",
                            severity="error",
                        )
                        return
            self._quit_keeping_draft()

        what = " and ".join(str(holder.unsaved()) for holder in holders)
        self.push_screen(UnsavedDialog(what), answered)

    def _quit_keeping_draft(self) -> None:
        if self.backend.is_open:
            self.capture.keep_draft_now()
        self.exit(return_code=0)

    def error_report(self, error: Exception) -> Exception:
        """An error nothing caught stops the app: report it without user text (``tui.crash``),
        after keeping the capture form as the draft."""
        from tui.crash import UnexpectedError

        if isinstance(error, UnexpectedError):
            return error
        kept = False
        if self.backend.is_open:
            try:
                kept = self.capture.keep_draft_now()
            except Exception:  # noqa: BLE001 - already failing: the report must still go out
                kept = False
        report = UnexpectedError(error, kept)
        report.__cause__ = error
        return report

    def on_unmount(self) -> None:
        self._keys.close()
        self.backend.close()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        commands = [c for c in COMMANDS if not c[0].startswith("Review:")] + [*REVIEW_COMMANDS]
        for title, help_text, action in commands:
            if not self.failed or title in WHEN_FAILED:
                yield SystemCommand(
                    title, help_text, partial(self.call_later, self.run_action, action)
                )


def make_app(
    settings: Settings,
    on_drawn: Callable[[], None] | None = None,
    keys: KeyboardRest | None = None,
    autosave_every: float | None = DRAFT_EVERY_S,
    opener: Opener | None = None,
) -> ServiceJournalApp:
    """The app for these settings (tests build it here too); ``on_drawn`` runs once the first
    screen is on the terminal (``tui.launch`` resumes garbage collection there). Both clocks the
    app keeps are parameters, so tests depend on neither: ``keys`` decides when the keyboard rests
    for the background warm-up (``tui.warm_up``), and ``autosave_every`` is how often the capture
    form keeps its draft (None: only when asked, as tests do). ``opener`` opens the journal in
    the app's opening worker instead of ``open_store`` (the demo writes its month there)."""
    return ServiceJournalApp(settings, on_drawn, keys, autosave_every, opener)
