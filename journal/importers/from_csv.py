"""The CSV export read back: a header naming the columns, then one entry per row.

Only ``uuid``, ``occurred_at`` and ``what`` are required columns, in any order; a column the
export does not write is refused (so that a typo is not silently ignored). Tags the journal does
not know are created in the group "Imported", as the CSV carries no tag groups.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from journal.entry import FLAG_COLUMNS
from journal.errors import InputError
from journal.export.data import CSV_COLUMNS, restore
from journal.importers import IMPORTED_GROUP, Batch, Record, refusal
from journal.importers.records import build_record
from journal.importers.stream import (
    MAX_TEXT,
    BoundedStream,
    LimitExceeded,
    not_utf8,
    text_lines,
    value_of,
)

REQUIRED = ("uuid", "occurred_at", "what")
TRUE = ("true", "yes", "1")
FALSE = ("false", "no", "0", "")
SIGN_VALUES = {"+": 1, "-": -1, "?": 0}


def parse_csv(stream: BoundedStream, source: str) -> Batch:
    """The CSV read a row at a time as it streams in (no row longer than the bounds allow)."""
    batch = Batch(source, [], unknown_tags_group=IMPORTED_GROUP)
    batch.records = _records(stream, source)
    return batch


def _records(stream: BoundedStream, source: str) -> Iterator[Record]:
    try:
        yield from _rows(csv.reader(text_lines(stream), strict=True), source)
    except UnicodeDecodeError:
        raise not_utf8(source) from None


def _rows(reader: Any, source: str) -> Iterator[Record]:
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise refusal(source, "line 1", f"is not valid CSV ({exc})") from None
    if not header or not any(cell.strip() for cell in header):
        raise InputError(f"Nothing was imported: {source} is empty or has no header line.")
    columns = [restore(cell).strip().lower() for cell in header]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise InputError(
            f"Nothing was imported: {source} is not a Service Journal CSV export (the header "
            f"line lacks the column {missing[0]})."
        )
    for column in columns:
        if column not in CSV_COLUMNS:
            raise refusal(source, "line 1", f'the column "{column}" is not one the export writes')
        if columns.count(column) > 1:
            raise refusal(source, "line 1", f'the column "{column}" appears twice')
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader, None)
        except csv.Error as exc:
            raise refusal(source, f"line {line}", f"is not valid CSV ({exc})") from None
        if row is None:
            break
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        where = f"line {line}"
        if len(row) != len(columns):
            raise refusal(
                source, where, f"has {len(row)} cells where the header names {len(columns)}"
            )
        if any(len(cell) > MAX_TEXT for cell in row):
            raise refusal(source, where, f"holds a cell longer than {MAX_TEXT:,} characters")
        try:
            data = _fields(dict(zip(columns, (restore(c) for c in row), strict=True)))
        except InputError as exc:
            raise refusal(source, where, str(exc)) from None
        yield build_record(source, where, data)


def _fields(cells: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for column, cell in cells.items():
        if column == "tags":
            data["tags"] = _tags(cell)
        elif column == "action_items":
            data["action_items"] = _items(cell)
        elif column in FLAG_COLUMNS:
            value = cell.strip().lower()
            if value not in TRUE + FALSE:
                raise InputError(f'{column} must be true or false, not "{cell}"')
            data[column] = value in TRUE
        else:
            data[column] = cell if cell != "" else None
    return data


def _tags(cell: str) -> list[dict[str, Any]]:
    """``+slug;-slug;?slug`` (a slug without a sign counts as done well)."""
    marks: list[dict[str, Any]] = []
    for part in cell.split(";"):
        part = part.strip()
        if not part:
            continue
        polarity = SIGN_VALUES.get(part[0])
        if polarity is None:
            marks.append({"slug": part, "polarity": 1})
        else:
            marks.append({"slug": part[1:], "polarity": polarity})
    return marks


def _items(cell: str) -> list[Any]:
    if not cell.strip():
        return []
    try:
        items = value_of(cell.encode("utf-8", "surrogatepass"), "action_items")
    except LimitExceeded as exc:
        raise InputError(f"action_items {exc.phrase}") from None
    except InputError:
        raise InputError(
            "action_items must be a JSON list of {text, status, created_at, closed_at}"
        ) from None
    if not isinstance(items, list):
        raise InputError(
            "action_items must be a JSON list of {text, status, created_at, closed_at}"
        )
    return items
