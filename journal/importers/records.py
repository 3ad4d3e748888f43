"""One entry of a JSON or CSV export, checked with the same rules as typed input (schemas).

Both readers hand over plain values (JSON types); ``build_record`` turns them into a ``Record`` or
raises the refusal that names the record.
"""

from __future__ import annotations

import uuid as uuidlib
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from journal.entry import BY_NAME, FIELDS, FLAG_COLUMNS, VALUE_COLUMNS, ActionStatus
from journal.errors import InputError
from journal.importers import ActionItemData, Record, SessionData, refusal
from journal.instants import check_instant
from journal.schemas import AwareDatetime, EntryIn, Text, explain, validate

ENTRY_KEYS = frozenset(
    {
        "uuid",
        "occurred_at",
        "created_at",
        "updated_at",
        *(spec.export for spec in FIELDS),
    }
)


class ActionItemIn(BaseModel):
    """An action item as an export carries it."""

    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid", use_enum_values=True)

    text: Text = Field(min_length=1, max_length=BY_NAME["action"].max_length)
    status: ActionStatus = ActionStatus.OPEN
    created_at: AwareDatetime
    closed_at: AwareDatetime | None = None


def instant(value: Any, name: str) -> datetime:
    """An ISO 8601 instant with its offset, or InputError naming the field."""
    if not isinstance(value, str):
        raise InputError(
            f"{name} must be an ISO 8601 date and time, like 2026-11-20T14:30:00+01:00"
        )
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f'{name} "{value}" is not an ISO 8601 date and time') from None
    if parsed.tzinfo is None:
        raise InputError(f'{name} "{value}" must include its offset, like +01:00')
    return check_instant(parsed, f"{name} {value.strip()}")


def canonical_uuid(value: Any) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InputError("uuid is missing")
    if not isinstance(value, str):
        raise InputError(
            f'uuid must be text like "0b7c6a1e-8f51-4c3e-9d2a-5e4f3a2b1c0d", not {value!r:.40}'
        )
    try:
        return str(uuidlib.UUID(value.strip()))
    except ValueError:
        raise InputError(f'uuid "{value}" is not a UUID') from None


def build_record(source: str, where: str, data: Any) -> Record:
    """A validated record from one entry's fields, or the refusal of the whole file."""
    try:
        return _build(data, where)
    except InputError as exc:
        raise refusal(source, where, str(exc)) from None


def _build(data: Any, where: str) -> Record:
    if not isinstance(data, dict):
        raise InputError("is not an object with the entry's fields")
    unknown = sorted(set(data) - ENTRY_KEYS)
    if unknown:
        raise InputError(f'has an unknown field "{unknown[0]}"')
    uuid = canonical_uuid(data.get("uuid"))
    if data.get("occurred_at") in (None, ""):
        raise InputError("occurred_at (when it happened) is missing")
    occurred = instant(data["occurred_at"], "occurred_at")
    created = instant(data["created_at"], "created_at") if data.get("created_at") else occurred
    updated = instant(data["updated_at"], "updated_at") if data.get("updated_at") else created
    tags = data.get("tags") or []
    if not isinstance(tags, list):
        raise InputError("tags must be a list of {slug, polarity}")
    fields: dict[str, Any] = {name: data.get(name) for name in VALUE_COLUMNS}
    fields.update(
        uuid=uuid,
        occurred_at=occurred,
        tags=tags,
    )
    fields |= {name: _flag(data.get(name), name) for name in FLAG_COLUMNS}
    entry = validate(EntryIn, fields)
    items = data.get("action_items") or []
    if not isinstance(items, list):
        raise InputError("action_items must be a list")
    return Record(where, entry, created, updated, [_item(item, n) for n, item in enumerate(items)])


def _flag(value: Any, name: str) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    raise InputError(f"{name} must be true or false, not {value!r}")


def _item(data: Any, index: int) -> ActionItemData:
    if not isinstance(data, dict):
        raise InputError(f"action item {index + 1} is not an object with text and status")
    try:
        item = ActionItemIn.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"action item {index + 1}: {explain(exc)}") from None
    where = f"action item {index + 1}"
    check_instant(item.created_at, f"{where} created_at {item.created_at.isoformat()}")
    if item.closed_at is not None:
        check_instant(item.closed_at, f"{where} closed_at {item.closed_at.isoformat()}")
    return (item.text, item.status, item.created_at, item.closed_at)


SESSION_KEYS = frozenset({"held_at", "notes", "created_at", "agreements"})


def build_session(source: str, where: str, data: Any) -> SessionData:
    """A checked coaching session from an export, or the refusal of the whole file."""
    try:
        return _session(data)
    except InputError as exc:
        raise refusal(source, where, str(exc)) from None


def _session(data: Any) -> SessionData:
    from journal.store.coaching import AGREEMENTS_MAX, NOTES_MAX
    from journal.textrules import clean

    if not isinstance(data, dict):
        raise InputError("is not an object with held_at, notes and agreements")
    unknown = sorted(set(data) - SESSION_KEYS)
    if unknown:
        raise InputError(f'has an unknown field "{unknown[0]}"')
    if data.get("held_at") in (None, ""):
        raise InputError("held_at (when the session was held) is missing")
    held = instant(data["held_at"], "held_at")
    created = instant(data["created_at"], "created_at") if data.get("created_at") else held
    notes = clean(data.get("notes"), "notes", NOTES_MAX, one_line=False)
    items = data.get("agreements") or []
    if not isinstance(items, list) or len(items) > AGREEMENTS_MAX:
        raise InputError(f"agreements must be a list of at most {AGREEMENTS_MAX} action items")
    return SessionData(held, notes, created, [_item(item, n) for n, item in enumerate(items)])
