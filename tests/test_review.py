"""Weekly review aggregation against hand-built journals whose right answers the tests work out.

Expected values are computed here from each fixture's own list (local dates, signs), with plain
date arithmetic, never by calling the code under test.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from journal.config import Settings
from journal.errors import UsageError
from journal.review.as_json import review_to_json
from journal.review.build import (
    TREND_DOWN,
    TREND_FLAT,
    TREND_UP,
    build_review,
    count_entries,
    current_week,
    sparkline,
    summarize_range,
    tag_counts,
    trend,
)
from journal.schemas import EntryIn, EntryPatch, validate
from journal.store import Store
from journal.values import TagMark

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = Settings(db=None, week_start="monday", tz="Europe/Berlin")
SUNDAY = Settings(db=None, week_start="sunday", tz="Europe/Berlin")


@dataclass
class Made:
    id: int
    local: datetime
    overall: str | None
    tags: list[tuple[str, int]]
    private: bool = False
    trashed: bool = False


def local(text: str) -> datetime:
    """A Berlin wall-clock time, e.g. ``2026-11-22 23:59``."""
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


def marks(text: str) -> list[tuple[str, int]]:
    return [(t[1:], -1 if t[0] == "-" else 1) for t in text.split()]


def add(
    store: Store,
    when: str,
    overall: str | None = "well",
    tags: str = "",
    **extra: object,
) -> Made:
    moment = local(when)
    pairs = marks(tags)
    data = validate(
        EntryIn,
        {
            "what": f"encounter at {when}",
            "occurred_at": moment,
            "overall": overall,
            "tags": [TagMark(slug=s, polarity=p) for s, p in pairs],
            **extra,
        },
    )
    entry = store.add(data)
    return Made(entry.id, moment, overall, pairs, private=bool(extra.get("private")))


def own(
    store: Store, when: str, overall: str | None = "well", tags: str = "", **extra: object
) -> Made:
    """An entry of the user's own practice (perspective provider)."""
    return add(store, when, overall, tags, perspective="provider", **extra)


