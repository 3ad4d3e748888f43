"""Validation of everything a user can type, once, for the CLI, the TUI and the importers.

Each model refuses bad input with a ``ValidationError``; ``explain()`` turns it into the one
sentence the user sees. Texts are trimmed, empty optional texts become None, and control
characters other than line breaks and tabs are refused so that what is stored reads back exactly.
The values these models hand on (tag marks, the vocabularies) and the entry filter are plain
classes in ``journal.values``, so that reading the journal never imports pydantic.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)
from pydantic_core import PydanticCustomError

from journal.errors import InputError
from journal.taxonomy import SLUG_PATTERN, normalise_slug
from journal.values import (
    ActionStatus,
    Cause,
    LeftThem,
    Overall,
    Perspective,
    Polarity,
    TagMark,
    blank_to_none,
    not_one_of,
)

FIELD_NAMES = {
    "what": "What happened",
    "setting": "Setting",
    "perspective": "Perspective",
    "overall": "Overall",
    "differently": "Do differently",
    "situation": "Situation",
    "behaviour": "Behaviour",
    "impact": "Impact",
    "why": "Why",
    "lesson": "Lesson",
    "action": "Action item",
    "left_them": "Left them",
    "occurred_at": "When",
    "tags": "Tags",
    "slug": "Tag",
    "group": "Group",
    "description": "Description",
}

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = ("\n", "\r", "\t", "\u2028", "\u2029", "\x85")


def _no_control(value: str | None) -> str | None:
    if value is not None and _CONTROL_RE.search(value):
        raise ValueError("must not contain control characters")
    return value


def _one_line(value: str | None) -> str | None:
    if value is not None and "\t" in value:
        raise PydanticCustomError("one_line_tab", "must not hold a tab; use spaces instead")
    if value is not None and any(c in value for c in _LINE_BREAKS):
        raise ValueError("must be a single line")
    return _no_control(value)


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        raise ValueError("must include a time zone")
    return value


OneLine = Annotated[str, AfterValidator(_one_line)]
Text = Annotated[str, AfterValidator(_no_control)]
AwareDatetime = Annotated[datetime, AfterValidator(_aware)]
Slug = Annotated[
    str, BeforeValidator(lambda value: normalise_slug(value) if isinstance(value, str) else value)
]
"""A tag name as people type it ("Wait Time"), normalised before the slug rules are checked."""


class _MarkIn(BaseModel):
    """The rules a tag mark's slug must meet where a user typed it."""

    slug: Slug = Field(pattern=SLUG_PATTERN, max_length=40)
    polarity: Polarity = 1


def _mark_fields(value: Any) -> Any:
    if isinstance(value, TagMark):
        return {"slug": value.slug, "polarity": value.polarity}
    return value


Mark = Annotated[
    _MarkIn,
    BeforeValidator(_mark_fields),
    AfterValidator(lambda mark: TagMark(slug=mark.slug, polarity=mark.polarity)),
]
"""A ``TagMark`` (or its fields) checked against the slug rules, handed on as a ``TagMark``."""


def _unique_tags(tags: list[TagMark]) -> list[TagMark]:
    """One mark per slug; the last one given wins (as when the user flips a sign)."""
    by_slug: dict[str, TagMark] = {}
    for mark in tags:
        by_slug.pop(mark.slug, None)
        by_slug[mark.slug] = mark
    return list(by_slug.values())


