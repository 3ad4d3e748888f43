"""The weekly review: counts, the day mosaic, the dimension table, recurring problems and more.

Aggregation only, no SQL: pure functions over rows where possible (``journal.review.counts``:
``count_entries``, ``tag_counts``, ``mosaic``, ...) over what the store hands it: the week's
entries (``store.iter_entries``), and for what lies outside the week the store's grouped counts
(``store.review.tag_totals``: the previous four weeks' marks per tag and sign;
``store.review.minus_marks``: the "-" marks of the recurring window) and the review's own state
(``store.review``). Only the reviewed week's entries are read as rows, so the cost follows the
size of a week, never of the journal. Entries in the trash
never count. The records handed out are ``journal.review.model``'s; this module re-exports them
and the counting functions, so callers can import everything review-related from here.

The app's review screen counts private entries (it is the user's own view); the ``review``
command leaves them out unless asked (``include_private``), and its JSON says which it did.
``summarize_range`` serves the coaching export and leaves private entries out when asked.

Terms, as shown to the user:

- *week*: the ISO week in local time (Monday start), or the Sunday-start week with the same label
  (``journal.weeks``).
- *prev4 average*: the + (or -) marks of the four weeks before, divided by four.
- *trend*: ↑ when this week's net (+ minus -) is above the previous four weeks' average net,
  ↓ below, → equal.
- *recurring*: a tag marked "-" three or more times in the last four weeks, this one included,
  on the user's own practice (``provider`` entries; ``journal.review.practice``).
- *own practice* and *observation*: ``journal.review.practice`` splits the week's entries by
  perspective; *trends* (``journal.review.trends``) follow the own practice week by week.
- *wins*: entries that went well and have a lesson or left the person better off.
- *inbox*: entries not yet reflected on (no do-differently note and no lesson).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import datetime, tzinfo
from itertools import chain
from typing import TYPE_CHECKING

from journal.review.checkin import HISTORY_WEEKS, QUESTIONS
from journal.review.counts import (
    PERSPECTIVES,
    PREVIOUS_PERIODS,
    SPARK,
    _chrono,
    _order,
    count_entries,
    dimension_table,
    group_counts,
    is_win,
    mosaic,
    sparkline,
    tag_counts,
)
from journal.review.model import (
    TREND_DOWN,
    TREND_FLAT,
    TREND_UP,
    Checkin,
    Counts,
    Focus,
    FocusChoice,
    GroupCount,
    MosaicDay,
    RangeSummary,
    Recurring,
    ReviewActionItem,
    TagCount,
    WeekReview,
    trend,
)
from journal.review.practice import OWN, analyse, is_own
from journal.review.trends import compute as compute_trends
from journal.rows import EntryRow
from journal.weeks import parse_week, shift_week, week_bounds, week_dates, week_label, week_of

if TYPE_CHECKING:
    from journal.config import Settings
    from journal.store.interface import JournalStore
    from journal.store.review_state import ReviewedItem, WeekState

__all__ = [
    "PERSPECTIVES",
    "PREVIOUS_PERIODS",
    "RECURRING_MIN",
    "RECURRING_WEEKS",
    "SPARK",
    "TREND_DOWN",
    "TREND_FLAT",
    "TREND_UP",
    "Checkin",
    "Counts",
    "Focus",
    "FocusChoice",
    "GroupCount",
    "MosaicDay",
    "RangeSummary",
    "Recurring",
    "ReviewActionItem",
    "TagCount",
    "WeekReview",
    "build_review",
    "catalogue_of",
    "count_entries",
    "current_week",
    "dimension_table",
    "earlier_tag_counts",
    "group_counts",
    "is_win",
    "mosaic",
    "period_minus_marks",
    "previous_edges",
    "range_entries",
    "recurring_problems",
    "sparkline",
    "summarize_range",
    "tag_counts",
    "trend",
]

RECURRING_WEEKS = 4
RECURRING_MIN = 3


# ----------------------------------------------------------------- queries


def catalogue_of(store: JournalStore) -> dict[str, str]:
    """slug -> group for every tag (the tag table is small)."""
    return {t.slug: t.group for t in store.tag_catalogue()}


def range_entries(
    store: JournalStore, start: datetime, end: datetime, *, exclude_private: bool = False
) -> list[EntryRow]:
    """Live entries in [start, end), oldest first, read page by page."""
    from journal.values import EntryFilter

    flt = EntryFilter(start=start, end=end, private=False if exclude_private else None)
    return sorted(store.iter_entries(flt), key=_chrono)


def earlier_tag_counts(
    store: JournalStore, edges: Sequence[datetime], *, exclude_private: bool = False
) -> dict[str, tuple[int, int]]:
    """slug -> (+, -) summed over the periods between ``edges``.

    The dimension table needs only the sum of the earlier periods, which the store counts in
    one grouped query. Slugs are listed by the period they first occur in, then by slug, as
    the per-period sums used to be, because ``dimension_table`` lists groups met only in
    earlier periods in that order.
    """
    if len(edges) < 2:
        return {}
    inner = list(edges[1:-1])
    first: dict[str, int] = {}
    totals: dict[str, tuple[int, int]] = {}
    for row in store.review.tag_totals(edges[0], edges[-1], exclude_private=exclude_private):
        period = bisect_right(inner, row.first)
        first[row.slug] = min(first.get(row.slug, period), period)
        plus, minus = totals.get(row.slug, (0, 0))
        totals[row.slug] = (
            (plus + row.count, minus) if row.polarity > 0 else (plus, minus + row.count)
        )
    return {slug: totals[slug] for slug in sorted(totals, key=lambda slug: (first[slug], slug))}


def period_minus_marks(
    store: JournalStore,
    edges: Sequence[datetime],
    *,
    exclude_private: bool = False,
    perspectives: Sequence[str] | None = None,
) -> list[tuple[int, str, int]]:
    """(period, slug, entry id) of every "-" mark between ``edges[0]`` and ``edges[-1]``."""
    return store.review.minus_marks(
        edges, exclude_private=exclude_private, perspectives=perspectives
    )


def previous_edges(
    start: datetime, end: datetime, periods: int = PREVIOUS_PERIODS
) -> list[datetime]:
    """Edges of the ``periods`` periods as long as [start, end) just before it, ending at start.

    Lengths are taken on the wall clock of ``start``'s zone, so a week that spans a
    daylight-saving change is compared with whole local weeks.
    """
    zone = start.tzinfo
    naive_start = start.replace(tzinfo=None)
    length = end.astimezone(zone).replace(tzinfo=None) - naive_start
    edges = [(naive_start - length * k).replace(tzinfo=zone) for k in range(periods, 0, -1)]
    return [*edges, start]


def summarize_range(
    store: JournalStore, start: datetime, end: datetime, *, exclude_private: bool
) -> RangeSummary:
    """Counts, the dimension table and the entries of [start, end), for any range.

    The dimension table compares with the four periods of the same length just before. With
    ``exclude_private`` (exports), private entries count nowhere.
    """
    entries = range_entries(store, start, end, exclude_private=exclude_private)
    return _summarize(
        store, start, end, entries, catalogue_of(store), exclude_private=exclude_private
    )


def _summarize(
    store: JournalStore,
    start: datetime,
    end: datetime,
    entries: list[EntryRow],
    catalogue: dict[str, str],
    *,
    exclude_private: bool,
) -> RangeSummary:
    """``summarize_range`` over entries and a catalogue already read (the review needs both)."""
    current = tag_counts(entries, catalogue)
    earlier = earlier_tag_counts(store, previous_edges(start, end), exclude_private=exclude_private)
    groups, tags = dimension_table(current, earlier, catalogue)
    return RangeSummary(
        start=start,
        end=end,
        exclude_private=exclude_private,
        counts=count_entries(entries),
        groups=groups,
        tags=tags,
        entries=entries,
    )


def recurring_problems(
    current: list[EntryRow],
    earlier: list[tuple[int, str, int]],
    catalogue: dict[str, str],
    weeks: int = RECURRING_WEEKS,
    minimum: int = RECURRING_MIN,
) -> list[Recurring]:
    """Tags marked "-" at least ``minimum`` times over the earlier weeks plus this one.

    ``earlier`` holds (week index 0.., slug, entry id) for the ``weeks - 1`` weeks before.
    Most marked first.
    """
    per_week: dict[str, list[int]] = {}
    ids: dict[str, list[int]] = {}
    this_week = [
        (weeks - 1, t.slug, entry.id)
        for entry in sorted(current, key=_chrono)
        for t in entry.tags
        if t.polarity < 0
    ]
    # Thousands of marks on a busy journal: one lookup per mark, and a slug's lists are made
    # once (``setdefault`` would build a throw-away list for every mark).
    for bucket, slug, entry_id in chain(earlier, this_week):
        counts = per_week.get(slug)
        if counts is None:
            counts = per_week[slug] = [0] * weeks
            ids[slug] = []
        counts[bucket] += 1
        ids[slug].append(entry_id)
    found = [
        Recurring(slug, catalogue.get(slug, "Other"), sum(counts), ids[slug], counts)
        for slug, counts in per_week.items()
        if sum(counts) >= minimum
    ]
    order = _order(catalogue)
    return sorted(found, key=lambda r: (-r.count, order(r.slug)))


def current_week(settings: Settings, now: datetime | None = None) -> str:
    """The label of the local week containing ``now`` (default: this moment)."""
    zone = settings.zone()
    moment = (now or datetime.now(zone)).astimezone(zone)
    return week_of(moment.date(), settings.week_start)


def build_review(
    store: JournalStore, week: str, settings: Settings, *, include_private: bool = True
) -> WeekReview:
    """Everything the review of ``week`` shows (malformed week: UsageError with an example).

    The app shows the user their own review, private entries included; the command's output
    can be shared, so it leaves them (and their action items) out unless asked.
    """
    year, number = parse_week(week)
    label = week_label(year, number)
    zone = settings.zone()
    start, end = week_bounds(label, zone, settings.week_start)
    first, last = week_dates(label, settings.week_start)

    entries = range_entries(store, start, end, exclude_private=not include_private)
    catalogue = catalogue_of(store)
    summary = _summarize(store, start, end, entries, catalogue, exclude_private=not include_private)
    edges = [
        week_bounds(shift_week(label, -k), zone, settings.week_start)[0]
        for k in range(RECURRING_WEEKS - 1, 0, -1)
    ]
    earlier_minus = period_minus_marks(
        store, [*edges, start], exclude_private=not include_private, perspectives=OWN
    )
    recurring = recurring_problems([e for e in entries if is_own(e)], earlier_minus, catalogue)
    trends = compute_trends(
        store,
        [label],
        zone,
        settings.week_start,
        catalogue=catalogue,
        exclude_private=not include_private,
    )

    reviews = store.review
    last_week = shift_week(label, -1)
    since = week_bounds(last_week, zone, settings.week_start)[0]
    items = [
        _review_item(item, zone, settings.week_start)
        for item in reviews.review_items(label, since, end, include_private=include_private)
    ]
    history_weeks = [shift_week(label, -k) for k in range(HISTORY_WEEKS - 1, -1, -1)]
    history = reviews.checkin_history(history_weeks)
    checkin = Checkin(
        answers=dict(history[label]),
        weeks=history_weeks,
        history={
            n: [history[w].get(n) for w in history_weeks] for n in range(1, len(QUESTIONS) + 1)
        },
    )
    state = reviews.get_week(label)
    before = reviews.get_week(last_week)
    return WeekReview(
        week=label,
        start=first,
        end=last,
        counts=summary.counts,
        mosaic=mosaic(entries, first, zone),
        groups=summary.groups,
        tags=summary.tags,
        recurring=recurring,
        wins=[e for e in entries if is_win(e)],
        unreflected=[e for e in entries if not e.reflected],
        action_items=items,
        checkin=checkin,
        focus=Focus(_choice(state, label), _choice(before, last_week)),
        coach_questions=state.coach_questions if state else None,
        reviewed_at=state.reviewed_at if state else None,
        streak=reviews.streak(label),
        entries=entries,
        includes_private=include_private,
        practice=analyse(entries, catalogue),
        trends=trends,
    )


# ----------------------------------------------------------------- helpers


def _review_item(reviewed: ReviewedItem, zone: tzinfo, week_start: str) -> ReviewActionItem:
    item = reviewed.item
    return ReviewActionItem(
        id=item.id,
        entry_id=item.entry_id,
        text=item.text,
        status=item.status,
        created_at=item.created_at,
        closed_at=item.closed_at,
        week=week_of(reviewed.origin.astimezone(zone).date(), week_start),
        decision=reviewed.decision,
        session_id=item.session_id,
    )


def _choice(state: WeekState | None, week: str) -> FocusChoice:
    if state is None:
        return FocusChoice(week, None, None, None)
    return FocusChoice(state.week, state.focus_tag, state.focus_plan, state.focus_outcome)
