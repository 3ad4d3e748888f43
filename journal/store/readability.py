"""What a stored row must hold to be read back, and why one cannot be.

Rows written by this program always can be; a row written by another tool, an older version or a
damaged copy may not, and must not stop a whole list, export or review: readers skip it
(``EntryReading``, noting its id in ``unreadable``) and ``doctor --repair`` mends it
(``journal.store.repair``). Rows are read by column name (``sqlite3.Row`` or a mapping).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from journal.db import dt_from_db
from journal.db.text import Undecodable
from journal.instants import MAX_YEAR, MIN_YEAR
from journal.rows import TEXT_FIELDS

EARLIEST_DB = f"{MIN_YEAR:04d}-01-01 00:00:00.000000"
LATEST_DB = f"{MAX_YEAR:04d}-12-31 23:59:59.999999"
ENUM_COLUMNS: dict[str, frozenset[str | None]] = {
    "perspective": frozenset({None, "witnessed", "customer", "provider"}),
    "overall": frozenset({None, "well", "badly", "mixed"}),
    "why": frozenset(
        {None, "skill", "process", "tools", "staffing", "customer", "environment", "unknown"}
    ),
    "left_them": frozenset({None, "better", "same", "worse"}),
}
ACTION_STATUSES = frozenset({"open", "done", "dropped", "carried"})
INSTANT_COLUMNS = {"occurred_at": False, "created_at": False, "updated_at": False}
"""Entry instants and whether they may be empty (``trashed_at`` may; see ``entry_problems``)."""
_TEXT_NULLABLE = (
    ("uuid", False),
    ("what", False),
    *((name, True) for name in TEXT_FIELDS if name not in ENUM_COLUMNS and name != "what"),
)


def instant_problem(value: Any, nullable: bool) -> str | None:
    """Why a stored instant cannot be read back, or None."""
    if value is None:
        return None if nullable else "is empty"
    if type(value) is not str:
        return "is not a date and time"
    if not EARLIEST_DB <= value <= LATEST_DB:
        return f"is outside years {MIN_YEAR} to {MAX_YEAR}"
    try:
        dt_from_db(value)
    except ValueError:
        return "is not a date and time"
    return None


def text_problem(value: Any, nullable: bool) -> str | None:
    """Why a stored text cannot be read back as it was written, or None."""
    if value is None:
        return None if nullable else "is empty"
    if type(value) is str:
        return None
    if isinstance(value, Undecodable):
        return "holds bytes that are not UTF-8 text"
    return "is not text"


def entry_problems(raw: Mapping[str, Any]) -> list[str]:
    """Each column of an entry row (read by name) that cannot be read back."""
    found: list[str] = []
    if type(raw["id"]) is not int:
        found.append("id is not a number")
    for name, nullable in _TEXT_NULLABLE:
        problem = text_problem(raw[name], nullable)
        if problem:
            found.append(f"{name} {problem}")
    for name, allowed in ENUM_COLUMNS.items():
        if raw[name] not in allowed:
            found.append(f"{name} is not one of its values")
    for name in ("flagged", "private"):
        if raw[name] not in (0, 1) or type(raw[name]) not in (int, bool):
            found.append(f"{name} is not 0 or 1")
    for name, nullable in (*INSTANT_COLUMNS.items(), ("trashed_at", True)):
        problem = instant_problem(raw[name], nullable)
        if problem:
            found.append(f"{name} {problem}")
    return found


def tag_problem(slug: Any, polarity: Any) -> str | None:
    if text_problem(slug, False) is not None:
        return "a tag's name is not text"
    if polarity not in (-1, 0, 1) or type(polarity) is not int:
        return f"tag {slug!s:.40} has a sign that is not -1, 0 or 1"
    return None


def action_problem(row: Mapping[str, Any]) -> str | None:
    """Why an action item row (read by name, ``ITEM_SELECT``'s columns) is unreadable."""
    if text_problem(row["text"], False) is not None:
        return "an action item's text is not readable text"
    if row["status"] not in ACTION_STATUSES:
        return "an action item's status is not one of its values"
    if instant_problem(row["created_at"], False) or instant_problem(row["closed_at"], True):
        return "an action item's date is not readable"
    return None
