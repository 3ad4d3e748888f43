"""The one place that reads and writes entries, tags, action items and drafts.

Queries are plain SQL over the tables that ``journal.models`` defines, run through
``journal.db.Database``: that keeps the CLI's read commands free of the ORM's import cost while the
models stay the single definition of the schema. Every write is one transaction. Lists are pages
(newest first, keyset cursor) so that no view ever loads the whole journal. Writing entries as a
file carries them, for imports, is ``journal.import_store``'s.
"""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from journal.db import Database, dt_from_db, dt_to_db, fts_query
from journal.errors import InputError, NotFoundError, UnknownTagError
from journal.rows import (  # re-exported: callers import them from the store
    ENTRY_COLUMNS,
    TEXT_FIELDS,
    ActionItemRow,
    EntryRow,
    Page,
    TagUsage,
    action_row,
    tag_mark,
)
from journal.taxonomy import BUILTIN_SETTINGS, BUILTIN_TAGS, GROUPS, suggest
from journal.values import EntryFilter, TagMark

if TYPE_CHECKING:  # validated input arrives built; reading never imports the validation layer
    from journal.schemas import EntryIn, EntryPatch, TagIn

_SELECT = "SELECT " + ", ".join(f"e.{c}" for c in ENTRY_COLUMNS) + " FROM entry e"
DEFAULT_PAGE = 50
MAX_PAGE = 1000
SEARCH_WINDOW = 2000
"""How many of the most recent matches a search ranks (see ``Store._search``)."""
TAG_PROBE = 2000
"""Above this many uses a tag counts as common for the tag filter's plan."""


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Store:
    """Entries, tags, action items and drafts over one open journal."""

    def __init__(self, db: Database, now: Callable[[], datetime] = _utcnow) -> None:
        self.db = db
        self._now = now

    # ----------------------------------------------------------------- reading entries

    def get(self, entry_id: int) -> EntryRow:
        rows = self._fetch(f"{_SELECT} WHERE e.id = ?", (entry_id,))
        if not rows:
            raise NotFoundError(f"There is no entry #{entry_id}; `service-journal list` shows ids.")
        return rows[0]

    def get_many(self, ids: list[int]) -> list[EntryRow]:
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
            at, _, last_id = cursor.partition("|")
            where += " AND (e.occurred_at < ? OR (e.occurred_at = ? AND e.id < ?))"
            params = [*params, at, at, int(last_id)]
        sql = f"{_SELECT} WHERE {where} ORDER BY e.occurred_at DESC, e.id DESC LIMIT ?"
        rows = self._fetch(sql, (*params, limit + 1))
        if len(rows) > limit:
            last = rows[limit - 1]
            return Page(rows[:limit], f"{dt_to_db(last.occurred_at)}|{last.id}")
        return Page(rows, None)

    def _search(
        self, match: str, where: str, params: list[Any], limit: int, cursor: str | None
    ) -> Page:
        """Ranked search whose cost does not grow with the journal.

        Ranking every match of a common word costs time in proportion to the journal, so the
        ranking covers the ``SEARCH_WINDOW`` most recently written matches: those come best
        first (cursor ``r:OFFSET``), older matches follow newest first (cursor ``i:ID``).
        """
        rows: list[EntryRow] = []
        if cursor is None or cursor.startswith("r:"):
            offset = int(cursor[2:]) if cursor else 0
            window = (
                "SELECT rowid AS rid, rank AS score FROM entry_fts WHERE entry_fts MATCH ? "
                f"ORDER BY rowid DESC LIMIT {SEARCH_WINDOW}"
            )
            sql = (
                f"{_SELECT} JOIN ({window}) m ON m.rid = e.id WHERE {where} "
                "ORDER BY m.score, e.id DESC LIMIT ? OFFSET ?"
            )
            rows = self._fetch(sql, (match, *params, limit + 1, offset))
            if len(rows) > limit:
                return Page(rows[:limit], f"r:{offset + limit}")
            size, oldest = self.db.execute(
                f"SELECT count(*), min(rid) FROM ({window})", (match,)
            ).fetchone()
            if size < SEARCH_WINDOW:
                return Page(rows, None)
            below = int(oldest)
        else:
            below = int(cursor[2:])
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

    def _where(self, flt: EntryFilter, *, for_count: bool) -> tuple[str, list[Any]]:
        clauses = ["e.trashed_at IS NOT NULL" if flt.trashed else "e.trashed_at IS NULL"]
        params: list[Any] = []
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
            clauses.append("e.differently IS NULL AND e.lesson IS NULL")
        return " AND ".join(clauses), params

    def _tag_clause(
        self, slug: str, polarity: int | None, for_count: bool, params: list[Any]
    ) -> str:
        """Entries with a tag, by the cheaper of two plans.

        A page of a common tag is found fastest by walking entries newest first and checking
        each (EXISTS on the primary key); a rare tag by collecting its few entries (IN). A bounded
        probe of the tag index tells which applies, so neither plan grows with the journal.
        """
        sign = "" if polarity is None else " AND polarity = ?"
        values: list[Any] = [slug] if polarity is None else [slug, polarity]
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

    def _fetch(self, sql: str, params: tuple[Any, ...] | list[Any]) -> list[EntryRow]:
        rows = self.db.execute(sql, params).fetchall()
        if not rows:
            return []
        # Built positionally: ENTRY_COLUMNS is the field order of EntryRow (a test holds them
        # together), which spares a dict per row when a review or an export reads a week.
        entries = [
            EntryRow(
                *raw[:2],
                dt_from_db(raw[2]),
                *raw[3:14],
                bool(raw[14]),
                bool(raw[15]),
                dt_from_db(raw[16]),
                dt_from_db(raw[17]),
                dt_from_db(raw[18]),
            )
            for raw in rows
        ]
        by_id = {entry.id: entry for entry in entries}
        marks = ",".join("?" * len(by_id))
        ids = tuple(by_id)
        tag_sql = (
            f"SELECT entry_id, tag_slug, polarity FROM entry_tag WHERE entry_id IN ({marks}) "
            "ORDER BY polarity DESC, tag_slug"
        )
        for entry_id, slug, polarity in self.db.execute(tag_sql, ids).fetchall():
            by_id[entry_id].tags.append(tag_mark(slug, polarity))
        item_sql = (
            "SELECT id, entry_id, text, status, created_at, closed_at FROM action_item "
            f"WHERE entry_id IN ({marks}) ORDER BY id"
        )
        for item in self.db.execute(item_sql, ids).fetchall():
            by_id[item[1]].action_items.append(action_row(item))
        return entries

    # ----------------------------------------------------------------- writing entries

    def add(self, data: EntryIn) -> EntryRow:
        """Store a new entry with its tags (and action item) in one transaction."""
        now = self._now()
        with self.db.transaction() as db:
            self.check_tags(data.tags)
            values = {name: getattr(data, name) for name in TEXT_FIELDS}
            values.update(
                uuid=data.uuid or str(uuidlib.uuid4()),
                occurred_at=dt_to_db(data.occurred_at or now),
                flagged=int(data.flagged),
                private=int(data.private),
                created_at=dt_to_db(now),
                updated_at=dt_to_db(now),
            )
            columns = ", ".join(values)
            marks = ", ".join(f":{name}" for name in values)
            try:
                cursor = db.execute(f"INSERT INTO entry ({columns}) VALUES ({marks})", values)
            except Exception as exc:
                if "UNIQUE" in str(exc) and "uuid" in str(exc):
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
            for name in ("flagged", "private"):
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

    def check_tags(self, tags: list[TagMark]) -> None:
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

    def write_tags(self, entry_id: int, tags: list[TagMark]) -> None:
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

    # ----------------------------------------------------------------- action items

    def action_items(self, status: str | None = None) -> list[ActionItemRow]:
        sql = "SELECT id, entry_id, text, status, created_at, closed_at FROM action_item"
        params: tuple[Any, ...] = ()
        if status:
            sql += " WHERE status = ?"
            params = (status,)
        return [action_row(row) for row in self.db.execute(sql + " ORDER BY id", params)]

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
        row = self.db.execute(
            "SELECT id, entry_id, text, status, created_at, closed_at FROM action_item "
            "WHERE id = ?",
            (item_id,),
        ).fetchone()
        return action_row(row)

    # ----------------------------------------------------------------- tags

    def tags(self) -> list[TagUsage]:
        """The catalogue with how often each tag was used (+, -, unknown) on live entries.

        Counted from the tag index alone, minus the (few) tags of entries in the trash, so that
        no join over the whole journal is needed.
        """
        counts: dict[tuple[str, int], int] = {}
        for slug, polarity, n in self.db.execute(
            "SELECT tag_slug, polarity, count(*) FROM entry_tag GROUP BY tag_slug, polarity"
        ):
            counts[(slug, polarity)] = n
        for slug, polarity, n in self.db.execute(
            "SELECT tag_slug, polarity, count(*) FROM entry_tag WHERE entry_id IN "
            "(SELECT id FROM entry WHERE trashed_at IS NOT NULL) GROUP BY tag_slug, polarity"
        ):
            counts[(slug, polarity)] -= n
        rows = [
            TagUsage(
                t.slug,
                t.group,
                t.description,
                t.builtin,
                counts.get((t.slug, 1), 0),
                counts.get((t.slug, -1), 0),
                counts.get((t.slug, 0), 0),
            )
            for t in self.tag_catalogue()
        ]
        order = {g: i for i, g in enumerate(GROUPS)}
        builtin_pos = {t.slug: i for i, t in enumerate(BUILTIN_TAGS)}
        return sorted(
            rows,
            key=lambda t: (
                order.get(t.group, len(order)),
                t.group,
                builtin_pos.get(t.slug, len(builtin_pos)),
                t.slug,
            ),
        )

    def tag_catalogue(self) -> list[TagUsage]:
        """The catalogue without usage counts (cheap: for pickers and validation)."""
        return [
            TagUsage(r[0], r[1], r[2] or "", bool(r[3]))
            for r in self.db.execute('SELECT slug, "group", description, builtin FROM tag')
        ]

    def add_tag(self, data: TagIn) -> TagUsage:
        """A custom tag; a group that matches a built-in one ignoring case takes its spelling."""
        group = next((g for g in GROUPS if g.lower() == data.group.lower()), data.group)
        with self.db.transaction() as db:
            exists = db.execute("SELECT 1 FROM tag WHERE slug = ?", (data.slug,)).fetchone()
            if exists:
                raise InputError(f'The tag "{data.slug}" already exists.')
            db.execute(
                'INSERT INTO tag (slug, "group", description, builtin) VALUES (?, ?, ?, 0)',
                (data.slug, group, data.description),
            )
        return TagUsage(data.slug, group, data.description, False)

    # ----------------------------------------------------------------- capture helpers

    def sticky_defaults(self) -> dict[str, str | None]:
        """Setting and perspective of the last entry written, for the next capture."""
        # Walking the newest rows and skipping the trash in Python keeps this on the primary
        # key; a WHERE on trashed_at makes SQLite sort every live entry first.
        rows = self.db.execute(
            "SELECT setting, perspective, trashed_at FROM entry ORDER BY id DESC LIMIT 100"
        )
        row = next((r for r in rows if r[2] is None), None)
        return (
            {"setting": row[0], "perspective": row[1]}
            if row
            else {
                "setting": None,
                "perspective": None,
            }
        )

    def recent_settings(self, limit: int = 20) -> list[str]:
        """Settings of the last 500 entries, most recent first, then the built-in list."""
        recent = self.db.execute("SELECT setting, trashed_at FROM entry ORDER BY id DESC LIMIT 500")
        seen: list[str] = []
        for setting, trashed_at in recent:
            if setting and trashed_at is None and setting not in seen:
                seen.append(setting)
                if len(seen) == limit:
                    break
        lowered = {s.lower() for s in seen}
        return seen + [s for s in BUILTIN_SETTINGS if s.lower() not in lowered]

    def load_draft(self) -> dict[str, Any] | None:
        row = self.db.execute("SELECT payload FROM draft WHERE id = 1").fetchone()
        if not row:
            return None
        try:
            data = json.loads(row[0])
        except ValueError:
            return None
        return data if isinstance(data, dict) and data else None

    def save_draft(self, payload: dict[str, Any]) -> None:
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        with self.db.transaction() as db:
            db.execute(
                "INSERT INTO draft (id, payload, updated_at) VALUES (1, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET payload = excluded.payload, "
                "updated_at = excluded.updated_at",
                (text, dt_to_db(self._now())),
            )

    def clear_draft(self) -> None:
        with self.db.transaction() as db:
            db.execute("DELETE FROM draft WHERE id = 1")
