"""Action items across entries: listing them and setting their status (a review closes them)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from journal.db import Database, dt_from_db, dt_to_db
from journal.errors import InputError, NotFoundError
from journal.rows import ActionItemRow

ITEM_SELECT = (
    "SELECT id, entry_id, session_id, text, status, created_at, closed_at FROM action_item"
)


def item_from(row: Any) -> ActionItemRow:
    """An action item out of a row read by name (``Database.named``) with at least
    ``ITEM_SELECT``'s columns."""
    return ActionItemRow(
        id=row["id"],
        entry_id=row["entry_id"],
        text=row["text"],
        status=row["status"],
        created_at=dt_from_db(row["created_at"]) or datetime.now(UTC),
        closed_at=dt_from_db(row["closed_at"]),
        session_id=row["session_id"],
    )


def read_action_item(db: Database, item_id: int) -> ActionItemRow:
    """One action item as it is now (the review's decisions read them back the same way)."""
    row = db.named(f"{ITEM_SELECT} WHERE id = ?", (item_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"There is no action item #{item_id}.")
    return item_from(row)


class ActionItems:
    """The store's queries and writes of action items (an entry's own is written with it)."""

    db: Database
    _now: Callable[[], datetime]

    def action_items(self, status: str | None = None) -> list[ActionItemRow]:
        sql = ITEM_SELECT
        params: tuple[Any, ...] = ()
        if status:
            sql += " WHERE status = ?"
            params = (status,)
        return [item_from(row) for row in self.db.named(sql + " ORDER BY id", params)]

    def set_action_status(self, item_id: int, status: str) -> ActionItemRow:
        if status not in ("open", "done", "dropped", "carried"):
            raise InputError(f'Status must be one of open, done, dropped, carried, not "{status}".')
        closed = None if status in ("open", "carried") else dt_to_db(self._now())
        with self.db.transaction() as db:
            cur = db.execute(
                "UPDATE action_item SET status = ?, closed_at = ? WHERE id = ?",
                (status, closed, item_id),
            )
            if cur.rowcount == 0:
                raise NotFoundError(f"There is no action item #{item_id}.")
        return read_action_item(self.db, item_id)
