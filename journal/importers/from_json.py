"""The JSON export (``"format": "service-journal"``, version 1) read back."""

from __future__ import annotations

import json
from typing import Any

from journal.errors import InputError
from journal.export.data import FORMAT_NAME, FORMAT_VERSION
from journal.importers import Batch, NewTag, refusal
from journal.importers.records import build_record
from journal.schemas import TagIn, validate

TOP_KEYS = frozenset({"format", "version", "exported_at", "tags", "entries"})


def load(text: str, source: str) -> Any:
    """Parsed JSON, or one sentence saying where it stops being JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"Nothing was imported: {source} is not valid JSON ({exc.msg.lower()} at line "
            f"{exc.lineno}, column {exc.colno})."
        ) from None


def looks_like_jrnl(doc: Any) -> bool:
    entries = doc.get("entries") if isinstance(doc, dict) else None
    return (
        isinstance(entries, list)
        and bool(entries)
        and isinstance(entries[0], dict)
        and "title" in entries[0]
        and "date" in entries[0]
    )


def parse_json(text: str, source: str) -> Batch:
    doc = load(text, source)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        hint = "; for a jrnl export add --format jrnl" if looks_like_jrnl(doc) else ""
        raise InputError(
            f'Nothing was imported: {source} is not a Service Journal export (it lacks "format": '
            f'"{FORMAT_NAME}"){hint}.'
        )
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError(
            f'Nothing was imported: {source} has no valid "version" (expected {FORMAT_VERSION}).'
        )
    if version > FORMAT_VERSION:
        raise InputError(
            f"Nothing was imported: {source} was written by a newer Service Journal (format "
            f"version {version}); upgrade service-journal to import it."
        )
    unknown = sorted(set(doc) - TOP_KEYS)
    if unknown:
        raise InputError(f'Nothing was imported: {source} has an unknown key "{unknown[0]}".')
    tags_data = doc.get("tags") or []
    entries = doc.get("entries")
    if not isinstance(tags_data, list):
        raise InputError(f'Nothing was imported: {source}: "tags" must be a list.')
    if not isinstance(entries, list):
        raise InputError(f'Nothing was imported: {source}: "entries" must be a list.')
    tags = [_tag(source, index, item) for index, item in enumerate(tags_data)]
    records = [
        build_record(source, f"entry {index + 1} (index {index})", item)
        for index, item in enumerate(entries)
    ]
    return Batch(source, records, tags)


def _tag(source: str, index: int, data: Any) -> NewTag:
    where = f"tag {index + 1} (index {index}) of the tag list"
    if not isinstance(data, dict):
        raise refusal(source, where, "is not an object with slug, group and description")
    try:
        tag = validate(
            TagIn,
            {
                "slug": data.get("slug"),
                "group": data.get("group"),
                "description": data.get("description") or "",
            },
        )
    except InputError as exc:
        raise refusal(source, where, str(exc)) from None
    return NewTag(tag.slug, tag.group, tag.description)
