"""The app as a whole: start-up imports, the error screen, palette, help, modes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.css.scalar import Scalar
from textual.widgets import Input
from tui_helpers import app_for, open_store, seed_sample, settle

from journal.config import Settings
from tui.app import ServiceJournalApp, make_app
from tui.dialogs.export import ExportDialog
from tui.screens.browse import BrowseScreen
from tui.screens.capture import CaptureScreen
from tui.screens.error import ErrorScreen
from tui.screens.help import KEYS, HelpScreen
from tui.styles import LATER, REVIEW, read_later
from tui.warm_up import HeldRest
from tui.widgets.mode_bar import ModeBar

ROOT = Path(__file__).resolve().parents[2]


def test_the_capture_path_does_not_import_the_database_layer() -> None:
    """The form paints before sqlite, the store, pydantic or alembic are even imported."""
    code = "import sys, tui.app, tui.screens.capture\nprint('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    loaded = set(result.stdout.split())
    heavy = {"journal.db", "journal.store", "journal.schemas", "sqlite3", "pydantic", "alembic"}
    assert not loaded & heavy


async def test_a_corrupt_journal_shows_why_and_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    garbage = b"this is not a database\x00\xff" * 100
    path.write_bytes(garbage)
    app = app_for(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ErrorScreen))
        text = str(app.screen.query_one("#error-message").render())
        assert "is not a Service Journal database" in text
        assert "Press q to quit" in str(app.screen.query_one("#error-help").render())
        await pilot.press("ctrl+b")  # going elsewhere is not possible
        assert isinstance(app.screen, ErrorScreen)
        await pilot.press("q")
    assert app.return_code == 3
    assert path.read_bytes() == garbage
    assert sorted(p.name for p in tmp_path.iterdir()) == ["j.db"]


async def test_a_damaged_sqlite_journal_shows_the_error_screen(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    with open_store(path):
        pass
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xde\xad" * ((4096 - 100) // 2)  # the schema page, after the header
    path.write_bytes(bytes(data))
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ErrorScreen))
        assert "damaged" in str(app.screen.query_one("#error-message").render()) or (
            "cannot" in str(app.screen.query_one("#error-message").render()).lower()
        )
        await pilot.press("ctrl+q")
    assert app.return_code == 3
    assert path.read_bytes() == bytes(data)


async def test_a_folder_instead_of_a_file_is_explained(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ErrorScreen))
        assert "is a folder" in str(app.screen.query_one("#error-message").render())


async def test_typing_works_before_the_journal_is_open(tmp_path: Path) -> None:
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("h", "i")  # no waiting for the worker first
        assert app.query_one("#what", Input).value == "hi"
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.query_one("#what", Input).value == "")
    with open_store(tmp_path / "j.db") as store:
        assert [e.what for e in store.list().entries] == ["hi"]


async def test_the_launcher_hears_once_the_form_is_on_screen(tmp_path: Path) -> None:
    """``tui.launch`` resumes garbage collection there, so it must come, once, after layout."""
    seen: list[int] = []
    app = make_app(
        Settings(db=str(tmp_path / "j.db"), tz="Europe/Berlin"),
        on_drawn=lambda: seen.append(app.query_one("#what", Input).region.width),
        keys=HeldRest(),
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        await pilot.press("h", "i")
    assert len(seen) == 1 and seen[0] > 0


def count_whole_passes(app: ServiceJournalApp) -> list[bool]:
    """Textual's pass over every rule (and then every widget) when a screen brings a stylesheet
    the app has not read: one entry per pass from now on."""
    passes: list[bool] = []
    whole_pass = app.stylesheet.reparse
    app.stylesheet.reparse = lambda: passes.append(True) or whole_pass()  # type: ignore[method-assign]
    return passes


async def test_start_up_reads_only_the_forms_stylesheet_and_the_rest_in_a_pause(
    tmp_path: Path,
) -> None:
    """The other places' stylesheets are read once the user pauses, so their first opening does
    not read them again (that would be a pass over every rule and every widget just then)."""
    keys = HeldRest()
    app = app_for(tmp_path / "j.db", keys)
    later = [str(path) for path in LATER]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        assert not [path for path in later if app.stylesheet.has_source(path)]
        keys.release()  # the user pauses
        await settle(pilot, lambda: all(app.stylesheet.has_source(path) for path in later))
        reparsed = count_whole_passes(app)
        await pilot.press("ctrl+r")
        await settle(pilot, lambda: app.place == "review")
        await pilot.press("x")
        await settle(pilot, lambda: isinstance(app.screen, ExportDialog))
        assert app.screen.query_one("#export-dialog").styles.width == Scalar.parse("112")
    assert reparsed == []


@pytest.mark.parametrize(
    "keys",
    [
        pytest.param(("ctrl+r",), id="review-pushed-on-the-form"),
        pytest.param(("ctrl+b", "ctrl+r"), id="review-in-place-of-browse"),
    ],
)
async def test_a_place_opened_before_the_pause_reads_the_stylesheets_without_a_whole_pass(
    tmp_path: Path, keys: tuple[str, ...]
) -> None:
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(120, 40)) as pilot:
        reparsed = count_whole_passes(app)
        # The keyboard never rests here (``app_for`` holds it), so the read-ahead has not run
        # and the stylesheets are read as the review opens.
        for key in keys:
            assert not app.stylesheet.has_source(str(REVIEW))
            await pilot.press(key)
            await pilot.pause()
        assert app.place == "review" and app.stylesheet.has_source(str(REVIEW))
        await pilot.press("x")  # the export dialog, on the review
        await settle(pilot, lambda: isinstance(app.screen, ExportDialog))
        assert app.screen.query_one("#export-dialog").styles.width == Scalar.parse("112")
        await pilot.press("escape")
        await settle(pilot, lambda: app.screen is app.review)
        assert app.screen.query_one("#review-header").styles.height == Scalar.parse("1")
    assert reparsed == []


async def test_the_stylesheets_read_later_style_no_widget_already_on_screen(
    tmp_path: Path,
) -> None:
    """Why reading them ahead needs no restyle of the capture form or browse: none of their rules
    applies there, so a full restyle after reading them changes no style."""
    seed_sample(tmp_path / "j.db")
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+b")
        await settle(pilot, lambda: app.place == "browse" and app.browse is not None)
        await pilot.press("ctrl+n")
        await settle(pilot, lambda: app.place == "capture")
        assert app.browse is not None
        nodes = [*app.capture.walk_children(with_self=True)]
        nodes += app.browse.walk_children(with_self=True)
        before = [node.styles.css for node in nodes]
        read_later(app.stylesheet)
        app.stylesheet.update(app.capture)
        app.stylesheet.update(app.browse)
        assert [node.styles.css for node in nodes] == before


async def test_an_unknown_time_zone_is_explained_and_the_journal_left_closed(
    tmp_path: Path,
) -> None:
    app = make_app(Settings(db=str(tmp_path / "j.db"), tz="Mars/Olympus"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ErrorScreen))
        assert "Mars/Olympus" in str(app.screen.query_one("#error-message").render())
        await pilot.press("q")
    assert app.return_code == 3
    assert not (tmp_path / "j.db").exists()


async def test_modes_switch_with_keys(tmp_path: Path) -> None:
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        await pilot.press("ctrl+b")
        await settle(pilot, lambda: isinstance(app.screen, BrowseScreen))
        await pilot.press("r")  # single key where no text field has the focus
        await settle(pilot, lambda: app.place == "review")
        assert type(app.screen).__name__ == "ReviewScreen"
        await pilot.press("n")
        await settle(pilot, lambda: isinstance(app.screen, CaptureScreen))
        await pilot.press("r")  # typing in a field: a letter, not a mode switch
        assert app.place == "capture"
        assert app.query_one("#what", Input).value == "r"
        await pilot.press("ctrl+r")
        await settle(pilot, lambda: app.place == "review")


async def test_a_click_on_a_place_in_the_top_line_goes_there(tmp_path: Path) -> None:
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)

        async def click(title: str) -> None:
            line = str(app.screen.query_one(ModeBar).render())
            assert line.startswith(" Service Journal") and len(line) == 120
            await pilot.click(ModeBar, offset=(line.index(title) + 1, 0))

        await click("Browse")
        await settle(pilot, lambda: app.place == "browse")
        await click("Review")
        await settle(pilot, lambda: app.place == "review")
        await click("Service Journal")  # the name is not a place
        await settle(pilot)
        assert app.place == "review"
        await click("Capture")
        await settle(pilot, lambda: app.place == "capture")


async def test_palette_commands_are_named_area_action(tmp_path: Path) -> None:
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in (
            "Entry: new",
            "Browse: search",
            "Browse: trash",
            "Review: this week",
            "App: help",
            "App: quit",
        ):
            assert wanted in titles
        search = next(c for c in app.get_system_commands(app.screen) if c.title == "Browse: search")
        search.callback()
        await settle(pilot, lambda: isinstance(app.focused, Input) and app.focused.id == "f-search")
        trash = next(c for c in app.get_system_commands(app.screen) if c.title == "Browse: trash")
        trash.callback()
        await settle(
            pilot, lambda: "in the trash" in str(app.screen.query_one("#f-count").render())
        )


async def test_help_lists_the_keys_of_every_screen(tmp_path: Path) -> None:
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        await pilot.press("f1")
        await settle(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = "\n".join(str(s.render()) for s in app.screen.query(".help-section"))
        words = " ".join(text.split())  # a long title wraps at 80 columns
        for section, _ in KEYS:
            assert section in words
        for key in ("ctrl+s", "ctrl+q", "delete / d", "P", "backspace"):
            assert key in text
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, CaptureScreen))


def test_every_shown_binding_is_in_the_help() -> None:
    """The help stays true: each key a screen binds with a description is listed."""
    from tui.screens.browse import BrowseScreen
    from tui.screens.entry import EntryScreen
    from tui.widgets.entry_list import EntryList

    listed = " ".join(key for _, keys in KEYS for key, _ in keys)
    symbols = {
        "question_mark": "?",
        "slash": "/",
        "up": "↑",
        "down": "↓",
        "left": "←",
        "right": "→",
    }
    for owner in (ServiceJournalApp, CaptureScreen, BrowseScreen, EntryList, EntryScreen):
        for binding in owner.BINDINGS:
            for key in binding.key.split(","):  # type: ignore[union-attr]
                shown = symbols.get(key, key)
                if key in ("tab", "shift+tab"):
                    continue
                assert shown in listed, f"{owner.__name__}: {key} is not in the help"
