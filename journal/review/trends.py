"""Weekly trends of the user's own practice, per dimension and per tag.

For each week of a range and up to ``BEFORE_WEEKS`` weeks before it, the marks of ``provider``
entries (the user's own practice) are counted per tag and sign by the store in grouped queries
(``store.review.period_marks`` and ``period_entries``): a year of weeks costs two queries, not a
read of every row. A week's rate is its marks per own entry, done well against done badly; its
sparkline value is the share of the week's marks that were done well (``█`` all done well, ``▁``
all done badly), and ``—`` marks a week with no marks, never ``0.0``.

A direction (``↑`` better, ``↓`` worse, ``→`` steady) compares the share done well in the range
with the weeks before it; when those hold no marks of the row, the range's second half is
compared with its first half. A row needs ``MIN_MARKS`` marks in what is compared before it gets
an arrow or a word; below that it says "too few marks to call a trend", because one or two marks
swing a share from nothing to everything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo
from typing import TYPE_CHECKING, Any

from journal.review.counts import sparkline
from journal.review.practice import OWN
from journal.taxonomy import GROUPS
from journal.weeks import shift_week, week_bounds

if TYPE_CHECKING:
    from journal.store.interface import JournalStore

BEFORE_WEEKS = 12
"""Weeks before the range a trend looks back over (fewer when the journal starts later)."""
MIN_MARKS = 5
"""Marks a row needs in the compared weeks before it is given a direction."""
MAX_WEEKS = 52
"""The longest range ``service-journal trends --weeks`` takes."""
STEADY = 0.1
"""A change of the share done well smaller than this is steady."""
TOO_FEW = "too few marks to call a trend"
NOTHING_BEFORE = "nothing earlier to compare with"
DIRECTIONS = {"better": "↑", "worse": "↓", "steady": "→"}


@dataclass(frozen=True)
class WeekRate:
    """One row's marks in one week, against the own entries of that week."""

    week: str
    entries: int
    plus: int
    minus: int

    @property
    def marks(self) -> int:
        return self.plus + self.minus

    @property
    def share(self) -> float | None:
        """The share of the marks done well; None without marks (shown as ``—``)."""
        return self.plus / self.marks if self.marks else None

    @property
    def plus_rate(self) -> float | None:
        return self.plus / self.entries if self.entries else None

    @property
    def minus_rate(self) -> float | None:
        return self.minus / self.entries if self.entries else None


@dataclass(frozen=True)
class TrendRow:
    """A dimension (``group`` is the name) or a tag, week by week."""

    name: str
    group: str
    is_tag: bool
    weeks: list[WeekRate]
    """The weeks before the range, then the range's, oldest first."""
    first_in_range: int
    """Index in ``weeks`` of the range's first week."""
    direction: str | None
    """better, worse or steady; None with ``note`` saying why."""
    note: str | None

    @property
    def arrow(self) -> str:
        return DIRECTIONS.get(self.direction or "", "")

    @property
    def spark(self) -> str:
        return sparkline([w.share for w in self.weeks], top=1.0, zero=SPARK_LOW)

    def in_range(self) -> WeekRate:
        """The range's weeks summed (label: the first week's)."""
        weeks = self.weeks[self.first_in_range :]
        return _summed(weeks)

    @property
    def verdict(self) -> str:
        """``↑ better``, ``→ steady`` or the note: what the text and the document print."""
        if self.direction:
            return f"{self.arrow} {self.direction}"
        return self.note or ""


SPARK_LOW = "▁"


@dataclass(frozen=True)
class Trends:
    weeks: list[str]
    """Every week shown, oldest first: up to ``BEFORE_WEEKS`` before, then the range's."""
    first_in_range: int
    entries: list[int]
    """Own entries per week, as ``weeks``."""
    dimensions: list[TrendRow]
    """Every dimension with own marks in the weeks shown, in display order."""
    tags: list[TrendRow]
    """Tags marked in the range, most marked first, then by slug."""

    @property
    def empty(self) -> bool:
        return not self.dimensions

    @property
    def range_weeks(self) -> list[str]:
        return self.weeks[self.first_in_range :]


