"""Writers for what leaves the journal: the coaching document (Markdown), JSON and CSV.

``markdown`` renders a ``CoachingData`` (collected by ``coaching.gather``) and never touches the
database; ``escape`` keeps whatever the user typed from becoming Markdown structure; ``data``
writes the JSON and CSV exports that ``journal.importers`` read back. Private entries are never
handed to any writer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journal.store.interface import JournalStore

FORMATS = ("markdown", "json", "csv")


@dataclass(frozen=True)
class Rendered:
    """An export's text, how many entries it holds and how many private ones it left out."""

    text: str
    entries: int
    private_left_out: int


def render_export(
    store: JournalStore,
    fmt: str,
    start: datetime | None,
    end: datetime | None,
    *,
    label: str,
    zone: tzinfo,
    week_start: str = "monday",
    only_flagged: bool = False,
    appendix: bool = True,
    now: datetime | None = None,
) -> Rendered:
    """The text of one export, chosen the same way for the command line and the app.

    Markdown needs a bounded range (the caller resolves open ends); JSON and CSV take any.
    ``appendix`` (Markdown only) writes the appendix of all included entries.
    """
    from journal.values import EntryFilter

    if fmt == "markdown":
        from journal.export.coaching import gather
        from journal.export.markdown import render

        assert start is not None and end is not None
        data = gather(
            store,
            start,
            end,
            label=label,
            zone=zone,
            week_start=week_start,
            only_flagged=only_flagged,
            appendix=appendix,
        )
        return Rendered(render(data), len(data.entries), data.private_left_out)

    from journal.export.data import to_csv, to_json

    flagged = True if only_flagged else None
    entries = list(
        store.iter_entries(EntryFilter(start=start, end=end, private=False, flagged=flagged))
    )
    entries.reverse()
    private = store.count(EntryFilter(start=start, end=end, private=True, flagged=flagged))
    if fmt == "csv":
        return Rendered(to_csv(entries, zone), len(entries), private)
    stamp = (now or datetime.now(zone)).astimezone(zone).replace(microsecond=0)
    sessions = [
        s
        for s in reversed(store.coaching.sessions())
        if (start is None or s.held_at >= start) and (end is None or s.held_at < end)
    ]
    text = to_json(entries, store.tag_catalogue(), zone, stamp, sessions)
    return Rendered(text, len(entries), private)
