"""Errors the user can act on: each carries one sentence and the exit code the CLI uses.

Anything raised as a ``JournalError`` is shown to the user as its message alone, never as a
traceback; anything else is a bug.
"""

from __future__ import annotations


class JournalError(Exception):
    """A problem with what the user asked for (exit code 1)."""

    exit_code = 1


class InputError(JournalError):
    """Input that fails validation: empty text, an unknown value, a malformed date."""


class NotFoundError(JournalError):
    """An id that names no entry (or no entry in the place the user looked)."""


class UnknownTagError(InputError):
    """A tag slug that is neither built in nor one of the user's own."""

    def __init__(self, slug: str, suggestions: list[str]) -> None:
        hint = f" Did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(
            f'Unknown tag "{slug}".{hint} See `service-journal tags`, or create it with '
            f"`service-journal tags add {slug} --group GROUP`."
        )
        self.slug = slug
        self.suggestions = suggestions


class UsageError(JournalError):
    """Options that do not fit together (exit code 2, like argparse's own errors)."""

    exit_code = 2


class DatabaseError(JournalError):
    """The journal file cannot be used: corrupt, newer, locked, not a journal (exit code 3)."""

    exit_code = 3
