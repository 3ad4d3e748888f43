"""The action items a weekly review lists and what it decides about them (``action_decision``).

A part of the review's store (``journal.store.review_state.ReviewStore``); every write is one
transaction and sets the item's own status with the decision.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from journal.db import Database, dt_from_db, dt_to_db
from journal.errors import InputError, NotFoundError
from journal.rows import ActionItemRow
from journal.store.action_items import item_from, read_action_item
from journal.store.readability import action_problem, instant_problem
from journal.weeks import normalise_week

DECISIONS: tuple[str, ...] = ("done", "dropped", "carried")
ACTION_ITEMS_MAX = 500
"""At most this many action items are listed in one review (newest kept)."""
ITEMS_WINDOW = 50_000
"""How many of the newest entries ``review_items`` walks before it reads every item instead
(0: always read every item)."""
_ITEM_COLUMNS = (
    "a.id, a.entry_id, a.session_id, a.text, a.status, a.created_at, a.closed_at, d.decision"
)
_LOOSE_ORIGIN = "COALESCE(s.held_at, a.created_at)"
"""When an item without an entry began: the session it was agreed in, else when it was written."""


@dataclass(frozen=True)
class ReviewedItem:
    """An action item as a review lists it: the item, when it began, this week's decision."""

    item: ActionItemRow
    origin: datetime
    """When the entry it came from happened, or the session it was agreed in was held (else
    when the item was written)."""
    decision: str | None


@dataclass(frozen=True)
class ItemActivity:
    """An action item that was opened, closed or decided in a span, with where it came from."""

    item: ActionItemRow
    origin: datetime
    """When its entry happened or its session was held (else when it was written)."""
    entry_what: str | None
    """What happened in the entry it came from (None for a session's agreement)."""
    decisions: list[tuple[str, str, datetime]]
    """(week, decision, decided at) of the reviews in the span that decided it, oldest first."""


