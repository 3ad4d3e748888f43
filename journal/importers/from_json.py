"""The JSON export (``"format": "service-journal"``, version 1) read back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, BinaryIO

from journal.errors import InputError
from journal.export.data import FORMAT_NAME, FORMAT_VERSION
from journal.importers import Batch, NewTag, Record, SessionData, refusal
from journal.importers.records import build_record
from journal.schemas import TagIn, validate

if TYPE_CHECKING:
    from journal.importers.stream import BoundedStream

TOP_KEYS = frozenset({"format", "version", "exported_at", "tags", "coaching_sessions", "entries"})


def load(data: str | BinaryIO, source: str) -> Any:
    """A whole JSON document within the stream's bounds, or one sentence saying what is wrong.

    For small documents only (a jrnl file's header); exports are read with ``members``.
    """
    from journal.importers.stream import BoundedStream, value_of

    if isinstance(data, str):
        return value_of(data.encode("utf-8", "surrogatepass"), source)
    stream = data if isinstance(data, BoundedStream) else BoundedStream(data, source)
    return value_of(stream.read(), source)


def looks_like_jrnl(doc: Any) -> bool:
    entries = doc.get("entries") if isinstance(doc, dict) else None
    return (
        isinstance(entries, list)
        and bool(entries)
        and isinstance(entries[0], dict)
        and "title" in entries[0]
        and "date" in entries[0]
    )


def _not_ours(source: str, doc: Any) -> InputError:
    hint = "; for a jrnl export add --format jrnl" if looks_like_jrnl(doc) else ""
    return InputError(
        f'Nothing was imported: {source} is not a Service Journal export (it lacks "format": '
        f'"{FORMAT_NAME}"){hint}.'
    )


def _check_header(doc: dict[str, Any], source: str) -> None:
    if doc.get("format") != FORMAT_NAME:
        raise _not_ours(source, doc)
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
    if not isinstance(tags_data, list):
        raise InputError(f'Nothing was imported: {source}: "tags" must be a list.')


def parse_json(stream: BoundedStream, source: str) -> Batch:
    """The export read as it streams in: once the header (format, version, tags) has been read,
    which the export writes first, each entry is checked and handed on as soon as it is read.
    A file written in another order is read whole first, then checked the same way."""
    batch = Batch(source, [])
    batch.records = _records(stream, source, batch)
    return batch


def _records(stream: BoundedStream, source: str, batch: Batch) -> Iterator[Record]:
    from journal.importers.stream import NotAnObject, members

    doc: dict[str, Any] = {}
    held: list[Any] = []
    index = 0
    streaming = False
    try:
        for key, value in members(stream, source, "entries"):
            if key == "entries.start":
                doc["entries"] = []
                continue
            if key != "entries.item":
                doc[key] = value
                if key == "coaching_sessions":
                    batch.sessions.extend(_sessions(source, value))
                if key == "entries":
                    raise InputError(f'Nothing was imported: {source}: "entries" must be a list.')
                if key in ("tags", "format", "version") or key not in TOP_KEYS:
                    _check_header_so_far(doc, source)
                continue
            if not streaming and "format" in doc and "version" in doc and "tags" in doc:
                _check_header(doc, source)
                batch.tags.extend(_tags(source, doc))
                streaming = True
            if streaming:
                yield build_record(source, f"entry {index + 1} (index {index})", value)
            else:
                held.append(value)
            index += 1
    except NotAnObject:
        raise _not_ours(source, None) from None
    if "entries" not in doc:
        _check_header(doc, source)
        raise InputError(f'Nothing was imported: {source}: "entries" must be a list.')
    if streaming:
        return
    doc["entries"] = held
    _check_header(doc, source)
    batch.tags.extend(_tags(source, doc))
    for n, item in enumerate(held):
        yield build_record(source, f"entry {n + 1} (index {n})", item)


def _check_header_so_far(doc: dict[str, Any], source: str) -> None:
    """Refuse early what is already known to be wrong (before the entries are read)."""
    if "format" in doc and doc["format"] != FORMAT_NAME:
        return  # said once the whole file is read, with the jrnl hint if it applies
    if "format" in doc and "version" in doc:
        _check_header(doc, source)


def _sessions(source: str, data: Any) -> list[SessionData]:
    from journal.importers.records import build_session

    if not isinstance(data, list):
        raise InputError(f'Nothing was imported: {source}: "coaching_sessions" must be a list.')
    return [
        build_session(source, f"coaching session {n + 1} (index {n})", item)
        for n, item in enumerate(data)
    ]


def _tags(source: str, doc: dict[str, Any]) -> list[NewTag]:
    return [_tag(source, index, item) for index, item in enumerate(doc.get("tags") or [])]


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
