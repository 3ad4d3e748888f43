"""The entry, declared once: its fields and the closed vocabularies they choose from.

Everything that shows, checks, stores or moves an entry reads its shape from here: the SQLModel
table and its CHECK constraints (``journal.models``), the input schemas (``journal.schemas``), the
read rows and their JSON (``journal.rows``), the JSON/CSV columns (``journal.export.data``), the
Markdown and plain-text labels, the CLI's options and the app's fields. Adding a field means a
line here, a migration, and whatever presentation is genuinely its own.

The command line's parser and the app's first paint import this module, so it imports only
``enum`` (which the standard library's ``re`` has already loaded): no dataclasses, no typing
machinery, nothing of pydantic or SQLAlchemy.
"""

from __future__ import annotations

from enum import StrEnum

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator


class Vocabulary(StrEnum):
    """A closed list of values, each with the words people read.

    ``label`` is the phrase for documents and detail views; ``short`` the one a choice widget
    shows (the label unless given); ``symbol`` a one-character mark where one exists; ``brief``
    the fewest words, for a filter row or a count (the short one unless given).
    """

    label: str
    short: str
    symbol: str
    brief: str

    def __new__(
        cls, value: str, label: str = "", short: str = "", symbol: str = "", brief: str = ""
    ) -> Vocabulary:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label or value
        member.short = short or member.label
        member.symbol = symbol
        member.brief = brief or member.short
        return member

    @classmethod
    def values(cls) -> tuple[str, ...]:
        """The stored values as plain text, in order (argparse shows ``repr`` of its choices)."""
        return tuple(member.value for member in cls)

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {member.value: member.label for member in cls}

    @classmethod
    def shorts(cls) -> dict[str, str]:
        return {member.value: member.short for member in cls}

    @classmethod
    def briefs(cls) -> dict[str, str]:
        return {member.value: member.brief for member in cls}


class Perspective(Vocabulary):
    """How the user saw it: ``provider`` is their own practice, the others are observation."""

    WITNESSED = "witnessed", "I witnessed it", "witnessed"
    CUSTOMER = "customer", "I was the customer", "", "", "as customer"
    PROVIDER = "provider", "I was serving", "", "", "serving"


class Overall(Vocabulary):
    WELL = "well", "went well", "", "✓"
    BADLY = "badly", "went badly", "", "✗"
    MIXED = "mixed", "mixed", "", "~"


class Cause(Vocabulary):
    """Why it went that way; asked when something went badly (a process is not a person)."""

    SKILL = "skill", "the person's skill or attitude"
    PROCESS = "process", "a process or policy"
    TOOLS = "tools", "tools or systems"
    STAFFING = "staffing", "staffing or workload"
    CUSTOMER = "customer", "the customer's own situation"
    ENVIRONMENT = "environment", "the environment"
    UNKNOWN = "unknown", "unknown"


class LeftThem(Vocabulary):
    BETTER = "better", "better off"
    SAME = "same", "the same"
    WORSE = "worse", "worse off"


class ActionStatus(Vocabulary):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"
    CARRIED = "carried", "carried over"


class Decision(Vocabulary):
    """What a review decides about an action item or last week's focus."""

    DONE = "done"
    DROPPED = "dropped"
    CARRIED = "carried", "carried over"


class CheckinAnswer(Vocabulary):
    YES = "yes", "yes", "", "●"
    PARTLY = "partly", "partly", "", "◐"
    NO = "no", "no", "", "○"


POLARITY_SIGNS: dict[int, str] = {1: "+", -1: "-", 0: "?"}


class Kind(StrEnum):
    """How a field is typed, checked and shown."""

    LINE = "line"
    """One line of text: no line breaks, no tabs, no control characters."""
    TEXT = "text"
    """Several lines of text: line feeds allowed, no other control characters."""
    CHOICE = "choice"
    """One value of a ``Vocabulary``, or nothing."""
    FLAG = "flag"
    INSTANT = "instant"
    TAGS = "tags"


class Stage(StrEnum):
    """When a field is filled in: on the spot, or later in the weekly review."""

    QUICK = "quick"
    REFLECTION = "reflection"


