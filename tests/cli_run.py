"""The command line run in-process, as most tests run it: the exit code, stdout and stderr."""

from __future__ import annotations

import pytest

from journal.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``service-journal ARGS`` through ``main``; argparse's usage errors give their code."""
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def one_sentence(err: str) -> str:
    """The one line a refusal writes to stderr (never a traceback)."""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]
