"""The review's Trends panel: the own practice week by week, with Textual's Sparkline.

One row per dimension with own marks in the shown week and up to twelve weeks before it: the
Sparkline draws how many marks each week holds (a count, so an empty week is a true zero; it
scales to the row's busiest week); the blocks beside it are the share of each week's marks done
well on a fixed scale, ``—`` for a week without marks (a gap the Sparkline cannot draw), then
the direction or why there is none (``journal.review.trends``).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Label, Sparkline, Static

from journal.review.trends import MIN_MARKS, TrendRow, Trends

VERDICT_STYLES = {"better": "bold $text-success", "worse": "bold $text-error"}


class TrendRowView(Horizontal):
    """``Empathy  ▁▃█  ▁—▃█  ↑ better``"""

    def __init__(self, row: TrendRow, width: int) -> None:
        super().__init__(classes="trend-row")
        self.row = row
        self._width = width

    def compose(self) -> ComposeResult:
        row = self.row
        yield Label(f"{row.name:<{self._width}}", classes="trend-name")
        marks = [float(w.marks) for w in row.weeks]
        spark = Sparkline(marks, summary_function=max, classes="trend-spark")
        spark.styles.width = len(marks)
        yield spark
        yield Static(
            Content.assemble(
                ("  " + row.spark, "$text-muted"),
                "  ",
                (row.verdict, VERDICT_STYLES.get(row.direction or "", "$text-muted")),
            ),
            classes="trend-text",
        )


class TrendsPanel(Vertical, can_focus=True):
    """The rows, a line on how to read them, or why there is nothing to show."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.trends: Trends | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="trends-note")

    def show_trends(self, trends: Trends | None) -> None:
        self.trends = trends
        for row in self.query(TrendRowView):
            row.remove()
        note = self.query_one("#trends-note", Static)
        if trends is None or trends.empty:
            note.update(
                Content.styled(
                    "No marks on your own practice (entries where you were serving) in this "
                    "week or the twelve before it.",
                    "$text-muted",
                )
            )
            return
        weeks = trends.weeks
        span = weeks[0] if len(weeks) == 1 else f"{weeks[0]} to {weeks[-1]}"
        note.update(
            Content.styled(
                f"{span}: marks a week, then the share done well (█ all, ▁ none, — no marks).\n"
                f"A direction from {MIN_MARKS} marks in the weeks compared.",
                "$text-muted",
            )
        )
        width = max(len(r.name) for r in trends.dimensions) + 1
        self.mount_all([TrendRowView(r, width) for r in trends.dimensions])
