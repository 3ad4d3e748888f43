"""Reading entries: one by id, paged lists with filters, ranked search, counts.

Lists are keyset pages (newest first) and ranked search pages by offset, so that no view ever
loads the whole journal; the constants below bound what a search ranks and what the tag filter
probes, so a page costs about the same at any size of journal.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from journal.db import Database, dt_from_db, dt_to_db, fts_query
from journal.entry import REFLECTED_BY
from journal.errors import DatabaseError, InputError, NotFoundError
from journal.rows import ENTRY_COLUMNS, EntryRow, Page, tag_mark
from journal.store.action_items import ITEM_SELECT, item_from
from journal.store.readability import action_problem, entry_problems, tag_problem
from journal.values import EntryFilter

_SELECT = "SELECT " + ", ".join(f"e.{c}" for c in ENTRY_COLUMNS) + " FROM entry e"
DEFAULT_PAGE = 50
MAX_PAGE = 1000
SEARCH_WINDOW = 2000
"""How many of the most recent matches a search ranks (see ``Store._search``)."""
TAG_PROBE = 2000
"""Above this many uses a tag counts as common for the tag filter's plan."""


ID_MIN, ID_MAX = -(2**63), 2**63 - 1
"""What an SQLite integer holds: ids and cursor numbers outside it name nothing."""


