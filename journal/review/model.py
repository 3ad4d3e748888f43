"""The records the weekly review hands out, and the trend arrow they carry.

The review command, its JSON, the coaching export and the app's review panels all read these
types; keeping them apart from the queries that fill them lets each name a type without
loading how it is computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from journal.rows import EntryRow

if TYPE_CHECKING:
    from journal.review.practice import Practice
    from journal.review.trends import Trends

TREND_UP, TREND_DOWN, TREND_FLAT = "↑", "↓", "→"


def trend(plus: int, minus: int, prev_plus_avg: float, prev_minus_avg: float) -> str:
    """↑ when this period's net (+ minus -) beats the earlier average net, ↓ below, → equal."""
    now = plus - minus
    before = prev_plus_avg - prev_minus_avg
    if now > before + 1e-9:
        return TREND_UP
    if now < before - 1e-9:
        return TREND_DOWN
    return TREND_FLAT


@dataclass(frozen=True)
class TagCount:
    slug: str
    group: str
    plus: int
    minus: int
    prev4_plus_avg: float
    prev4_minus_avg: float
    trend: str


@dataclass(frozen=True)
class GroupCount:
    group: str
    plus: int
    minus: int
    prev4_plus_avg: float
    prev4_minus_avg: float

    @property
    def trend(self) -> str:
        return trend(self.plus, self.minus, self.prev4_plus_avg, self.prev4_minus_avg)


@dataclass(frozen=True)
class Counts:
    entries: int
    well: int
    badly: int
    mixed: int
    by_perspective: dict[str, int]
    by_setting: dict[str, int]


@dataclass(frozen=True)
class Recurring:
    """A tag marked "-" at least ``RECURRING_MIN`` times in the last ``RECURRING_WEEKS`` weeks
    on the user's own practice (provider entries)."""

    slug: str
    group: str
    count: int
    entry_ids: list[int]
    """Oldest first."""
    weekly_counts: list[int]
    """"-" marks per week, oldest week first, ending with the reviewed week (for a sparkline)."""


@dataclass(frozen=True)
class MosaicDay:
    day: date
    overall: list[str | None]
    """One value per entry of the day in time order: well, badly, mixed or None (not set)."""
    entry_ids: list[int]


@dataclass(frozen=True)
class ReviewActionItem:
    id: int
    entry_id: int | None
    text: str
    status: str
    created_at: datetime
    closed_at: datetime | None
    week: str
    """The week the item was born in (its entry's week, or when it was written)."""
    decision: str | None
    """What this week's review decided: done, dropped, carried, or None (not yet)."""
    session_id: int | None = None
    """The coaching session it was agreed in (then ``entry_id`` is None), if any."""


@dataclass(frozen=True)
class Checkin:
    answers: dict[int, str]
    """This week's answers by question number (1-10); unanswered questions are absent."""
    weeks: list[str]
    """The history's weeks, oldest first, ending with the reviewed week."""
    history: dict[int, list[str | None]]
    """Per question, the answer of each of ``weeks`` (None: not answered)."""


@dataclass(frozen=True)
class FocusChoice:
    week: str
    """The review the focus was chosen in; it is practised in the week after."""
    tag: str | None
    plan: str | None
    outcome: str | None


@dataclass(frozen=True)
class Focus:
    current: FocusChoice
    """Chosen in this review, for next week."""
    previous: FocusChoice
    """Chosen in last week's review: practised this week, to mark done, dropped or carried."""


@dataclass(frozen=True)
class RangeSummary:
    start: datetime
    end: datetime
    exclude_private: bool
    counts: Counts
    groups: list[GroupCount]
    tags: list[TagCount]
    entries: list[EntryRow]
    """Oldest first."""


@dataclass
class WeekReview:
    week: str
    start: date
    end: date
    counts: Counts
    mosaic: list[MosaicDay]
    groups: list[GroupCount]
    tags: list[TagCount]
    recurring: list[Recurring]
    wins: list[EntryRow]
    unreflected: list[EntryRow]
    action_items: list[ReviewActionItem]
    checkin: Checkin
    focus: Focus
    coach_questions: str | None
    reviewed_at: datetime | None
    streak: int
    entries: list[EntryRow] = field(default_factory=list)
    """Every entry of the week, oldest first."""
    includes_private: bool = True
    practice: Practice | None = None
    """The week's own practice (provider entries) and observation, apart."""
    trends: Trends | None = None
    """The own practice's weekly trends: this week and up to twelve before."""
