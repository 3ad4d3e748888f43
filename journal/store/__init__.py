"""The one place that reads and writes entries, tags, action items and drafts.

Queries are plain SQL over the tables that ``journal.models`` defines, run through
``journal.db.Database``: that keeps the CLI's read commands free of the ORM's import cost while the
models stay the single definition of the schema. Every write is one transaction. Lists are pages
(newest first, keyset cursor) so that no view ever loads the whole journal. Writing entries as a
file carries them, for imports, is ``journal.store.imports``'s.

``Store`` is put together from one part per module: ``reading`` (entry queries, paging and
search), ``writing`` (adding, editing and deleting entries), ``catalogue`` (tags),
``action_items`` and ``capture`` (sticky defaults, recent settings, drafts).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from journal.db import Database
from journal.rows import (  # re-exported: callers import them from the store
    ENTRY_COLUMNS,
    TEXT_FIELDS,
    ActionItemRow,
    EntryRow,
    Page,
    TagUsage,
)
from journal.store.action_items import ActionItems
from journal.store.capture import CaptureHelpers
from journal.store.catalogue import TagCatalogue
from journal.store.writing import EntryWriting

__all__ = [
    "ENTRY_COLUMNS",
    "TEXT_FIELDS",
    "ActionItemRow",
    "EntryRow",
    "Page",
    "Store",
    "TagUsage",
]


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Store(EntryWriting, TagCatalogue, ActionItems, CaptureHelpers):
    """Entries, tags, action items and drafts over one open journal."""

    def __init__(self, db: Database, now: Callable[[], datetime] = _utcnow) -> None:
        self.db = db
        self._now = now
        self.unreadable: set[int] = set()

    def now(self) -> datetime:
        """The store's clock (injected by tests): what "now" means for a captured time."""
        return self._now()
