"""Nothing the journal holds reaches the terminal as a control sequence.

Validation keeps control characters out of new entries; these tests plant them in the file
directly (as an older version or another program could have written them) and check the second
line of defence: every text output and every error that echoes input shows them as visible
symbols. An OSC 52 sequence (ESC ] 52 ; c ; … BEL) would otherwise write to the clipboard.
"""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from journal.cli import main
from journal.terminal import safe

OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"
HOSTILE = f"Porter{OSC52} \x9b31m\u202eevil\u2028x\r"
FORBIDDEN = ("\x1b", "\x07", "\x9b", "\u202e", "\u2028", "\r")


@pytest.fixture
def planted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "journal.db"
    assert main(["--db", str(db), "add", "Placeholder", "--at", "2026-11-18 10:00"]) == 0
    assert main(["--db", str(db), "edit", "1", "--lesson", "Listen", "--flag"]) == 0
    capsys.readouterr()
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "UPDATE entry SET what = ?, setting = ?, lesson = ? WHERE id = 1",
            (HOSTILE, HOSTILE, HOSTILE),
        )
        conn.execute(
            'INSERT INTO tag (slug, "group", description, builtin) VALUES (?, ?, ?, 0)',
            ("planted", f"Group{OSC52}", HOSTILE),
        )
        conn.execute(
            "INSERT INTO entry_tag (entry_id, tag_slug, polarity) VALUES (1, 'planted', -1)"
        )
    conn.close()
    return db


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _assert_clean(text: str, where: str) -> None:
    for char in FORBIDDEN:
        assert char not in text, (where, repr(char), text)


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["list", "--search", "porter"],
        ["list", "--tag", "planted"],
        ["show", "1"],
        ["tags"],
        ["review", "--week", "2026-W47"],
        ["doctor"],
        ["list", "--tag", f"x{OSC52}"],
        ["list", "--from", f"2026{OSC52}"],
        ["show", f"1{OSC52}"],
        ["edit", "1", "--overall", f"well{OSC52}"],
        ["add", f"What{OSC52}", "--at", f"today{OSC52}"],
    ],
)
def test_no_control_sequence_reaches_stdout_or_stderr(
    command: list[str], planted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        code = main(["--db", str(planted), *command])
    except SystemExit as exc:  # argparse's usage errors leave through SystemExit
        code = int(exc.code or 0)
    assert code in (0, 1, 2)
    out, err = capsys.readouterr()
    _assert_clean(out, "stdout")
    _assert_clean(err, "stderr")
    assert out or err


def test_the_markdown_export_holds_no_escape_or_bell(
    planted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Even written to a pipe or a file, the coaching document is read with ``cat``."""
    assert main(["--db", str(planted), "export", "--week", "2026-W47"]) == 0
    out = capsys.readouterr().out
    assert "planted" in out and "Porter" in out
    for char in ("\x1b", "\x07", "\r", "\x9b"):
        assert char not in out


def test_an_export_to_a_terminal_is_made_safe(
    planted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for fmt in ("markdown", "json", "csv"):
        terminal = _Terminal()
        monkeypatch.setattr("sys.stdout", terminal)
        assert main(["--db", str(planted), "export", "--format", fmt]) == 0
        shown = terminal.getvalue()
        _assert_clean(shown.replace("\r\n", "\n"), fmt)
        if fmt == "csv":
            assert shown.count("\r\n") == 2  # the header and the one entry keep CSV's line ends


def test_the_planted_text_is_shown_visibly_not_dropped(
    planted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(planted), "show", "1"]) == 0
    out = capsys.readouterr().out
    assert "Porter␛]52;c;cm0gLXJmIH4=␇" in out
    assert "<U+009B>31m<U+202E>evil" in out  # U+2028 and CR break the line, as in any text


def test_json_on_a_terminal_is_made_safe_and_in_a_pipe_kept_exact(
    planted: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["--db", str(planted), "show", "1", "--json"]) == 0
    piped = capsys.readouterr().out
    assert "\x9b" in piped and "\u202e" in piped  # data for programs stays byte for byte
    terminal = _Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    assert main(["--db", str(planted), "show", "1", "--json"]) == 0
    _assert_clean(terminal.getvalue(), "json on a terminal")


def test_an_import_echoing_a_file_name_is_safe(
    planted: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = tmp_path / f"in{OSC52}.json"
    assert main(["--db", str(planted), "import", str(name)]) == 1
    out, err = capsys.readouterr()
    _assert_clean(out + err, "import")


def test_safe_keeps_layout_and_plain_text() -> None:
    text = "Café – “quoted” 日本語 emoji 🙂\n\tindented"
    assert safe(text) == text
    assert safe("a\nb\tc", one_line=True) == "a␊b␉c"
    assert safe("\x00\x1b\x7f\x85") == "␀␛␡<U+0085>"