class EntryReading:
    """The store's queries over entries, each entry handed out with its tags and action items."""

    db: Database
    unreadable: set[int]
    """Ids of entries skipped because a value could not be read back (see ``doctor``)."""

    def get(self, entry_id: int) -> EntryRow:
        if not ID_MIN <= entry_id <= ID_MAX:
            raise NotFoundError(f"There is no entry #{entry_id}; `service-journal list` shows ids.")
        rows = self._fetch(f"{_SELECT} WHERE e.id = ?", (entry_id,))
        if not rows:
            if entry_id in self.unreadable:
                raise DatabaseError(
                    f"Entry #{entry_id} holds values that cannot be read back; run "
                    "`service-journal doctor --repair` to mend it."
                )
            raise NotFoundError(f"There is no entry #{entry_id}; `service-journal list` shows ids.")
        return rows[0]

    def get_many(self, ids: builtins.list[int]) -> builtins.list[EntryRow]:
        """Entries in the order of ``ids`` (missing ids are skipped)."""
        found: dict[int, EntryRow] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._fetch(f"{_SELECT} WHERE e.id IN ({marks})", tuple(chunk)):
                found[row.id] = row
        return [found[i] for i in ids if i in found]

    def list(
        self, flt: EntryFilter | None = None, limit: int = DEFAULT_PAGE, cursor: str | None = None
    ) -> Page:
        """One page, newest first; with a search, best matches first (see ``_search``)."""
        flt = flt or EntryFilter()
        limit = max(1, min(limit, MAX_PAGE))
        where, params = self._where(flt, for_count=False)
        if flt.search:
            match = fts_query(flt.search)
            return self._search(match, where, params, limit, cursor) if match else Page([], None)
        if cursor:
            at, last_id = _list_cursor(cursor)
            where += " AND (e.occurred_at < ? OR (e.occurred_at = ? AND e.id < ?))"
            params = [*params, at, at, last_id]
        sql = f"{_SELECT} WHERE {where} ORDER BY e.occurred_at DESC, e.id DESC LIMIT ?"
        raws = self.db.named(sql, (*params, limit + 1)).fetchall()
        if len(raws) > limit:
            # The key of the last row as stored, so a row skipped as unreadable keeps its place.
            last = raws[limit - 1]
            return Page(self._entries(raws[:limit]), f"{last['occurred_at']}|{last['id']}")
        return Page(self._entries(raws), None)

    def _search(
        self, match: str, where: str, params: builtins.list[Any], limit: int, cursor: str | None
    ) -> Page:
        """Ranked search whose cost does not grow with the journal.

        Ranking every match of a common word costs time in proportion to the journal, so the
        ranking covers the ``SEARCH_WINDOW`` most recently written matches: those come best
        first (cursor ``r:OFFSET``), older matches follow newest first (cursor ``i:ID``).
        """
        rows: builtins.list[EntryRow] = []
        kind, number = _search_cursor(cursor)
        if kind == "r":
            offset = number
            window = (
                "SELECT rowid AS rid, rank AS score FROM entry_fts WHERE entry_fts MATCH ? "
                f"ORDER BY rowid DESC LIMIT {SEARCH_WINDOW}"
            )
            sql = (
                f"{_SELECT} JOIN ({window}) m ON m.rid = e.id WHERE {where} "
                "ORDER BY m.score, e.id DESC LIMIT ? OFFSET ?"
            )
            raws = self.db.named(sql, (match, *params, limit + 1, offset)).fetchall()
            rows = self._entries(raws[:limit])
            if len(raws) > limit:
                return Page(rows, f"r:{offset + limit}")
            size, oldest = self.db.execute(
                f"SELECT count(*), min(rid) FROM ({window})", (match,)
            ).fetchone()
            if size < SEARCH_WINDOW:
                return Page(rows, None)
            below = int(oldest)
        else:
            below = number
        # Older matches, newest first, read from the index in bounded chunks.
        while len(rows) <= limit:
            ids = [
                r[0]
                for r in self.db.execute(
                    "SELECT rowid FROM entry_fts WHERE entry_fts MATCH ? AND rowid < ? "
                    "ORDER BY rowid DESC LIMIT 500",
                    (match, below),
                )
            ]
            if not ids:
                break
            below = ids[-1]
            marks = ",".join("?" * len(ids))
            sql = f"{_SELECT} WHERE e.id IN ({marks}) AND {where} ORDER BY e.id DESC"
            rows.extend(self._fetch(sql, (*ids, *params)))
        if len(rows) > limit:
            return Page(rows[:limit], f"i:{rows[limit - 1].id}")
        return Page(rows, None)

    def iter_entries(self, flt: EntryFilter | None = None, chunk: int = 500) -> Iterator[EntryRow]:
        """Every matching entry, newest first, read a page at a time (exports, reviews)."""
        cursor: str | None = None
        while True:
            page = self.list(flt, limit=chunk, cursor=cursor)
            yield from page.entries
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    def count(self, flt: EntryFilter | None = None) -> int:
        flt = flt or EntryFilter()
        where, params = self._where(flt, for_count=True)
        if flt.search:
            match = fts_query(flt.search)
            if match is None:
                return 0
            sql = (
                "SELECT count(*) FROM entry e WHERE e.id IN "
                f"(SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?) AND {where}"
            )
            return int(self.db.execute(sql, (match, *params)).fetchone()[0])
        return int(
            self.db.execute(f"SELECT count(*) FROM entry e WHERE {where}", params).fetchone()[0]
        )

    def _where(self, flt: EntryFilter, *, for_count: bool) -> tuple[str, builtins.list[Any]]:
        clauses = ["e.trashed_at IS NOT NULL" if flt.trashed else "e.trashed_at IS NULL"]
        params: builtins.list[Any] = []
        if flt.start is not None:
            clauses.append("e.occurred_at >= ?")
            params.append(dt_to_db(flt.start))
        if flt.end is not None:
            clauses.append("e.occurred_at < ?")
            params.append(dt_to_db(flt.end))
        if flt.tag:
            clauses.append(self._tag_clause(flt.tag, flt.polarity, for_count, params))
        if flt.setting:
            clauses.append("e.setting = ? COLLATE NOCASE")
            params.append(flt.setting)
        for name in ("perspective", "overall"):
            value = getattr(flt, name)
            if value:
                clauses.append(f"e.{name} = ?")
                params.append(value)
        if flt.flagged is not None:
            clauses.append("e.flagged = ?")
            params.append(int(flt.flagged))
        if flt.private is not None:
            clauses.append("e.private = ?")
            params.append(int(flt.private))
        if flt.unreflected:
            clauses.append(" AND ".join(f"e.{name} IS NULL" for name in REFLECTED_BY))
        return " AND ".join(clauses), params

    def _tag_clause(
        self, slug: str, polarity: int | None, for_count: bool, params: builtins.list[Any]
    ) -> str:
        """Entries with a tag, by the cheaper of two plans.

        A page of a common tag is found fastest by walking entries newest first and checking
        each (EXISTS on the primary key); a rare tag by collecting its few entries (IN). A bounded
        probe of the tag index tells which applies, so neither plan grows with the journal.
        """
        sign = "" if polarity is None else " AND polarity = ?"
        values: builtins.list[Any] = [slug] if polarity is None else [slug, polarity]
        common = False
        if not for_count:
            probe = (
                f"SELECT count(*) FROM (SELECT 1 FROM entry_tag WHERE tag_slug = ?{sign} "
                f"LIMIT {TAG_PROBE})"
            )
            common = self.db.execute(probe, values).fetchone()[0] >= TAG_PROBE
        params.extend(values)
        if common:
            return (
                "EXISTS (SELECT 1 FROM entry_tag t WHERE t.entry_id = e.id AND t.tag_slug = ?"
                f"{sign.replace('polarity', 't.polarity')})"
            )
        return f"e.id IN (SELECT entry_id FROM entry_tag WHERE tag_slug = ?{sign})"

    def _fetch(
        self, sql: str, params: tuple[Any, ...] | builtins.list[Any]
    ) -> builtins.list[EntryRow]:
        return self._entries(self.db.named(sql, params).fetchall())

    def _entries(self, rows: Sequence[Any]) -> builtins.list[EntryRow]:
        """Entry rows as read, with their tags and action items; an entry with a value that
        cannot be read back is left out and its id noted in ``unreadable``."""
        if not rows:
            return []
        # Read by the names of the SELECT's columns (ENTRY_COLUMNS), whatever their order.
        entries = [
            EntryRow(**{name: _READ.get(name, _same)(raw[name]) for name in ENTRY_COLUMNS})
            for raw in rows
            if not self._unreadable_row(raw)
        ]
        if not entries:
            return []
        by_id = {entry.id: entry for entry in entries}
        marks = ",".join("?" * len(by_id))
        ids = tuple(by_id)
        tag_sql = (
            f"SELECT entry_id, tag_slug, polarity FROM entry_tag WHERE entry_id IN ({marks}) "
            "ORDER BY polarity DESC, tag_slug"
        )
        bad: set[int] = set()
        for entry_id, slug, polarity in self.db.execute(tag_sql, ids).fetchall():
            if tag_problem(slug, polarity):
                bad.add(entry_id)
                continue
            by_id[entry_id].tags.append(tag_mark(slug, polarity))
        for item in self.db.named(f"{ITEM_SELECT} WHERE entry_id IN ({marks}) ORDER BY id", ids):
            if action_problem(item):
                bad.add(item["entry_id"])
                continue
            by_id[item["entry_id"]].action_items.append(item_from(item))
        if bad:
            self.unreadable.update(bad)
            return [entry for entry in entries if entry.id not in bad]
        return entries

    def _unreadable_row(self, raw: Any) -> bool:
        if entry_problems(raw):
            self.unreadable.add(raw["id"])
            return True
        return False


