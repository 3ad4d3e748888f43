"""The coaching document: a plain Markdown writer over ``CoachingData`` (no database here).

Every piece of text that came from the user (entries, settings, action items, custom tag groups
and descriptions, the plan and the questions) goes through ``journal.export.escape``; only the
writer's own headings, labels, list markers and checkboxes are Markdown. The output depends only
on the data (no "generated at" time, English month names whatever the locale), so the same
journal gives the same document.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from journal.entry import Overall
from journal.export import escape, since_session
from journal.present import field_text, labelled

if TYPE_CHECKING:
    from journal.export.coaching import CoachingData
    from journal.store import ActionItemRow, EntryRow

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_META_FIELDS = ("what", "setting", "perspective", "overall", "tags")
"""Fields an entry's heading and its meta line show; the field lists below leave them out."""
_FLAGGED_SKIPS = (*_META_FIELDS, "differently", "action", "left_them", "flagged", "private")
"""A flagged case ends with "next time I will", from the action item or the do-differently."""


def day_text(day: date) -> str:
    return f"{DAYS[day.weekday()]} {day.day:02d} {MONTHS[day.month - 1]} {day.year}"


def when_text(value: datetime, zone: tzinfo) -> str:
    local = value.astimezone(zone)
    return f"{day_text(local.date())} {local:%H:%M}"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def render(data: CoachingData) -> str:
    """The whole document; sections with nothing to show are left out."""
    from journal.export.practice_md import observed, own_service
    from journal.export.summary_md import summary
    from journal.export.trends_md import trends

    blocks: list[str] = [f"# Coaching notes: {escape.one_line(data.label)}", _intro(data)]
    # The Summary's agenda starts with a follow-up when there is a Since last session section.
    since = since_session.lines(data)
    blocks.extend(summary(data, follow_up=bool(since)))
    blocks.extend(since)
    if data.entries:
        for section in (
            own_service,
            observed,
            trends,
            _flagged,
            _action_items,
            _focus,
            _questions,
            _appendix,
            _glossary,
        ):
            blocks.extend(section(data))
    else:
        blocks.extend(_focus(data))
        blocks.extend(_questions(data))
        blocks.extend(_glossary(data))
    return "\n\n".join(block.rstrip("\n") for block in blocks) + "\n"


# ----------------------------------------------------------------- sections


def _intro(data: CoachingData) -> str:
    which = "entries flagged for coaching" if data.only_flagged else "all entries"
    lines = [f"{day_text(data.first_day)} to {day_text(data.last_day)}, {which}."]
    n = len(data.entries)
    if n:
        lines.append(f"{plural(n, 'entry', 'entries')} written out below.")
    elif data.only_flagged and data.unflagged_left_out:
        lines.append("No entries in this range are flagged for coaching.")
    else:
        lines.append("No entries to share in this range.")
    if data.only_flagged and data.unflagged_left_out:
        lines.append(f"{plural(data.unflagged_left_out, 'entry', 'entries')} not flagged left out.")
    private = data.private_left_out
    if private:
        lines.append(
            f"{plural(private, 'private entry', 'private entries')} left out "
            "(private entries are never exported)."
        )
    else:
        lines.append("No private entries were left out.")
    return "\n\n".join(escape.text(line) for line in lines)


def _flagged(data: CoachingData) -> list[str]:
    flagged = [e for e in data.entries if e.flagged]
    if not flagged:
        return []
    blocks = ["## Flagged for coaching"]
    for entry in flagged:
        blocks.append(f"### {escape.one_line(entry.what)}")
        blocks.append(escape.text(_meta(entry, data.zone)))
        fields: list[tuple[str, str | None]] = [
            *labelled(entry, skip=_FLAGGED_SKIPS),
        ]
        action = entry.action
        if entry.differently and action and entry.differently != action:
            fields.append(("What I would do differently", entry.differently))
        fields.append(("Next time I will", action or entry.differently))
        blocks.extend(_fields(fields))
    return blocks


