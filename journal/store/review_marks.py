"""The grouped counts of tag marks a weekly review compares its week with.

The review reads only its own week's entries as rows; what lies outside the week (the four
weeks before for the dimension table, the "-" marks of the recurring window) is counted here
with GROUP BY or read as bare (period, slug, id) rows, so the cost follows the size of a few
weeks, never of the journal. ``journal.review.build`` aggregates what these hand it. Entries in
the trash never count.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from journal.db import Database, dt_from_db, dt_to_db
from journal.rows import TagTotal


class ReviewMarks:
    """The review's grouped queries over ``entry_tag JOIN entry``."""

    db: Database

    def tag_totals(
        self, start: datetime, end: datetime, *, exclude_private: bool = False
    ) -> list[TagTotal]:
        """The + and - marks of live entries in [start, end), summed per tag and sign.

        One GROUP BY by tag and sign alone: numbering the period of every mark (a CASE per row,
        then a larger sort) cost more than the join itself. ``first`` (the earliest mark) lets
        the caller tell which period a tag first appears in.
        """
        private = " AND e.private = 0" if exclude_private else ""
        sql = (
            "SELECT et.tag_slug AS slug, et.polarity AS polarity, count(*) AS n, "
            "min(e.occurred_at) AS first FROM entry e "
            "JOIN entry_tag et ON et.entry_id = e.id "
            "WHERE e.trashed_at IS NULL AND e.occurred_at >= ? AND e.occurred_at < ? "
            f"AND et.polarity <> 0{private} GROUP BY et.tag_slug, et.polarity"
        )
        return [
            TagTotal(
                slug=row["slug"],
                polarity=row["polarity"],
                count=row["n"],
                first=dt_from_db(row["first"]) or datetime.min.replace(tzinfo=UTC),
            )
            for row in self.db.named(sql, (dt_to_db(start), dt_to_db(end)))
        ]

    def minus_marks(
        self, edges: Sequence[datetime], *, exclude_private: bool = False
    ) -> list[tuple[int, str, int]]:
        """(period, slug, entry id) of every "-" mark between ``edges[0]`` and ``edges[-1]``,
        oldest first; the period is the index of the span between consecutive edges."""
        inner = [dt_to_db(edge) for edge in edges[1:-1]]
        whens = " ".join(f"WHEN e.occurred_at < ? THEN {i}" for i in range(len(inner)))
        period = f"CASE {whens} ELSE {len(inner)} END" if inner else "0"
        private = " AND e.private = 0" if exclude_private else ""
        sql = (
            f"SELECT {period} AS period, et.tag_slug, e.id "
            "FROM entry e JOIN entry_tag et ON et.entry_id = e.id "
            "WHERE e.trashed_at IS NULL AND e.occurred_at >= ? AND e.occurred_at < ? "
            f"AND et.polarity = -1{private} ORDER BY e.occurred_at, e.id"
        )
        # The rows are already (int, str, int) tuples: SQLite's CASE yields an integer, the slug
        # is text and the id an integer. Converting each one again cost more than the query
        # itself on a busy journal (thousands of marks over three weeks).
        window = (*inner, dt_to_db(edges[0]), dt_to_db(edges[-1]))
        rows: list[tuple[int, str, int]] = self.db.execute(sql, window).fetchall()
        return rows
