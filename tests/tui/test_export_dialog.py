"""The export dialog: opened from browse, a preview, writing private files, never overwriting."""

from __future__ import annotations

import json
import os
import stat
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, Markdown
from tui_helpers import (
    BERLIN,
    SEED_START,
    add,
    app_for,
    open_store,
    record_notifications,
    seed_sample,
    settle,
)

from journal.cli import main
from tui.app import ServiceJournalApp
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.export import ExportDialog
from tui.dialogs.export_options import (
    ExportOptions,
    ExportRange,
    RangeError,
    range_from_bounds,
    read_range,
    target_path,
    week_range,
)
from tui.screens.browse import BrowseScreen
from tui.widgets.export_choice import OneOf

WEEK = "2024-W10"
"""The seeded week (five shared entries, one of them flagged, and one private entry)."""


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "j.db"
    seed_sample(path)
    with open_store(path) as store:
        add(
            store,
            "Something only for me",
            occurred_at=SEED_START + timedelta(hours=3),
            private=True,
        )
    return path


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The documents folder the dialog proposes (a temporary one)."""
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr("tui.dialogs.export.documents_folder", lambda: folder)
    return folder


def dialog(app: ServiceJournalApp) -> ExportDialog:
    assert isinstance(app.screen, ExportDialog)
    return app.screen


def previewed(app: ServiceJournalApp) -> bool:
    return isinstance(app.screen, ExportDialog) and "entr" in str(
        app.screen.preview.border_subtitle
    )


def error_text(app: ServiceJournalApp) -> str:
    return str(dialog(app).query_one("#export-error").render())


async def open_export(pilot, app: ServiceJournalApp, week: str = WEEK) -> ExportDialog:  # type: ignore[no-untyped-def]
    """Browse, filter the list to ``week`` (if given), press x and wait for the preview."""
    await settle(pilot, lambda: app.backend.is_open)
    await pilot.press("ctrl+b")
    await settle(pilot, lambda: isinstance(app.screen, BrowseScreen) and not app.screen.reading)
    browse = app.screen
    assert isinstance(browse, BrowseScreen)
    if week:
        field = browse.query_one("#f-week", Input)
        field.value = week
        field.focus()
        await pilot.press("enter")
        await settle(pilot, lambda: browse.listed_filter.start is not None and not browse.reading)
    await pilot.press("x")
    await settle(pilot, lambda: previewed(app))
    return dialog(app)


def cli_export(journal: Path, target: Path, *options: str) -> str:
    """What ``service-journal export`` writes for the same options."""
    code = main(["--db", str(journal), "export", *options, "-o", str(target)])
    assert code == 0
    return target.read_text(encoding="utf-8")


# ----------------------------------------------------------------- opening and preview


async def test_x_in_browse_opens_the_filtered_week_with_a_markdown_preview(
    journal: Path, docs: Path
) -> None:
    app = app_for(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot, app)
        assert screen.query_one("#export-kind", OneOf).value == "week"
        assert screen.query_one("#export-week", Input).value == WEEK
        assert screen.query_one("#export-path", Input).value == str(
            docs / "service-journal-2024-W10.md"
        )
        markdown = screen.query_one(Markdown)
        assert markdown.source.startswith(f"# Coaching notes: {WEEK}\n")
        (title,) = markdown.query("MarkdownH1")
        assert "Coaching notes: 2024-W10" in str(title.render())
        assert screen.preview.border_subtitle == "5 entries, 1 private left out"
        assert app.focused is screen.query_one("#export-kind")


async def test_without_a_week_filter_this_week_is_chosen_and_flagged_follows_the_list(
    journal: Path, docs: Path
) -> None:
    app = app_for(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        await pilot.press("ctrl+b")
        await settle(pilot, lambda: isinstance(app.screen, BrowseScreen))
        app.screen.query_one("#f-flagged").value = True
        await settle(pilot, lambda: bool(app.screen.listed_filter.flagged))
        await pilot.press("x")
        await settle(pilot, lambda: previewed(app))
        screen = dialog(app)
        assert screen.query_one("#export-kind", OneOf).value == "this"
        assert screen.query_one("#export-flagged").value is True
        this_week = screen.options().range.week
        assert this_week is not None
        assert screen.query_one("#export-path", Input).value.endswith(f"-{this_week}.md")


async def test_json_and_csv_preview_the_first_lines_and_rename_the_file(
    journal: Path, docs: Path
) -> None:
    app = app_for(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot, app)
        await pilot.press("tab", "tab")  # past the week field to the format
        assert app.focused is screen.query_one("#export-format")
        await pilot.press("3")
        await settle(pilot, lambda: previewed(app) and not screen.query_one(Markdown).display)
        plain = str(screen.query_one("#export-plain").render())
        assert plain.startswith("uuid,occurred_at,what")
        assert screen.query_one("#export-path", Input).value.endswith("-2024-W10.csv")


async def test_x_in_the_review_exports_the_reviewed_week(journal: Path, docs: Path) -> None:
    from tui.screens.review import ReviewScreen

    app = app_for(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        await app.run_action(f"review('{WEEK}')")
        await settle(
            pilot,
            lambda: (
                isinstance(app.screen, ReviewScreen)
                and app.screen.review is not None
                and app.screen.review.week == WEEK
                and not app.screen.reading
            ),
        )
        app.screen.query_one("#review-body").focus()
        await pilot.press("x")
        await settle(pilot, lambda: previewed(app))
        screen = dialog(app)
        assert screen.options() == ExportOptions(week_range(WEEK))
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, ReviewScreen))


async def test_the_palette_command_exports_this_week_from_anywhere(
    journal: Path, docs: Path
) -> None:
    app = app_for(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        (command,) = [
            c for c in app.get_system_commands(app.screen) if c.title == "Export: coaching document"
        ]
        command.callback()
        await settle(pilot, lambda: previewed(app))
        assert dialog(app).query_one("#export-kind", OneOf).value == "this"


def test_the_dialog_keys_are_in_the_help() -> None:
    from tui.screens.help import KEYS

    listed = " ".join(key for _, keys in KEYS for key, _ in keys)
    for binding in ExportDialog.BINDINGS:
        assert binding.key in listed  # type: ignore[union-attr]


# ----------------------------------------------------------------- writing


async def test_ctrl_s_writes_a_private_file_equal_to_the_export_command(
    journal: Path, docs: Path, tmp_path: Path
) -> None:
    app = app_for(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        messages = record_notifications(app)
        await open_export(pilot, app)
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: isinstance(app.screen, BrowseScreen))
        target = docs / "service-journal-2024-W10.md"
        assert messages == [f"Wrote {target} (5 entries, 1 private left out)."]
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    expected = cli_export(journal, tmp_path / "cli.md", "--week", WEEK)
    assert target.read_text(encoding="utf-8") == expected


async def test_a_typed_path_and_only_flagged_are_written(
    journal: Path, docs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    app = app_for(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot, app)
        screen.query_one("#export-flagged").value = True
        path = screen.query_one("#export-path", Input)
        path.value = "~/notes.md"
        path.focus()
        await settle(pilot, lambda: "1 entry" in str(screen.preview.border_subtitle))
        await pilot.press("enter")  # in the file field: export
        await settle(pilot, lambda: isinstance(app.screen, BrowseScreen))
    expected = cli_export(journal, tmp_path / "cli.md", "--week", WEEK, "--only-flagged")
    assert (home / "notes.md").read_text(encoding="utf-8") == expected


async def test_an_existing_file_is_replaced_only_after_yes(journal: Path, docs: Path) -> None:
    target = docs / "service-journal-2024-W10.md"
    target.write_text("old notes\n", encoding="utf-8")
    os.chmod(target, 0o644)
    app = app_for(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_export(pilot, app)
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert str(target) in app.screen.question
        await pilot.press("n")
        await settle(pilot, lambda: isinstance(app.screen, ExportDialog))
        assert target.read_text(encoding="utf-8") == "old notes\n"
        assert error_text(app) == "Nothing was written; choose another file name."
        assert app.focused is dialog(app).query_one("#export-path")

        await pilot.press("ctrl+s")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await settle(pilot, lambda: isinstance(app.screen, BrowseScreen))
    assert target.read_text(encoding="utf-8").startswith(f"# Coaching notes: {WEEK}\n")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert sorted(p.name for p in docs.iterdir()) == [target.name]  # no temporary file left


async def test_json_writes_valid_json_with_the_shared_entries(journal: Path, docs: Path) -> None:
    app = app_for(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot, app)
        await pilot.press("tab", "tab", "2")  # the format: JSON
        await settle(pilot, lambda: previewed(app) and not screen.query_one(Markdown).display)
        assert screen.query_one("#export-path", Input).value.endswith("-2024-W10.json")
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: isinstance(app.screen, BrowseScreen))
    target = docs / "service-journal-2024-W10.json"
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["format"] == "service-journal"
    assert len(document["entries"]) == 5
    assert not any(e["private"] for e in document["entries"])
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


# ----------------------------------------------------------------- refusals


async def test_an_invalid_week_is_explained_and_nothing_is_written(
    journal: Path, docs: Path
) -> None:
    app = app_for(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot, app)
        await pilot.press("tab")
        week = screen.query_one("#export-week", Input)
        assert app.focused is week
        week.value = "2024-W60"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert error_text(app) == (
            '"2024-W60" is not a week; write it like 2026-W47 (year, W, week 1-53).'
        )
        assert isinstance(app.screen, ExportDialog)
        assert app.focused is week
        assert "once the range is right" in str(screen.query_one("#export-plain").render())
    assert list(docs.iterdir()) == []


async def test_dates_the_wrong_way_round_are_explained(journal: Path, docs: Path) -> None:
    app = app_for(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot, app)
        await pilot.press("4")  # from – to
        await settle(pilot)
        assert screen.query_one("#export-from", Input).value == "2024-03-04"
        screen.query_one("#export-to", Input).value = "2024-03-01"
        await settle(pilot, lambda: error_text(app) != "")
        assert error_text(app) == (
            "The last day 2024-03-01 is before the first day 2024-03-04; swap them."
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
    assert list(docs.iterdir()) == []


async def test_a_missing_folder_is_explained_in_the_dialog(
    journal: Path, docs: Path, tmp_path: Path
) -> None:
    app = app_for(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot, app)
        screen.query_one("#export-path", Input).value = str(tmp_path / "nowhere" / "week.md")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert error_text(app) == (
            f"The folder {tmp_path / 'nowhere'} does not exist; create it first."
        )
        screen.query_one("#export-path", Input).value = str(docs)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert error_text(app) == f"{docs} is a folder; give a file name."
    assert not (tmp_path / "nowhere").exists()


async def test_escape_closes_without_writing(journal: Path, docs: Path) -> None:
    app = app_for(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_export(pilot, app)
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, BrowseScreen))
    assert list(docs.iterdir()) == []


# ----------------------------------------------------------------- the options, without a screen


def test_ranges_read_from_the_fields() -> None:
    today = date(2026, 11, 25)
    assert read_range("this", "", "", "", today) == ExportRange(
        date(2026, 11, 23), date(2026, 11, 29), "2026-W48"
    )
    assert read_range("previous", "", "", "", today).week == "2026-W47"
    assert read_range("week", "2026w7", "", "", today).week == "2026-W07"
    assert read_range("week", "2026-11-20", "", "", today).week == "2026-W47"
    dates = read_range("dates", "", "2026-11-01", "2026-11-30", today)
    assert (dates.label, dates.slug) == ("2026-11-01 to 2026-11-30", "2026-11-01_to_2026-11-30")
    with pytest.raises(RangeError, match="Type the week") as raised:
        read_range("week", " ", "", "", today)
    assert raised.value.field == "week"
    with pytest.raises(RangeError, match='"11/01" is not a date') as raised:
        read_range("dates", "", "11/01", "2026-11-30", today)
    assert raised.value.field == "from"


def test_file_names_follow_the_range_and_the_format() -> None:
    week = ExportOptions(week_range("2026-W47"), "markdown")
    assert week.file_name == "service-journal-2026-W47.md"
    days = ExportOptions(ExportRange(date(2026, 11, 1), date(2026, 11, 30)), "json")
    assert days.file_name == "service-journal-2026-11-01_to_2026-11-30.json"
    folder = Path("/docs")
    assert target_path("  ", folder) is None
    assert target_path("week.md", folder) == Path("/docs/week.md")
    assert target_path("/tmp/week.md", folder) == Path("/tmp/week.md")


def test_a_filter_range_is_named_as_a_week_when_it_is_one() -> None:
    monday = datetime(2024, 3, 4, tzinfo=BERLIN)
    assert range_from_bounds(monday, monday + timedelta(days=7), BERLIN).week == WEEK
    assert range_from_bounds(monday, monday + timedelta(days=7), BERLIN, "sunday").week is None
    one_day = range_from_bounds(monday, monday + timedelta(days=1), BERLIN)
    assert (one_day.first, one_day.last, one_day.week) == (monday.date(), monday.date(), None)


def test_a_folder_that_is_not_writable_is_refused_in_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journal.errors import InputError
    from journal.export import files

    monkeypatch.setattr(files.os, "access", lambda path, mode: False)
    with pytest.raises(InputError) as raised:
        files.check_target(tmp_path / "week.md")
    assert str(raised.value) == f"The folder {tmp_path} is not writable; choose another one."


# ----------------------------------------------------------------- how it looks


def test_snapshot_of_the_dialog_with_its_preview(snap_compare, journal: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("tui.dialogs.export.documents_folder", lambda: Path("/home/sam/Documents"))
    app = app_for(journal)

    async def open_it(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_export(pilot, app)

    assert snap_compare(app, terminal_size=(120, 40), run_before=open_it)
