"""JSON and CSV exports: every field of every entry, for round trips and people's own analysis.

``journal.importers`` reads both back. Instants are ISO 8601 with their offset, in the user's
zone, to the microsecond, so an export imported into a fresh journal exports again identically.
Private entries are never passed in (the caller filters them out), so ``private`` is false.

CSV cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return) get a leading ``'``; so does a cell that really starts with ``'``, so
the importer can take exactly one ``'`` off any cell that starts with one.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from journal.entry import FIELDS, FLAG_COLUMNS, POLARITY_SIGNS, Kind
from journal.store import TEXT_FIELDS

if TYPE_CHECKING:
    from journal.rows import ActionItemRow, CoachingSessionRow
    from journal.store import EntryRow, TagUsage

FORMAT_NAME = "service-journal"
FORMAT_VERSION = 1
CSV_COLUMNS = (
    "uuid",
    "occurred_at",
    *(f.export for f in FIELDS if f.kind is not Kind.FLAG and (f.column or f.kind is Kind.TAGS)),
    *(f.export for f in FIELDS if f.column is None and f.kind is not Kind.TAGS),
    *FLAG_COLUMNS,
    "created_at",
    "updated_at",
)
"""The entry's own cells in the declaration's order, then what other tables hold as one JSON
cell each (the action items), then the flags, then its bookkeeping instants."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def instant(value: datetime | None, zone: tzinfo) -> str | None:
    return value.astimezone(zone).isoformat() if value is not None else None


def entry_record(entry: EntryRow, zone: tzinfo) -> dict[str, Any]:
    """One entry as the JSON export writes it (no database ids: entries are keyed by uuid)."""
    data: dict[str, Any] = {
        "uuid": entry.uuid,
        "occurred_at": instant(entry.occurred_at, zone),
        "created_at": instant(entry.created_at, zone),
        "updated_at": instant(entry.updated_at, zone),
    }
    for name in TEXT_FIELDS:
        data[name] = getattr(entry, name)
    for name in FLAG_COLUMNS:
        data[name] = getattr(entry, name)
    data["tags"] = [{"slug": t.slug, "polarity": t.polarity} for t in entry.tags]
    data["action_items"] = [item_record(item, zone) for item in entry.action_items]
    return data


def item_record(item: ActionItemRow, zone: tzinfo) -> dict[str, Any]:
    return {
        "text": item.text,
        "status": item.status,
        "created_at": instant(item.created_at, zone),
        "closed_at": instant(item.closed_at, zone),
    }


def session_record(session: CoachingSessionRow, zone: tzinfo) -> dict[str, Any]:
    """A coaching session as the JSON export writes it; import knows it by ``held_at``."""
    return {
        "held_at": instant(session.held_at, zone),
        "notes": session.notes,
        "created_at": instant(session.created_at, zone),
        "agreements": [item_record(item, zone) for item in session.agreements],
    }


def custom_tags(entries: list[EntryRow], catalogue: Iterable[TagUsage]) -> list[dict[str, str]]:
    """The user's own tags that the entries use (built-in ones exist in every journal)."""
    used = {t.slug for e in entries for t in e.tags}
    return [
        {"slug": t.slug, "group": t.group, "description": t.description}
        for t in sorted(catalogue, key=lambda t: t.slug)
        if t.slug in used and not t.builtin
    ]


def to_json(
    entries: list[EntryRow],
    catalogue: Iterable[TagUsage],
    zone: tzinfo,
    exported_at: datetime,
    sessions: Sequence[CoachingSessionRow] = (),
) -> str:
    """The whole export; ``coaching_sessions`` (oldest first) only when there are some, so a
    journal without sessions exports exactly as before they existed."""
    document: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": instant(exported_at, zone),
        "tags": custom_tags(entries, catalogue),
    }
    if sessions:
        document["coaching_sessions"] = [session_record(s, zone) for s in sessions]
    document["entries"] = [entry_record(e, zone) for e in entries]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def neutralise(cell: str) -> str:
    """Keep a spreadsheet from running the cell as a formula (reversed by ``restore``)."""
    if cell.startswith(FORMULA_STARTS) or cell.startswith("'"):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def tags_cell(entry: EntryRow) -> str:
    return ";".join(POLARITY_SIGNS[t.polarity] + t.slug for t in entry.tags)


def csv_row(entry: EntryRow, zone: tzinfo) -> list[str]:
    record = entry_record(entry, zone)
    row: list[str] = []
    for column in CSV_COLUMNS:
        if column == "tags":
            value = tags_cell(entry)
        elif column == "action_items":
            items = record["action_items"]
            value = json.dumps(items, ensure_ascii=False) if items else ""
        elif column in FLAG_COLUMNS:
            value = "true" if record[column] else "false"
        else:
            value = record[column] or ""
        row.append(neutralise(value))
    return row


def to_csv(entries: list[EntryRow], zone: tzinfo) -> str:
    """A header line, then one row per entry (RFC 4180 quoting, CRLF line ends)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        writer.writerow(csv_row(entry, zone))
    return out.getvalue()
