"""Export a week or a range: choose the range, the format and the file, see a preview, write it.

The dialog only collects ``ExportOptions`` (``tui.dialogs.export_options``); the text comes from
``journal.export`` in a thread worker and ``journal.export.files`` writes it (0600). An existing
file is replaced only after a yes in the confirm dialog. Escape closes without writing; the
dialog returns the written path, or None.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Button, Checkbox, Input, Label
from textual.worker import Worker, get_current_worker

from journal.errors import InputError, JournalError
from journal.weeks import WEEK_EXAMPLE, shift_week, week_of
from tui.access import journal_app
from tui.dialogs.export_options import (
    FORMATS,
    KINDS,
    Export,
    ExportOptions,
    ExportRange,
    RangeError,
    build,
    documents_folder,
    read_range,
    target_path,
    this_week,
)
from tui.styles import EXPORT
from tui.widgets.export_choice import OneOf
from tui.widgets.export_preview import ExportPreview
from tui.widgets.key_hints import KeyHints

if TYPE_CHECKING:
    from tui.app import ServiceJournalApp

DEBOUNCE_S = 0.3
"""Typed range fields are read this long after the last key."""


def span_text(chosen: ExportRange) -> str:
    from journal.export.markdown import day_text

    if chosen.first == chosen.last:
        return day_text(chosen.first)
    return f"{day_text(chosen.first)} – {day_text(chosen.last)}"


PREVIEW = "export-preview"
"""The worker group of the preview: one preview is built at a time, the latest asked for."""


def served_from_text() -> str:
    """In a browser the file is still written by the app, on the machine running `serve`."""
    import socket

    return (
        f"The file is written on {socket.gethostname()}, the computer serving this page, "
        "not on the device showing it."
    )


class ExportDialog(ModalScreen[Path | None]):
    """Returns the path written, or None when closed without writing."""

    CSS_PATH = EXPORT
    BINDINGS = [
        Binding("escape", "cancel", "Close", id="export.close"),
        Binding("ctrl+s", "export", "Export", id="export.write"),
    ]

    def __init__(
        self,
        chosen: ExportRange | None = None,
        *,
        only_flagged: bool = False,
        folder: Path | None = None,
    ) -> None:
        """``chosen`` is the range to start with (this week if None); ``folder`` the default
        folder for the file (the user's documents folder if None)."""
        super().__init__()
        self.chosen = chosen
        self.only_flagged = only_flagged
        self.folder = folder
        self._timer: Timer | None = None
        self._previewing: ExportOptions | None = None
        self._default_path = ""
        self._writing = False
        self.zone: tzinfo = UTC
        self.week_start = "monday"

    @property
    def journal_app(self) -> ServiceJournalApp:
        return journal_app(self)

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        app = self.journal_app
        self.zone = app.zone
        self.week_start = app.settings.week_start
        if self.folder is None:
            self.folder = documents_folder()
        today = datetime.now(self.zone).date()
        current = this_week(today, self.week_start)
        chosen = self.chosen or current
        previous = shift_week(week_of(today, self.week_start), -1)
        if chosen.week == current.week:
            kind = "this"
        elif chosen.week == previous:
            kind = "previous"
        else:
            kind = "week" if chosen.week else "dates"
        options = ExportOptions(chosen, "markdown", self.only_flagged)
        self._default_path = str(self.folder / options.file_name)

        with Vertical(id="export-dialog"):
            with Horizontal(classes="export-row"):
                yield Label("Range", classes="export-label")
                yield OneOf(KINDS, kind, id="export-kind")
            with Horizontal(classes="export-row"):
                yield Label("", id="export-which", classes="export-label")
                yield Input(
                    chosen.week or current.label,
                    placeholder=WEEK_EXAMPLE,
                    id="export-week",
                    compact=True,
                )
                yield Input(
                    chosen.first.isoformat(),
                    placeholder="2026-11-01",
                    id="export-from",
                    compact=True,
                )
                yield Label("to", id="export-to-label")
                yield Input(
                    chosen.last.isoformat(), placeholder="2026-11-30", id="export-to", compact=True
                )
                yield Label("", id="export-span")
            with Horizontal(classes="export-row"):
                yield Label("Format", classes="export-label")
                yield OneOf(FORMATS, "markdown", id="export-format")
            with Horizontal(classes="export-row"):
                yield Label("Entries", classes="export-label")
                yield Checkbox(
                    "only those flagged for coaching",
                    self.only_flagged,
                    id="export-flagged",
                    compact=True,
                )
            with Horizontal(classes="export-row"):
                yield Label("File", classes="export-label")
                yield Input(self._default_path, id="export-path", compact=True)
            if app.is_web:
                yield Label(served_from_text(), id="export-where", markup=False)
            yield Label("", id="export-error", classes="field-error", markup=False)
            yield ExportPreview(id="export-preview")
            yield Label("", id="export-more")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", id="export-write", variant="primary", compact=True)
                yield Button("Close", id="export-close", compact=True)
        yield KeyHints()

    def on_mount(self) -> None:
        box = self.query_one("#export-dialog")
        box.border_title = "Export"
        box.border_subtitle = "ctrl+s writes the file · escape closes"
        kind = self.query_one("#export-kind", OneOf)
        # The fields for the kind show at once, so that a tab typed right after lands in them.
        self.watch(kind, "value", lambda _: self._show_fields(), init=False)
        kind.focus()
        self._update()

    @property
    def preview(self) -> ExportPreview:
        return self.query_one(ExportPreview)

    def _value(self, name: str) -> str:
        return self.query_one(f"#export-{name}", Input).value

    def _kind(self) -> str:
        return self.query_one("#export-kind", OneOf).value or "this"

    def _show_fields(self) -> None:
        kind = self._kind()
        self.query_one("#export-which", Label).update(
            {"week": "Week", "dates": "From"}.get(kind, "")
        )
        self.query_one("#export-week").display = kind == "week"
        for name in ("#export-from", "#export-to-label", "#export-to"):
            self.query_one(name).display = kind == "dates"

    def _show_error(self, message: str) -> None:
        label = self.query_one("#export-error", Label)
        label.update(message)
        label.set_class(bool(message), "-shown")

    # ----------------------------------------------------------------- options

    def options(self) -> ExportOptions:
        """The options as the fields stand, or RangeError."""
        chosen = read_range(
            self._kind(),
            self._value("week"),
            self._value("from"),
            self._value("to"),
            datetime.now(self.zone).date(),
            self.week_start,
        )
        return ExportOptions(
            chosen,
            self.query_one("#export-format", OneOf).value or "markdown",
            self.query_one("#export-flagged", Checkbox).value,
        )

    def on_choice_changed(self, event: OneOf.Changed) -> None:
        event.stop()
        self._update()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._update()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.input.id == "export-path":
            self._show_error("")
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_S, self._update)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "export-path":
            self.action_export()
        else:
            self._update()
            self.focus_next()

    def _update(self) -> None:
        """Read the options; show the range, the default file name and a fresh preview."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._show_fields()
        span = self.query_one("#export-span", Label)
        try:
            options = self.options()
        except RangeError as exc:
            self._show_error(exc.message)
            span.update("")
            self._previewing = None
            self.workers.cancel_group(self, PREVIEW)  # its answer is for a range no longer asked
            self.preview.border_subtitle = ""
            self.preview.show_message("The preview appears once the range is right.")
            self.query_one("#export-more", Label).update("")
            return
        self._show_error("")
        span.update(span_text(options.range))
        path = self.query_one("#export-path", Input)
        if path.value == self._default_path:
            self._default_path = str(self.folder / options.file_name) if self.folder else ""
            path.value = self._default_path
        if options == self._previewing:
            return
        self._previewing = options
        self.preview.border_subtitle = "rendering…"
        self._build_preview(options)

    # ----------------------------------------------------------------- preview

    class Previewed(Message):
        """A preview worker's export, or why it could not be built; dropped when a later
        preview (or a wrong range) cancelled the worker."""

        def __init__(self, worker: Worker[None], export: Export | None, error: str = "") -> None:
            super().__init__()
            self.worker = worker
            self.export = export
            self.error = error

    @work(thread=True, exclusive=True, group=PREVIEW, exit_on_error=False)
    def _build_preview(self, options: ExportOptions) -> None:
        worker: Worker[None] = get_current_worker()
        try:
            export = self.journal_app.backend.call(build, options, self.zone, self.week_start)
        except JournalError as exc:
            self.post_message(self.Previewed(worker, None, str(exc)))
            return
        self.post_message(self.Previewed(worker, export))

    async def on_export_dialog_previewed(self, event: Previewed) -> None:
        if event.worker.is_cancelled or not self.is_attached:
            return
        if event.export is None:
            self.preview.border_subtitle = ""
            self.preview.show_message(event.error)
            return
        export = event.export
        preview = self.preview
        if export.options.format == "markdown":
            hidden = await preview.show_markdown(export.text)
        else:
            hidden = preview.show_plain(export.text)
        preview.border_subtitle = export.summary()
        more = self.query_one("#export-more", Label)
        lines = export.text.count("\n")
        more.update(
            f"The preview shows the beginning; the file holds all {lines} lines." if hidden else ""
        )

    # ----------------------------------------------------------------- writing

    def action_export(self) -> None:
        """Check the options and the file, ask before replacing one, then write."""
        from journal.export.files import check_target

        if self._writing:
            return
        if self._timer is not None:  # typing not read yet: read it now
            self._update()
        try:
            options = self.options()
        except RangeError as exc:
            self._show_error(exc.message)
            self.query_one(f"#export-{exc.field}").focus()
            return
        assert self.folder is not None
        target = target_path(self._value("path"), self.folder)
        if target is None:
            self._refuse("Give the file a name.")
            return
        try:
            check_target(target, overwrite=True)
        except InputError as exc:
            self._refuse(str(exc))
            return
        self._writing = True
        if target.exists():
            self._ask_to_replace(options, target)
        else:
            self._write(options, target, overwrite=False)

    def _refuse(self, message: str) -> None:
        self._writing = False
        self._show_error(message)
        self.query_one("#export-path").focus()

    def _ask_to_replace(self, options: ExportOptions, target: Path) -> None:
        from tui.dialogs.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self._write(options, target, overwrite=True)
            else:
                self._refuse("Nothing was written; choose another file name.")

        question = f"{target} already exists. Replace it with this export?"
        self.app.push_screen(ConfirmDialog(question, yes="Replace", no="Keep it"), answered)

    @work(thread=True, group="export-write", exit_on_error=False)
    def _write(self, options: ExportOptions, target: Path, overwrite: bool) -> None:
        """Render afresh (the journal may have changed since the preview) and write."""
        from journal.export.files import TargetExists, write_private

        try:
            export = self.journal_app.backend.call(build, options, self.zone, self.week_start)
            write_private(target, export.text, overwrite=overwrite)
        except TargetExists:  # it appeared since the check
            self.app.call_from_thread(self._ask_to_replace, options, target)
        except JournalError as exc:
            self.app.call_from_thread(self._refuse, str(exc))
        except OSError as exc:  # the folder went away or filled up meanwhile
            self.app.call_from_thread(self._refuse, f"Cannot write {target} ({exc.strerror}).")
        else:
            self.app.call_from_thread(self._written, export, target)

    def _written(self, export: Export, target: Path) -> None:
        self._writing = False
        self.app.notify(f"Wrote {target} ({export.summary()}).", title="Exported", markup=False)
        self.dismiss(target)

    # ----------------------------------------------------------------- buttons

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export-write":
            self.action_export()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        if self._writing:  # the file is being written: close when it is done
            return
        if self._timer is not None:
            self._timer.stop()
        self.dismiss(None)
