"""Plain-text presentation shared by the CLI and the app: dates, tag lists, an entry's fields."""

from __future__ import annotations

from datetime import datetime, tzinfo

from journal.store import EntryRow
from journal.values import OVERALL_MARKS, PERSPECTIVE_LABELS, TagMark

CAUSE_LABELS = {
    "skill": "the person's skill or attitude",
    "process": "a process or policy",
    "tools": "tools or systems",
    "staffing": "staffing or workload",
    "customer": "the customer's own situation",
    "environment": "the environment",
    "unknown": "unknown",
}
LEFT_LABELS = {"better": "better off", "same": "the same", "worse": "worse off"}
OVERALL_LABELS = {"well": "went well", "badly": "went badly", "mixed": "mixed"}


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
    return OVERALL_MARKS.get(overall or "", " ")


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
        ("When", local.strftime("%A %d %B %Y %H:%M %Z")),
        ("What happened", entry.what),
        ("Setting", entry.setting),
        ("Perspective", PERSPECTIVE_LABELS.get(entry.perspective or "")),
        ("Overall", OVERALL_LABELS.get(entry.overall or "")),
        ("Tags", tags_text(entry.tags) or None),
        ("Do differently", entry.differently),
        ("Situation", entry.situation),
        ("Behaviour", entry.behaviour),
        ("Impact", entry.impact),
        ("Why", CAUSE_LABELS.get(entry.why or "")),
        ("Lesson", entry.lesson),
        ("Action item", entry.action),
        ("Left them", LEFT_LABELS.get(entry.left_them or "")),
        ("Flagged", "yes, for coaching" if entry.flagged else None),
        ("Private", "yes, never exported" if entry.private else None),
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
