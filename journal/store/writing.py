"""Writing entries: add, edit, trash, restore and purge, each one transaction.

An entry's tags and its one open action item are written with it; a slug missing from the catalogue
refuses the whole write. Writing entries as a file carries them, for imports, is
``journal.store.imports``'s (which shares the tag checks and writes below).
"""

from __future__ import annotations

import sqlite3
import uuid as uuidlib
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from journal.db import dt_to_db, is_unique_violation
from journal.entry import FLAG_COLUMNS
from journal.errors import InputError, UnknownTagError
from journal.rows import TEXT_FIELDS, EntryRow
from journal.store.reading import EntryReading
from journal.taxonomy import suggest

if TYPE_CHECKING:  # validated input arrives built; reading never imports the validation layer
    from journal.schemas import EntryIn, EntryPatch
    from journal.store.interface import SignedTag


class EntryWriting(EntryReading):
    """The store's writes of entries; each hands back the entry as read after the write."""

    _now: Callable[[], datetime]

    def add(self, data: EntryIn) -> EntryRow:
        """Store a new entry with its tags (and action item) in one transaction."""
        now = self._now()
        with self.db.transaction() as db:
            self.check_tags(data.tags)
            values = {name: getattr(data, name) for name in TEXT_FIELDS}
            values |= {name: int(getattr(data, name)) for name in FLAG_COLUMNS}
            values.update(
                uuid=data.uuid or str(uuidlib.uuid4()),
                occurred_at=dt_to_db(data.occurred_at or now),
                created_at=dt_to_db(now),
                updated_at=dt_to_db(now),
            )
            columns = ", ".join(values)
            marks = ", ".join(f":{name}" for name in values)
            try:
                cursor = db.execute(f"INSERT INTO entry ({columns}) VALUES ({marks})", values)
            except sqlite3.IntegrityError as exc:
                if is_unique_violation(exc):  # uuid is the entry's one UNIQUE column
                    raise InputError(
                        f"An entry with uuid {values['uuid']} already exists."
                    ) from exc
                raise
            entry_id = int(cursor.lastrowid or 0)
            self.write_tags(entry_id, data.tags)
            if data.action:
                self._set_action(entry_id, data.action, now)
        return self.get(entry_id)

    def update(self, entry_id: int, patch: EntryPatch) -> EntryRow:
        """Apply only the fields the caller set; unknown tags leave the entry as it was."""
        changes = patch.changes()
        now = self._now()
        with self.db.transaction() as db:
            self.get(entry_id)
            tags = changes.pop("tags", None)
            action_given = "action" in changes
            action = changes.pop("action", None)
            if tags is not None:
                self.check_tags(tags)
            if "occurred_at" in changes:
                if changes["occurred_at"] is None:
                    changes.pop("occurred_at")
                else:
                    changes["occurred_at"] = dt_to_db(changes["occurred_at"])
            for name in FLAG_COLUMNS:
                if name in changes:
                    if changes[name] is None:
                        changes.pop(name)
                    else:
                        changes[name] = int(changes[name])
            changes["updated_at"] = dt_to_db(now)
            sets = ", ".join(f"{name} = :{name}" for name in changes)
            db.execute(f"UPDATE entry SET {sets} WHERE id = :_id", {**changes, "_id": entry_id})
            if tags is not None:
                db.execute("DELETE FROM entry_tag WHERE entry_id = ?", (entry_id,))
                self.write_tags(entry_id, tags)
            if action_given:
                self._set_action(entry_id, action, now)
        return self.get(entry_id)

    def trash(self, entry_id: int) -> EntryRow:
        """Move to the trash (reversible with ``restore``)."""
        with self.db.transaction() as db:
            entry = self.get(entry_id)
            if entry.trashed_at is None:
                db.execute(
                    "UPDATE entry SET trashed_at = ? WHERE id = ?",
                    (dt_to_db(self._now()), entry_id),
                )
        return self.get(entry_id)

    def restore(self, entry_id: int) -> EntryRow:
        with self.db.transaction() as db:
            entry = self.get(entry_id)
            if entry.trashed_at is None:
                raise InputError(f"Entry #{entry_id} is not in the trash.")
            db.execute("UPDATE entry SET trashed_at = NULL WHERE id = ?", (entry_id,))
        return self.get(entry_id)

    def purge(self, entry_id: int) -> None:
        """Delete for good; only entries already in the trash, so nothing goes in one step."""
        with self.db.transaction() as db:
            entry = self.get(entry_id)
            if entry.trashed_at is None:
                raise InputError(f"Entry #{entry_id} is not in the trash; delete it first.")
            db.execute("DELETE FROM entry WHERE id = ?", (entry_id,))

    def check_tags(self, tags: Sequence[SignedTag]) -> None:
        self.require_tags([t.slug for t in tags])

    def require_tags(self, wanted: list[str]) -> None:
        """Refuse a slug that is not in the catalogue, suggesting the closest known ones."""
        if not wanted:
            return
        marks = ",".join("?" * len(wanted))
        known = {
            row[0]
            for row in self.db.execute(f"SELECT slug FROM tag WHERE slug IN ({marks})", wanted)
        }
        for slug in wanted:
            if slug not in known:
                every = [row[0] for row in self.db.execute("SELECT slug FROM tag")]
                raise UnknownTagError(slug, suggest(slug, every))

    def write_tags(self, entry_id: int, tags: Sequence[SignedTag]) -> None:
        """Inside the caller's transaction (an add, an edit, an import)."""
        if tags:
            self.db.executemany(
                "INSERT INTO entry_tag (entry_id, tag_slug, polarity) VALUES (?, ?, ?)",
                [(entry_id, t.slug, t.polarity) for t in tags],
            )

    def _set_action(self, entry_id: int, text: str | None, now: datetime) -> None:
        """An entry has at most one open action item: set its text, or drop it when cleared."""
        row = self.db.execute(
            "SELECT id FROM action_item WHERE entry_id = ? AND status IN ('open', 'carried') "
            "ORDER BY id DESC LIMIT 1",
            (entry_id,),
        ).fetchone()
        if text is None:
            if row:
                self.db.execute("DELETE FROM action_item WHERE id = ?", (row[0],))
        elif row:
            self.db.execute("UPDATE action_item SET text = ? WHERE id = ?", (text, row[0]))
        else:
            self.db.execute(
                "INSERT INTO action_item (entry_id, text, status, created_at) "
                "VALUES (?, ?, 'open', ?)",
                (entry_id, text, dt_to_db(now)),
            )
