"""Text as read back from the journal: never an error, and damaged text still recognisable.

SQLite stores whatever bytes a program wrote; another tool (or a damaged copy) can leave text
that is not UTF-8. Python's default decoding then fails while rows are fetched, and one such
value would stop every list, export and review. Decoding here replaces the bad bytes instead and
marks the value, so readers keep working and ``doctor`` can name the row and ``--repair`` write
the readable part back.
"""

from __future__ import annotations


class Undecodable(str):
    """Stored text that was not UTF-8, with U+FFFD in place of each bad byte sequence."""

    __slots__ = ()


def decode_text(raw: bytes) -> str:
    """The connection's text factory: strict UTF-8, or ``Undecodable`` with replacements."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return Undecodable(raw.decode("utf-8", errors="replace"))
