"""Coaching sessions (``store.coaching``) and the action items agreed in them (migration 0004).

A session is a row of ``coaching_session``; what was agreed in it is an ordinary action item
whose ``session_id`` is set and whose ``entry_id`` is NULL, so the weekly reviews list, decide
and close it like an entry's own item (``journal.store.review_items``). Agreements meet the same
text rules as an entry's action item (``journal.textrules``, the limit declared in
``journal.entry``); a session and its agreements are written in one transaction.

A session whose stored values cannot be read back (written by another program) is left out of
what is read, its id kept in ``unreadable``; ``doctor`` names it (``session_problems``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from journal.db import Database, dt_from_db, dt_to_db
from journal.entry import BY_NAME
from journal.errors import InputError
from journal.instants import check_instant
from journal.rows import ActionItemRow, CoachingSessionRow
from journal.store.action_items import ITEM_SELECT, item_from
from journal.store.readability import action_problem, instant_problem, text_problem
from journal.textrules import clean

NOTES_MAX = 2000
"""The longest a session's notes may be (the column's limit in ``journal.models``)."""
AGREEMENT_MAX = BY_NAME["action"].max_length or 500
"""An agreement is an action item: the same limit as an entry's."""
AGREEMENTS_MAX = 50
"""At most this many agreements in one session (a guard against a runaway script)."""
_SESSION_SELECT = "SELECT id, held_at, notes, created_at FROM coaching_session"


def _utcnow() -> datetime:
    return datetime.now(UTC)


def session_problem(row: Any) -> str | None:
    """Why a session row (read by name) cannot be read back, or None."""
    problem = instant_problem(row["held_at"], False)
    if problem:
        return f"held_at {problem}"
    problem = instant_problem(row["created_at"], False)
    if problem:
        return f"created_at {problem}"
    if text_problem(row["notes"], True):
        return "notes are not readable text"
    return None


class CoachingStore:
    """Sessions with a coach over one open journal (``store.coaching``)."""

    def __init__(self, db: Database, now: Callable[[], datetime] = _utcnow) -> None:
        self.db = db
        self._now = now
        self.unreadable: set[int] = set()

    def add_session(
        self, held_at: datetime, notes: str | None = None, agreements: Sequence[str] = ()
    ) -> int:
        """Record a session and its agreements in one transaction; the new session's id.

        Every text is checked before anything is written, so a refused agreement leaves the
        journal as it was.
        """
        if not isinstance(held_at, datetime) or held_at.tzinfo is None:
            raise ValueError("add_session needs a timezone-aware datetime")
        check_instant(held_at, held_at.isoformat())
        cleaned_notes = clean(notes, "The session's notes", NOTES_MAX, one_line=False)
        if isinstance(agreements, str):
            agreements = [agreements]
        if len(agreements) > AGREEMENTS_MAX:
            raise InputError(
                f"A session holds at most {AGREEMENTS_MAX} agreements, not {len(agreements)}."
            )
        texts = [
            clean(text, f"Agreement {n}", AGREEMENT_MAX, one_line=False, required=True)
            for n, text in enumerate(agreements, start=1)
        ]
        now = dt_to_db(self._now())
        with self.db.transaction() as db:
            cursor = db.execute(
                "INSERT INTO coaching_session (held_at, notes, created_at) VALUES (?, ?, ?)",
                (dt_to_db(held_at), cleaned_notes, now),
            )
            session_id = int(cursor.lastrowid or 0)
            for text in texts:
                db.execute(
                    "INSERT INTO action_item (entry_id, session_id, text, status, created_at) "
                    "VALUES (NULL, ?, ?, 'open', ?)",
                    (session_id, text, now),
                )
        return session_id

    def sessions(self) -> list[CoachingSessionRow]:
        """Every session, newest first (by when it was held), each with its agreements."""
        rows = self.db.named(f"{_SESSION_SELECT} ORDER BY held_at DESC, id DESC").fetchall()
        return self._with_agreements(rows)

    def latest_session(self, before: datetime | None = None) -> CoachingSessionRow | None:
        """The session held last (strictly before ``before`` when given), or None."""
        sql, params = _SESSION_SELECT, tuple[str, ...]()
        if before is not None:
            sql, params = f"{sql} WHERE held_at < ?", (dt_to_db(before),)
        rows = self.db.named(f"{sql} ORDER BY held_at DESC, id DESC LIMIT 20", params).fetchall()
        found = self._with_agreements(rows)
        return found[0] if found else None

    def session_problems(self) -> list[tuple[int, str]]:
        """(session id, why) for each session or agreement that cannot be read back."""
        found: list[tuple[int, str]] = []
        for row in self.db.named(f"{_SESSION_SELECT} ORDER BY id"):
            problem = session_problem(row)
            if problem:
                found.append((row["id"], problem))
        for item in self.db.named(f"{ITEM_SELECT} WHERE session_id IS NOT NULL ORDER BY id"):
            problem = action_problem(item)
            if problem:
                found.append((item["session_id"], problem))
        return found

    def _with_agreements(self, rows: list[Any]) -> list[CoachingSessionRow]:
        readable = []
        for row in rows:
            if session_problem(row) is None:
                readable.append(row)
            else:
                self.unreadable.add(row["id"])
        if not readable:
            return []
        ids = [row["id"] for row in readable]
        marks = ",".join("?" * len(ids))
        items: dict[int, list[ActionItemRow]] = {i: [] for i in ids}
        for item in self.db.named(
            f"{ITEM_SELECT} WHERE session_id IN ({marks}) ORDER BY id", ids
        ).fetchall():
            if action_problem(item) is None:
                items[item["session_id"]].append(item_from(item))
            else:
                self.unreadable.add(item["session_id"])
        return [
            CoachingSessionRow(
                id=row["id"],
                held_at=dt_from_db(row["held_at"]) or datetime.now(UTC),
                notes=row["notes"],
                created_at=dt_from_db(row["created_at"]) or datetime.now(UTC),
                agreements=items[row["id"]],
            )
            for row in readable
        ]
