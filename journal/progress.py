"""A progress bar on standard error for an import that takes a while, and only on a terminal.

Nothing is drawn for the first second (most imports are over by then), nor ever when standard
error is not a terminal (a script's log stays clean). rich, installed with Textual, draws it; it
is imported only when a bar is actually shown, so the command line starts as fast as before.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

DELAY_SECONDS = 1.0


class ImportProgress:
    """Told how many bytes of the file have been read; draws a bar once ``delay`` has passed."""

    def __init__(
        self,
        total: int | None,
        *,
        file: TextIO | None,
        clock: Callable[[], float] = time.monotonic,
        delay: float = DELAY_SECONDS,
    ) -> None:
        self.total = total
        self.file = file
        self._clock = clock
        self._delay = delay
        self._start = clock()
        self._bar: Any = None
        self._task: Any = None

    @classmethod
    @contextmanager
    def on_stderr(cls, total: int | None) -> Iterator[ImportProgress]:
        """A progress for standard error when it is a terminal, else one that never draws."""
        isatty = getattr(sys.stderr, "isatty", None)
        progress = cls(total, file=sys.stderr if isatty is not None and isatty() else None)
        try:
            yield progress
        finally:
            progress.close()

    @property
    def shown(self) -> bool:
        return self._bar is not None

    def advance(self, done: int) -> None:
        if self.file is None:
            return
        if self._bar is None:
            if self._clock() - self._start < self._delay:
                return
            self._open()
        self._bar.update(self._task, completed=done)

    def _open(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self._bar = Progress(
            TextColumn("Importing"),
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            console=Console(file=self.file),
            transient=True,
        )
        self._task = self._bar.add_task("import", total=self.total)
        self._bar.start()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
