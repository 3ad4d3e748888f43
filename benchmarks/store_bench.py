"""Store-level timings, in process: the queries behind the commands, without process start-up.

Each query runs once on a freshly opened journal ("first", cold statement cache, warm OS file
cache) and then ``repeat`` more times (median, min, max). The week aggregation is
``journal.review.build_review`` when that module exists (it is reported "n/a" otherwise).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any


@dataclass
class QueryTiming:
    label: str
    first_ms: float | None = None
    median_ms: float | None = None
    min_ms: float | None = None
    max_ms: float | None = None
    rows: int | None = None
    status: str = "ok"
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _time(label: str, fn: Callable[[], Any], repeat: int) -> QueryTiming:
    try:
        t = time.perf_counter()
        result = fn()
        first = (time.perf_counter() - t) * 1000
        samples = []
        for _ in range(repeat):
            t = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - t) * 1000)
    except Exception as exc:  # noqa: BLE001 - any failure is reported in the table, not raised
        return QueryTiming(label, status="failed", note=f"{type(exc).__name__}: {exc}"[:200])
    rows = _size_of(result)
    return QueryTiming(
        label,
        round(first, 3),
        round(statistics.median(samples), 3),
        round(min(samples), 3),
        round(max(samples), 3),
        rows,
    )


def _size_of(result: Any) -> int | None:
    if isinstance(result, int):
        return result
    entries = getattr(result, "entries", None)
    if entries is not None:
        return len(entries)
    if isinstance(result, list):
        return len(result)
    return None


def store_timings(
    db_path: Path,
    *,
    word: str,
    tag: str,
    week: str,
    repeat: int = 20,
    tz: str = "UTC",
) -> list[QueryTiming]:
    """Time the hot store queries on the journal at ``db_path`` (opened read-only in spirit)."""
    from journal.config import Settings
    from journal.db import open_database
    from journal.store import Store
    from journal.values import EntryFilter
    from journal.weeks import week_bounds

    settings = Settings(db=str(db_path), tz=tz)
    zone = settings.zone()
    db = open_database(str(db_path))
    try:
        store = Store(db)
        start, end = week_bounds(week, zone, settings.week_start)
        by_word = EntryFilter(search=word)
        by_tag = EntryFilter(tag=tag)
        this_week = EntryFilter(start=start, end=end)
        cases: list[tuple[str, Callable[[], Any]]] = [
            ("list(limit=10)", lambda: store.list(limit=10)),
            (f"list(search={word!r}, limit=10)", lambda: store.list(by_word, limit=10)),
            (f"list(tag={tag!r}, limit=10)", lambda: store.list(by_tag, limit=10)),
            ("list(week, limit=50)", lambda: store.list(this_week, limit=50)),
            ("count()", lambda: store.count()),
            (f"count(tag={tag!r})", lambda: store.count(by_tag)),
            (f"count(search={word!r})", lambda: store.count(by_word)),
            ("week entries (iter_entries)", lambda: list(store.iter_entries(this_week))),
            ("tags() with usage counts", lambda: store.tags()),
            ("sticky_defaults + recent_settings", lambda: _capture_helpers(store)),
        ]
        results = [_time(label, fn, repeat) for label, fn in cases]
        results.append(_review_timing(store, week, settings, repeat))
        return results
    finally:
        db.close()


def _capture_helpers(store: Any) -> list[str]:
    store.sticky_defaults()
    return store.recent_settings()


def _review_timing(store: Any, week: str, settings: Any, repeat: int) -> QueryTiming:
    label = f"week aggregation (review.build_review {week})"
    try:
        from journal.review.build import build_review
    except ImportError as exc:
        return QueryTiming(label, status="n/a", note=f"not built yet ({exc})"[:200])
    return _time(label, lambda: build_review(store, week, settings), max(3, repeat // 2))


def current_week_label(now: datetime | None = None) -> str:
    from datetime import UTC

    from journal.weeks import week_of

    day = (now or datetime.now(UTC)).astimezone(UTC).date()
    return week_of(day)