def week_range(last: str, count: int) -> list[str]:
    """``count`` weeks ending with ``last``, oldest first."""
    return [shift_week(last, -k) for k in range(count - 1, -1, -1)]


def compute(
    store: JournalStore,
    weeks: Sequence[str],
    zone: tzinfo,
    week_start: str = "monday",
    *,
    catalogue: dict[str, str],
    exclude_private: bool,
    before: int = BEFORE_WEEKS,
) -> Trends:
    """The trends of the range ``weeks`` (consecutive, oldest first) and the weeks before it."""
    earlier = [shift_week(weeks[0], -k) for k in range(before, 0, -1)]
    shown = [*earlier, *weeks]
    edges = [week_bounds(w, zone, week_start)[0] for w in shown]
    edges.append(week_bounds(shown[-1], zone, week_start)[1])
    reviews = store.review
    entries = reviews.period_entries(edges, exclude_private=exclude_private, perspectives=OWN)
    marks = reviews.period_marks(edges, exclude_private=exclude_private, perspectives=OWN)
    # Up to ``before`` weeks: none before the first week with own entries.
    skip = next((i for i in range(len(earlier)) if entries.get(i)), len(earlier))
    return build_trends(shown, len(earlier), entries, marks, catalogue, skip=skip)


def build_trends(
    weeks: Sequence[str],
    first_in_range: int,
    entries: dict[int, int],
    marks: Sequence[tuple[int, str, int, int]],
    catalogue: dict[str, str],
    *,
    skip: int = 0,
) -> Trends:
    """Trends from the grouped counts (pure: the tests give it counts directly)."""
    per_tag: dict[str, list[list[int]]] = {}
    per_group: dict[str, list[list[int]]] = {}
    size = len(weeks)
    for period, slug, sign, count in marks:
        if period < skip:
            continue
        group = catalogue.get(slug, "Other")
        for table, key in ((per_tag, slug), (per_group, group)):
            cells = table.setdefault(key, [[0, 0] for _ in range(size)])
            cells[period][0 if sign > 0 else 1] += count
    shown = list(weeks[skip:])
    first = first_in_range - skip
    counts = [entries.get(i, 0) for i in range(skip, size)]

    def row(name: str, group: str, cells: list[list[int]], is_tag: bool) -> TrendRow:
        rates = [
            WeekRate(week, n, plus, minus)
            for week, n, (plus, minus) in zip(shown, counts, cells[skip:], strict=True)
        ]
        direction, note = _direction(rates, first)
        return TrendRow(name, group, is_tag, rates, first, direction, note)

    order = {g: i for i, g in enumerate(GROUPS)}
    dimensions = [
        row(group, group, cells, False)
        for group, cells in sorted(per_group.items(), key=lambda kv: (order.get(kv[0], 99), kv[0]))
    ]
    tags = [row(slug, catalogue.get(slug, "Other"), cells, True) for slug, cells in per_tag.items()]
    tags = [t for t in tags if t.in_range().marks]
    tags.sort(key=lambda t: (-t.in_range().marks, t.name))
    return Trends(shown, first, counts, dimensions, tags)


