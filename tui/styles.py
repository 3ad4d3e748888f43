"""Where the stylesheets are, and which are read when.

Parsing a stylesheet is part of what the user waits for before the capture form appears, so the
app reads only ``app.tcss`` at start (the form, and what every place shares). An open entry, the
review and the export and import dialogs each name their own stylesheet (``CSS_PATH``), which
Textual would read the first time they open, at the cost of a pass over every rule and every
widget just then.
The app reads them earlier, while the user pauses, or as one of those screens opens before that
pause, and parses only their own rules (``read_later``).

Paths are absolute and resolved, the form Textual keeps them in, so a stylesheet read ahead is
recognised when its screen opens and not read twice.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tui.textual_compat import read_stylesheets

if TYPE_CHECKING:
    from textual.css.stylesheet import Stylesheet

STYLES = Path(__file__).resolve().parent
ENTRY = STYLES / "entry.tcss"
REVIEW = STYLES / "review.tcss"
EXPORT = STYLES / "export.tcss"
IMPORT = STYLES / "import.tcss"
LATER = (REVIEW, ENTRY, EXPORT, IMPORT)
"""Read ahead in this order: the review is the place users open first after browse."""


def read_later(stylesheet: Stylesheet) -> None:
    """Add the stylesheets of an open entry, the review, the export and the import to the app's.

    Their rules are for their own screens' widgets (a test holds it), so the widgets already on
    screen need no restyle: only the new rules are parsed, about 6 ms, where Textual's reading on
    a screen's first opening parses every rule again and restyles every widget.
    """
    read_stylesheets(stylesheet, LATER)