class ReviewItems:
    """The review's queries and writes of action items."""

    db: Database
    _now: Callable[[], datetime]

    def decide_action(self, week: str, item_id: int, decision: str) -> ActionItemRow:
        """Record ``week``'s review decision on an action item and set the item's status."""
        label = normalise_week(week)
        if decision not in DECISIONS:
            raise InputError(
                f'An action item is marked done, dropped or carried, not "{decision}".'
            )
        now = dt_to_db(self._now())
        closed = now if decision in ("done", "dropped") else None
        with self.db.transaction() as db:
            self._check_item(item_id)
            db.execute(
                "INSERT INTO action_decision (week, action_item_id, decision, decided_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (week, action_item_id) DO UPDATE SET "
                "decision = excluded.decision, decided_at = excluded.decided_at",
                (label, item_id, decision, now),
            )
            db.execute(
                "UPDATE action_item SET status = ?, closed_at = ? WHERE id = ?",
                (decision, closed, item_id),
            )
        return self._item(item_id)

    def undo_action_decision(self, week: str, item_id: int) -> ActionItemRow:
        """Forget ``week``'s decision: the item is open again (or keeps an earlier decision)."""
        label = normalise_week(week)
        with self.db.transaction() as db:
            self._check_item(item_id)
            db.execute(
                "DELETE FROM action_decision WHERE week = ? AND action_item_id = ?",
                (label, item_id),
            )
            earlier = db.named(
                "SELECT decision, decided_at FROM action_decision WHERE action_item_id = ? "
                "ORDER BY week DESC LIMIT 1",
                (item_id,),
            ).fetchone()
            status, closed = ("open", None)
            if earlier is not None:
                status = earlier["decision"]
                closed = earlier["decided_at"] if status in ("done", "dropped") else None
            db.execute(
                "UPDATE action_item SET status = ?, closed_at = ? WHERE id = ?",
                (status, closed, item_id),
            )
        return self._item(item_id)

    def action_decisions(self, week: str) -> dict[int, str]:
        label = normalise_week(week)
        return {
            row["action_item_id"]: row["decision"]
            for row in self.db.named(
                "SELECT action_item_id, decision FROM action_decision WHERE week = ?", (label,)
            )
        }

    def review_items(
        self,
        week: str,
        since: datetime,
        until: datetime,
        limit: int = ACTION_ITEMS_MAX,
        *,
        include_private: bool = True,
    ) -> list[ReviewedItem]:
        """The action items a review of ``week`` lists, oldest first.

        Those born from entries in [since, until) (any status: last week's and this week's),
        those still open or carried over from before, and those this week's review decided on.
        Items of entries in the trash are left out, and of private ones unless included.
        """
        label = normalise_week(week)
        bounds = (dt_to_db(until), dt_to_db(since))
        rows = self._recent_items(label, *bounds, limit, include_private) if ITEMS_WINDOW else None
        if rows is None:
            rows = self._all_items(label, *bounds, limit, include_private)
        items = []
        for row in rows:
            item = item_from(row)
            # A session's held_at another program wrote past the rules (doctor names it) must
            # not stop the review: the item then dates from when it was written.
            origin = item.created_at
            if instant_problem(row["origin"], False) is None:
                origin = dt_from_db(row["origin"]) or origin
            items.append(ReviewedItem(item, origin, row["decision"]))
        items.reverse()
        return items

    def _recent_items(
        self, label: str, until: str, since: str, limit: int, include_private: bool
    ) -> list[Any] | None:
        """``review_items``' rows from the newest entries only, or None if they do not suffice.

        Open items pile up with the journal, so reading them all costs more every year. Walking
        the newest ``ITEMS_WINDOW`` live entries before ``until`` (by the occurred_at index)
        finds the newest ``limit`` items in about ten milliseconds at any size; items without an
        entry and items this week's review decided on are read by their own small queries. When
        the window holds fewer than ``limit`` items and older entries exist, None: the caller
        reads every item instead.
        """
        private = "" if include_private else " AND e.private = 0"
        oldest = self.db.named(
            "SELECT occurred_at FROM entry WHERE trashed_at IS NULL AND occurred_at < ? "
            "ORDER BY occurred_at DESC LIMIT 1 OFFSET ?",
            (until, ITEMS_WINDOW - 1),
        ).fetchone()
        cutoff = oldest["occurred_at"] if oldest else ""
        recent = self.db.named(
            f"SELECT {_ITEM_COLUMNS}, e.occurred_at AS origin FROM entry e "
            "JOIN action_item a ON a.entry_id = e.id "
            "LEFT JOIN action_decision d ON d.action_item_id = a.id AND d.week = ? "
            "WHERE e.trashed_at IS NULL AND e.occurred_at < ? AND e.occurred_at >= ? "
            f"AND (a.status IN ('open', 'carried') OR e.occurred_at >= ? "
            f"OR d.decision IS NOT NULL){private} "
            "ORDER BY e.occurred_at DESC, a.id DESC LIMIT ?",
            (label, until, cutoff, since, limit),
        ).fetchall()
        if len(recent) < limit and oldest is not None:
            return None  # older entries may hold items the window does not reach
        decided = self.db.named(
            f"SELECT {_ITEM_COLUMNS}, COALESCE(e.occurred_at, {_LOOSE_ORIGIN}) AS origin "
            "FROM action_decision d JOIN action_item a ON a.id = d.action_item_id "
            "LEFT JOIN entry e ON e.id = a.entry_id "
            "LEFT JOIN coaching_session s ON s.id = a.session_id "
            f"WHERE d.week = ? AND (a.entry_id IS NULL OR (e.trashed_at IS NULL{private}))",
            (label,),
        ).fetchall()
        loose = self.db.named(
            f"SELECT {_ITEM_COLUMNS}, {_LOOSE_ORIGIN} AS origin FROM action_item a "
            "LEFT JOIN coaching_session s ON s.id = a.session_id "
            "LEFT JOIN action_decision d ON d.action_item_id = a.id AND d.week = ? "
            f"WHERE a.entry_id IS NULL AND (d.decision IS NOT NULL OR ({_LOOSE_ORIGIN} < ? "
            f"AND (a.status IN ('open', 'carried') OR {_LOOSE_ORIGIN} >= ?)))",
            (label, until, since),
        ).fetchall()
        by_id = {row["id"]: row for row in (*recent, *decided, *loose)}
        newest = sorted(by_id.values(), key=lambda row: (row["origin"], row["id"]), reverse=True)
        return newest[:limit]

    def _all_items(
        self, label: str, until: str, since: str, limit: int, include_private: bool
    ) -> list[Any]:
        """``review_items``' rows read from every action item (see ``_recent_items``)."""
        private = "" if include_private else " AND (a.entry_id IS NULL OR e.private = 0)"
        origin = f"COALESCE(e.occurred_at, {_LOOSE_ORIGIN})"
        return self.db.named(
            f"SELECT {_ITEM_COLUMNS}, {origin} AS origin FROM action_item a "
            "LEFT JOIN entry e ON e.id = a.entry_id "
            "LEFT JOIN coaching_session s ON s.id = a.session_id "
            "LEFT JOIN action_decision d ON d.action_item_id = a.id AND d.week = ? "
            f"WHERE (a.entry_id IS NULL OR e.trashed_at IS NULL){private} "
            f"AND (d.decision IS NOT NULL OR ({origin} < ? "
            f"AND (a.status IN ('open', 'carried') OR {origin} >= ?))) "
            f"ORDER BY {origin} DESC, a.id DESC LIMIT ?",
            (label, until, since, limit),
        ).fetchall()

    def item_activity(self, start: datetime, end: datetime) -> list[ItemActivity]:
        """Every action item opened, closed or decided in [start, end), whatever entry or
        session it belongs to, oldest origin first. Items of private entries and of entries in
        the trash are left out: this is read for documents that are shared."""
        since, until = dt_to_db(start), dt_to_db(end)
        origin = f"COALESCE(e.occurred_at, {_LOOSE_ORIGIN})"
        rows = self.db.named(
            f"SELECT a.id, a.entry_id, a.session_id, a.text, a.status, a.created_at, "
            f"a.closed_at, {origin} AS origin, e.what AS entry_what FROM action_item a "
            "LEFT JOIN entry e ON e.id = a.entry_id "
            "LEFT JOIN coaching_session s ON s.id = a.session_id "
            "WHERE (a.entry_id IS NULL OR (e.trashed_at IS NULL AND e.private = 0)) AND ("
            f"({origin} >= :since AND {origin} < :until) "
            "OR (a.created_at >= :since AND a.created_at < :until) "
            "OR (a.closed_at >= :since AND a.closed_at < :until) "
            "OR EXISTS (SELECT 1 FROM action_decision d WHERE d.action_item_id = a.id "
            "AND d.decided_at >= :since AND d.decided_at < :until)) "
            f"ORDER BY {origin}, a.id",
            {"since": since, "until": until},
        ).fetchall()
        decided: dict[int, list[tuple[str, str, datetime]]] = {}
        for row in self.db.named(
            "SELECT action_item_id, week, decision, decided_at FROM action_decision "
            "WHERE decided_at >= ? AND decided_at < ? ORDER BY decided_at, week",
            (since, until),
        ):
            if instant_problem(row["decided_at"], False) is None:
                when = dt_from_db(row["decided_at"]) or start
                decided.setdefault(row["action_item_id"], []).append(
                    (row["week"], row["decision"], when)
                )
        found = []
        for row in rows:
            if action_problem(row) is not None:
                continue  # doctor names it; a shared document goes on without it
            item = item_from(row)
            began = item.created_at
            if instant_problem(row["origin"], False) is None:
                began = dt_from_db(row["origin"]) or began
            found.append(ItemActivity(item, began, row["entry_what"], decided.get(item.id, [])))
        return found

    def _check_item(self, item_id: int) -> None:
        if self.db.execute("SELECT 1 FROM action_item WHERE id = ?", (item_id,)).fetchone() is None:
            raise NotFoundError(f"There is no action item #{item_id}.")

    def _item(self, item_id: int) -> ActionItemRow:
        return read_action_item(self.db, item_id)
