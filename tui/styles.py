"""Where the stylesheets are, and which are read when.

Parsing a stylesheet is part of what the user waits for before the capture form appears, so the
app reads only ``app.tcss`` at start (the form, and what every place shares). An open entry, the
review and the export dialog each name their own stylesheet (``CSS_PATH``), which Textual reads
the first time they open; the app reads them earlier, while the user pauses, because a stylesheet
read on opening costs a pass over every rule and every widget just then.

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
