"""The weekly review: counts, the day mosaic, the dimension table, recurring problems and more.

Pure functions over rows where possible (``count_entries``, ``tag_counts``, ``mosaic``, ...), and
two small aggregate queries for what lies outside the week: the previous four weeks' tag counts
(one GROUP BY over ``entry_tag JOIN entry`` for the whole window) and the "-" marks of the
recurring window. Only the reviewed week's entries are read as rows, so the cost follows the size
of a week, never of the journal. Entries in the trash never count.

The app's review screen counts private entries (it is the user's own view); the ``review``
command leaves them out unless asked (``include_private``), and its JSON says which it did.
``summarize_range`` serves the coaching export and leaves private entries out when asked.

Terms, as shown to the user:

- *week*: the ISO week in local time (Monday start), or the Sunday-start week with the same label
  (``journal.weeks``).
- *prev4 average*: the + (or -) marks of the four weeks before, divided by four.
- *trend*: ↑ when this week's net (+ minus -) is above the previous four weeks' average net,
  ↓ below, → equal.
- *recurring*: a tag marked "-" three or more times in the last four weeks, this one included.
- *wins*: entries that went well and have a lesson or left the person better off.
- *inbox*: entries not yet reflected on (no do-differently note and no lesson).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from itertools import chain
from typing import TYPE_CHECKING

from journal.checkin import HISTORY_WEEKS, QUESTIONS
from journal.db import dt_to_db
from journal.review_store import ReviewedItem, ReviewStore, WeekState
from journal.store import EntryRow
from journal.taxonomy import BUILTIN_TAGS, GROUPS
from journal.weeks import parse_week, shift_week, week_bounds, week_dates, week_label, week_of

if TYPE_CHECKING:
    from journal.config import Settings
    from journal.store import Store

PREVIOUS_PERIODS = 4
"""How many earlier periods the dimension table compares against."""
RECURRING_WEEKS = 4
RECURRING_MIN = 3
TREND_UP, TREND_DOWN, TREND_FLAT = "↑", "↓", "→"
PERSPECTIVES = ("witnessed", "customer", "provider")
SPARK = "▁▂▃▄▅▆▇█"


# ----------------------------------------------------------------- result types


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
    """A tag marked "-" at least ``RECURRING_MIN`` times in the last ``RECURRING_WEEKS`` weeks."""

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


# ----------------------------------------------------------------- pure aggregation


def count_entries(entries: Iterable[EntryRow]) -> Counts:
    """Totals by overall, perspective and setting (settings match ignoring case)."""
    total = 0
    overall: Counter[str] = Counter()
    perspective: Counter[str] = Counter()
    settings: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for entry in entries:
        total += 1
        if entry.overall:
            overall[entry.overall] += 1
        if entry.perspective:
            perspective[entry.perspective] += 1
        if entry.setting and entry.setting.strip():
            key = entry.setting.strip().casefold()
            spelling.setdefault(key, entry.setting.strip())
            settings[key] += 1
    by_setting = {
        spelling[key]: n
        for key, n in sorted(settings.items(), key=lambda kv: (-kv[1], spelling[kv[0]].casefold()))
    }
    return Counts(
        entries=total,
        well=overall["well"],
        badly=overall["badly"],
        mixed=overall["mixed"],
        by_perspective={p: perspective[p] for p in PERSPECTIVES},
        by_setting=by_setting,
    )


def tag_counts(
    entries: Iterable[EntryRow], catalogue: dict[str, str]
) -> dict[str, tuple[int, int]]:
    """slug -> (+ marks, - marks) over ``entries``, in catalogue order (unknown slugs last).

    Only tags that occur are listed; marks with no sign (imports) are not counted.
    """
    plus: Counter[str] = Counter()
    minus: Counter[str] = Counter()
    for entry in entries:
        for mark in entry.tags:
            if mark.polarity > 0:
                plus[mark.slug] += 1
            elif mark.polarity < 0:
                minus[mark.slug] += 1
    seen = set(plus) | set(minus)
    order = _order(catalogue)
    return {slug: (plus[slug], minus[slug]) for slug in sorted(seen, key=order)}


def group_counts(
    counts: dict[str, tuple[int, int]], catalogue: dict[str, str]
) -> dict[str, tuple[int, int]]:
    """Tag counts summed per group: every built-in group (even at zero), then other groups."""
    totals: dict[str, list[int]] = {g: [0, 0] for g in GROUPS}
    for slug, (plus, minus) in counts.items():
        group = catalogue.get(slug, "Other")
        pair = totals.setdefault(group, [0, 0])
        pair[0] += plus
        pair[1] += minus
    return {g: (p, m) for g, (p, m) in totals.items()}


def trend(plus: int, minus: int, prev_plus_avg: float, prev_minus_avg: float) -> str:
    """↑ when this period's net (+ minus -) beats the earlier average net, ↓ below, → equal."""
    now = plus - minus
    before = prev_plus_avg - prev_minus_avg
    if now > before + 1e-9:
        return TREND_UP
    if now < before - 1e-9:
        return TREND_DOWN
    return TREND_FLAT