def iso_label(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def in_week(made: list[Made], first: date) -> list[Made]:
    """The fixture entries whose local date falls in the 7 days from ``first``."""
    last = first + timedelta(days=6)
    inside = [m for m in made if first <= m.local.date() <= last and not m.trashed]
    return sorted(inside, key=lambda m: (m.local, m.id))


# ----------------------------------------------------------------- week boundaries


def test_sunday_2359_and_monday_0001_fall_in_different_weeks(store: Store) -> None:
    made = [
        add(store, "2026-11-22 23:59", "badly"),
        add(store, "2026-11-23 00:01", "well"),
        add(store, "2026-11-16 00:00", "mixed"),
    ]
    for label, first in (("2026-W47", date(2026, 11, 16)), ("2026-W48", date(2026, 11, 23))):
        review = build_review(store, label, MONDAY)
        expected = in_week(made, first)
        assert review.start == first and review.end == first + timedelta(days=6)
        assert [e.id for e in review.entries] == [m.id for m in expected]
        assert review.counts.entries == len(expected)
        assert review.counts.badly == sum(m.overall == "badly" for m in expected)
        assert review.mosaic[0].day == first and len(review.mosaic) == 7


@pytest.mark.parametrize(
    ("label", "first", "change"),
    [
        ("2026-W13", date(2026, 3, 23), date(2026, 3, 29)),  # clocks go forward
        ("2026-W43", date(2026, 10, 19), date(2026, 10, 25)),  # clocks go back
    ],
)
def test_week_across_a_daylight_saving_change(
    store: Store, label: str, first: date, change: date
) -> None:
    assert BERLIN.utcoffset(datetime.combine(first, datetime.min.time())) != BERLIN.utcoffset(
        datetime.combine(first + timedelta(days=7), datetime.min.time())
    )
    made = [
        add(store, f"{first - timedelta(days=1)} 23:30", "badly", "-queue"),
        add(store, f"{first} 00:30", "well", "+courtesy"),
        add(store, f"{change} 01:30", "mixed", "-queue"),
        add(store, f"{change} 03:30", "well", "+courtesy"),
        add(store, f"{change} 23:30", "badly", "-queue"),
        add(store, f"{change + timedelta(days=1)} 00:30", "well", "+courtesy"),
    ]
    review = build_review(store, label, MONDAY)
    expected = in_week(made, first)
    assert [e.id for e in review.entries] == [m.id for m in expected]
    per_day = Counter(m.local.date() for m in expected)
    assert [len(d.overall) for d in review.mosaic] == [
        per_day[first + timedelta(days=i)] for i in range(7)
    ]
    counts = {t.slug: (t.plus, t.minus) for t in review.tags}
    assert counts["courtesy"] == (sum(("courtesy", 1) in m.tags for m in expected), 0)
    assert counts["queue"] == (0, sum(("queue", -1) in m.tags for m in expected))
    # The entry of the Sunday before lies in the previous week: it counts there, divided by 4.
    before = [m for m in made if iso_label(m.local.date()) == iso_label(first - timedelta(days=1))]
    queue_before = sum(("queue", -1) in m.tags for m in before)
    assert next(t for t in review.tags if t.slug == "queue").prev4_minus_avg == queue_before / 4


def test_year_with_week_53(store: Store) -> None:
    made = [
        add(store, "2026-12-27 22:00", "badly", "-attention"),  # 2026-W52
        add(store, "2026-12-28 08:00", "well", "+attention"),  # 2026-W53, Monday
        add(store, "2026-12-31 23:59", "well", "+attention"),
        add(store, "2027-01-01 00:01", "mixed", "-attention"),
        add(store, "2027-01-03 23:00", "badly", "-attention"),  # Sunday, still W53
        add(store, "2027-01-04 00:10", "well", "+attention"),  # 2027-W01
    ]
    review = build_review(store, "2026-W53", MONDAY)
    assert (review.start, review.end) == (date(2026, 12, 28), date(2027, 1, 3))
    expected = [m for m in made if iso_label(m.local.date()) == "2026-W53"]
    assert [e.id for e in review.entries] == [m.id for m in expected]

    following = build_review(store, "2027-W01", MONDAY)
    assert [e.id for e in following.entries] == [m.id for m in made if m.local.year == 2027][-1:]
    prev_weeks = {"2026-W50", "2026-W51", "2026-W52", "2026-W53"}
    prev = [m for m in made if iso_label(m.local.date()) in prev_weeks]
    attention = next(t for t in following.tags if t.slug == "attention")
    assert attention.prev4_plus_avg == sum(("attention", 1) in m.tags for m in prev) / 4
    assert attention.prev4_minus_avg == sum(("attention", -1) in m.tags for m in prev) / 4


def test_sunday_start_weeks(store: Store) -> None:
    made = [
        add(store, "2026-11-14 23:59", "badly"),  # Saturday: the Sunday-start week before
        add(store, "2026-11-15 00:01", "well"),  # Sunday: first day of Sunday-start W47
        add(store, "2026-11-21 23:59", "mixed"),  # Saturday: last day
        add(store, "2026-11-22 09:00", "well"),  # Sunday: next week (ISO W47 but not here)
    ]
    review = build_review(store, "2026-W47", SUNDAY)
    first = date(2026, 11, 15)
    assert first.weekday() == 6
    assert (review.start, review.end) == (first, first + timedelta(days=6))
    assert [e.id for e in review.entries] == [m.id for m in in_week(made, first)]
    assert [d.day.weekday() for d in review.mosaic] == [6, 0, 1, 2, 3, 4, 5]
    sunday_now = local("2026-11-22 10:00")
    assert current_week(SUNDAY, sunday_now) == "2026-W48"
    assert current_week(MONDAY, sunday_now) == "2026-W47"


def test_malformed_week_is_a_usage_error(store: Store) -> None:
    with pytest.raises(UsageError, match="2026-W47"):
        build_review(store, "2026-W99", MONDAY)
    assert build_review(store, "2026-w7", MONDAY).week == "2026-W07"


# ----------------------------------------------------------------- dimension table


def test_four_week_averages_and_trend(store: Store) -> None:
    made: list[Made] = []
    plan = {
        "2026-11-12": "+courtesy -queue",  # W46
        "2026-11-05": "+courtesy -listening",  # W45
        "2026-10-29": "-queue -courtesy",  # W44
        "2026-10-22": "-queue +listening",  # W43
        "2026-10-15": "+courtesy +queue",  # W42: five weeks back, outside the average
        "2026-11-18": "+courtesy -queue +listening",  # W47 itself
        "2026-11-19": "-queue +ownership",  # W47
    }
    for day, tags in plan.items():
        made.append(add(store, f"{day} 12:00", "mixed", tags))
    review = build_review(store, "2026-W47", MONDAY)

    this_week = [m for m in made if iso_label(m.local.date()) == "2026-W47"]
    previous = {"2026-W43", "2026-W44", "2026-W45", "2026-W46"}
    before = [m for m in made if iso_label(m.local.date()) in previous]

    def count(rows: list[Made], slug: str, sign: int) -> int:
        return sum((slug, sign) in m.tags for m in rows)

    slugs = {s for m in this_week + before for s, _ in m.tags}
    assert {t.slug for t in review.tags} == slugs
    for t in review.tags:
        assert (t.plus, t.minus) == (count(this_week, t.slug, 1), count(this_week, t.slug, -1))
        assert t.prev4_plus_avg == count(before, t.slug, 1) / 4
        assert t.prev4_minus_avg == count(before, t.slug, -1) / 4
        net_now = t.plus - t.minus
        net_before = t.prev4_plus_avg - t.prev4_minus_avg
        want = TREND_UP if net_now > net_before else TREND_DOWN if net_now < net_before else "→"
        assert t.trend == want

    from journal.taxonomy import BUILTIN_TAGS, GROUPS

    group_of = {t.slug: t.group for t in BUILTIN_TAGS}
    assert [g.group for g in review.groups] == list(GROUPS)
    for g in review.groups:
        in_group = [s for s in slugs if group_of[s] == g.group]
        assert g.plus == sum(count(this_week, s, 1) for s in in_group)
        assert g.minus == sum(count(this_week, s, -1) for s in in_group)
        assert g.prev4_plus_avg == sum(count(before, s, 1) for s in in_group) / 4
        assert g.prev4_minus_avg == sum(count(before, s, -1) for s in in_group) / 4


def test_trend_and_sparkline_helpers() -> None:
    assert trend(2, 0, 1.0, 0.5) == TREND_UP
    assert trend(0, 2, 0.25, 0.0) == TREND_DOWN
    assert trend(1, 1, 0.5, 0.5) == TREND_FLAT
    line = sparkline([0, 1, 2, 4])
    assert len(line) == 4 and line[0] == "·" and line[-1] == "█"
    assert line[1] < line[2] < line[3]  # the block characters are in code-point order
    assert sparkline([0, 0]) == "··"


# ----------------------------------------------------------------- recurring problems


def test_recurring_rule(store: Store) -> None:
    """Over the last four weeks (W44-W47): 3 "-" marks recur, 2 do not, week 43 is too old;
    only the user's own practice (provider entries) counts: 3 witnessed marks do not recur."""
    for day in ("2026-11-03", "2026-11-10", "2026-11-17"):
        add(store, f"{day} 12:00", "badly", "-courtesy", perspective="witnessed")
    made = [
        # queue: once in W44, W46 and W47 -> 3, recurring
        own(store, "2026-10-27 10:00", "badly", "-queue"),
        own(store, "2026-11-10 10:00", "badly", "-queue"),
        own(store, "2026-11-17 10:00", "badly", "-queue -tools"),
        # attention: twice -> not recurring
        own(store, "2026-11-03 10:00", "badly", "-attention"),
        own(store, "2026-11-18 10:00", "badly", "-attention +tools"),
        # tools: twice in the window (W45, W46) + once in W43 (five weeks back) -> not recurring
        own(store, "2026-10-20 10:00", "badly", "-tools"),
        own(store, "2026-11-04 10:00", "badly", "-tools"),
        # listening: twice live + once in the trash -> not recurring
        own(store, "2026-11-02 10:00", "badly", "-listening"),
        own(store, "2026-11-11 10:00", "badly", "-listening"),
        own(store, "2026-11-19 10:00", "badly", "-listening"),
        # patience: twice + once private -> recurring in the user's own review
        own(store, "2026-11-05 10:00", "badly", "-patience"),
        own(store, "2026-11-12 10:00", "badly", "-patience"),
        own(store, "2026-11-20 10:00", "badly", "-patience", private=True),
    ]
    trashed = made[9]
    store.trash(trashed.id)
    trashed.trashed = True

    window = ["2026-W44", "2026-W45", "2026-W46", "2026-W47"]
    live = [m for m in made if not m.trashed]
    minus_by_slug: dict[str, list[Made]] = {}
    for m in live:
        if iso_label(m.local.date()) in window:
            for slug, sign in m.tags:
                if sign < 0:
                    minus_by_slug.setdefault(slug, []).append(m)
    expected = {slug: rows for slug, rows in minus_by_slug.items() if len(rows) >= 3}
    assert set(expected) == {"queue", "patience"}  # the fixture says what it means to

    review = build_review(store, "2026-W47", MONDAY)
    found = {r.slug: r for r in review.recurring}
    assert set(found) == set(expected)
    for slug, rows in expected.items():
        assert found[slug].count == len(rows)
        assert found[slug].entry_ids == [m.id for m in rows]
        assert found[slug].weekly_counts == [
            sum(iso_label(m.local.date()) == w for m in rows) for w in window
        ]
    assert trashed.id not in {e.id for e in review.entries}
    assert review_to_json(review, BERLIN)["recurring"] == [r.slug for r in review.recurring]


# ----------------------------------------------------------------- counts, wins, inbox


def test_counts_wins_and_inbox(store: Store) -> None:
    made = [
        add(store, "2026-11-16 09:00", "well", "+courtesy", setting="Bank", lesson="Greet first"),
        add(store, "2026-11-16 12:00", "well", "", setting="bank", perspective="customer"),
        add(store, "2026-11-17 09:00", "well", "", perspective="provider", differently="Smile"),
        add(store, "2026-11-18 09:00", "badly", "-queue", setting="grocery checkout"),
        add(store, "2026-11-19 09:00", "mixed", "", perspective="witnessed", private=True),
        add(store, "2026-11-20 09:00", None, ""),
    ]
    left_better = made[1]
    store.update(left_better.id, validate(EntryPatch, {"left_them": "better"}))
    trashed = add(store, "2026-11-21 09:00", "badly", "-queue")
    store.trash(trashed.id)

    review = build_review(store, "2026-W47", MONDAY)
    assert review.counts.entries == len(made)
    assert review.counts.well == sum(m.overall == "well" for m in made)
    assert review.counts.badly == sum(m.overall == "badly" for m in made)
    assert review.counts.mixed == sum(m.overall == "mixed" for m in made)
    assert review.counts.by_perspective == {"witnessed": 1, "customer": 1, "provider": 1}
    assert review.counts.by_setting == {"Bank": 2, "grocery checkout": 1}
    assert [e.id for e in review.wins] == [made[0].id, left_better.id]
    reflected = {made[0].id, made[2].id}  # a lesson, a do-differently note
    assert [e.id for e in review.unreflected] == [m.id for m in made if m.id not in reflected]
    assert count_entries(review.entries) == review.counts


def test_tag_counts_is_a_pure_function_in_catalogue_order(store: Store) -> None:
    add(store, "2026-11-16 09:00", "well", "+queue -courtesy +attention")
    add(store, "2026-11-17 09:00", "well", "-queue")
    rows = store.list().entries
    catalogue = {t.slug: t.group for t in store.tag_catalogue()}
    counts = tag_counts(rows, catalogue)
    assert counts == {"courtesy": (0, 1), "attention": (1, 0), "queue": (1, 1)}
    assert list(counts) == ["courtesy", "attention", "queue"]  # Assurance, Empathy, Tangibles


def test_summarize_range_leaves_private_entries_out_when_asked(store: Store) -> None:
    made = [
        add(store, "2026-11-09 10:00", "badly", "-queue", private=True),  # previous week
        add(store, "2026-11-09 11:00", "badly", "-queue"),
        add(store, "2026-11-16 10:00", "well", "+courtesy"),
        add(store, "2026-11-17 10:00", "badly", "-courtesy", private=True),
    ]
    start, end = local("2026-11-16 00:00"), local("2026-11-23 00:00")
    for exclude in (True, False):
        summary = summarize_range(store, start, end, exclude_private=exclude)
        kept = [m for m in made if not (exclude and m.private)]
        inside = [m for m in kept if start <= m.local < end]
        assert [e.id for e in summary.entries] == [m.id for m in inside]
        assert summary.counts.entries == len(inside)
        tags = {t.slug: t for t in summary.tags}
        assert (tags["courtesy"].plus, tags["courtesy"].minus) == (
            sum(("courtesy", 1) in m.tags for m in inside),
            sum(("courtesy", -1) in m.tags for m in inside),
        )
        before = [m for m in kept if m.local < start]
        assert tags["queue"].prev4_minus_avg == sum(("queue", -1) in m.tags for m in before) / 4


def test_review_reads_only_the_week_not_the_whole_journal(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(store, "2025-01-06 10:00", "well", "+courtesy")
    add(store, "2026-11-17 10:00", "well", "+courtesy")
    asked = []
    original = Store.list

    def spy(self: Store, flt: object = None, *args: object, **kwargs: object) -> object:
        asked.append(flt)
        return original(self, flt, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "list", spy)
    review = build_review(store, "2026-W47", MONDAY)
    assert review.counts.entries == 1
    assert asked and all(f.start and f.end for f in asked)  # type: ignore[attr-defined]
    assert all(f.end - f.start <= timedelta(days=7, hours=1) for f in asked)  # type: ignore[attr-defined]


# ----------------------------------------------------------------- review state in the review


def test_action_items_checkin_focus_and_streak_in_the_review(store: Store) -> None:
    reviews = store.review
    last_week = add(store, "2026-11-10 10:00", "badly", "-queue", action="Open a second till")
    this_week = add(store, "2026-11-18 10:00", "badly", "-queue", action="Greet in 10 seconds")
    old_open = add(store, "2026-09-01 10:00", "badly", "", action="Still open from September")
    old_done = add(store, "2026-09-02 10:00", "badly", "", action="Finished long ago")
    gone = add(store, "2026-11-17 10:00", "badly", "", action="On a deleted entry")
    store.trash(gone.id)
    items = {i.entry_id: i for i in store.action_items()}
    store.set_action_status(items[old_done.id].id, "done")
    reviews.decide_action("2026-W47", items[last_week.id].id, "carried")

    reviews.save_checkin("2026-W47", {1: "yes", 2: "partly"})
    reviews.save_checkin("2026-W46", {1: "no"})
    reviews.set_focus("2026-W46", "acknowledged", "When someone queues, I will nod at them")
    reviews.set_focus("2026-W47", "queue", None)
    for week in ("2026-W44", "2026-W45", "2026-W46"):
        reviews.mark_reviewed(week)

    review = build_review(store, "2026-W47", MONDAY)
    listed = {a.entry_id: a for a in review.action_items}
    assert set(listed) == {old_open.id, last_week.id, this_week.id}
    assert listed[last_week.id].decision == "carried"
    assert listed[last_week.id].status == "carried"
    assert listed[last_week.id].week == "2026-W46"
    assert listed[this_week.id].decision is None and listed[this_week.id].week == "2026-W47"
    assert [a.entry_id for a in review.action_items] == [old_open.id, last_week.id, this_week.id]

    assert review.checkin.answers == {1: "yes", 2: "partly"}
    assert len(review.checkin.weeks) == 8 and review.checkin.weeks[-1] == "2026-W47"
    assert review.checkin.history[1] == [None] * 6 + ["no", "yes"]
    assert review.checkin.history[3] == [None] * 8

    assert (review.focus.current.tag, review.focus.current.plan) == ("queue", None)
    assert review.focus.previous.week == "2026-W46"
    assert review.focus.previous.tag == "acknowledged"
    assert review.streak == 3 and review.reviewed_at is None

    data = review_to_json(review, BERLIN)
    assert data["checkin"]["answers"] == {"1": "yes", "2": "partly"}
    assert data["focus"]["previous"]["tag"] == "acknowledged"
    assert data["streak"] == 3
    assert data["includes_private"] is True


def test_previous_four_weeks_reach_back_across_a_daylight_saving_change(store: Store) -> None:
    """2026-W17's previous weeks are W13-W16; W13 began in winter time, W17 in summer time."""
    made = [
        add(store, "2026-03-22 23:30", "badly", "-queue"),  # Sunday of W12: outside
        add(store, "2026-03-23 00:30", "badly", "-queue"),  # Monday of W13: inside
        add(store, "2026-04-19 23:30", "badly", "-queue"),  # Sunday of W16: inside
        add(store, "2026-04-20 00:30", "badly", "-queue"),  # Monday of W17: this week
    ]
    previous = {"2026-W13", "2026-W14", "2026-W15", "2026-W16"}
    before = [m for m in made if iso_label(m.local.date()) in previous]
    review = build_review(store, "2026-W17", MONDAY)
    queue = next(t for t in review.tags if t.slug == "queue")
    assert queue.prev4_minus_avg == len(before) / 4
    assert queue.minus == sum(iso_label(m.local.date()) == "2026-W17" for m in made)


def test_groups_seen_only_in_earlier_weeks_follow_the_week_they_first_appear_in(
    store: Store,
) -> None:
    """Custom groups absent from the week are listed after it, oldest first appearance first.

    ``Zeta`` is marked in W44, ``Alpha`` only from W46: by first appearance Zeta comes first,
    although Alpha sorts first by name.
    """
    from journal.schemas import TagIn
    from journal.taxonomy import GROUPS

    store.add_tag(validate(TagIn, {"slug": "zz-late", "group": "Zeta"}))
    store.add_tag(validate(TagIn, {"slug": "aa-early", "group": "Alpha"}))
    add(store, "2026-10-27 10:00", "badly", "-zz-late")  # W44
    add(store, "2026-11-10 10:00", "well", "+aa-early +zz-late")  # W46
    add(store, "2026-11-12 10:00", "badly", "-aa-early")  # W46
    add(store, "2026-11-17 10:00", "well", "+courtesy")  # W47

    review = build_review(store, "2026-W47", MONDAY)
    assert [g.group for g in review.groups] == [*GROUPS, "Zeta", "Alpha"]
    by_group = {g.group: g for g in review.groups}
    assert (by_group["Zeta"].prev4_plus_avg, by_group["Zeta"].prev4_minus_avg) == (1 / 4, 1 / 4)
    assert (by_group["Alpha"].prev4_plus_avg, by_group["Alpha"].prev4_minus_avg) == (1 / 4, 1 / 4)
    tags = {t.slug: t for t in review.tags}
    assert (tags["zz-late"].plus, tags["zz-late"].minus) == (0, 0)
    assert tags["aa-early"].prev4_minus_avg == 1 / 4
