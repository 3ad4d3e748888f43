"""Full-text search in SQLite: the FTS5 index over the entry texts and the query text for it.

Migrations create the index from ``fts_ddl``; the store turns what the user typed into a query with
``fts_query``.
"""

from __future__ import annotations

import re

FTS_COLUMNS = ("what", "setting", "differently", "situation", "behaviour", "impact", "lesson")


FTS_PREFIXES = "2 3 4 5 6 7 8 9 10"
"""Prefix lengths the full-text index keeps (migration 0003; 0001 kept "2 3").

Search matches every word as a prefix. FTS5 answers a prefix of an indexed length by reading one
list from its newest end; any other prefix by first merging the lists of every term that starts
with it, which costs time in proportion to the matching entries."""


def fts_ddl(prefixes: str = FTS_PREFIXES) -> list[str]:
    """Statements creating the full-text index over the entry texts and its sync triggers."""
    cols = ", ".join(FTS_COLUMNS)
    new = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
    old = ", ".join(f"old.{c}" for c in FTS_COLUMNS)
    return [
        f"CREATE VIRTUAL TABLE entry_fts USING fts5({cols}, content='entry', content_rowid='id', "
        f"tokenize='unicode61 remove_diacritics 2', prefix='{prefixes}')",
        f"CREATE TRIGGER entry_fts_ai AFTER INSERT ON entry BEGIN "
        f"INSERT INTO entry_fts(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER entry_fts_ad AFTER DELETE ON entry BEGIN "
        f"INSERT INTO entry_fts(entry_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER entry_fts_au AFTER UPDATE OF {cols} ON entry BEGIN "
        f"INSERT INTO entry_fts(entry_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO entry_fts(rowid, {cols}) VALUES (new.id, {new}); END",
    ]


_WORD_RE = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """Turn what the user typed into an FTS5 query: every word must match, as a prefix.

    Each word is quoted, so FTS syntax the user types (quotes, ``*``, ``NEAR``, parentheses,
    ``AND``/``OR``) is searched for as text, never interpreted.
    """
    words = _WORD_RE.findall(text)
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words)
