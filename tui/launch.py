"""Running the app from the command line, with start-up kept clear of the garbage collector.

Importing Textual and building the capture form make a few hundred thousand objects that live as
long as the app. With collection on, the interpreter walks them over and over while they are being
made: about 45 ms of the form's start on the development machine. So collection waits until the
form is on screen; then everything made so far is frozen out of later collections, and it resumes.

This module imports nothing heavy itself: the pause has to begin before Textual is imported.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journal.config import Settings
    from tui.backend import Opener


def run(settings: Settings, opener: Opener | None = None) -> int:
    """Run the app in the terminal; the exit code is 0, or 3 when the journal could not be used.

    ``opener`` opens the journal instead of ``open_store`` (``tui.demo`` writes its month there).
    """
    gc.disable()
    try:
        from tui.app import make_app

        app = make_app(settings, on_drawn=resume_collection, opener=opener)
        app.run()
    finally:
        gc.enable()  # the app may stop before it draws
    return app.return_code or 0


def resume_collection() -> None:
    """Collect again, leaving out what start-up made: it lives as long as the app."""
    gc.freeze()
    gc.enable()
