"""The one place that reads and writes a journal: entries, tags, action items, drafts, the
review's state and imports.

Callers open a journal with ``open_store(settings)`` and hold the ``JournalStore`` it hands back
(``journal.store.interface``): typed operations, rows out of ``journal.rows``, never a connection.
``Store`` is the SQLite implementation. Its queries are plain SQL over the tables that
``journal.models`` defines, run through ``journal.db.Database``: that keeps the CLI's read
commands free of the ORM's import cost while the models stay the single definition of the schema.
Every write is one transaction. Lists are pages (newest first, keyset cursor) so that no view ever
loads the whole journal.

``Store`` is put together from one part per module: ``reading`` (entry queries, paging and
search), ``writing`` (adding, editing and deleting entries), ``catalogue`` (tags),
``action_items`` and ``capture`` (sticky defaults, recent settings, drafts). The parts only some
callers need are built on first use: ``review`` (``review_state``, with ``review_items`` and
``review_marks``), ``coaching`` (sessions with a coach and their agreements), ``imports`` and
``health`` (what ``doctor`` checks).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from journal.config import Settings
    from journal.db.cipher import PassphrasePrompt
    from journal.store.coaching import CoachingStore
    from journal.store.health import JournalHealth
    from journal.store.imports import ImportStore
    from journal.store.interface import JournalStore
    from journal.store.review_state import ReviewStore

__all__ = [
    "ENTRY_COLUMNS",
    "TEXT_FIELDS",
    "ActionItemRow",
    "EntryRow",
    "Page",
    "Store",
    "TagUsage",
    "open_store",
]


def _utcnow() -> datetime:
    return datetime.now(UTC)


def open_store(
    settings: Settings,
    on_upgrade: Callable[[str], None] | None = None,
    passphrase: PassphrasePrompt | None = None,
    tries: int | None = None,
) -> JournalStore:
    """Open (creating or upgrading it if needed) the journal ``settings`` name.

    ``on_upgrade`` hears the one sentence said before an older journal is upgraded;
    ``passphrase`` (asked up to ``tries`` times) is the prompt for an encrypted journal whose
    passphrase is neither in the environment nor the keyring. The store writes its instants by
    ``settings.clock`` when one is given (tests), else by the system's.
    """
    from journal.db import open_database

    db = open_database(
        settings.db_target, on_upgrade=on_upgrade, passphrase=passphrase, tries=tries
    )
    return Store(db, now=settings.clock or _utcnow)


class Store(EntryWriting, TagCatalogue, ActionItems, CaptureHelpers):
    """Entries, tags, action items and drafts over one open SQLite journal."""

    def __init__(self, db: Database, now: Callable[[], datetime] = _utcnow) -> None:
        self.db = db
        self._now = now
        self.unreadable: set[int] = set()

    def now(self) -> datetime:
        """The store's clock (injected by tests): what "now" means for a captured time."""
        return self._now()

    @property
    def location(self) -> Path | None:
        return self.db.path

    @property
    def encrypted(self) -> bool:
        return self.db.encrypted

    @cached_property
    def review(self) -> ReviewStore:
        from journal.store.review_state import ReviewStore

        return ReviewStore(self.db, now=self.now)

    @cached_property
    def coaching(self) -> CoachingStore:
        from journal.store.coaching import CoachingStore

        return CoachingStore(self.db, now=self.now)

    @cached_property
    def imports(self) -> ImportStore:
        from journal.store.imports import ImportStore

        return ImportStore(self)

    @cached_property
    def health(self) -> JournalHealth:
        from journal.store.health import JournalHealth

        return JournalHealth(self.db)

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """One all-or-nothing unit around several calls; nested ones join it."""
        with self.db.transaction():
            yield self

    def close(self) -> None:
        self.db.close()

    def backup_to(self, target: Path) -> None:
        self.db.backup_to(target)
