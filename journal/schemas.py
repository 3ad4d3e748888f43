"""Validation of everything a user can type, once, for the CLI, the TUI and the importers.

Each model refuses bad input with a ``ValidationError``; ``explain()`` turns it into the one
sentence the user sees. Texts are trimmed, empty optional texts become None, and control
characters other than line breaks and tabs are refused so that what is stored reads back exactly.
The values these models hand on (tag marks, the vocabularies) and the entry filter are plain
classes in ``journal.values``, so that reading the journal never imports pydantic.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    create_model,
    field_validator,
)

from journal.entry import FIELDS, LABELS, ActionStatus, EntryField, Kind
from journal.errors import InputError
from journal.taxonomy import SLUG_PATTERN, normalise_slug
from journal.textrules import check_line, check_text
from journal.values import Polarity, TagMark, blank_to_none, not_one_of

FIELD_NAMES = LABELS | {"slug": "Tag", "group": "Group", "description": "Description"}
TAG_GROUP_MAX = 40
TAG_DESCRIPTION_MAX = 200
SLUG_MAX = 40


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        raise ValueError("must include a time zone")
    return value


OneLine = Annotated[str, AfterValidator(check_line)]
Text = Annotated[str, AfterValidator(check_text)]
AwareDatetime = Annotated[datetime, AfterValidator(_aware)]
Slug = Annotated[
    str, BeforeValidator(lambda value: normalise_slug(value) if isinstance(value, str) else value)
]
"""A tag name as people type it ("Wait Time"), normalised before the slug rules are checked."""


class _MarkIn(BaseModel):
    """The rules a tag mark's slug must meet where a user typed it."""

    slug: Slug = Field(pattern=SLUG_PATTERN, max_length=SLUG_MAX)
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


_OPTIONAL_VALUES = frozenset(
    spec.name for spec in FIELDS if spec.kind in (Kind.LINE, Kind.TEXT, Kind.CHOICE)
) - {spec.name for spec in FIELDS if spec.required}
"""Fields where an empty text means "not given" (a required one is refused instead)."""


class _EntryBase(BaseModel):
    """Rules every entry model shares; its fields are generated from ``journal.entry``."""

    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid", use_enum_values=True)

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any, info: ValidationInfo) -> Any:
        return blank_to_none(value) if info.field_name in _OPTIONAL_VALUES else value

    @field_validator("*", mode="after")
    @classmethod
    def _after(cls, value: Any, info: ValidationInfo) -> Any:
        if info.field_name == "tags" and value is not None:
            return _unique_tags(value)
        return value


def _definition(spec: EntryField, *, patch: bool) -> tuple[Any, Any]:
    """The pydantic annotation and ``Field`` of one declared field.

    In a new entry a required field must be there, flags default to False and tags to none;
    in a patch every field is optional (only the ones given are applied).
    """
    base: Any
    if spec.kind is Kind.LINE:
        base = OneLine
    elif spec.kind is Kind.TEXT:
        base = Text
    elif spec.kind is Kind.CHOICE:
        base = spec.vocabulary
    elif spec.kind is Kind.TAGS:
        base = list[Mark]
    elif spec.kind is Kind.FLAG:
        base = bool
    else:
        base = AwareDatetime
    limit = spec.max_length if spec.kind in (Kind.LINE, Kind.TEXT) else None
    if not patch:
        if spec.required:
            return base, Field(min_length=1, max_length=limit)
        if spec.kind is Kind.FLAG:
            return base, Field(default=False)
        if spec.kind is Kind.TAGS:
            return base, Field(default_factory=list)
    shortest = 1 if spec.required else None
    return base | None, Field(default=None, min_length=shortest, max_length=limit)


def _entry_model(name: str, base: type[_EntryBase], *, patch: bool) -> Any:
    """A model with one pydantic field per declared field, plus when it happened."""
    fields: dict[str, Any] = {spec.name: _definition(spec, patch=patch) for spec in FIELDS}
    fields["occurred_at"] = (AwareDatetime | None, Field(default=None))
    return create_model(name, __base__=base, __module__=__name__, **fields)


class _PatchBase(_EntryBase):
    @field_validator("*", mode="after")
    @classmethod
    def _required(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None and info.field_name in _REQUIRED:
            raise ValueError("cannot be empty")
        return value


_REQUIRED = frozenset(spec.name for spec in FIELDS if spec.required)


class EntryIn(_entry_model("_EntryIn", _EntryBase, patch=False)):  # type: ignore[misc]  # fields generated from journal.entry
    """A new entry. Only the required fields ("what happened") must be given."""

    uuid: str | None = Field(default=None, pattern=r"^[0-9a-f-]{32,36}$")


class EntryPatch(_entry_model("_EntryPatch", _PatchBase, patch=True)):  # type: ignore[misc]  # fields generated from journal.entry
    """Changes to an entry: only the fields the caller set are applied (None clears a field)."""

    def changes(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.model_fields_set}


class TagIn(BaseModel):
    """A custom tag the user adds to the catalogue."""

    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")

    slug: Slug = Field(pattern=SLUG_PATTERN, min_length=2, max_length=SLUG_MAX)
    group: OneLine = Field(min_length=1, max_length=TAG_GROUP_MAX)
    description: OneLine = Field(default="", max_length=TAG_DESCRIPTION_MAX)


_ENUMS: dict[str, Any] = {
    spec.name: spec.vocabulary for spec in FIELDS if spec.vocabulary is not None
} | {"status": ActionStatus}


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
