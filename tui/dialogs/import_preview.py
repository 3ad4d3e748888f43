"""Import a file from the app: choose it and its format, see every entry it holds, then write.

The file is read by the command line's own readers (``journal.importers``) in a thread worker,
through ``preview``, which writes nothing and hands back each record with what importing it
would do. The dialog shows the counts and the records; only the import button (or ctrl+s)
writes, and it writes exactly the previewed records in one transaction (``apply`` plans them
again against the journal as it is then). Escape closes without writing. The dialog returns
the number of entries written (added or updated), or None.
"""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, ProgressBar
from textual.worker import Worker, get_current_worker

from journal.errors import JournalError
from tui.access import journal_app
from tui.dialogs.import_rows import COLUMNS, FORMAT_CHOICES, cells, counts_text, format_for
from tui.styles import IMPORT
from tui.widgets.export_choice import OneOf
from tui.widgets.key_hints import KeyHints

if TYPE_CHECKING:
    from journal.importers import ImportResult, Preview
    from journal.store.interface import JournalStore

READ = "import-read"
"""The worker group of the preview: one file is read at a time, the latest asked for."""
ROWS_SHOWN = 1000
"""The table shows this many records; all of them are written."""
PROGRESS_FROM = 1024 * 1024
"""Files at least this large (bytes) show a progress bar while they are read."""


class _Cancelled(Exception):
    """A newer preview was asked for: the older one stops reading."""


