"""What the app prints when an unexpected error stops it: one sentence and where, never what.

Textual's own report is a traceback with every frame's local variables: the entry being saved,
the draft, the search typed, all on the terminal (and in a scrollback, or a bug report pasted
from it). An exception's message may quote the user's text as well. So the report names the
kind of error and the frames it passed through (file, line, function: the program, not the
data), and the typing itself is kept as the capture form's draft instead.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from rich.console import Group, RenderableType
from rich.text import Text


def root_cause(error: BaseException) -> BaseException:
    """The error a wrapper stands for (Textual wraps a worker's error in WorkerFailed)."""
    seen: set[int] = set()
    while id(error) not in seen:
        seen.add(id(error))
        inner = getattr(error, "error", None)  # textual.worker.WorkerFailed
        if isinstance(inner, BaseException):
            error = inner
        elif error.__cause__ is not None:
            error = error.__cause__
        else:
            break
    return error


def frames(error: BaseException, limit: int = 12) -> list[str]:
    """``file:line in function`` for the innermost frames, without code or values."""
    summary = traceback.extract_tb(error.__traceback__)[-limit:]
    return [f"{Path(f.filename).name}:{f.lineno} in {f.name}" for f in summary]


class UnexpectedError(Exception):
    """Stands for an error nothing in the app expected, printed as ``__rich__`` says (Textual
    prints an error's ``__rich__`` instead of its traceback)."""

    def __init__(self, error: BaseException, draft_kept: bool) -> None:
        cause = root_cause(error)
        self.kind = type(cause).__name__
        self.frames = frames(cause)
        self.draft_kept = draft_kept
        super().__init__(self.sentence())

    def sentence(self) -> str:
        kept = (
            " What was typed in the capture form is kept as a draft for the next start."
            if self.draft_kept
            else ""
        )
        return (
            f"service-journal: an unexpected error ({self.kind}) stopped the app; "
            f"please report it with the lines below.{kept}"
        )

    def __rich__(self) -> RenderableType:
        return Group(
            Text(self.sentence()),
            *(Text(f"  {line}", style="dim") for line in self.frames),
        )