def sparkline(values: Sequence[int]) -> str:
    """One block per value scaled to the largest; zero is a dot."""
    top = max(values, default=0)
    if top <= 0:
        return "·" * len(values)
    out = []
    for value in values:
        if value <= 0:
            out.append("·")
        else:
            out.append(SPARK[max(0, round(value / top * (len(SPARK) - 1)))])
    return "".join(out)


def mosaic(
    entries: Iterable[EntryRow], first: date, zone: tzinfo, days: int = 7
) -> list[MosaicDay]:
    """One cell per entry on each local day from ``first``, in time order."""
    cells: dict[date, list[EntryRow]] = {first + timedelta(days=i): [] for i in range(days)}
    for entry in sorted(entries, key=_chrono):
        local = entry.occurred_at.astimezone(zone).date()
        if local in cells:
            cells[local].append(entry)
    return [
        MosaicDay(day, [e.overall for e in rows], [e.id for e in rows])
        for day, rows in cells.items()
    ]


def is_win(entry: EntryRow) -> bool:
    return entry.overall == "well" and bool(entry.lesson or entry.left_them == "better")


def dimension_table(
    current: dict[str, tuple[int, int]],
    previous: dict[str, tuple[int, int]],
    catalogue: dict[str, str],
    periods: int = PREVIOUS_PERIODS,
) -> tuple[list[GroupCount], list[TagCount]]:
    """Per group and per tag: this period's marks against the average of ``periods`` before.

    ``previous`` holds the summed marks of all earlier periods. Tags used in neither are left
    out; every built-in group is listed.
    """
    order = _order(catalogue)
    slugs = sorted(set(current) | set(previous), key=order)
    tags: list[TagCount] = []
    for slug in slugs:
        plus, minus = current.get(slug, (0, 0))
        p_plus, p_minus = previous.get(slug, (0, 0))
        avg_plus, avg_minus = p_plus / periods, p_minus / periods
        tags.append(
            TagCount(
                slug,
                catalogue.get(slug, "Other"),
                plus,
                minus,
                avg_plus,
                avg_minus,
                trend(plus, minus, avg_plus, avg_minus),
            )
        )
    now_groups = group_counts(current, catalogue)
    before_groups = group_counts(previous, catalogue)
    names = list(now_groups) + [g for g in before_groups if g not in now_groups]
    groups = []
    for name in names:
        plus, minus = now_groups.get(name, (0, 0))
        p_plus, p_minus = before_groups.get(name, (0, 0))
        groups.append(GroupCount(name, plus, minus, p_plus / periods, p_minus / periods))
    return groups, tags


# ----------------------------------------------------------------- queries


def catalogue_of(store: Store) -> dict[str, str]:
    """slug -> group for every tag (the tag table is small)."""
    return {t.slug: t.group for t in store.tag_catalogue()}


def range_entries(
    store: Store, start: datetime, end: datetime, *, exclude_private: bool = False
) -> list[EntryRow]:
    """Live entries in [start, end), oldest first, read page by page."""
    from journal.schemas import EntryFilter

    flt = EntryFilter(start=start, end=end, private=False if exclude_private else None)
    return sorted(store.iter_entries(flt), key=_chrono)


def _bucket_case(edges: Sequence[datetime]) -> tuple[str, list[str]]:
    """SQL numbering the periods between consecutive ``edges`` 0, 1, ... by occurred_at."""
    inner = [dt_to_db(edge) for edge in edges[1:-1]]
    whens = " ".join(f"WHEN e.occurred_at < ? THEN {i}" for i in range(len(inner)))
    return f"CASE {whens} ELSE {len(inner)} END", inner