class EntryField:
    """One field of an entry.

    ``column`` is the entry table's column (None for fields kept in tables of their own: tags,
    the action item); ``export`` the JSON key and CSV column; ``option`` the CLI option of
    ``edit`` (and of ``add`` for the quick fields), without its dashes; ``max_length`` the most
    characters a user may type (for a choice: the stored column's width).
    """

    __slots__ = (
        "column",
        "export",
        "help",
        "kind",
        "label",
        "max_length",
        "name",
        "option",
        "required",
        "stage",
        "vocabulary",
    )

    def __init__(
        self,
        name: str,
        label: str,
        kind: Kind,
        stage: Stage,
        *,
        max_length: int | None = None,
        vocabulary: type[Vocabulary] | None = None,
        column: bool = True,
        export: str | None = None,
        option: str | None = None,
        help: str = "",
        required: bool = False,
    ) -> None:
        self.name = name
        self.label = label
        self.kind = kind
        self.stage = stage
        self.max_length = max_length
        self.vocabulary = vocabulary
        self.column: str | None = name if column else None
        self.export = export or name
        self.option = option or name
        self.help = help
        self.required = required

    def __repr__(self) -> str:
        return f"EntryField({self.name!r})"


_Q, _R = Stage.QUICK, Stage.REFLECTION


def _choice(
    name: str,
    label: str,
    stage: Stage,
    vocabulary: type[Vocabulary],
    width: int,
    help: str,
    *,
    option: str | None = None,
) -> EntryField:
    """A field that takes one value of ``vocabulary``; ``width`` is its stored column's."""
    return EntryField(
        name,
        label,
        Kind.CHOICE,
        stage,
        max_length=width,
        vocabulary=vocabulary,
        option=option,
        help=help,
    )


FIELDS: tuple[EntryField, ...] = (
    EntryField(
        "what",
        "What happened",
        Kind.LINE,
        _Q,
        max_length=500,
        required=True,
        help="what happened, one line",
    ),
    EntryField(
        "setting", "Setting", Kind.LINE, _Q, max_length=100, help="where it happened, e.g. 'bank'"
    ),
    _choice("perspective", "Perspective", _Q, Perspective, 16, "how you saw it"),
    _choice("overall", "Overall", _Q, Overall, 8, "how it went"),
    EntryField("tags", "Tags", Kind.TAGS, _Q, column=False),
    EntryField(
        "differently",
        "Do differently",
        Kind.TEXT,
        _Q,
        max_length=2000,
        help="what you would do differently",
    ),
    EntryField(
        "situation",
        "Situation",
        Kind.TEXT,
        _R,
        max_length=4000,
        option="details",
        help="situation: what was said and done",
    ),
    EntryField(
        "behaviour",
        "Behaviour",
        Kind.TEXT,
        _R,
        max_length=4000,
        help="behaviour: what the person did",
    ),
    EntryField(
        "impact", "Impact", Kind.TEXT, _R, max_length=4000, help="impact on the person served"
    ),
    _choice("why", "Why", _R, Cause, 16, "why it went that way"),
    EntryField("lesson", "Lesson", Kind.TEXT, _R, max_length=2000, help="the lesson learned"),
    EntryField(
        "action",
        "Action item",
        Kind.TEXT,
        _R,
        max_length=500,
        column=False,
        export="action_items",
        help="an action item for next time",
    ),
    _choice(
        "left_them",
        "Left them",
        _R,
        LeftThem,
        8,
        "the person served left better, same or worse",
        option="left",
    ),
    EntryField(
        "flagged",
        "Flagged",
        Kind.FLAG,
        _R,
        option="flag",
        help="include in the next coaching export",
    ),
    EntryField("private", "Private", Kind.FLAG, _R, help="never include in any export"),
)
"""Every field a user fills in, in the order forms, detail views and exports show them."""

BY_NAME: dict[str, EntryField] = {f.name: f for f in FIELDS}

WHEN_LABEL = "When"
"""The label of ``occurred_at``, the instant every entry has (set by capture or by a file)."""


def fields(*kinds: Kind, stage: Stage | None = None) -> Iterator[EntryField]:
    """The fields of the given kinds (all when none given), optionally of one stage."""
    for spec in FIELDS:
        if (not kinds or spec.kind in kinds) and (stage is None or spec.stage is stage):
            yield spec


TEXT_KINDS = (Kind.LINE, Kind.TEXT, Kind.CHOICE)

VALUE_COLUMNS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.column and f.kind in TEXT_KINDS)
"""The entry table's columns that hold a text or a choice, in declaration order."""

FLAG_COLUMNS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.column and f.kind is Kind.FLAG)

ENTRY_COLUMNS: tuple[str, ...] = (
    "id",
    "uuid",
    "occurred_at",
    *VALUE_COLUMNS,
    *FLAG_COLUMNS,
    "created_at",
    "updated_at",
    "trashed_at",
)
"""The entry table's columns in the order the store selects them."""

REFLECTED_BY = ("differently", "lesson")
"""An entry counts as reflected once one of these is filled in (docs/domain)."""

LABELS: dict[str, str] = {f.name: f.label for f in FIELDS} | {"occurred_at": WHEN_LABEL}
