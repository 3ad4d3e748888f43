"""What the store hands out: entries with their tags and action items, pages, tag usage.

Plain dataclasses, so that every reader (CLI, app, review, exports) gets the same shape and its
documented JSON without importing the store's queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from functools import lru_cache
from typing import Any

from journal.entry import ENTRY_COLUMNS as ENTRY_COLUMNS
from journal.entry import FLAG_COLUMNS, REFLECTED_BY, VALUE_COLUMNS
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
    session_id: int | None = None
    """The coaching session it was agreed in (then ``entry_id`` is None), if any."""

    def to_json(self, zone: tzinfo) -> dict[str, Any]:
        return {
            "id": self.id,
            "entry_id": self.entry_id,
            "session_id": self.session_id,
            "text": self.text,
            "status": self.status,
            "created_at": self.created_at.astimezone(zone).isoformat(),
            "closed_at": self.closed_at.astimezone(zone).isoformat() if self.closed_at else None,
        }


@dataclass(frozen=True)
class CoachingSessionRow:
    """A session held with a coach, with the action items agreed in it (oldest first)."""

    id: int
    held_at: datetime
    notes: str | None
    created_at: datetime
    agreements: list[ActionItemRow] = field(default_factory=list)

    def to_json(self, zone: tzinfo) -> dict[str, Any]:
        """The documented JSON shape of ``coaching list --json`` (docs/cli.md)."""
        return {
            "id": self.id,
            "held_at": self.held_at.astimezone(zone).isoformat(),
            "notes": self.notes,
            "created_at": self.created_at.astimezone(zone).isoformat(),
            "agreements": [item.to_json(zone) for item in self.agreements],
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


@lru_cache(maxsize=4096)
def tag_mark(slug: str, polarity: int) -> TagMark:
    """The mark for a tag row as read back, one shared object per (slug, polarity).

    A journal has a few dozen tags and a week's rows carry hundreds of marks; ``TagMark`` is
    frozen, so sharing one object per tag and sign is safe and saves building (and normalising)
    the same mark again for every row.
    """
    return TagMark(slug=slug, polarity=polarity)  # type: ignore[arg-type]


@dataclass(frozen=True)
class TagTotal:
    """How often a tag was marked with one sign over a span, and when it was first marked."""

    slug: str
    polarity: int
    count: int
    first: datetime
