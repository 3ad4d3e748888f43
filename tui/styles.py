"""Where the stylesheets are, and which are read when.

Parsing a stylesheet is part of what the user waits for before the capture form appears, so the
app reads only ``app.tcss`` at start (the form, and what every place shares). An open entry, the
review and the export dialog each name their own stylesheet (``CSS_PATH``), which Textual would
read the first time they open, at the cost of a pass over every rule and every widget just then.
The app reads them earlier, while the user pauses, or as one of those screens opens before that
pause, and parses only their own rules (``ServiceJournalApp._read_later_styles``).

Paths are absolute and resolved, the form Textual keeps them in, so a stylesheet read ahead is
recognised when its screen opens and not read twice.
"""

from __future__ import annotations

from pathlib import Path

STYLES = Path(__file__).resolve().parent
ENTRY = STYLES / "entry.tcss"
REVIEW = STYLES / "review.tcss"
EXPORT = STYLES / "export.tcss"
LATER = (REVIEW, ENTRY, EXPORT)
"""Read ahead in this order: the review is the place users open first after browse."""