def _same(value: Any) -> Any:
    return value


_READ: dict[str, Callable[[Any], Any]] = {
    "occurred_at": dt_from_db,
    "created_at": dt_from_db,
    "updated_at": dt_from_db,
    "trashed_at": dt_from_db,
    "flagged": bool,
    "private": bool,
}
"""How a stored value becomes the row's (instants as UTC datetimes, flags as booleans)."""


def _bad_cursor(cursor: str) -> InputError:
    shown = cursor if len(cursor) <= 40 else cursor[:39] + "…"
    return InputError(
        f'"{shown}" is not a cursor of this list; use the next_cursor of the previous --json page.'
    )


def _number(text: str, cursor: str) -> int:
    if not text.lstrip("-").isdigit() or len(text) > 20:
        raise _bad_cursor(cursor)
    value = int(text)
    if not ID_MIN <= value <= ID_MAX:
        raise _bad_cursor(cursor)
    return value


def _list_cursor(cursor: str) -> tuple[str, int]:
    """(occurred_at as stored, id) from a list cursor ``AT|ID``."""
    at, bar, last_id = cursor.partition("|")
    if not bar or not at:
        raise _bad_cursor(cursor)
    return at, _number(last_id, cursor)


def _search_cursor(cursor: str | None) -> tuple[str, int]:
    """("r", offset into the ranked window) or ("i", the id older matches continue below)."""
    if cursor is None:
        return "r", 0
    kind, colon, number = cursor.partition(":")
    if kind not in ("r", "i") or not colon:
        raise _bad_cursor(cursor)
    value = _number(number, cursor)
    if kind == "r" and value < 0:
        raise _bad_cursor(cursor)
    return kind, value