def _action_items(data: CoachingData) -> list[str]:
    pending: list[tuple[ActionItemRow, EntryRow]] = []
    finished: list[tuple[ActionItemRow, EntryRow]] = []
    for entry in data.entries:
        for item in entry.action_items:
            (finished if item.status in ("done", "dropped") else pending).append((item, entry))
    if not pending and not finished:
        return []
    lines = []
    for item, entry in [*pending, *finished]:
        box = since_session.checkbox(item.status)
        status = {"carried": " (carried over)", "dropped": " (dropped)"}.get(item.status, "")
        source = f"from {day_text(entry.occurred_at.astimezone(data.zone).date())}: {entry.what}"
        text = escape.text(item.text + status, indent="  ")
        lines.append(f"- {box} {text}\\\n  {escape.text(source)}")
    return ["## Action items", "\n".join(lines)]


def _focus(data: CoachingData) -> list[str]:
    state = data.focus
    if state is None or not state.focus_tag:
        return []
    tag = data.catalogue.get(state.focus_tag)
    head = f"**{escape.one_line(state.focus_tag)}**"
    if tag is not None:
        head += f" ({escape.one_line(tag.group)}): {escape.text(tag.description)}"
    blocks = ["## Focus for next week", head]
    if state.focus_plan:
        blocks.append(f"Plan: {escape.text(state.focus_plan)}")
    blocks.append(escape.text(f"Chosen in the review of {state.week}."))
    return blocks


def _questions(data: CoachingData) -> list[str]:
    if not data.coach_questions:
        return []
    blocks = ["## Questions for the coach"]
    several = len(data.coach_questions) > 1
    for week, text in data.coach_questions:
        body = escape.text(text)
        blocks.append(f"**{escape.one_line(week)}:** {body}" if several else body)
    return blocks


def _appendix(data: CoachingData) -> list[str]:
    if not data.appendix:
        return []
    blocks = ["## Appendix: all entries"]
    for entry in data.entries:
        blocks.append(f"### {escape.one_line(entry.what)}")
        blocks.append(escape.text(_meta(entry, data.zone)))
        fields = labelled(entry, skip=(*_META_FIELDS, "private"))
        blocks.extend(_fields(fields))
    return blocks


def _glossary(data: CoachingData) -> list[str]:
    used: set[str] = set()
    for entry in data.entries:
        used.update(t.slug for t in entry.tags)
    if data.entries and data.practice is not None:
        own = data.practice.own
        used.update(p.slug for p in [*own.strengths, *own.growth])
        used.update(r.slug for r in data.recurring)
    if data.focus is not None and data.focus.focus_tag:
        used.add(data.focus.focus_tag)
    if not used:
        return []
    from journal.taxonomy import GROUPS

    order = {g: i for i, g in enumerate(GROUPS)}

    def key(slug: str) -> tuple[int, str, str]:
        tag = data.catalogue.get(slug)
        group = tag.group if tag else ""
        return (order.get(group, len(order)), group, slug)

    lines = []
    for slug in sorted(used, key=key):
        tag = data.catalogue.get(slug)
        line = f"- **{escape.one_line(slug)}**"
        if tag is not None:
            line += f" ({escape.one_line(tag.group)})"
            if tag.description:
                line += f": {escape.text(tag.description)}"
        lines.append(line)
    return ["## Glossary of tags", "\n".join(lines)]


# ----------------------------------------------------------------- helpers


def _meta(entry: EntryRow, zone: tzinfo) -> str:
    """One line: when, where, perspective, how it went, and the tags by sign."""
    parts = [when_text(entry.occurred_at, zone)]
    if entry.setting:
        parts.append(entry.setting)
    if entry.perspective:
        parts.append(field_text(entry, "perspective") or entry.perspective)
    if entry.overall:
        parts.append(Overall.labels().get(entry.overall, entry.overall))
    for sign, label in ((1, "done well"), (-1, "done badly"), (0, "sign unknown")):
        slugs = [t.slug for t in entry.tags if t.polarity == sign]
        if slugs:
            parts.append(f"{label}: {', '.join(slugs)}")
    return " · ".join(parts)


def _fields(fields: Iterable[tuple[str, str | None]]) -> list[str]:
    lines = [
        f"- **{label}:** {escape.text(value, indent='  ')}" for label, value in fields if value
    ]
    return ["\n".join(lines)] if lines else []


def item(lines: list[str]) -> str:
    """A list item whose lines are hard breaks, continuation lines indented under the text."""
    return "- " + "\\\n  ".join(escape.text(line, indent="  ") for line in lines)
