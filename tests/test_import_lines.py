"""A note file as an inbox: day lines, shorthand, idempotent re-import, appended lines, refusals."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from journal.db import open_database
from journal.errors import InputError
from journal.importers import apply, parse
from journal.importers.from_lines import LinesContext
from journal.rows import EntryRow
from journal.schemas import EntryPatch, validate
from journal.store import Store
from journal.taxonomy import BUILTIN_SETTINGS, BUILTIN_TAGS
from journal.values import EntryFilter, TagMark

ZONE = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 12, 6, 10, 30, tzinfo=ZONE)  # a Sunday
NOTE = """\
# Notes from my phone
## Fri 4 Dec
14:30 Teller kept typing while the queue grew -att -queue @bank ~w =badly // greet the line first
17:05 Barista remembered my name +indiv @cafe ~c =well

# 2026-12-05
09:10 Pharmacist explained the dosage twice +pat @pharm ~c
Bus driver waited for a running passenger +initiative @public-tr
2026-11-20 08:00 Clerk found the form before I asked +init @public-off ~c =well
"""


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(open_database(str(tmp_path / "lines.db")), now=lambda: NOW.astimezone(UTC))


def context(now: datetime = NOW) -> LinesContext:
    return LinesContext([t.slug for t in BUILTIN_TAGS], list(BUILTIN_SETTINGS), now)


def load(store: Store, text: str, *, dry_run: bool = False) -> tuple[int, int]:
    batch = parse(text, "lines", "note.txt", ZONE, lines=context())
    result = apply(store, batch, dry_run=dry_run)
    return result.added, result.skipped


def entries(store: Store) -> list[EntryRow]:
    return sorted(store.list(EntryFilter(), limit=100).entries, key=lambda e: e.occurred_at)


def test_day_lines_times_and_shorthand_become_complete_entries(store: Store) -> None:
    assert load(store, NOTE) == (5, 0)
    got = entries(store)
    assert [e.occurred_at.astimezone(ZONE) for e in got] == [
        datetime(2026, 11, 20, 8, 0, tzinfo=ZONE),
        datetime(2026, 12, 4, 14, 30, tzinfo=ZONE),
        datetime(2026, 12, 4, 17, 5, tzinfo=ZONE),
        datetime(2026, 12, 5, 9, 10, tzinfo=ZONE),
        datetime(2026, 12, 5, 12, 0, tzinfo=ZONE),
    ]
    teller = got[1]
    assert teller.what == "Teller kept typing while the queue grew"
    assert (teller.setting, teller.perspective, teller.overall) == ("bank", "witnessed", "badly")
    assert teller.tags == [TagMark("attention", -1), TagMark("queue", -1)]
    assert teller.differently == "greet the line first"
    assert got[4].setting == "public transport" and got[0].setting == "public office"


def test_imported_lines_without_a_lesson_land_in_the_inbox(store: Store) -> None:
    load(store, NOTE)
    unreflected = store.list(EntryFilter(unreflected=True), limit=100).entries
    assert len(unreflected) == 4


def test_importing_the_same_note_again_adds_nothing(store: Store) -> None:
    load(store, NOTE)
    assert load(store, NOTE) == (0, 5)
    assert len(entries(store)) == 5


def test_a_line_with_no_day_is_left_as_it_is_on_a_later_import(store: Store) -> None:
    """Such a line is at the moment of its first import; importing the note again later
    neither moves it to the new moment nor overwrites what the user added since."""
    note = "Bus driver waited for a running passenger +patience\n"
    first = apply(store, parse(note, "lines", "note.txt", ZONE, lines=context()))
    assert (first.added, first.updated) == (1, 0)
    (entry,) = entries(store)
    store.update(entry.id, validate(EntryPatch, {"lesson": "Waiting a moment costs little"}))
    later = context(NOW.replace(hour=19))
    again = apply(store, parse(note, "lines", "note.txt", ZONE, lines=later))
    assert (again.added, again.updated, again.skipped) == (0, 0, 1)
    (kept,) = entries(store)
    assert kept.occurred_at == NOW
    assert kept.lesson == "Waiting a moment costs little"


def test_appended_lines_add_only_the_new_ones(store: Store) -> None:
    load(store, NOTE)
    more = NOTE + "20:00 Waiter ignored a raised hand -att @rest =badly\n"
    assert load(store, more) == (1, 5)
    assert entries(store)[-1].what == "Waiter ignored a raised hand"


def test_a_repeated_line_is_two_observations_and_stays_idempotent(store: Store) -> None:
    note = "# 2026-12-05\n10:00 Same thing twice\n10:00 Same thing twice\n"
    assert load(store, note) == (2, 0)
    assert load(store, note) == (0, 2)


def test_a_dry_run_writes_nothing(store: Store) -> None:
    assert load(store, NOTE, dry_run=True) == (5, 0)
    assert entries(store) == []


@pytest.mark.parametrize(
    ("note", "line", "named"),
    [
        ("# 2026-12-05\nfine +pat\nbroken -zzz\n", "line 3", "zzz"),
        ("# 2026-12-05\nfine\nslow -co\n", "line 3", "courtesy"),
        ("# 2026-12-06\n23:00 not yet\n", "line 2", "future"),
        ("# 2026-12-05\n25:00 no such time\n", "line 2", "25:00"),
        ("## Mon 4 Dec\nx\n", "line 1", "Friday"),
        ("# 2026-12-05\n10:00 -att =badly\n", "line 2", "what happened"),
    ],
)
def test_a_bad_line_refuses_the_whole_note_naming_its_number(
    store: Store, note: str, line: str, named: str
) -> None:
    with pytest.raises(InputError) as caught:
        load(store, note)
    message = str(caught.value)
    assert f"note.txt: {line}:" in message and named.lower() in message.lower()
    assert entries(store) == []


def test_the_cli_reads_a_note_from_a_file_and_from_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    from journal.cli import main

    note = tmp_path / "phone.txt"
    note.write_text("# 2026-11-20\n14:30 Kind nurse +pat ~c =well\n")
    assert main(["import", str(note), "--format", "lines"]) == 0
    assert "added 1" in capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(note.read_bytes())))
    assert main(["import", "-", "--format", "lines"]) == 0
    assert "added 0" in capsys.readouterr().out
