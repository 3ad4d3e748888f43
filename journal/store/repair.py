"""`doctor`'s check of every stored value, and `doctor --repair`'s mending of unreadable rows.

A row can hold a value this program never writes: a year typed before the supported range
existed, text that is not UTF-8, a vocabulary word or a flag that another tool wrote past the
constraints. Readers skip such an entry (``journal.store.reading``) so the rest of the journal
stays usable; here it is found, and repaired without losing what the user wrote: every text keeps
its readable part, a value that has no meaning left is cleared, and the entry goes to the trash
with its time set to when it was written (or now), so the user sees it once and decides.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from journal.db import Database, dt_to_db
from journal.rows import ENTRY_COLUMNS, TEXT_FIELDS
from journal.store.action_items import ITEM_SELECT
from journal.store.readability import (
    ACTION_STATUSES,
    ENUM_COLUMNS,
    action_problem,
    entry_problems,
    instant_problem,
    tag_problem,
    text_problem,
)

_FREE_TEXT = tuple(name for name in TEXT_FIELDS if name not in ENUM_COLUMNS)


@dataclass
class BadEntry:
    """An entry that cannot be read back, and why (its own columns, its tags, its items)."""

    id: int
    problems: list[str] = field(default_factory=list)


def find_unreadable(db: Database) -> list[BadEntry]:
    """Every entry with a value (its own, a tag's or an action item's) that cannot be read."""
    found: dict[int, BadEntry] = {}

    def note(entry_id: int, problem: str) -> None:
        found.setdefault(entry_id, BadEntry(entry_id)).problems.append(problem)

    columns = ", ".join(ENTRY_COLUMNS)
    for raw in db.named(f"SELECT {columns} FROM entry ORDER BY id"):
        for problem in entry_problems(raw):
            note(raw["id"], problem)
    for entry_id, slug, polarity in db.execute(
        "SELECT entry_id, tag_slug, polarity FROM entry_tag ORDER BY entry_id"
    ):
        tag = tag_problem(slug, polarity)
        if tag:
            note(entry_id, tag)
    for item in db.named(f"{ITEM_SELECT} WHERE entry_id IS NOT NULL ORDER BY id"):
        item_problem = action_problem(item)
        if item_problem:
            note(item["entry_id"], item_problem)
    return [found[key] for key in sorted(found)]


def readable_text(value: Any) -> str | None:
    """The readable part of a stored text (bad bytes become U+FFFD); None stays None."""
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def repair_entry(db: Database, bad: BadEntry, now: datetime) -> str:
    """Mend one entry in one transaction and say what was done, in one line."""
    columns = ", ".join(ENTRY_COLUMNS)
    with db.transaction():
        row = db.named(f"SELECT {columns} FROM entry WHERE id = ?", (bad.id,)).fetchone()
        stamp = dt_to_db(now)
        written = row["created_at"] if instant_problem(row["created_at"], False) is None else None
        changes: dict[str, Any] = {
            "occurred_at": row["occurred_at"]
            if instant_problem(row["occurred_at"], False) is None
            else (written or stamp),
            "created_at": written or stamp,
            "updated_at": stamp,
            "trashed_at": stamp,
        }
        if text_problem(row["uuid"], False):
            changes["uuid"] = str(uuidlib.uuid4())
        for name in _FREE_TEXT:
            if text_problem(row[name], name != "what"):
                changes[name] = readable_text(row[name]) or "(unreadable text)"
        for name, allowed in ENUM_COLUMNS.items():
            if row[name] not in allowed:
                changes[name] = None
        if row["flagged"] not in (0, 1):
            changes["flagged"] = 0
        if row["private"] not in (0, 1):
            changes["private"] = 1  # when in doubt, the entry stays out of exports
        sets = ", ".join(f"{name} = :{name}" for name in changes)
        db.execute(f"UPDATE entry SET {sets} WHERE id = :_id", {**changes, "_id": bad.id})
        _repair_tags(db, bad.id)
        _repair_items(db, bad.id, stamp)
    when = "when it was written" if written else "now"
    return (
        f"#{bad.id}: {'; '.join(bad.problems)}. Moved to the trash with its time set to {when}, "
        f"its text kept; restore it with `service-journal restore {bad.id}`."
    )


def _repair_tags(db: Database, entry_id: int) -> None:
    for rowid, slug, polarity in db.execute(
        "SELECT rowid, tag_slug, polarity FROM entry_tag WHERE entry_id = ?", (entry_id,)
    ).fetchall():
        if text_problem(slug, False):
            db.execute("DELETE FROM entry_tag WHERE rowid = ?", (rowid,))
        elif tag_problem(slug, polarity):
            db.execute("UPDATE entry_tag SET polarity = 0 WHERE rowid = ?", (rowid,))


def _repair_items(db: Database, entry_id: int, stamp: str) -> None:
    for item in db.named(f"{ITEM_SELECT} WHERE entry_id = ?", (entry_id,)).fetchall():
        if not action_problem(item):
            continue
        status = item["status"] if item["status"] in ACTION_STATUSES else "open"
        closed = item["closed_at"] if instant_problem(item["closed_at"], True) is None else None
        if status in ("done", "dropped") and closed is None:
            closed = stamp
        db.execute(
            "UPDATE action_item SET text = ?, status = ?, created_at = ?, closed_at = ? "
            "WHERE id = ?",
            (
                readable_text(item["text"]) or "(unreadable text)",
                status,
                item["created_at"] if instant_problem(item["created_at"], False) is None else stamp,
                closed,
                item["id"],
            ),
        )