def earlier_tag_counts(
    store: Store, edges: Sequence[datetime], *, exclude_private: bool = False
) -> dict[str, tuple[int, int]]:
    """slug -> (+, -) summed over the periods between ``edges``, in one GROUP BY query.

    The dimension table needs only the sum of the earlier periods, so the query groups by tag
    and sign alone: numbering the period of every mark (a CASE per row, then a larger sort)
    cost more than the join itself. Slugs are listed by the period they first occur in, then
    by slug, as the per-period sums used to be, because ``dimension_table`` lists groups met
    only in earlier periods in that order.
    """
    if len(edges) < 2:
        return {}
    private = " AND e.private = 0" if exclude_private else ""
    sql = (
        "SELECT et.tag_slug, et.polarity, count(*), min(e.occurred_at) FROM entry e "
        "JOIN entry_tag et ON et.entry_id = e.id "
        "WHERE e.trashed_at IS NULL AND e.occurred_at >= ? AND e.occurred_at < ? "
        f"AND et.polarity <> 0{private} GROUP BY et.tag_slug, et.polarity"
    )
    rows = store.db.execute(sql, (dt_to_db(edges[0]), dt_to_db(edges[-1]))).fetchall()
    inner = [dt_to_db(edge) for edge in edges[1:-1]]
    first: dict[str, int] = {}
    totals: dict[str, tuple[int, int]] = {}
    for slug, polarity, n, earliest in rows:
        period = bisect_right(inner, earliest)
        first[slug] = min(first.get(slug, period), period)
        plus, minus = totals.get(slug, (0, 0))
        totals[slug] = (plus + n, minus) if polarity > 0 else (plus, minus + n)
    return {slug: totals[slug] for slug in sorted(totals, key=lambda slug: (first[slug], slug))}


def period_minus_marks(
    store: Store, edges: Sequence[datetime], *, exclude_private: bool = False
) -> list[tuple[int, str, int]]:
    """(period, slug, entry id) of every "-" mark between ``edges[0]`` and ``edges[-1]``."""
    case, params = _bucket_case(edges)
    private = " AND e.private = 0" if exclude_private else ""
    sql = (
        f"SELECT {case} AS bucket, et.tag_slug, e.id FROM entry e "
        "JOIN entry_tag et ON et.entry_id = e.id "
        "WHERE e.trashed_at IS NULL AND e.occurred_at >= ? AND e.occurred_at < ? "
        f"AND et.polarity = -1{private} ORDER BY e.occurred_at, e.id"
    )
    # The rows are already (int, str, int) tuples: SQLite's CASE yields an integer, the slug is
    # text and the id an integer. Converting each one again cost more than the query itself
    # on a busy journal (thousands of marks over three weeks).
    window = (*params, dt_to_db(edges[0]), dt_to_db(edges[-1]))
    return store.db.execute(sql, window).fetchall()


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
    store: Store, start: datetime, end: datetime, *, exclude_private: bool
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
    store: Store,
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
    store: Store, week: str, settings: Settings, *, include_private: bool = True
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
    earlier_minus = period_minus_marks(store, [*edges, start], exclude_private=not include_private)
    recurring = recurring_problems(entries, earlier_minus, catalogue)

    reviews = ReviewStore(store.db)
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
    state = reviews.get_week(label) or WeekState(label)
    before = reviews.get_week(last_week) or WeekState(last_week)
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
        focus=Focus(_choice(state), _choice(before)),
        coach_questions=state.coach_questions,
        reviewed_at=state.reviewed_at,
        streak=reviews.streak(label),
        entries=entries,
        includes_private=include_private,
    )


# ----------------------------------------------------------------- helpers


def _chrono(entry: EntryRow) -> tuple[datetime, int]:
    return entry.occurred_at, entry.id


_BUILTIN_POS = {t.slug: i for i, t in enumerate(BUILTIN_TAGS)}
_GROUP_POS = {g: i for i, g in enumerate(GROUPS)}


def _order(catalogue: dict[str, str]) -> Callable[[str], tuple[int, int, str, int, str]]:
    """Sort key: built-in groups in display order, built-in tags in catalogue order, then slug;
    slugs missing from the catalogue last."""

    def key(slug: str) -> tuple[int, int, str, int, str]:
        known = 0 if slug in catalogue else 1
        group = catalogue.get(slug, "")
        return (
            known,
            _GROUP_POS.get(group, len(_GROUP_POS)),
            group,
            _BUILTIN_POS.get(slug, len(_BUILTIN_POS)),
            slug,
        )

    return key


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
    )


def _choice(state: WeekState) -> FocusChoice:
    return FocusChoice(state.week, state.focus_tag, state.focus_plan, state.focus_outcome)
