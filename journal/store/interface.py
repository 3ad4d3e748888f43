"""The storage interface every caller uses: the CLI, the app, the review, the exporters, imports.

``JournalStore`` names each operation a caller may ask of a journal, with typed arguments and
results (the rows of ``journal.rows``, the review's ``WeekState`` and ``ReviewedItem``). Callers
hold a ``JournalStore`` from ``journal.store.open_store`` and never see a connection, SQL or an
SQLite error: the SQLite ``Store`` is one implementation, and a server database (PostgreSQL is
planned) would be a second one beside it, written against these protocols without touching a
caller. Search syntax (FTS5), pragmas and the file's own upkeep stay behind them.

The parts a few callers need are reached through attributes, so that the store every command
loads stays small: ``review`` (the weekly review's own state and its grouped counts),
``coaching`` (sessions with a coach and their agreements), ``imports`` (writing entries as a
file carries them) and ``health`` (what ``doctor`` checks).

Nothing here runs at import time beyond the definitions: the types the protocols name are
imported for the type checker only.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from journal.rows import ActionItemRow, CoachingSessionRow, EntryRow, Page, TagTotal, TagUsage
    from journal.schemas import EntryIn, EntryPatch, TagIn
    from journal.store.repair import BadEntry
    from journal.store.review_items import ItemActivity
    from journal.store.review_state import ReviewedItem, WeekState
    from journal.values import EntryFilter

__all__ = [
    "Coaching",
    "Health",
    "ImportedItem",
    "Imports",
    "JournalStore",
    "ReviewState",
    "SignedTag",
]

ImportedItem = tuple[str, str, datetime, "datetime | None"]
"""An action item as a file carries it: text, status, created at, closed at."""


class SignedTag(Protocol):
    """A tag with its sign, as the store writes it (a ``TagMark``, or a checked input mark)."""

    @property
    def slug(self) -> str: ...

    @property
    def polarity(self) -> int: ...


class ReviewState(Protocol):
    """The weekly review's own state (focus, check-in, decisions) and its grouped counts.

    Week labels are ISO labels (``2026-W47``); a malformed one is refused with one sentence.
    Every write is one transaction and hands back the state as read after it.
    """

    def get_week(self, week: str) -> WeekState | None: ...

    def set_focus(self, week: str, tag: str | None, plan: str | None = None) -> WeekState: ...

    def set_focus_outcome(self, week: str, outcome: str | None) -> WeekState: ...

    def set_coach_questions(self, week: str, text: str | None) -> WeekState: ...

    def add_coach_question(self, week: str, text: str) -> WeekState:
        """One more question for the coach; the same text twice is kept once."""
        ...

    def mark_reviewed(self, week: str) -> WeekState: ...

    def unmark_reviewed(self, week: str) -> WeekState: ...

    def reviewed_weeks(self) -> list[str]: ...

    def streak(self, week: str) -> int: ...

    def save_checkin(self, week: str, answers: Mapping[int, str | None]) -> dict[int, str]: ...

    def checkin(self, week: str) -> dict[int, str]: ...

    def checkin_history(self, weeks: list[str]) -> dict[str, dict[int, str]]: ...

    def decide_action(self, week: str, item_id: int, decision: str) -> ActionItemRow: ...

    def undo_action_decision(self, week: str, item_id: int) -> ActionItemRow: ...

    def action_decisions(self, week: str) -> dict[int, str]: ...

    def review_items(
        self,
        week: str,
        since: datetime,
        until: datetime,
        limit: int = ...,
        *,
        include_private: bool = True,
    ) -> list[ReviewedItem]: ...

    def item_activity(self, start: datetime, end: datetime) -> list[ItemActivity]:
        """Every action item opened, closed or decided in [start, end), entries' and sessions'
        alike, oldest first; items of private or trashed entries are left out."""
        ...

    def tag_totals(
        self, start: datetime, end: datetime, *, exclude_private: bool = False
    ) -> list[TagTotal]:
        """The + and - marks of live entries in [start, end), summed per tag and sign."""
        ...

    def minus_marks(
        self,
        edges: Sequence[datetime],
        *,
        exclude_private: bool = False,
        perspectives: Sequence[str] | None = None,
    ) -> list[tuple[int, str, int]]:
        """(period, slug, entry id) of every "-" mark between ``edges[0]`` and ``edges[-1]``,
        oldest first; the period is the index of the span between consecutive edges.
        ``perspectives`` keeps only entries of those perspectives."""
        ...

    def period_marks(
        self,
        edges: Sequence[datetime],
        *,
        exclude_private: bool = False,
        perspectives: Sequence[str] | None = None,
    ) -> list[tuple[int, str, int, int]]:
        """(period, slug, sign, marks) per period between consecutive ``edges``, grouped."""
        ...

    def period_entries(
        self,
        edges: Sequence[datetime],
        *,
        exclude_private: bool = False,
        perspectives: Sequence[str] | None = None,
    ) -> dict[int, int]:
        """period -> live entries in it, grouped; periods without entries are absent."""
        ...


class Coaching(Protocol):
    """Sessions held with a coach; what was agreed in one is an action item of the session
    (``session_id`` set, no entry), followed up by the weekly reviews like any other."""

    unreadable: set[int]
    """Ids of sessions left out of what was read because a value cannot be read back."""

    def add_session(
        self, held_at: datetime, notes: str | None = None, agreements: Sequence[str] = ()
    ) -> int:
        """Record a session and its agreements in one transaction; the new session's id."""
        ...

    def sessions(self) -> list[CoachingSessionRow]:
        """Every session, newest first, each with its agreements."""
        ...

    def latest_session(self, before: datetime | None = None) -> CoachingSessionRow | None:
        """The session held last (strictly before ``before`` when given), or None."""
        ...

    def session_problems(self) -> list[tuple[int, str]]:
        """(session id, why) for each session or agreement whose values cannot be read."""
        ...


