"""Search: prefix indexes for every length from 2 to 10 characters.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

Search matches each word as a prefix ("phon" finds "phone"). With indexes for 2- and
3-character prefixes only, FTS5 answered a longer prefix by merging the lists of every term
starting with it before returning the first row, so a common word took time in proportion to
the entries holding it (39 ms for a word in 318,000 of 1,000,000 entries). With an index for
each length up to 10, such a prefix is one list read from its newest end, like an exact word.
The index grows by about two thirds; entries and every other table are unchanged.

The full-text index is dropped and rebuilt from the entries (about 3 s per 100,000 entries).
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TRIGGERS = ("entry_fts_ai", "entry_fts_ad", "entry_fts_au")


def _rebuild(prefixes: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    from journal.db import fts_ddl

    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS entry_fts")
    for statement in fts_ddl(prefixes=prefixes):
        op.execute(statement)
    op.execute("INSERT INTO entry_fts(entry_fts) VALUES ('rebuild')")


def upgrade() -> None:
    _rebuild("2 3 4 5 6 7 8 9 10")


def downgrade() -> None:
    _rebuild("2 3")
