"""Import files built to break the reader: deep nesting, huge numbers, endless input, long fields.

Each is refused with one sentence naming what is wrong (and the bound, where one was passed),
exit 1, and the journal is left exactly as it was. The size bound is lowered for the tests so a
few kilobytes stand in for 256 MiB; endless input comes from /dev/zero and from a generator.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import journal.importers.stream as stream
from journal.cli import main
from journal.progress import ImportProgress

from ._helpers import ROOT, assert_one_sentence, cli_env

UUID = "0b7c6e3e-1b6c-4a47-9a0e-111111111111"
HEADER = '{"format": "service-journal", "version": 1, "tags": [], "entries": ['
CSV_HEAD = f"uuid,occurred_at,what,action_items\n{UUID},2026-11-20T10:00:00+01:00,x,"
ENTRY = {"uuid": UUID, "occurred_at": "2026-11-20T10:00:00+01:00", "what": "The porter"}


@pytest.fixture
def journal_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    db = str(tmp_path / "journal.db")
    assert main(["--db", db, "add", "Already here"]) == 0
    capsys.readouterr()
    return db


def _entries(db: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--db", db, "export", "--format", "json"]) == 0
    entries = json.loads(capsys.readouterr().out)["entries"]
    return json.dumps(entries, sort_keys=True)


CASES: dict[str, tuple[str, str, str]] = {
    "100,000 nested lists": ("json", "[" * 100_000 + "]" * 100_000, "not a Service Journal"),
    "100,000 nested lists inside an entry": (
        "json",
        HEADER + "[" * 100_000 + "]" * 100_000 + "]}",
        "deeper than 64 levels",
    ),
    "nested lists in jrnl": ("jrnl", '{"entries": [' + "[" * 70 + "]" * 70 + "]}", "64 levels"),
    "a 5,000-digit integer in a JSON field": (
        "json",
        HEADER + '{"uuid": ' + "7" * 5000 + "}]}",
        "not valid JSON",
    ),
    "a 5,000-digit integer in an action_items cell": (
        "csv",
        f'{CSV_HEAD}"[{"9" * 5000}]"\n',
        "action_items must be a JSON list",
    ),
    "60,000 nested lists in an action_items cell": (
        "csv",
        f'{CSV_HEAD}"{"[" * 60_000}"\n',
        "deeper than 64 levels",
    ),
    "a 200,000-character field": (
        "json",
        HEADER + json.dumps({**ENTRY, "what": "x" * 200_000}) + "]}",
        "longer than 100,000 characters",
    ),
    "a 110,000-character CSV cell": (
        "csv",
        f"uuid,occurred_at,what\n{UUID},2026-11-20T10:00:00+01:00,{'y' * 110_000}\n",
        "longer than 100,000 characters",
    ),
    "not UTF-8": ("json", "", "not UTF-8 text"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_hostile_file_is_one_sentence_and_changes_nothing(
    case: str, journal_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fmt, text, words = CASES[case]
    path = tmp_path / f"hostile.{fmt}"
    if case == "not UTF-8":
        path.write_bytes(HEADER.encode() + b'{"what": "\xff\xfe"}]}')
    else:
        path.write_text(text, encoding="utf-8")
    before = _entries(journal_file, capsys)
    assert main(["--db", journal_file, "import", str(path), "--format", fmt]) == 1
    line = assert_one_sentence(capsys.readouterr().err)
    assert words in line, line
    assert _entries(journal_file, capsys) == before


def test_standard_input_from_dev_zero_ends_with_one_sentence(journal_file: str) -> None:
    for fmt in ("json", "csv", "jrnl"):
        argv = [sys.executable, "-m", "journal.cli", "--db", journal_file]
        with open("/dev/zero", "rb") as zero:
            result = subprocess.run(
                [*argv, "import", "-", "--format", fmt],
                stdin=zero,
                capture_output=True,
                text=True,
                env=cli_env(),
                cwd=ROOT,
                check=False,
                timeout=120,
            )
        assert result.returncode == 1, (fmt, result.stderr)
        assert_one_sentence(result.stderr)


class _Endless(io.RawIOBase):
    """Valid JSON that never ends: the header, then whitespace for ever."""

    def __init__(self) -> None:
        self._head = HEADER.encode()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: object) -> int:
        view = memoryview(buffer).cast("B")  # type: ignore[arg-type]
        data, self._head = (self._head, b"") if self._head else (b" " * len(view), b"")
        data = data[: len(view)]
        view[: len(data)] = data
        return len(data)


def test_input_past_the_size_bound_is_refused_naming_it(
    journal_file: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(stream, "MAX_BYTES", 4 * 1024 * 1024)
    endless = io.BufferedReader(_Endless())
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(endless))
    before = _entries(journal_file, capsys)
    assert main(["--db", journal_file, "import", "-"]) == 1
    line = assert_one_sentence(capsys.readouterr().err)
    assert "larger than the 4 MiB an import may be" in line
    assert _entries(journal_file, capsys) == before


def test_entries_after_a_late_header_are_still_checked_and_imported(
    journal_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A hand-made file may put "entries" first: it is read whole, then checked the same way."""
    path = tmp_path / "reordered.json"
    doc = {"entries": [ENTRY], "tags": [], "version": 1, "format": "service-journal"}
    path.write_text(json.dumps(doc))
    assert main(["--db", journal_file, "import", str(path)]) == 0
    assert "added 1" in capsys.readouterr().out


def test_a_record_refused_late_rolls_back_the_batches_written_before_it(
    journal_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Entries are written a thousand at a time, but still in one transaction."""
    entries = [
        {**ENTRY, "uuid": f"0b7c6e3e-1b6c-4a47-9a0e-{n:012d}", "what": f"Visit {n}"}
        for n in range(2500)
    ]
    entries.append({**ENTRY, "uuid": entries[10]["uuid"]})  # used twice: refused at the end
    path = tmp_path / "late.json"
    path.write_text(HEADER + ",".join(json.dumps(e) for e in entries) + "]}")
    before = _entries(journal_file, capsys)
    assert main(["--db", journal_file, "import", str(path)]) == 1
    assert "entry 2501 (index 2500)" in assert_one_sentence(capsys.readouterr().err)
    assert _entries(journal_file, capsys) == before


# ------------------------------------------------------------------ the progress bar


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_appears_only_after_a_second() -> None:
    clock, screen = _Clock(), _Terminal()
    progress = ImportProgress(1000, file=screen, clock=clock)
    progress.advance(100)
    assert not progress.shown  # most imports end before anything is drawn
    clock.now += 1.0
    progress.advance(500)
    assert progress.shown
    progress.close()
    assert not progress.shown


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    journal_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with ImportProgress.on_stderr(1000) as progress:
        assert progress.file is None  # captured stderr is not a terminal
    path = tmp_path / "one.json"
    path.write_text(HEADER + json.dumps(ENTRY) + "]}")
    assert main(["--db", journal_file, "import", str(path)]) == 0
    assert capsys.readouterr().err == ""