def trends_to_json(trends: Trends) -> dict[str, Any]:
    """The documented JSON of ``service-journal trends --json`` (docs/cli.md)."""

    def rate(value: float | None) -> float | None:
        return None if value is None else round(value, 3)

    def week(w: WeekRate) -> dict[str, Any]:
        return {
            "week": w.week,
            "entries": w.entries,
            "plus": w.plus,
            "minus": w.minus,
            "plus_per_entry": rate(w.plus_rate),
            "minus_per_entry": rate(w.minus_rate),
            "share_well": rate(w.share),
        }

    def row(r: TrendRow) -> dict[str, Any]:
        data: dict[str, Any] = {"tag": r.name, "group": r.group} if r.is_tag else {"group": r.name}
        summed = r.in_range()
        return data | {
            "weeks": [week(w) for w in r.weeks],
            "sparkline": r.spark,
            "range": {k: v for k, v in week(summed).items() if k != "week"},
            "trend": r.direction,
            "arrow": r.arrow or None,
            "note": r.note,
        }

    return {
        "weeks": list(trends.weeks),
        "range": list(trends.range_weeks),
        "min_marks": MIN_MARKS,
        "entries": list(trends.entries),
        "dimensions": [row(r) for r in trends.dimensions],
        "tags": [row(r) for r in trends.tags],
    }


def trends_lines(trends: Trends, *, tags: bool = True) -> list[str]:
    """The trends as plain text (the ``trends`` command; the document draws its own table)."""
    range_weeks = trends.range_weeks
    span = range_weeks[0] if len(range_weeks) == 1 else f"{range_weeks[0]} to {range_weeks[-1]}"
    before = trends.first_in_range
    lines = [
        f"Trends of my own practice (provider entries), {span}"
        + (f", and {before} {'week' if before == 1 else 'weeks'} before" if before else ""),
        "One block a week: the share of the marks done well (█ all, ▁ none), — no marks.",
        f"Direction only from {MIN_MARKS} marks in the compared weeks.",
        "",
    ]
    if trends.empty:
        lines.append("No marks on provider entries in these weeks.")
        return lines
    rows = [*trends.dimensions, *(trends.tags if tags else [])]
    width = max(len(r.name) + (2 if r.is_tag else 0) for r in rows) + 1
    spark = max(len(trends.weeks), 5)
    lines.append(f"  {'':<{width}}{'weeks':<{spark}}  in range")
    for r in trends.dimensions:
        lines.append(_text_row(r, width, spark))
    if tags and trends.tags:
        lines += ["", "Tags marked in the range"]
        lines += [_text_row(r, width, spark) for r in trends.tags]
    return lines


def _text_row(r: TrendRow, width: int, spark: int) -> str:
    summed = r.in_range()
    name = f"  {r.name}" if r.is_tag else r.name
    return f"  {name:<{width}}{r.spark:<{spark}}  {in_range_text(summed):<26} {r.verdict}".rstrip()


def in_range_text(summed: WeekRate) -> str:
    """``well 3, badly 1 of 4 entries``: the range's marks and the own entries they are
    counted over."""
    noun = "entry" if summed.entries == 1 else "entries"
    return f"well {summed.plus}, badly {summed.minus} of {summed.entries} {noun}"


# ----------------------------------------------------------------- helpers


def _summed(weeks: Sequence[WeekRate]) -> WeekRate:
    label = weeks[0].week if weeks else ""
    return WeekRate(
        label,
        sum(w.entries for w in weeks),
        sum(w.plus for w in weeks),
        sum(w.minus for w in weeks),
    )


def _direction(rates: list[WeekRate], first: int) -> tuple[str | None, str | None]:
    """Compare the range with the weeks before, or its second half with its first half."""
    base, now = _summed(rates[:first]), _summed(rates[first:])
    if not base.marks:
        in_range = rates[first:]
        if len(in_range) < 2:
            return None, NOTHING_BEFORE if now.marks >= MIN_MARKS else TOO_FEW
        half = len(in_range) // 2
        base, now = _summed(in_range[:half]), _summed(in_range[half:])
    if base.marks + now.marks < MIN_MARKS:
        return None, TOO_FEW
    if not base.marks or not now.marks:
        return None, NOTHING_BEFORE if not base.marks else TOO_FEW
    assert base.share is not None and now.share is not None
    change = now.share - base.share
    if change > STEADY:
        return "better", None
    if change < -STEADY:
        return "worse", None
    return "steady", None