class _EntryFields(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")

    setting: OneLine | None = Field(default=None, max_length=100)
    perspective: Perspective | None = None
    overall: Overall | None = None
    tags: list[Mark] | None = None  # type: ignore[valid-type]
    differently: Text | None = Field(default=None, max_length=2000)
    situation: Text | None = Field(default=None, max_length=4000)
    behaviour: Text | None = Field(default=None, max_length=4000)
    impact: Text | None = Field(default=None, max_length=4000)
    why: Cause | None = None
    lesson: Text | None = Field(default=None, max_length=2000)
    action: Text | None = Field(default=None, max_length=500)
    left_them: LeftThem | None = None
    occurred_at: AwareDatetime | None = None

    @field_validator(
        "setting",
        "differently",
        "situation",
        "behaviour",
        "impact",
        "lesson",
        "action",
        "perspective",
        "overall",
        "why",
        "left_them",
        mode="before",
    )
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return blank_to_none(value)

    @field_validator("tags", mode="after")
    @classmethod
    def _dedupe(cls, value: list[TagMark] | None) -> list[TagMark] | None:
        return None if value is None else _unique_tags(value)


class EntryIn(_EntryFields):
    """A new entry. Only "what happened" is required."""

    what: OneLine = Field(min_length=1, max_length=500)
    tags: list[Mark] = Field(default_factory=list)  # type: ignore[valid-type]
    flagged: bool = False
    private: bool = False
    uuid: str | None = Field(default=None, pattern=r"^[0-9a-f-]{32,36}$")


class EntryPatch(_EntryFields):
    """Changes to an entry: only the fields the caller set are applied (None clears a field)."""

    what: OneLine | None = Field(default=None, min_length=1, max_length=500)
    flagged: bool | None = None
    private: bool | None = None

    @field_validator("what", mode="after")
    @classmethod
    def _what_required(cls, value: str | None) -> str | None:
        if value is None:
            raise ValueError("cannot be empty")
        return value

    def changes(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.model_fields_set}


class TagIn(BaseModel):
    """A custom tag the user adds to the catalogue."""

    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")

    slug: Slug = Field(pattern=SLUG_PATTERN, min_length=2, max_length=40)
    group: OneLine = Field(min_length=1, max_length=40)
    description: OneLine = Field(default="", max_length=200)


_ENUMS: dict[str, Any] = {
    "perspective": Perspective,
    "overall": Overall,
    "why": Cause,
    "left_them": LeftThem,
    "status": ActionStatus,
}


def explain(error: ValidationError) -> str:
    """The first problem as one sentence a user can act on."""
    first = error.errors()[0]
    loc = [str(part) for part in first.get("loc", ()) if not str(part).isdigit()]
    field = loc[0] if loc else ""
    name = FIELD_NAMES.get(field, field.replace("_", " ").capitalize() or "Input")
    kind = first.get("type", "")
    value = first.get("input")
    ctx = first.get("ctx") or {}
    if field in _ENUMS and kind in ("literal_error", "enum"):
        return not_one_of(name, value, _ENUMS[field])
    if kind in ("string_too_short", "too_short") and isinstance(value, str) and value.strip():
        return f'{name} "{value}" is too short: at least {ctx.get("min_length")} characters.'
    if kind in ("string_too_short", "too_short", "missing") or (
        kind == "value_error" and "cannot be empty" in first.get("msg", "")
    ):
        return f"{name} is required and cannot be empty."
    if kind in ("string_too_long", "too_long") and isinstance(value, str):
        return f"{name} is too long: at most {ctx.get('max_length')} characters, not {len(value)}."
    if kind == "string_too_long":
        return f"{name} is too long: at most {ctx.get('max_length')} characters."
    if kind == "string_unicode":
        return (
            f"{name} holds bytes that are not valid text (UTF-8); retype it, or check the "
            "encoding of the terminal or file it came from."
        )
    if kind == "string_pattern_mismatch" and field in ("slug", "tags", "tag"):
        return (
            f'"{value}" is not a valid tag name; use lower-case letters, digits and hyphens, '
            "like customer-view."
        )
    if kind == "extra_forbidden":
        return f'Unknown field "{field}".'
    message = first.get("msg", "is not valid")
    message = message.removeprefix("Value error, ")
    return f"{name} {message[0].lower() + message[1:]}."


def validate(model: type[BaseModel], data: dict[str, Any]) -> Any:
    """Build ``model`` from ``data`` or raise InputError with one sentence."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InputError(explain(exc)) from None


def validate_tag(slug: str, polarity: int) -> TagMark:
    """A tag mark from user text, refused with one sentence when the slug is malformed."""
    mark = validate(_MarkIn, {"slug": slug, "polarity": polarity})
    return TagMark(slug=mark.slug, polarity=mark.polarity)
