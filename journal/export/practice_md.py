"""The document's ``## My own service`` and ``## What I observed`` sections.

Own service is counted from ``provider`` entries only, observation from ``witnessed`` and
``customer`` entries (``journal.review.practice``), so a week of watching a good mechanic never
reads as the user's own strength. User text goes through ``journal.export.escape``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journal.export import escape
from journal.export.markdown import day_text, item, plural, when_text

if TYPE_CHECKING:
    from datetime import tzinfo

    from journal.export.coaching import CoachingData
    from journal.review.model import Recurring
    from journal.review.practice import Case, Pattern, Recovery
    from journal.rows import EntryRow


def own_service(data: CoachingData) -> list[str]:
    """Strengths, growth areas, recurring problems, recoveries and wins of provider entries."""
    practice = data.practice
    if practice is None or not practice.own.entries:
        return []
    own = practice.own
    n = own.entries
    blocks = [
        "## My own service",
        escape.text(
            f"From the {plural(n, 'entry', 'entries')} where I was the one serving; "
            "what I watched or lived as a customer is in What I observed."
        ),
    ]
    for title, patterns in (("Strengths", own.strengths), ("Growth areas", own.growth)):
        if patterns:
            blocks += [f"### {title}", _patterns(patterns, data.zone)]
    if data.recurring:
        blocks += [
            "### Recurring problems",
            escape.text("Done badly 3 or more times in the range and the three weeks before it."),
            _recurring(data.recurring),
        ]
    if own.recoveries:
        blocks += ["### Recoveries", _recoveries(own.recoveries, data.zone)]
    if own.wins:
        wins = []
        for entry in own.wins:
            lines = [f"{when_text(entry.occurred_at, data.zone)}: {entry.what}"]
            if entry.lesson:
                lines.append(f"Lesson: {entry.lesson}")
            if entry.left_them == "better":
                lines.append("They left better off.")
            wins.append(item(lines))
        blocks += ["### Wins", "\n".join(wins)]
    return blocks


def observed(data: CoachingData) -> list[str]:
    """Models to copy and mistakes to avoid, with what I would do differently; recoveries."""
    practice = data.practice
    if practice is None or not practice.observed.entries:
        return []
    seen = practice.observed
    n = seen.entries
    blocks = [
        "## What I observed",
        escape.text(
            f"From the {plural(n, 'entry', 'entries')} I witnessed or lived as the customer: "
            "other people's service, to learn from."
        ),
    ]
    for title, cases, sign in (("Models to copy", seen.models, "+"), ("To avoid", seen.avoid, "-")):
        if cases:
            blocks += [f"### {title}", "\n".join(_case(c, sign, data.zone) for c in cases)]
    if seen.recoveries:
        blocks += ["### Recoveries", _recoveries(seen.recoveries, data.zone)]
    return blocks


# ----------------------------------------------------------------- pieces


def _patterns(patterns: list[Pattern], zone: tzinfo) -> str:
    items = []
    for p in patterns:
        verb = "done well" if p.sign > 0 else "done badly"
        times = "once" if p.once else f"{p.count} times"
        head = f"- **{escape.one_line(p.slug)}** ({escape.one_line(p.group)}): "
        head += escape.text(f"{verb} {times}")
        lines = [head]
        for entry in p.examples:
            lines.append("  - " + escape.text(_example(entry, zone), indent="    "))
        items.append("\n".join(lines))
    return "\n".join(items)


def _example(entry: EntryRow, zone: tzinfo) -> str:
    text = f"{when_text(entry.occurred_at, zone)}: {entry.what}"
    if entry.lesson:
        text += f" (lesson: {' '.join(entry.lesson.split())})"
    return text


def _recurring(recurring: list[Recurring]) -> str:
    lines = []
    for r in recurring:
        head = f"- **{escape.one_line(r.slug)}** ({escape.one_line(r.group)}): "
        lines.append(head + escape.text(f"done badly {r.count} times"))
    return "\n".join(lines)


def _case(case: Case, sign: str, zone: tzinfo) -> str:
    entry = case.entry
    where = f", {entry.setting}" if entry.setting else ""
    marks = " ".join(sign + slug for slug in case.slugs)
    lines = [f"{day_text(entry.occurred_at.astimezone(zone).date())}{where}: {entry.what}"]
    if marks:
        lines[0] += f" ({marks})"
    if case.differently:
        lines.append(f"I would: {case.differently}")
    return item(lines)


def _recoveries(recoveries: list[Recovery], zone: tzinfo) -> str:
    items = []
    for r in recoveries:
        wrong = ", ".join(r.problems)
        fixed = ", ".join(r.remedies)
        lines = [
            f"{when_text(r.entry.occurred_at, zone)}: {r.entry.what}",
            f"Went wrong: {wrong}; put right: {fixed}.",
        ]
        items.append(item(lines))
    return "\n".join(items)
