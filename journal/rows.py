"""What the store hands out: entries with their tags and action items, pages, tag usage.

Plain dataclasses, so that every reader (CLI, app, review, exports) gets the same shape and its
documented JSON without importing the store's queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from functools import lru_cache
from typing import Any

from journal.db import dt_from_db
from journal.db.text import Undecodable
from journal.entry import ENTRY_COLUMNS as ENTRY_COLUMNS
from journal.entry import FLAG_COLUMNS, REFLECTED_BY, VALUE_COLUMNS
from journal.instants import MAX_YEAR, MIN_YEAR
from journal.values import TagMark

TEXT_FIELDS = VALUE_COLUMNS
"""The entry's text and choice columns (declared in ``journal.entry``), as the JSON carries them."""


@dataclass(frozen=True)
class ActionItemRow:
    id: int
    entry_id: int | None
    text: str
    status: str
    created_at: datetime
    closed_at: datetime | None

    def to_json(self, zone: tzinfo) -> dict[str, Any]:
        return {
            "id": self.id,
            "entry_id": self.entry_id,
            "text": self.text,
            "status": self.status,
            "created_at": self.created_at.astimezone(zone).isoformat(),
            "closed_at": self.closed_at.astimezone(zone).isoformat() if self.closed_at else None,
        }


@dataclass
class EntryRow:
    """An entry as read back, with its signed tags and action items. Instants are UTC.

    Its attributes are the columns of ``ENTRY_COLUMNS`` in that order (a test holds them to the
    declaration), typed for the readers; then what other tables add.
    """

    id: int
    uuid: str
    occurred_at: datetime
    what: str
    setting: str | None = None
    perspective: str | None = None
    overall: str | None = None
    differently: str | None = None
    situation: str | None = None
    behaviour: str | None = None
    impact: str | None = None
    why: str | None = None
    lesson: str | None = None
    left_them: str | None = None
    flagged: bool = False
    private: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None
    trashed_at: datetime | None = None
    tags: list[TagMark] = field(default_factory=list)
    action_items: list[ActionItemRow] = field(default_factory=list)

    @property
    def reflected(self) -> bool:
        """Reflected once it has a do-differently note or a lesson (domain.md)."""
        return any(getattr(self, name) for name in REFLECTED_BY)

    @property
    def action(self) -> str | None:
        """The entry's current action item text, if any."""
        for item in reversed(self.action_items):
            if item.status in ("open", "carried"):
                return item.text
        return self.action_items[-1].text if self.action_items else None

    def to_json(self, zone: tzinfo) -> dict[str, Any]:
        """The documented JSON shape (docs/cli.md): local instants with their offset."""

        def when(value: datetime | None) -> str | None:
            return value.astimezone(zone).isoformat() if value else None

        data: dict[str, Any] = {"id": self.id, "uuid": self.uuid}
        data["occurred_at"] = when(self.occurred_at)
        for name in TEXT_FIELDS:
            data[name] = getattr(self, name)
        data["tags"] = [{"slug": t.slug, "polarity": t.polarity} for t in self.tags]
        for name in FLAG_COLUMNS:
            data[name] = getattr(self, name)
        data["reflected"] = self.reflected
        data["action_items"] = [item.to_json(zone) for item in self.action_items]
        data["created_at"] = when(self.created_at)
        data["updated_at"] = when(self.updated_at)
        data["trashed_at"] = when(self.trashed_at)
        return data


@dataclass(frozen=True)
class Page:
    entries: list[EntryRow]
    next_cursor: str | None


@dataclass(frozen=True)
class TagUsage:
    slug: str
    group: str
    description: str
    builtin: bool
    plus: int = 0
    minus: int = 0
    unknown: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "group": self.group,
            "description": self.description,
            "builtin": self.builtin,
            "plus": self.plus,
            "minus": self.minus,
            "unknown": self.unknown,
        }


def action_row(row: Any) -> ActionItemRow:
    return ActionItemRow(
        id=row[0],
        entry_id=row[1],
        text=row[2],
        status=row[3],
        created_at=dt_from_db(row[4]) or datetime.now(UTC),
        closed_at=dt_from_db(row[5]),
    )


@lru_cache(maxsize=4096)
def tag_mark(slug: str, polarity: int) -> TagMark:
    """The mark for a tag row as read back, one shared object per (slug, polarity).

    A journal has a few dozen tags and a week's rows carry hundreds of marks; ``TagMark`` is
    frozen, so sharing one object per tag and sign is safe and saves building (and normalising)
    the same mark again for every row.
    """
    return TagMark(slug=slug, polarity=polarity)  # type: ignore[arg-type]


# What a row must hold to be read back. Rows written by this program always do; a row written by
# another tool, an older version or a damaged copy may not, and must not stop a whole list,
# export or review: readers skip it (``EntryReading``) and ``doctor --repair`` mends it.
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
_INDEX = {name: i for i, name in enumerate(ENTRY_COLUMNS)}
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


def entry_problems(raw: Sequence[Any]) -> list[str]:
    """Each column of an entry row (in ``ENTRY_COLUMNS`` order) that cannot be read back."""
    found: list[str] = []
    if type(raw[0]) is not int:
        found.append("id is not a number")
    for name, nullable in _TEXT_NULLABLE:
        problem = text_problem(raw[_INDEX[name]], nullable)
        if problem:
            found.append(f"{name} {problem}")
    for name, allowed in ENUM_COLUMNS.items():
        if raw[_INDEX[name]] not in allowed:
            found.append(f"{name} is not one of its values")
    for name in ("flagged", "private"):
        if raw[_INDEX[name]] not in (0, 1) or type(raw[_INDEX[name]]) not in (int, bool):
            found.append(f"{name} is not 0 or 1")
    for name, nullable in (*INSTANT_COLUMNS.items(), ("trashed_at", True)):
        problem = instant_problem(raw[_INDEX[name]], nullable)
        if problem:
            found.append(f"{name} {problem}")
    return found


def tag_problem(slug: Any, polarity: Any) -> str | None:
    if text_problem(slug, False) is not None:
        return "a tag's name is not text"
    if polarity not in (-1, 0, 1) or type(polarity) is not int:
        return f"tag {slug!s:.40} has a sign that is not -1, 0 or 1"
    return None


def action_problem(row: Sequence[Any]) -> str | None:
    """Why an action item row (id, entry_id, text, status, created_at, closed_at) is unreadable."""
    if text_problem(row[2], False) is not None:
        return "an action item's text is not readable text"
    if row[3] not in ACTION_STATUSES:
        return "an action item's status is not one of its values"
    if instant_problem(row[4], False) or instant_problem(row[5], True):
        return "an action item's date is not readable"
    return None
