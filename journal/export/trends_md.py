"""The document's ``## Trends``: the own practice week by week, as sparklines.

Drawn from ``journal.review.trends`` (the same figures as ``service-journal trends``): one block
a week, ``—`` for a week without marks, and a direction only from ``MIN_MARKS`` marks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journal.export import escape

if TYPE_CHECKING:
    from journal.export.coaching import CoachingData
    from journal.review.trends import TrendRow

TAG_ROWS = 8
"""Tags shown under the dimensions (the most marked in the range)."""


def trends(data: CoachingData) -> list[str]:
    from journal.review.trends import MIN_MARKS

    shown = data.trends
    if shown is None or shown.empty:
        return []
    weeks = shown.weeks
    before = shown.first_in_range
    span = f"{weeks[0]} to {weeks[-1]}" if len(weeks) > 1 else weeks[0]
    lead = f"My own service week by week, {span}"
    if before:
        lead += f" ({before} {'week' if before == 1 else 'weeks'} before the range first)"
    blocks = [
        "## Trends",
        escape.text(
            f"{lead}. One block a week: the share of the marks done well (█ all done well, "
            f"▁ all done badly); — a week without marks. A direction needs {MIN_MARKS} marks "
            "in the weeks compared: the range against the weeks before it, or the range's "
            "second half against its first."
        ),
        _table("Dimension", shown.dimensions),
    ]
    if shown.tags:
        blocks.append(_table("Tag", shown.tags[:TAG_ROWS]))
    return blocks


def _table(title: str, rows: list[TrendRow]) -> str:
    from journal.review.trends import in_range_text

    lines = [
        f"| {title} | Weeks | In the range | Direction |",
        "| --- | --- | --- | --- |",
    ]
    for row in rows:
        figures = escape.cell(in_range_text(row.in_range()))
        lines.append(
            f"| {escape.cell(row.name)} | {row.spark} | {figures} | {escape.cell(row.verdict)} |"
        )
    return "\n".join(lines)
