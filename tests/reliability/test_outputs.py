"""Where the output goes: a full disk, a closed standard output, names the system cannot hold.

Each case ends with its documented exit code and one sentence on stderr, never a traceback, and
no partial file is left under the name the user gave. Output devices (/dev/full, a closed stdout)
and a file-size limit (RLIMIT_FSIZE, which a process may set on itself without privileges) need
real processes; the rest runs in-process.
"""

from __future__ import annotations

import errno
import io
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import journal.export.files as export_files
from journal.cli import main

from ._helpers import ROOT, assert_one_sentence, cli_env


@pytest.fixture
def journal_file(tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    for n in range(3):
        assert main(["--db", str(path), "add", f"The porter carried bag {n}", "--flag"]) == 0
    return path


def _run(db: Path, *args: str, stdout: Any = subprocess.PIPE, **popen: Any):
    return subprocess.run(
        [sys.executable, "-m", "journal.cli", "--db", str(db), *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
        cwd=ROOT,
        check=False,
        timeout=120,
        **popen,
    )


@pytest.mark.parametrize(
    "command",
    [["export"], ["export", "--format", "json"], ["show", "1"], ["review"], ["list"], ["tags"]],
)
def test_a_full_output_device_is_one_sentence_and_exit_1(
    command: list[str], journal_file: Path
) -> None:
    with open("/dev/full", "w") as full:
        result = _run(journal_file, *command, stdout=full)
    assert result.returncode == 1, result.stderr
    line = assert_one_sentence(result.stderr)
    assert "No space left on device" in line


def _close_stdout() -> None:
    os.close(1)


@pytest.mark.parametrize("command", [["export"], ["list"], ["add", "Written blind"]])
def test_a_closed_standard_output_is_refused_before_anything_is_done(
    command: list[str], journal_file: Path
) -> None:
    result = _run(journal_file, *command, stdout=None, preexec_fn=_close_stdout)
    assert result.returncode == 1, result.stderr
    assert "standard output is closed" in assert_one_sentence(result.stderr)
    listed = _run(journal_file, "list")
    assert "Written blind" not in listed.stdout


def test_an_empty_output_name_is_a_usage_error(
    journal_file: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["--db", str(journal_file), "export", "-o", ""]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "-o is empty" in assert_one_sentence(err)
    assert main(["--db", str(journal_file), "backup", ""]) == 2
    assert_one_sentence(capsys.readouterr().err)


def test_a_300_character_file_name_is_one_sentence(
    journal_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long_name = tmp_path / ("x" * 300 + ".md")
    before = sorted(tmp_path.iterdir())
    assert main(["--db", str(journal_file), "export", "-o", str(long_name)]) == 1
    assert "File name too long" in assert_one_sentence(capsys.readouterr().err)
    assert main(["--db", str(journal_file), "backup", str(long_name)]) == 3
    assert "File name too long" in assert_one_sentence(capsys.readouterr().err)
    assert sorted(tmp_path.iterdir()) == before


class _FullDisk(io.StringIO):
    """A file whose every write fails as a full disk does."""

    def write(self, _text: str) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("force", [False, True])
def test_an_export_onto_a_full_disk_leaves_no_partial_file(
    force: bool,
    journal_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "out" / "coaching.md"
    target.parent.mkdir()
    if force:
        target.write_text("the previous export\n")
    real_fdopen = os.fdopen

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        os.close(fd)
        return _FullDisk()

    monkeypatch.setattr(export_files.os, "fdopen", fdopen)
    argv = ["--db", str(journal_file), "export", "-o", str(target)]
    assert main([*argv, "--force"] if force else argv) == 1
    monkeypatch.setattr(export_files.os, "fdopen", real_fdopen)
    assert "No space left on device" in assert_one_sentence(capsys.readouterr().err)
    left = sorted(p.name for p in target.parent.iterdir())
    assert left == (["coaching.md"] if force else [])
    if force:
        assert target.read_text() == "the previous export\n"


def _limit_file_size() -> None:
    """Writes past 64 KiB fail with EFBIG, as on a disk that is full."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))


def test_a_backup_onto_a_full_disk_leaves_no_partial_file(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    text = "A long account of the visit, " * 100
    for n in range(40):
        assert main(["--db", str(db), "add", f"Visit {n}", "--differently", text[:490]]) == 0
    assert db.stat().st_size > 65536
    folder = tmp_path / "backups"
    folder.mkdir()
    result = _run(db, "backup", str(folder / "copy.db"), preexec_fn=_limit_file_size)
    assert result.returncode == 3, result.stderr
    assert "Could not write the backup" in assert_one_sentence(result.stderr)
    assert list(folder.iterdir()) == []
    assert _run(db, "backup", str(folder / "copy.db")).returncode == 0
    assert [p.name for p in folder.iterdir()] == ["copy.db"]
