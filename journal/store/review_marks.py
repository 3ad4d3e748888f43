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
        self,
        edges: Sequence[datetime],
        *,
        exclude_private: bool = False,
        perspectives: Sequence[str] | None = None,
    ) -> list[tuple[int, str, int]]:
        """(period, slug, entry id) of every "-" mark between ``edges[0]`` and ``edges[-1]``,
        oldest first; the period is the index of the span between consecutive edges.
        ``perspectives`` keeps only entries of those perspectives (the user's own practice)."""
        period, inner = _period(edges)
        where, extra = _conditions(exclude_private, perspectives)
        sql = (
            f"SELECT {period} AS period, et.tag_slug, e.id "
            "FROM entry e JOIN entry_tag et ON et.entry_id = e.id "
            "WHERE e.trashed_at IS NULL AND e.occurred_at >= ? AND e.occurred_at < ? "
            f"AND et.polarity = -1{where} ORDER BY e.occurred_at, e.id"
        )
        # The rows are already (int, str, int) tuples: SQLite's CASE yields an integer, the slug
        # is text and the id an integer. Converting each one again cost more than the query
        # itself on a busy journal (thousands of marks over three weeks).
        window = (*inner, dt_to_db(edges[0]), dt_to_db(edges[-1]), *extra)
        rows: list[tuple[int, str, int]] = self.db.execute(sql, window).fetchall()
        return rows

    def period_marks(
        self,
        edges: Sequence[datetime],
        *,
        exclude_private: bool = False,
        perspectives: Sequence[str] | None = None,
    ) -> list[tuple[int, str, int, int]]:
        """(period, slug, sign, marks) for every tag marked + or - in each period between
        consecutive ``edges``: the trends' weekly marks, counted by GROUP BY, never row by row."""
        period, inner = _period(edges)
        where, extra = _conditions(exclude_private, perspectives)
        sql = (
            f"SELECT {period} AS period, et.tag_slug, et.polarity, count(*) "
            "FROM entry e JOIN entry_tag et ON et.entry_id = e.id "
            "WHERE e.trashed_at IS NULL AND e.occurred_at >= ? AND e.occurred_at < ? "
            f"AND et.polarity <> 0{where} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
        )
        window = (*inner, dt_to_db(edges[0]), dt_to_db(edges[-1]), *extra)
        rows: list[tuple[int, str, int, int]] = self.db.execute(sql, window).fetchall()
        return rows

    def period_entries(
        self,
        edges: Sequence[datetime],
        *,
        exclude_private: bool = False,
        perspectives: Sequence[str] | None = None,
    ) -> dict[int, int]:
        """period -> live entries in it (periods without entries are absent)."""
        period, inner = _period(edges)
        where, extra = _conditions(exclude_private, perspectives)
        sql = (
            f"SELECT {period} AS period, count(*) FROM entry e "
            "WHERE e.trashed_at IS NULL AND e.occurred_at >= ? AND e.occurred_at < ?"
            f"{where} GROUP BY 1"
        )
        window = (*inner, dt_to_db(edges[0]), dt_to_db(edges[-1]), *extra)
        return {int(p): int(n) for p, n in self.db.execute(sql, window).fetchall()}


def _period(edges: Sequence[datetime]) -> tuple[str, list[str]]:
    """The SQL numbering a row's period between ``edges`` (0 first), and its parameters."""
    inner = [dt_to_db(edge) for edge in edges[1:-1]]
    whens = " ".join(f"WHEN e.occurred_at < ? THEN {i}" for i in range(len(inner)))
    return (f"CASE {whens} ELSE {len(inner)} END" if inner else "0"), inner


def _conditions(
    exclude_private: bool, perspectives: Sequence[str] | None
) -> tuple[str, tuple[str, ...]]:
    """Extra WHERE text for private entries and perspectives, and its parameters."""
    where = " AND e.private = 0" if exclude_private else ""
    if perspectives is None:
        return where, ()
    marks = ", ".join("?" for _ in perspectives) or "NULL"
    return f"{where} AND e.perspective IN ({marks})", tuple(perspectives)