class ImportDialog(ModalScreen[int | None]):
    """Returns how many entries were written, or None when closed without writing."""

    CSS_PATH = IMPORT
    BINDINGS = [
        Binding("escape", "cancel", "Close", id="import.close"),
        Binding("ctrl+s", "import", "Import", id="import.write"),
    ]

    class Progress(Message):
        """How much of the file the worker has read (bytes of ``total``)."""

        def __init__(self, worker: Worker[None], done: int, total: int) -> None:
            super().__init__()
            self.worker = worker
            self.done = done
            self.total = total

    class Previewed(Message):
        """The worker's preview, or the one sentence saying why the file cannot be imported."""

        def __init__(self, worker: Worker[None], preview: Preview | None, error: str = "") -> None:
            super().__init__()
            self.worker = worker
            self.preview = preview
            self.error = error

    class Written(Message):
        """The import's result, or why nothing was written."""

        def __init__(self, result: ImportResult | None, error: str = "") -> None:
            super().__init__()
            self.result = result
            self.error = error

    def __init__(self, folder: Path | None = None) -> None:
        """``folder`` is where the path starts (the home folder if None)."""
        super().__init__()
        self.folder = folder if folder is not None else Path.home()
        self.preview: Preview | None = None
        self._writing = False

    def _start_text(self) -> str:
        """The folder the path starts in, as ``~/`` when it is the home folder."""
        if self.folder == Path.home():
            return "~/"
        return str(self.folder) + "/"

    @property
    def zone(self) -> tzinfo:
        return journal_app(self).zone

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        with Vertical(id="import-dialog"):
            with Horizontal(classes="import-row"):
                yield Label("File", classes="import-label")
                yield Input(
                    self._start_text(),
                    placeholder="a note (lines), or a JSON, CSV or jrnl export",
                    id="import-path",
                    compact=True,
                )
            with Horizontal(classes="import-row"):
                yield Label("Format", classes="import-label")
                yield OneOf(FORMAT_CHOICES, "auto", id="import-format")
            yield Label("", id="import-error", classes="field-error", markup=False)
            yield Label(
                "Type the file's path and press enter to see what it holds; nothing is written "
                "before you press Import.",
                id="import-summary",
                markup=False,
            )
            yield ProgressBar(id="import-progress", show_eta=False)
            table: DataTable[str] = DataTable(
                id="import-table", cursor_type="row", zebra_stripes=True
            )
            table.add_columns(*COLUMNS)
            yield table
            yield Label("", id="import-more", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Import", id="import-write", variant="primary", compact=True)
                yield Button("Cancel", id="import-cancel", compact=True)
        yield KeyHints()

    def on_mount(self) -> None:
        box = self.query_one("#import-dialog")
        box.border_title = "Import"
        box.border_subtitle = "enter reads the file · ctrl+s imports · escape closes"
        self.query_one("#import-progress").display = False
        self._show_preview(None)
        path = self.query_one("#import-path", Input)
        path.focus()
        path.cursor_position = len(path.value)

    def _show_error(self, message: str) -> None:
        label = self.query_one("#import-error", Label)
        label.update(message)
        label.set_class(bool(message), "-shown")

    def _show_preview(self, preview: Preview | None) -> None:
        """The counts, the table and the import button for ``preview`` (None: nothing read)."""
        self.preview = preview
        table: DataTable[str] = self.query_one("#import-table", DataTable)
        table.clear()
        button = self.query_one("#import-write", Button)
        more = self.query_one("#import-more", Label)
        if preview is None:
            button.label = "Import"
            button.disabled = True
            more.update("")
            return
        for planned in preview.planned[:ROWS_SHOWN]:
            table.add_row(*cells(planned, self.zone))
        result = preview.result
        self.query_one("#import-summary", Label).update(counts_text(preview))
        total = len(preview.planned)
        more.update(
            f"The first {ROWS_SHOWN:,} of {total:,} are shown; importing takes them all."
            if total > ROWS_SHOWN
            else ""
        )
        writes = result.added + result.updated
        button.label = f"Import {writes:,} {'entry' if writes == 1 else 'entries'}"
        button.disabled = writes == 0
        button.refresh(layout=True)  # a longer label needs a wider button

    # ----------------------------------------------------------------- reading

    def on_input_changed(self, event: Input.Changed) -> None:
        """A changed path makes the preview stale: nothing can be imported until it is read."""
        event.stop()
        self.workers.cancel_group(self, READ)
        # Each key of a path lands here: clear only what a read left, so typing stays cheap.
        if self.query_one("#import-error", Label).has_class("-shown"):
            self._show_error("")
        if self.preview is not None:
            self._show_preview(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.read()

    def on_choice_changed(self, event: OneOf.Changed) -> None:
        event.stop()
        if self.query_one("#import-path", Input).value.strip() not in ("", self._start_text()):
            self.read()

    def path(self) -> Path:
        typed = self.query_one("#import-path", Input).value.strip()
        return (self.folder / Path(typed).expanduser()) if typed else self.folder

    def read(self) -> None:
        """Read the file as it is named now, in the worker (a read under way is dropped)."""
        path = self.path()
        fmt = format_for(path.name, self.query_one("#import-format", OneOf).value or "auto")
        self._show_error("")
        self._show_preview(None)
        self.query_one("#import-summary", Label).update(f"Reading {path.name}…")
        self._read(path, fmt)

    @work(thread=True, exclusive=True, group=READ, exit_on_error=False)
    def _read(self, path: Path, fmt: str) -> None:
        from journal.importers import parse, preview
        from journal.importers.files import opened_file
        from journal.importers.from_lines import lines_context

        worker: Worker[None] = get_current_worker()
        backend = journal_app(self).backend
        zone = self.zone
        shown = 0

        def progress(done: int, total: int) -> None:
            nonlocal shown
            if worker.is_cancelled:
                raise _Cancelled
            percent = done * 100 // total
            if total >= PROGRESS_FROM and percent > shown:
                shown = percent
                self.post_message(self.Progress(worker, done, total))

        def read_all(store: JournalStore) -> Preview:
            lines = lines_context(store, zone) if fmt == "lines" else None
            with opened_file(path) as (stream, source, size):
                on_read = (lambda done: progress(done, size)) if size else None
                batch = parse(stream, fmt, source, zone, on_read=on_read, lines=lines)
                return preview(store, batch)

        try:
            found = backend.call(read_all)
        except _Cancelled:
            return
        except JournalError as exc:
            self.post_message(self.Previewed(worker, None, str(exc)))
            return
        self.post_message(self.Previewed(worker, found))

    def on_import_dialog_progress(self, event: Progress) -> None:
        if event.worker.is_cancelled:
            return
        bar = self.query_one("#import-progress", ProgressBar)
        bar.display = True
        bar.update(total=event.total, progress=event.done)

    def on_import_dialog_previewed(self, event: Previewed) -> None:
        if event.worker.is_cancelled or not self.is_attached:
            return
        self.query_one("#import-progress").display = False
        if event.preview is None:
            self.query_one("#import-summary", Label).update("Nothing was written.")
            self._show_error(event.error)
            return
        self._show_preview(event.preview)
        button = self.query_one("#import-write", Button)
        if not button.disabled:
            button.focus()  # enter now imports, as the button says

    # ----------------------------------------------------------------- writing

    def action_import(self) -> None:
        if self._writing or self.preview is None:
            return
        result = self.preview.result
        if result.added + result.updated == 0:
            return
        self._writing = True
        self.query_one("#import-write", Button).disabled = True
        self.query_one("#import-summary", Label).update("Importing…")
        self._write(self.preview)

    @work(thread=True, group="import-write", exit_on_error=False)
    def _write(self, chosen: Preview) -> None:
        from journal.importers import apply

        try:
            result = journal_app(self).backend.call(apply, chosen.to_write())
        except JournalError as exc:
            self.post_message(self.Written(None, str(exc)))
            return
        self.post_message(self.Written(result))

    def on_import_dialog_written(self, event: Written) -> None:
        self._writing = False
        if event.result is None:
            self.query_one("#import-summary", Label).update("Nothing was written.")
            self._show_error(event.error)
            self._show_preview(None)
            return
        written = event.result.added + event.result.updated
        updated = f" ({event.result.updated} updated)" if event.result.updated else ""
        self.app.notify(
            f"Imported {written:,} {'entry' if written == 1 else 'entries'}{updated}.",
            title="Imported",
            markup=False,
        )
        self.dismiss(written)

    # ----------------------------------------------------------------- buttons

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "import-write":
            self.action_import()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        if self._writing:  # the transaction is running: close when it is done
            return
        self.workers.cancel_group(self, READ)
        self.dismiss(None)
