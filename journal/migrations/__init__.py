"""Alembic migrations for the journal schema.

``REVISIONS`` lists every revision in order, so that opening a journal can tell "current",
"older, upgrade it" and "newer than this program" apart without importing Alembic (a test checks
that it matches the scripts in ``versions/``).
"""

REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004")
HEAD = REVISIONS[-1]
