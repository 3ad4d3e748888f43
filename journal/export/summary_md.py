"""The document's ``## Summary``: one printed page a coach can run a 45-minute session from.

It names the counts, one win, the main pattern of the user's own practice, the flagged cases
and the questions, then suggests an agenda whose minutes add up to ``SESSION_MINUTES``. Long
lists are cut (``MAX_LISTED``) and long texts shortened, so the section stays within a page
(``MAX_LINES``) whatever the range holds; the sections below carry the detail.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from journal.export import escape
from journal.export.markdown import day_text, plural

if TYPE_CHECKING:
    from journal.export.coaching import CoachingData
    from journal.rows import EntryRow

SESSION_MINUTES = 45
MAX_LISTED = 5
"""Flagged cases and questions named in the Summary; the rest are counted."""
MAX_TEXT = 110
"""Characters of a user's text quoted in the Summary."""
MAX_LINES = 55
"""A printed page: the tests hold the Summary of a busy month to it."""


def summary(data: CoachingData, *, follow_up: bool = False) -> list[str]:
    """The Summary; ``follow_up`` when the document has a Since last session to go through."""
    if not data.entries and not data.coach_questions:
        return []
    items = [_counts(data)]
    win, is_win = _win(data)
    if win is not None:
        label = "One win" if is_win else "Done well"
        items.append(f"**{label}:** {escape.text(_short(_dated(win, data)))}")
    pattern_line, pattern_slug = _pattern(data)
    if pattern_line:
        items.append(pattern_line)
    flagged = [e for e in data.entries if e.flagged]
    if flagged:
        items.append(f"**Flagged for coaching:** {plural(len(flagged), 'case')}")
        items += [f"  - {escape.text(_short(_dated(e, data)))}" for e in flagged[:MAX_LISTED]]
        if len(flagged) > MAX_LISTED:
            items.append(f"  - and {len(flagged) - MAX_LISTED} more below")
    questions = [text for _, text in data.coach_questions]
    if questions:
        items.append(f"**Questions for the coach:** {len(questions)}")
        items += [f"  - {escape.text(_short(q))}" for q in questions[:MAX_LISTED]]
        if len(questions) > MAX_LISTED:
            items.append(f"  - and {len(questions) - MAX_LISTED} more below")
    lines = [line if line.startswith("  ") else f"- {line}" for line in items]
    agenda = [
        f"- {minutes} min: {escape.text(label)}"
        for label, minutes in agenda_items(
            follow_up=follow_up,
            win=win is not None,
            pattern=pattern_slug,
            flagged=len(flagged),
            questions=len(questions),
        )
    ]
    return [
        "## Summary",
        "\n".join(lines),
        f"**Suggested agenda ({SESSION_MINUTES} minutes)**",
        "\n".join(agenda),
    ]


@dataclass
class _Part:
    label: str
    minutes: int
    cap: int
    place: int
    """Its place in the session's running order."""


def agenda_items(
    *, follow_up: bool, win: bool, pattern: str | None, flagged: int, questions: int
) -> list[tuple[str, int]]:
    """The session's parts with minutes adding up to ``SESSION_MINUTES``.

    Each part starts with its share and grows five minutes at a time, in order of priority
    (follow-up, flagged cases, pattern, win, questions, next week), up to a cap (ten minutes a
    flagged case, five a question); what no part can take is left to an open discussion before
    agreeing next week, so one flagged case never fills a whole session. When the parts'
    shares exceed the session, the longest part gives minutes back first.
    """
    parts: list[_Part] = []
    if follow_up:
        parts.append(_Part("Follow up the agreements and the focus since last session", 10, 15, 0))
    if flagged:
        label = f"The flagged {'case' if flagged == 1 else 'cases'}"
        parts.append(_Part(label, min(20, 5 * flagged), min(25, 10 * flagged), 3))
    if pattern:
        parts.append(_Part(f"The main pattern: {pattern}", 10, 15, 2))
    if win:
        parts.append(_Part("What went well, and how to repeat it", 5, 10, 1))
    if questions:
        parts.append(_Part("Questions for the coach", 5, min(15, 5 * questions), 4))
    parts.append(_Part("Agree next week's focus and action items", 5, 10, 6))
    spare = SESSION_MINUTES - sum(p.minutes for p in parts)
    while spare >= 5 and any(p.minutes < p.cap for p in parts):
        for part in parts:
            if spare >= 5 and part.minutes < part.cap:
                part.minutes += 5
                spare -= 5
    while spare < 0:  # too much to fit: the longest part gives five minutes back
        longest = max(parts, key=lambda p: p.minutes)
        longest.minutes -= 5
        spare += 5
    if spare > 0:
        parts.append(_Part("Open discussion", spare, spare, 5))
    return [(p.label, p.minutes) for p in sorted(parts, key=lambda p: p.place)]


# ----------------------------------------------------------------- pieces


def _counts(data: CoachingData) -> str:
    counts = data.summary.counts
    text = (
        f"{counts.entries}: went well {counts.well}, went badly {counts.badly}, "
        f"mixed {counts.mixed}"
    )
    if data.practice is not None:
        own, seen = data.practice.own.entries, data.practice.observed.entries
        text += f"; my own service {own}, observed {seen}"
        if data.practice.unset:
            text += f", perspective not set {data.practice.unset}"
    return f"**Entries:** {escape.text(text)}"


def _win(data: CoachingData) -> tuple[EntryRow | None, bool]:
    """The own win the user reflected on most (True), else the best example of the first own
    strength (False), else nothing."""
    if data.practice is None:
        return None, False
    own = data.practice.own
    if own.wins:
        return own.wins[0], True
    if own.strengths:
        return own.strengths[0].examples[0], False
    return None, False


def _pattern(data: CoachingData) -> tuple[str | None, str | None]:
    """The Summary's pattern line and the slug the agenda names."""
    from journal.review.practice import main_pattern

    if data.practice is None or not data.practice.own.entries:
        return None, None
    if data.recurring:
        top = data.recurring[0]
        text = (
            f"**Main pattern of my own service:** **{escape.one_line(top.slug)}** "
            f"({escape.one_line(top.group)}) "
            + escape.text(f"done badly {top.count} times, recurring")
        )
        return text, top.slug
    found = main_pattern(data.practice.own)
    if found is None:
        return (
            "**Main pattern of my own service:** "
            + escape.text("none yet; every mark of my own service occurred once."),
            None,
        )
    verb = "done well" if found.sign > 0 else "done badly"
    text = (
        f"**Main pattern of my own service:** **{escape.one_line(found.slug)}** "
        f"({escape.one_line(found.group)}) " + escape.text(f"{verb} {found.count} times")
    )
    return text, found.slug


def _dated(entry: EntryRow, data: CoachingData) -> str:
    return f"{day_text(entry.occurred_at.astimezone(data.zone).date())}: {entry.what}"


def _short(text: str) -> str:
    one = " ".join(text.split())
    return one if len(one) <= MAX_TEXT else one[: MAX_TEXT - 1].rstrip() + "…"
