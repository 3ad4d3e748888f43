"""Pure counting over a period's entries: totals, tag marks, the dimension table, the mosaic.

No queries: ``journal.review`` reads the rows (and the earlier periods' sums) and hands them in,
so the weekly review and the coaching export count alike, and each function can be tried on
plain rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta, tzinfo

from journal.entry import Perspective
from journal.review.model import Counts, GroupCount, MosaicDay, TagCount, trend
from journal.rows import EntryRow
from journal.taxonomy import BUILTIN_TAGS, GROUPS

PREVIOUS_PERIODS = 4
"""How many earlier periods the dimension table compares against."""
PERSPECTIVES = Perspective.values()
SPARK = "▁▂▃▄▅▆▇█"
MISSING = "—"
"""A week without data in a sparkline: never drawn as a zero."""


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


def sparkline(
    values: Sequence[float | None],
    *,
    top: float | None = None,
    zero: str = "·",
    missing: str = MISSING,
) -> str:
    """One block per value scaled to ``top`` (default: the largest); zero is ``zero`` (a dot),
    a value of None (no data that week) is ``missing`` (``—``), never a zero."""
    known = [v for v in values if v is not None]
    scale = top if top is not None else max(known, default=0)
    if scale <= 0:
        return "".join(missing if v is None else zero for v in values)
    out = []
    for value in values:
        if value is None:
            out.append(missing)
        elif value <= 0:
            out.append(zero)
        else:
            out.append(SPARK[max(0, min(len(SPARK) - 1, round(value / scale * (len(SPARK) - 1))))])
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
