"""Collecting what the coaching document shows; ``journal.export.markdown`` renders it.

The aggregation (counts, the dimension table, wins) is ``journal.review``'s; this module only
chooses the entries and reads the week states, so the document and the weekly review always
agree. Private entries are left out everywhere and only counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from journal.values import EntryFilter
from journal.weeks import week_of, weeks_through

if TYPE_CHECKING:
    from journal.export.since_session import SinceSession
    from journal.review.model import RangeSummary, Recurring
    from journal.review.practice import Practice
    from journal.review.trends import Trends
    from journal.store import EntryRow, TagUsage
    from journal.store.interface import JournalStore
    from journal.store.review_state import WeekState

MAX_QUESTION_WEEKS = 260
"""Questions for the coach are read for at most this many weeks (the last ones of the range)."""


@dataclass(frozen=True)
class CoachingData:
    """Everything the coaching document shows, already filtered: no private entry is in here."""

    label: str
    """The range as the user named it: ``2026-W47`` or ``2026-11-01 to 2026-11-30``."""
    first_day: date
    last_day: date
    zone: tzinfo
    only_flagged: bool
    summary: RangeSummary
    """Counts and the dimension table over every shared (non-private) entry of the range."""
    entries: list[EntryRow]
    """The entries the document writes out, oldest first."""
    private_left_out: int
    unflagged_left_out: int
    catalogue: dict[str, TagUsage]
    focus: WeekState | None = None
    """The review of the range's last week, whose focus is practised in the week after."""
    coach_questions: list[tuple[str, str]] = field(default_factory=list)
    """(week, text) for each week of the range with questions, oldest first."""
    since_session: SinceSession | None = None
    """What became of the last session's agreements, the foci and the action items."""
    practice: Practice | None = None
    """Own practice (provider entries) and observation of every shared entry of the range."""
    recurring: list[Recurring] = field(default_factory=list)
    """Own practice's tags marked done badly 3+ times in the range and the 3 weeks before."""
    trends: Trends | None = None
    """Own practice's weekly trends over the weeks of the range and up to 12 before."""
    appendix: bool = True
    """Write the appendix of all included entries (``--no-appendix`` leaves it out)."""


def gather(
    store: JournalStore,
    start: datetime,
    end: datetime,
    *,
    label: str,
    zone: tzinfo,
    week_start: str = "monday",
    only_flagged: bool = False,
    appendix: bool = True,
) -> CoachingData:
    """Read the range [start, end) for the coaching document."""
    from journal.review.build import summarize_range
    from journal.review.practice import analyse

    summary = summarize_range(store, start, end, exclude_private=True)
    entries = [e for e in summary.entries if not e.private]
    included = [e for e in entries if e.flagged] if only_flagged else entries
    private = store.count(EntryFilter(start=start, end=end, private=True))
    first_day = start.astimezone(zone).date()
    last_day = (end - timedelta(microseconds=1)).astimezone(zone).date()

    reviews = store.review
    last_week = week_of(last_day, week_start)
    weeks = weeks_through(week_of(first_day, week_start), last_week, MAX_QUESTION_WEEKS)
    questions: list[tuple[str, str]] = []
    state = None
    for week in weeks:  # ends with the last week, whose state holds the focus
        state = reviews.get_week(week)
        if state is not None and state.coach_questions:
            questions.append((week, state.coach_questions))
    focus = state
    catalogue = {t.slug: t for t in store.tag_catalogue()}
    groups = {slug: t.group for slug, t in catalogue.items()}
    from journal.export.since_session import collect

    since = collect(store, start, end, entries, zone=zone, week_start=week_start)
    return CoachingData(
        label=label,
        first_day=first_day,
        last_day=last_day,
        zone=zone,
        only_flagged=only_flagged,
        summary=summary,
        entries=included,
        private_left_out=private,
        unflagged_left_out=len(entries) - len(included),
        catalogue=catalogue,
        focus=focus if focus is not None and focus.focus_tag else None,
        coach_questions=questions,
        since_session=since,
        practice=analyse(entries, groups),
        recurring=_recurring(store, start, entries, groups),
        trends=_trends(store, weeks, zone, week_start, groups),
        appendix=appendix,
    )


TREND_WEEKS = 52
"""The document's trends cover at most the range's last this many weeks."""


def _recurring(
    store: JournalStore, start: datetime, entries: list[EntryRow], groups: dict[str, str]
) -> list[Recurring]:
    """As the weekly review counts them, with the whole range as its last period."""
    from journal.review.build import RECURRING_WEEKS, period_minus_marks, recurring_problems
    from journal.review.practice import OWN, is_own

    edges = [start - timedelta(weeks=k) for k in range(RECURRING_WEEKS - 1, -1, -1)]
    earlier = period_minus_marks(store, edges, exclude_private=True, perspectives=OWN)
    return recurring_problems([e for e in entries if is_own(e)], earlier, groups)


def _trends(
    store: JournalStore, weeks: list[str], zone: tzinfo, week_start: str, groups: dict[str, str]
) -> Trends | None:
    from journal.review.trends import compute

    trends = compute(
        store,
        weeks[-TREND_WEEKS:],
        zone,
        week_start,
        catalogue=groups,
        exclude_private=True,
    )
    return None if trends.empty else trends
