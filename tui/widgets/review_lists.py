"""Read-only lists of the review: recurring problems (of the user's own practice) and wins."""

from __future__ import annotations

from datetime import tzinfo

from textual.content import Content
from textual.widgets import Static

from journal.review.build import RECURRING_MIN, RECURRING_WEEKS, Recurring, sparkline
from journal.store import EntryRow

MAX_IDS = 6
SHOWN = 10
"""Longer lists show their first lines and how many more there are."""


def more_line(total: int) -> list[Content]:
    hidden = total - SHOWN
    return [Content.styled(f"… and {hidden} more", "$text-muted")] if hidden > 0 else []


def entry_label(entry: EntryRow, zone: tzinfo) -> str:
    """``#12 Tue 05 14:30``: the id and the local day and time (no year, no "today")."""
    return f"#{entry.id} {entry.occurred_at.astimezone(zone):%a %d %H:%M}"


class RecurringList(Static):
    """``-attention   4× in 4 weeks  ▁▃▅█  #12 #15 #19 #22``"""

    def show_recurring(self, recurring: list[Recurring]) -> None:
        if not recurring:
            self.update(
                Content.styled(
                    f"None: no tag of your own practice marked - {RECURRING_MIN}+ times "
                    f"in {RECURRING_WEEKS} weeks.",
                    "$text-muted",
                )
            )
            return
        width = max(len(r.slug) for r in recurring) + 1
        lines = []
        for r in recurring[:SHOWN]:
            ids = " ".join(f"#{i}" for i in r.entry_ids[-MAX_IDS:])
            more = "… " if len(r.entry_ids) > MAX_IDS else ""
            lines.append(
                Content.assemble(
                    (f"-{r.slug:<{width}}", "bold $text-error"),
                    f"{r.count:>2}× in {RECURRING_WEEKS} weeks  ",
                    (sparkline(r.weekly_counts), "$text-warning"),
                    "  ",
                    (more + ids, "$text-muted"),
                )
            )
        self.update(Content("\n").join(lines + more_line(len(recurring))))


class WinsList(Static):
    """The week's entries of the user's own service that went well with a lesson or a "left
    better" (observed ones are models to copy, in What I observed)."""

    def show_wins(self, wins: list[EntryRow], zone: tzinfo) -> None:
        if not wins:
            self.update(
                Content.styled(
                    "None yet: an entry where you were serving and it went well counts "
                    "once it has a lesson or left the person better off.",
                    "$text-muted",
                )
            )
            return
        lines = []
        for entry in wins[:SHOWN]:
            why = f" — {entry.lesson}" if entry.lesson else " — left them better off"
            lines.append(
                Content.assemble(
                    ("✓ ", "$text-success"),
                    (entry_label(entry, zone), "$text-muted"),
                    "  ",
                    " ".join(entry.what.split()),
                    (why, "italic"),
                )
            )
        self.update(Content("\n").join(lines + more_line(len(wins))))
