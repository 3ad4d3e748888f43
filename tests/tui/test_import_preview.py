"""The app's import: a file is read and shown entry by entry, and written only on a yes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Input, Label, ProgressBar
from tui_helpers import app_for, open_store, record_notifications, seed_sample, settle

from journal.cli import main
from journal.values import EntryFilter
from tui.app import ServiceJournalApp
from tui.dialogs.import_preview import ImportDialog
from tui.screens.browse import BrowseScreen
from tui.widgets.entry_list import EntryList

NOTE = """\
# 2024-03-10
09:15 Cashier greeted every customer by looking up +att +cour @groc ~w =well
12:40 Teller kept typing while the queue grew -att -queue @bank ~w =badly // greet the line first
"""
SAMPLE_COUNT = 5


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "j.db"
    seed_sample(path)
    return path


@pytest.fixture
def note(tmp_path: Path) -> Path:
    path = tmp_path / "phone.txt"
    path.write_text(NOTE, encoding="utf-8")
    return path


def count(journal: Path) -> int:
    with open_store(journal) as store:
        return store.count(EntryFilter())


def dialog(app: ServiceJournalApp) -> ImportDialog:
    assert isinstance(app.screen, ImportDialog)
    return app.screen


def table_rows(app: ServiceJournalApp) -> list[list[str]]:
    table: DataTable[str] = dialog(app).query_one("#import-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]


def label(app: ServiceJournalApp, name: str) -> str:
    return str(dialog(app).query_one(f"#{name}", Label).render())


async def open_import_from_browse(pilot: Pilot[int]) -> None:
    app = pilot.app
    await settle(pilot, lambda: app.backend.is_open)  # type: ignore[attr-defined]
    await pilot.press("ctrl+b")
    await settle(pilot, lambda: isinstance(app.screen, BrowseScreen))
    await pilot.press("I")
    await settle(pilot, lambda: isinstance(app.screen, ImportDialog))


async def preview(pilot: Pilot[int], path: Path, *, typed: bool = False) -> None:
    """Put the file's path over the proposed folder and press enter; ``typed`` types it key by
    key as a user would (one test does: a long temporary path costs a render per key)."""
    app: ServiceJournalApp = pilot.app  # type: ignore[assignment]
    field = dialog(app).query_one("#import-path", Input)
    field.value = ""
    if typed:
        await pilot.press(*str(path))
    else:
        field.value = str(path)
    await pilot.press("enter")
    await settle(pilot, lambda: dialog(app).preview is not None or "-shown" in error_classes(app))


def error_classes(app: ServiceJournalApp) -> set[str]:
    return set(dialog(app).query_one("#import-error").classes)


async def test_the_preview_shows_every_entry_of_a_note_and_writes_nothing(
    journal: Path, note: Path
) -> None:
    app = app_for(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_import_from_browse(pilot)
        await preview(pilot, note, typed=True)
        rows = table_rows(app)
        assert [row[0] for row in rows] == ["new", "new"]
        first, second = rows
        assert first[1:] == [
            "Sun 10 Mar 2024 09:15",
            "Cashier greeted every customer by looki…",
            "grocery checkout",
            "witnessed",
            "went well",
            "+attention +courtesy",
        ]
        assert second[1:] == [
            "Sun 10 Mar 2024 12:40",
            "Teller kept typing while the queue grew",
            "bank",
            "witnessed",
            "went badly",
            "-attention -queue",
        ]
        summary = label(app, "import-summary")
        assert "2 new · 0 updated · 0 unchanged" in summary
        button = dialog(app).query_one("#import-write", Button)
        assert str(button.label) == "Import 2 entries" and not button.disabled
        assert app.focused is button
    assert count(journal) == SAMPLE_COUNT


async def test_escape_closes_without_writing(journal: Path, note: Path) -> None:
    app = app_for(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_import_from_browse(pilot)
        await preview(pilot, note)
        assert len(table_rows(app)) == 2
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, BrowseScreen))
        assert app.screen.query_one(EntryList).row_count == SAMPLE_COUNT
    assert count(journal) == SAMPLE_COUNT


async def test_enter_on_the_button_writes_exactly_the_previewed_entries(
    journal: Path, note: Path
) -> None:
    app = app_for(journal)
    notices = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_import_from_browse(pilot)
        await preview(pilot, note)
        await pilot.press("enter")
        await settle(
            pilot,
            lambda: (
                isinstance(app.screen, BrowseScreen)
                and app.screen.query_one(EntryList).row_count == SAMPLE_COUNT + 2
            ),
        )
        assert "Imported 2 entries." in notices
    with open_store(journal) as store:
        assert store.count(EntryFilter()) == SAMPLE_COUNT + 2
        found = store.list(EntryFilter(search="teller typing queue")).entries
    assert len(found) == 1
    teller = found[0]
    assert (teller.setting, teller.perspective, teller.overall) == ("bank", "witnessed", "badly")
    assert [str(t) for t in teller.tags] == ["-attention", "-queue"]
    assert teller.differently == "greet the line first"


async def test_a_bad_line_shows_the_command_lines_sentence_and_writes_nothing(
    journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(NOTE + "18:00 Porter carried the bags +zzzz\n", encoding="utf-8")
    assert main(["--db", str(journal), "import", str(bad), "--format", "lines", "--dry-run"]) == 1
    sentence = capsys.readouterr().err.strip().removeprefix("service-journal: ")
    assert "line 4" in sentence
    app = app_for(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_import_from_browse(pilot)
        await preview(pilot, bad)
        assert label(app, "import-error") == sentence
        assert table_rows(app) == []
        assert dialog(app).query_one("#import-write", Button).disabled
        await pilot.press("ctrl+s")  # nothing to import: the key does nothing
        await settle(pilot)
        assert isinstance(app.screen, ImportDialog)
    assert count(journal) == SAMPLE_COUNT


async def test_the_same_note_again_previews_nothing_new(journal: Path, note: Path) -> None:
    assert main(["--db", str(journal), "import", str(note), "--format", "lines"]) == 0
    app = app_for(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_import_from_browse(pilot)
        await preview(pilot, note)
        assert [row[0] for row in table_rows(app)] == ["same", "same"]
        assert "0 new · 0 updated · 2 unchanged" in label(app, "import-summary")
        assert dialog(app).query_one("#import-write", Button).disabled
    assert count(journal) == SAMPLE_COUNT + 2


async def test_the_palette_opens_the_import_and_a_missing_file_is_one_sentence(
    journal: Path, tmp_path: Path
) -> None:
    app = app_for(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        commands = app.get_system_commands(app.screen)
        command = next(c for c in commands if c.title == "Import: a file")
        command.callback()
        await settle(pilot, lambda: isinstance(app.screen, ImportDialog))
        await preview(pilot, tmp_path / "nowhere.txt")
        assert label(app, "import-error") == f"There is no file {tmp_path / 'nowhere.txt'}."
        await pilot.press("escape")
        await settle(pilot, lambda: not isinstance(app.screen, ImportDialog))
    assert count(journal) == SAMPLE_COUNT


async def test_a_large_file_shows_its_reading_progress(
    journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bar follows the bytes read; here every file counts as large."""
    monkeypatch.setattr("tui.dialogs.import_preview.PROGRESS_FROM", 1)
    export = tmp_path / "all.json"
    assert main(["--db", str(journal), "export", "--format", "json", "-o", str(export)]) == 0
    size = export.stat().st_size
    app = app_for(tmp_path / "other.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        await pilot.press("ctrl+b")
        await settle(pilot, lambda: isinstance(app.screen, BrowseScreen))
        await pilot.press("I")
        await settle(pilot, lambda: isinstance(app.screen, ImportDialog))
        await preview(pilot, export)
        bar = dialog(app).query_one("#import-progress", ProgressBar)
        assert (bar.total, bar.progress) == (size, size)
        assert not bar.display  # gone once the entries are shown
        assert [row[0] for row in table_rows(app)] == ["new"] * SAMPLE_COUNT


def test_the_preview_at_100x30(  # type: ignore[no-untyped-def]
    snap_compare, journal: Path, note: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(note.parent))  # the path reads ~/phone.txt on every machine
    app = app_for(journal)

    async def read_the_note(pilot: Pilot[int]) -> None:
        await open_import_from_browse(pilot)
        await preview(pilot, Path("~/phone.txt"))

    assert snap_compare(app, terminal_size=(100, 30), run_before=read_the_note)
