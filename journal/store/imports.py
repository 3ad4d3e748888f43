"""What moving entries between the journal and files needs beyond ``Store``.

An import writes entries with the uuid and instants the file carries, looks them up by uuid and
creates the custom tags the file brings; an export with an open-ended range asks when the first
and last entries happened. Only the import and export commands use it, so the store that every
other command loads stays small.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from journal.db import dt_from_db, dt_to_db
from journal.entry import FLAG_COLUMNS
from journal.errors import InputError, NotFoundError
from journal.rows import TEXT_FIELDS
from journal.store.readability import EARLIEST_DB, LATEST_DB
from journal.taxonomy import GROUPS

if TYPE_CHECKING:
    from journal.schemas import EntryIn
    from journal.store import Store


class ImportStore:
    """Import and export queries over an open ``Store``, sharing its tag checks and writes.

    Callers wrap a whole import in one ``db.transaction()``; each method joins it.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db

    def updated_by_uuid(self, uuids: list[str]) -> dict[str, datetime]:
        """uuid -> updated_at of the entries (live or in the trash) with these uuids."""
        found: dict[str, datetime] = {}
        for start in range(0, len(uuids), 500):
            chunk = uuids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for uuid, updated in self.db.execute(
                f"SELECT uuid, updated_at FROM entry WHERE uuid IN ({marks})", chunk
            ):
                found[uuid] = dt_from_db(updated) or datetime.min.replace(tzinfo=UTC)
        return found

    def insert_imported(
        self,
        data: EntryIn,
        created_at: datetime,
        updated_at: datetime,
        action_items: list[tuple[str, str, datetime, datetime | None]],
    ) -> int:
        """A new entry with the file's uuid, instants, tags and action items; returns its id."""
        if data.uuid is None or data.occurred_at is None:
            raise InputError("An imported entry needs its uuid and when it happened.")
        with self.db.transaction() as db:
            self.store.check_tags(data.tags)
            values = self._imported_values(data, created_at, updated_at)
            values["uuid"] = data.uuid
            columns = ", ".join(values)
            marks = ", ".join(f":{name}" for name in values)
            cursor = db.execute(f"INSERT INTO entry ({columns}) VALUES ({marks})", values)
            entry_id = int(cursor.lastrowid or 0)
            self.store.write_tags(entry_id, data.tags)
            self._write_imported_items(entry_id, action_items)
        return entry_id

    def replace_imported(
        self,
        data: EntryIn,
        created_at: datetime,
        updated_at: datetime,
        action_items: list[tuple[str, str, datetime, datetime | None]],
    ) -> int:
        """Overwrite the entry with ``data.uuid`` (fields, tags, action items); returns its id.

        Whether it is in the trash stays as it was, and so does ``private`` when it is set:
        private wins every merge, so a newer copy from another journal (where the entry was
        never marked private) cannot make it public here and let the next export include it.
        """
        with self.db.transaction() as db:
            row = db.execute(
                "SELECT id, private FROM entry WHERE uuid = ?", (data.uuid,)
            ).fetchone()
            if row is None:
                raise NotFoundError(f"There is no entry with uuid {data.uuid}.")
            entry_id = int(row[0])
            self.store.check_tags(data.tags)
            values = self._imported_values(data, created_at, updated_at)
            values["private"] = int(data.private or bool(row[1]))
            sets = ", ".join(f"{name} = :{name}" for name in values)
            db.execute(f"UPDATE entry SET {sets} WHERE id = :_id", {**values, "_id": entry_id})
            db.execute("DELETE FROM entry_tag WHERE entry_id = ?", (entry_id,))
            self.store.write_tags(entry_id, data.tags)
            db.execute("DELETE FROM action_item WHERE entry_id = ?", (entry_id,))
            self._write_imported_items(entry_id, action_items)
        return entry_id

    def ensure_tag(self, slug: str, group: str, description: str = "") -> bool:
        """Create a custom tag unless the slug exists (then it stays as it is); True if created."""
        with self.db.transaction() as db:
            if db.execute("SELECT 1 FROM tag WHERE slug = ?", (slug,)).fetchone():
                return False
            spelled = next((g for g in GROUPS if g.lower() == group.lower()), group)
            db.execute(
                'INSERT INTO tag (slug, "group", description, builtin) VALUES (?, ?, ?, 0)',
                (slug, spelled, description),
            )
        return True

    def has_session(self, held_at: datetime) -> bool:
        """Whether a coaching session held at that instant is in the journal (how an import
        knows a session it carries, which has no uuid)."""
        row = self.db.execute(
            "SELECT 1 FROM coaching_session WHERE held_at = ?", (dt_to_db(held_at),)
        ).fetchone()
        return row is not None

    def insert_session(
        self,
        held_at: datetime,
        notes: str | None,
        created_at: datetime,
        agreements: list[tuple[str, str, datetime, datetime | None]],
    ) -> int:
        """Write a session and its agreements as a file carries them (status and instants)."""
        with self.db.transaction() as db:
            cursor = db.execute(
                "INSERT INTO coaching_session (held_at, notes, created_at) VALUES (?, ?, ?)",
                (dt_to_db(held_at), notes, dt_to_db(created_at)),
            )
            session_id = int(cursor.lastrowid or 0)
            db.executemany(
                "INSERT INTO action_item (session_id, text, status, created_at, closed_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [
                    (session_id, text, status, dt_to_db(created), closed and dt_to_db(closed))
                    for text, status, created, closed in agreements
                ],
            )
        return session_id

    def occurred_span(self) -> tuple[datetime | None, datetime | None]:
        """When the first and the last live, non-private entries happened (None: no entries)."""
        # Within the supported range only: an unreadable row (see ``doctor``) has no place in it.
        first, last = self.db.execute(
            "SELECT min(occurred_at), max(occurred_at) FROM entry "
            "WHERE trashed_at IS NULL AND private = 0 AND occurred_at BETWEEN ? AND ?",
            (EARLIEST_DB, LATEST_DB),
        ).fetchone()
        return dt_from_db(first), dt_from_db(last)

    def _imported_values(
        self, data: EntryIn, created_at: datetime, updated_at: datetime
    ) -> dict[str, Any]:
        values: dict[str, Any] = {name: getattr(data, name) for name in TEXT_FIELDS}
        values |= {name: int(getattr(data, name)) for name in FLAG_COLUMNS}
        values.update(
            occurred_at=dt_to_db(data.occurred_at or created_at),
            created_at=dt_to_db(created_at),
            updated_at=dt_to_db(updated_at),
        )
        return values

    def _write_imported_items(
        self, entry_id: int, items: list[tuple[str, str, datetime, datetime | None]]
    ) -> None:
        if items:
            self.db.executemany(
                "INSERT INTO action_item (entry_id, text, status, created_at, closed_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [
                    (entry_id, text, status, dt_to_db(created), closed and dt_to_db(closed))
                    for text, status, created, closed in items
                ],
            )
