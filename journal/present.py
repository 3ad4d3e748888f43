"""Plain-text presentation shared by the CLI and the app: dates, tag lists, an entry's fields."""

from __future__ import annotations

from datetime import datetime, tzinfo

from journal.entry import BY_NAME, FIELDS, WHEN_LABEL, EntryField, Kind, Overall
from journal.store import EntryRow
from journal.values import TagMark

FLAG_WORDS = {"flagged": "yes, for coaching", "private": "yes, never exported"}
"""How ``show`` and the coaching document word a set flag (others read "yes")."""


def short_when(value: datetime, zone: tzinfo) -> str:
    """``Sat 07 Nov 12:30`` in local time (year added when it is not this year)."""
    local = value.astimezone(zone)
    now = datetime.now(zone)
    fmt = "%a %d %b %H:%M" if local.year == now.year else "%a %d %b %Y %H:%M"
    return local.strftime(fmt)


def clip(text: str, width: int) -> str:
    """One line of at most ``width`` characters for a list's cell: runs of spaces and line
    breaks become one space, and a cut is marked with "…"."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def tags_text(tags: list[TagMark]) -> str:
    return " ".join(str(t) for t in tags)


def overall_mark(overall: str | None) -> str:
    return Overall(overall).symbol if overall in Overall.values() else " "


def choice_label(spec: EntryField, value: str | None) -> str | None:
    """A stored choice as people read it (the value itself when the vocabulary lacks it)."""
    if value is None or spec.vocabulary is None:
        return value
    return spec.vocabulary.labels().get(value, value)


def field_text(entry: EntryRow, name: str) -> str | None:
    """One declared field of ``entry`` as text to show, None when it is empty or unset."""
    spec = BY_NAME[name]
    value = getattr(entry, name)
    if spec.kind is Kind.CHOICE:
        return choice_label(spec, value)
    if spec.kind is Kind.TAGS:
        return tags_text(value) or None
    if spec.kind is Kind.FLAG:
        return FLAG_WORDS.get(name, "yes") if value else None
    return str(value) if value else None


def labelled(entry: EntryRow, *, skip: tuple[str, ...] = ()) -> list[tuple[str, str | None]]:
    """Every declared field of ``entry`` with its label, in the declaration's order."""
    return [(f.label, field_text(entry, f.name)) for f in FIELDS if f.name not in skip]


def one_line(entry: EntryRow, zone: tzinfo, width: int = 60) -> str:
    what = entry.what if len(entry.what) <= width else entry.what[: width - 1] + "…"
    parts = [
        f"#{entry.id:<5}",
        short_when(entry.occurred_at, zone),
        f"{(entry.setting or '-')[:20]:<20}",
        overall_mark(entry.overall),
        what,
    ]
    line = "  ".join(parts)
    return f"{line}  [{tags_text(entry.tags)}]" if entry.tags else line


def detail_lines(entry: EntryRow, zone: tzinfo) -> list[str]:
    """Every field with a label, empty ones left out, for ``show``."""
    local = entry.occurred_at.astimezone(zone)
    rows: list[tuple[str, str | None]] = [
        ("Entry", f"#{entry.id}" + ("  (in the trash)" if entry.trashed_at else "")),
        (WHEN_LABEL, local.strftime("%A %d %B %Y %H:%M %Z")),
        *labelled(entry),
        ("Reflected", "yes" if entry.reflected else "not yet"),
        ("UUID", entry.uuid),
    ]
    width = max(len(label) for label, _ in rows)
    lines: list[str] = []
    for label, value in rows:
        if not value:
            continue
        first, *rest = str(value).splitlines() or [""]
        lines.append(f"{label + ':':<{width + 1}} {first}")
        lines.extend(f"{'':<{width + 1}} {more}" for more in rest)
    return lines


def understood(entry: EntryRow, zone: tzinfo) -> str:
    """What was saved, for a person at a terminal: a misread time or tag is seen at once."""
    parts = [f"Saved #{entry.id} at {entry.occurred_at.astimezone(zone):%a %d %b %H:%M}"]
    parts += [v for v in (entry.setting, entry.perspective, entry.overall) if v]
    parts += [str(mark) for mark in entry.tags]
    return " · ".join(parts)
