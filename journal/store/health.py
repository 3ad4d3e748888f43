"""What ``doctor`` asks of a journal: SQLite's integrity check, the schema version, the search
index's own check and its rebuild. Kept in the store so that the doctor needs no SQL."""

from __future__ import annotations

from journal.db import Database
from journal.errors import DatabaseError


class JournalHealth:
    """The checks and the one repair ``doctor`` runs, over one open journal."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def integrity_problems(self) -> list[str]:
        result = self.db.execute("PRAGMA integrity_check").fetchall()
        lines = [str(row[0]) for row in result]
        return [] if lines == ["ok"] else lines

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