class Imports(Protocol):
    """Entries written as a file carries them (uuid, instants), within the caller's
    ``transaction()``, and what an export of an open-ended range asks."""

    def updated_by_uuid(self, uuids: list[str]) -> dict[str, datetime]: ...

    def insert_imported(
        self,
        data: EntryIn,
        created_at: datetime,
        updated_at: datetime,
        action_items: list[ImportedItem],
    ) -> int: ...

    def replace_imported(
        self,
        data: EntryIn,
        created_at: datetime,
        updated_at: datetime,
        action_items: list[ImportedItem],
    ) -> int: ...

    def ensure_tag(self, slug: str, group: str, description: str = "") -> bool: ...

    def has_session(self, held_at: datetime) -> bool:
        """Whether a coaching session held at that instant exists (imports know one by it)."""
        ...

    def insert_session(
        self,
        held_at: datetime,
        notes: str | None,
        created_at: datetime,
        agreements: list[ImportedItem],
    ) -> int:
        """A coaching session and its agreements as a file carries them; the new id."""
        ...

    def occurred_span(self) -> tuple[datetime | None, datetime | None]: ...


class Health(Protocol):
    """What ``doctor`` checks and repairs in a journal."""

    def integrity_problems(self) -> list[str]:
        """What the storage's own integrity check found wrong with the file (damage, not a
        row's values); empty when the journal is whole."""
        ...

    def constraint_breaches(self) -> list[str]:
        """Rows whose values break a constraint (written past them by another program)."""
        ...

    def unreadable_entries(self) -> list[BadEntry]:
        """Every entry with a value (its own, a tag's or an action item's) that cannot be read."""
        ...

    def repair_entry(self, bad: BadEntry, now: datetime) -> str:
        """Mend one unreadable entry (to the trash, its text kept); one line saying how."""
        ...

    def schema_version(self) -> str: ...

    def entry_count(self) -> int:
        """Every entry, the trash included."""
        ...

    def search_index_in_sync(self) -> bool: ...

    def rebuild_search_index(self) -> None: ...


class JournalStore(Protocol):
    """One open journal: entries, tags, action items, the capture form's drafts, and its parts."""

    @property
    def location(self) -> Path | None:
        """The journal's file, when it is one (the doctor checks its permissions)."""
        ...

    @property
    def encrypted(self) -> bool:
        """True for an encrypted journal: backups and exports say so."""
        ...

    unreadable: set[int]
    """Ids of entries left out of what was read because a value cannot be read back."""

    def now(self) -> datetime:
        """The store's clock (injected by tests): what "now" means for a captured time."""
        ...

    @property
    def review(self) -> ReviewState: ...

    @property
    def coaching(self) -> Coaching: ...

    @property
    def imports(self) -> Imports: ...

    @property
    def health(self) -> Health: ...

    def transaction(self) -> AbstractContextManager[Any]:
        """One all-or-nothing unit around several calls (an import); nested ones join it."""
        ...

    def close(self) -> None: ...

    def backup_to(self, target: Path) -> None:
        """A consistent copy of the journal in a new private file."""
        ...

    # entries

    def get(self, entry_id: int) -> EntryRow: ...

    def get_many(self, ids: builtins.list[int]) -> builtins.list[EntryRow]: ...

    def list(
        self, flt: EntryFilter | None = None, limit: int = ..., cursor: str | None = None
    ) -> Page: ...

    def iter_entries(
        self, flt: EntryFilter | None = None, chunk: int = ...
    ) -> Iterator[EntryRow]: ...

    def count(self, flt: EntryFilter | None = None) -> int: ...

    def add(self, data: EntryIn) -> EntryRow: ...

    def update(self, entry_id: int, patch: EntryPatch) -> EntryRow: ...

    def trash(self, entry_id: int) -> EntryRow: ...

    def restore(self, entry_id: int) -> EntryRow: ...

    def purge(self, entry_id: int) -> None: ...

    # tags

    def tags(self) -> builtins.list[TagUsage]: ...

    def tag_catalogue(self) -> builtins.list[TagUsage]: ...

    def add_tag(self, data: TagIn) -> TagUsage: ...

    def require_tags(self, wanted: builtins.list[str]) -> None: ...

    def check_tags(self, tags: Sequence[SignedTag]) -> None: ...

    # action items

    def action_items(self, status: str | None = None) -> builtins.list[ActionItemRow]: ...

    def set_action_status(self, item_id: int, status: str) -> ActionItemRow: ...

    # the capture form

    def sticky_defaults(self) -> dict[str, str | None]: ...

    def recent_settings(self, limit: int = ...) -> builtins.list[str]: ...

    def load_draft(self) -> dict[str, Any] | None: ...

    def save_draft(self, payload: dict[str, Any]) -> None: ...

    def clear_draft(self) -> None: ...
