"""Plain values shared by the store and everything that reads it: tag marks and the entry filter
(the closed vocabularies are declared with the entry, in ``journal.entry``).

Nothing here imports pydantic. Reading the journal (the CLI's list, the app's first browse page)
must not wait for the validation layer, whose import costs a hundred times the query. What users
type is still validated once, in ``journal.schemas``; the filter checks its few rules itself
because every reader builds one, from the CLI's options or the browse bar alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from journal.entry import POLARITY_SIGNS, Overall, Perspective, Vocabulary
from journal.errors import InputError
from journal.taxonomy import normalise_slug

SEARCH_MAX = 200
"""The longest search text a filter takes (a sentence; FTS query cost grows with its words)."""

Polarity = Literal[-1, 0, 1]
"""A tag's sign on an entry: +1 done well, -1 done badly, 0 unknown (imports)."""


@dataclass(frozen=True, slots=True)
class TagMark:
    """A tag on an entry with its sign: +1 done well, -1 done badly, 0 unknown (imports).

    Frozen, so one mark can be shared by every row that carries it. The slug is normalised
    ("Wait Time" becomes wait-time) but not validated here: ``journal.schemas`` refuses a
    malformed one where the user typed it.
    """

    slug: str
    polarity: Polarity = 1

    def __post_init__(self) -> None:
        if isinstance(self.slug, str):
            object.__setattr__(self, "slug", normalise_slug(self.slug))

    @classmethod
    def parse(cls, text: str) -> TagMark:
        """Read ``+slug``, ``-slug`` or ``slug`` (done well); only the first character is a sign."""
        text = text.strip()
        polarity: Polarity = 1
        if text[:1] in ("+", "-"):
            polarity = -1 if text[0] == "-" else 1
            text = text[1:]
        return cls(slug=text, polarity=polarity)

    def __str__(self) -> str:
        return POLARITY_SIGNS[self.polarity] + self.slug


def blank_to_none(value: Any) -> Any:
    """A text trimmed, and None when nothing is left: an empty field means "not given"."""
    return (value.strip() or None) if isinstance(value, str) else value


def not_one_of(name: str, value: Any, choices: type[Vocabulary] | tuple[int, ...]) -> str:
    """The sentence refusing ``value`` for a closed vocabulary."""
    values = choices.values() if isinstance(choices, type) else choices
    return f'{name} must be one of {", ".join(str(v) for v in values)}, not "{value}".'


POLARITIES = tuple(POLARITY_SIGNS)


def _one_of(name: str, value: Any, choices: type[Vocabulary] | tuple[int, ...]) -> None:
    values = choices.values() if isinstance(choices, type) else choices
    if value is not None and value not in values:
        raise InputError(not_one_of(name, value, choices))


@dataclass(kw_only=True, slots=True)
class EntryFilter:
    """What the list, browse and export views ask for. All conditions combine with AND."""

    start: datetime | None = None
    """Inclusive lower bound on when the encounter happened."""
    end: datetime | None = None
    """Exclusive upper bound."""
    tag: str | None = None
    polarity: Polarity | None = None
    setting: str | None = None
    perspective: str | None = None
    overall: str | None = None
    flagged: bool | None = None
    unreflected: bool = False
    private: bool | None = None
    trashed: bool = False
    """False: live entries only; True: the trash only."""
    search: str | None = None

    def __post_init__(self) -> None:
        """Normalise as the user means it and refuse, in one sentence, what no query can mean."""
        self.tag = normalise_slug(self.tag) or None if isinstance(self.tag, str) else self.tag
        self.setting = blank_to_none(self.setting)
        self.search = blank_to_none(self.search)
        self.perspective = blank_to_none(self.perspective)
        self.overall = blank_to_none(self.overall)
        _one_of("Perspective", self.perspective, Perspective)
        _one_of("Overall", self.overall, Overall)
        _one_of("Polarity", self.polarity, POLARITIES)
        if self.search is not None and len(self.search) > SEARCH_MAX:
            raise InputError(f"Search is too long: at most {SEARCH_MAX} characters.")
        for name, bound in (("Start", self.start), ("End", self.end)):
            if bound is not None and bound.tzinfo is None:
                raise InputError(f"{name} must include a time zone.")
