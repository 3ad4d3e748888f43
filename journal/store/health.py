"""What ``doctor`` asks of a journal: SQLite's integrity check, the schema version, the search
index's own check and its rebuild, the rows that cannot be read back and their repair
(``journal.store.repair``). Kept in the store so that the doctor needs no SQL."""

from __future__ import annotations

from datetime import datetime

from journal.db import Database
from journal.errors import DatabaseError
from journal.store.repair import BadEntry, find_unreadable, repair_entry


def _row_level(line: str) -> bool:
    """A problem with a row's values (another program wrote past a constraint), not damage to
    the file: the pages are sound, and the rows check can find and mend the row."""
    return line.startswith(("CHECK constraint failed in", "NULL value in"))


class JournalHealth:
    """The checks and the one repair ``doctor`` runs, over one open journal."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def _integrity_lines(self) -> list[str]:
        result = self.db.execute("PRAGMA integrity_check").fetchall()
        return [str(row[0]) for row in result if row[0] != "ok"]

    def integrity_problems(self) -> list[str]:
        return [line for line in self._integrity_lines() if not _row_level(line)]

    def constraint_breaches(self) -> list[str]:
        """Rows whose values break a constraint (written by another program)."""
        return [line for line in self._integrity_lines() if _row_level(line)]

    def unreadable_entries(self) -> list[BadEntry]:
        return find_unreadable(self.db)

    def repair_entry(self, bad: BadEntry, now: datetime) -> str:
        """Mend one unreadable entry in one transaction; one line saying what was done."""
        return repair_entry(self.db, bad, now)

    def schema_version(self) -> str:
        return str(self.db.execute("SELECT version_num FROM alembic_version").fetchone()[0])

    def entry_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM entry").fetchone()[0])

    def search_index_in_sync(self) -> bool:
        """True when the search index matches the entries (FTS5's own integrity check)."""
        try:
            self.db.execute("INSERT INTO entry_fts(entry_fts, rank) VALUES ('integrity-check', 1)")
        except DatabaseError:
            return False
        return True

    def rebuild_search_index(self) -> None:
        with self.db.transaction() as db:
            db.execute("INSERT INTO entry_fts(entry_fts) VALUES ('rebuild')")
