"""The top of the review: the week line, what is left to do, the counts and the day mosaic."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.events import Click
from textual.widgets import Label, Static

from journal.entry import Perspective
from journal.review.build import Counts, MosaicDay, WeekReview
from journal.review.checkin import QUESTIONS

OVERALL_CELLS = {
    "well": ("✓", "$text-success"),
    "badly": ("✗", "$text-error"),
    "mixed": ("~", "$text-warning"),
    None: ("·", "$text-muted"),
}
PERSPECTIVE_WORDS = Perspective.briefs()


def span(first: date, last: date) -> str:
    """``16–22 Nov``, ``30 Nov – 6 Dec`` or ``29 Dec 2025 – 4 Jan 2026``."""
    if first.year != last.year:
        return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"
    if first.month != last.month:
        return f"{first.day} {first:%b} – {last.day} {last:%b}"
    return f"{first.day}–{last.day} {last:%b}"


def week_title(week: str, first: date, last: date) -> str:
    return f"Week {week} · {span(first, last)}"


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


class WeekArrow(Label):
    """◀ or ▶: a click runs the screen's previous or next week action."""

    def __init__(self, text: str, action: str, *, id: str) -> None:
        super().__init__(text, id=id, classes="week-arrow")
        self.action = action

    async def on_click(self, event: Click) -> None:
        event.stop()
        await self.screen.run_action(self.action)


class ReviewHeader(Horizontal):
    """``◀ Week 2026-W47 · 16–22 Nov ▶   ✓ reviewed Sat 22 Nov 18:04   ...in a row: 3``"""

    def compose(self) -> ComposeResult:
        yield WeekArrow("◀", "previous_week", id="week-prev")
        yield Label("", id="week-title")
        yield WeekArrow("▶", "next_week", id="week-next")
        yield Label("", id="week-now")
        yield Label("", id="week-reviewed")
        yield Label("", id="week-streak")

    def show_week(self, week: str, first: date, last: date, this_week: bool) -> None:
        self.query_one("#week-title", Label).update(week_title(week, first, last))
        now = self.query_one("#week-now", Label)
        now.update("this week" if this_week else "")
        now.display = this_week

    def show_state(self, reviewed_at: datetime | None, streak: int, zone: tzinfo) -> None:
        reviewed = self.query_one("#week-reviewed", Label)
        if reviewed_at is None:
            reviewed.update(Content.styled("not reviewed yet", "$text-muted"))
        else:
            when = reviewed_at.astimezone(zone).strftime("%a %d %b %H:%M")
            reviewed.update(Content.styled(f"✓ reviewed {when}", "bold $text-success"))
        words = "reviewed weeks in a row" if self.app.size.width >= 100 else "in a row"
        self.query_one("#week-streak", Label).update(f"{words}: {streak}")


class ReviewProgress(Static):
    """One line of what is left: ``Inbox 4 · Action items 1 open · Check-in 3/10 · Focus —``."""

    def show_loading(self, week: str) -> None:
        """A still line rather than a spinner: animating would slow the reading worker down."""
        self.update(Content.styled(f"Reading {week}…", "bold $text-warning"))

    def show_review(self, review: WeekReview, answered: int, focus: str | None) -> None:
        inbox = len(review.unreflected)
        open_items = sum(
            1 for a in review.action_items if a.decision is None and a.status == "open"
        )
        previous = review.focus.previous
        if previous.tag and previous.outcome is None:
            open_items += 1
        parts: list[str | tuple[str, str]] = [
            ("Inbox ", "bold"),
            (f"{inbox} to reflect on", "$text-warning") if inbox else ("done ✓", "$text-success"),
            "   ",
            ("Action items ", "bold"),
            (f"{open_items} to mark", "$text-warning") if open_items else ("none open", ""),
            "   ",
            ("Check-in ", "bold"),
            f"{answered}/{len(QUESTIONS)}",
            "   ",
            ("Focus ", "bold"),
            (focus, "$text-accent") if focus else "not chosen",
        ]
        self.update(Content.assemble(*parts))


class CountsView(Static):
    """``9 entries   ✓ 5 went well   ✗ 3 went badly   ~ 1 mixed``, perspectives and settings."""

    def show_counts(self, counts: Counts) -> None:
        lines = [
            Content.assemble(
                (plural(counts.entries, "entry", "entries"), "bold"),
                "   ",
                ("✓", "$text-success"),
                f" {counts.well} went well   ",
                ("✗", "$text-error"),
                f" {counts.badly} went badly   ",
                ("~", "$text-warning"),
                f" {counts.mixed} mixed",
            )
        ]
        seen = [
            f"{PERSPECTIVE_WORDS.get(name, name)} {n}"
            for name, n in counts.by_perspective.items()
            if n
        ]
        if seen:
            lines.append(Content.assemble(("Perspective  ", "$text-muted"), ", ".join(seen)))
        if counts.by_setting:
            where = ", ".join(f"{name} {n}" for name, n in counts.by_setting.items())
            lines.append(Content.assemble(("Settings     ", "$text-muted"), where))
        self.update(Content("\n").join(lines))


class MosaicView(Static):
    """One line per day: the day, its count and a cell per entry coloured by how it went."""

    def show_mosaic(self, days: list[MosaicDay]) -> None:
        lines = []
        for day in days:
            parts: list[str | tuple[str, str]] = [
                (f"{day.day:%a %d}", "bold" if day.overall else "$text-muted"),
                f"  {len(day.overall):>3}  " if day.overall else "       ",
            ]
            for overall in day.overall:
                glyph, style = OVERALL_CELLS.get(overall, OVERALL_CELLS[None])
                parts.append((glyph, style))
            lines.append(Content.assemble(*parts))
        self.update(Content("\n").join(lines))
