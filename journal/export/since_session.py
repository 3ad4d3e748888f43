"""The coaching document's ``## Since last session``: what became of the commitments.

A coach opens a session by asking what happened to what was agreed. This section answers from
the journal: the focus or foci chosen in the weekly reviews since the previous session, with the
range's entries that carry the tag (done well against done badly); every action item opened,
done, dropped or carried in the range, an entry's or a session's; the agreements of the previous
session and where each stands; how the self check-in answers moved from the first to the last
reviewed week of the range.

``collect`` reads it (through the store, no SQL here) for ``journal.export.coaching.gather``;
``lines`` writes it from ``CoachingData`` alone. Private entries and their action items are
never read into it. The headings are stable (docs/cli.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from journal.export import escape
from journal.weeks import week_of, weeks_through

if TYPE_CHECKING:
    from journal.export.coaching import CoachingData
    from journal.rows import CoachingSessionRow, EntryRow
    from journal.store.interface import JournalStore
    from journal.store.review_items import ItemActivity

HEADING = "## Since last session"
MAX_WEEKS = 60
"""Week reviews read for foci and check-ins: at most this many (the last ones of the range)."""
MAX_EVIDENCE = 12
"""Entries named per focus and sign; more are counted, not listed."""
_ANSWER_RANK = {"no": 0, "partly": 1, "yes": 2}
_DECIDED = {"done": "done", "dropped": "dropped", "carried": "carried over"}


@dataclass(frozen=True)
class FocusEvidence:
    """A focus chosen in the reviews of ``weeks``, and the range's entries carrying its tag."""

    tag: str
    weeks: list[str]
    plan: str | None
    outcome: str | None
    """How the last review that chose it said it went (done, dropped, carried), if marked."""
    well: list[EntryRow]
    badly: list[EntryRow]


@dataclass(frozen=True)
class SinceSession:
    """What ``## Since last session`` shows, already free of private entries."""

    session: CoachingSessionRow | None
    """The session held last before the range's end (its agreements are followed up)."""
    foci: list[FocusEvidence] = field(default_factory=list)
    items: list[ItemActivity] = field(default_factory=list)
    checkin_weeks: tuple[str, str] | None = None
    """The first and the last reviewed week of the range with check-in answers, if two."""
    checkin_moves: list[tuple[int, str | None, str | None]] = field(default_factory=list)
    """(question, first answer, last answer) for each question answered in either week."""

    @property
    def empty(self) -> bool:
        agreements = self.session.agreements if self.session else []
        return not (self.foci or self.items or agreements or self.checkin_moves)


def collect(
    store: JournalStore,
    start: datetime,
    end: datetime,
    entries: list[EntryRow],
    *,
    zone: tzinfo,
    week_start: str,
) -> SinceSession:
    """Read the section for [start, end); ``entries`` are the range's shared entries."""
    session = store.coaching.latest_session(before=end)
    first_day = start.astimezone(zone).date()
    last_day = _last_day(end, zone)
    held_day = session.held_at.astimezone(zone).date() if session else first_day
    weeks = weeks_through(
        week_of(min(first_day, held_day), week_start), week_of(last_day, week_start), MAX_WEEKS
    )
    reviews = store.review
    states = [state for state in (reviews.get_week(w) for w in weeks) if state is not None]
    foci: dict[str, FocusEvidence] = {}
    for state in states:
        if not state.focus_tag:
            continue
        earlier = foci.get(state.focus_tag)
        tag = state.focus_tag
        foci[tag] = FocusEvidence(
            tag=tag,
            weeks=[*(earlier.weeks if earlier else []), state.week],
            plan=state.focus_plan or (earlier.plan if earlier else None),
            outcome=state.focus_outcome,
            well=_marked(entries, tag, 1),
            badly=_marked(entries, tag, -1),
        )
    range_weeks = set(
        weeks_through(week_of(first_day, week_start), week_of(last_day, week_start), MAX_WEEKS)
    )
    reviewed = [w for w in reviews.reviewed_weeks() if w in range_weeks]
    history = reviews.checkin_history(reviewed) if reviewed else {}
    answered = [w for w in reviewed if history.get(w)]
    checkin_weeks: tuple[str, str] | None = None
    moves: list[tuple[int, str | None, str | None]] = []
    if len(answered) >= 2:
        first, last = answered[0], answered[-1]
        checkin_weeks = (first, last)
        numbers = sorted(set(history[first]) | set(history[last]))
        moves = [(n, history[first].get(n), history[last].get(n)) for n in numbers]
    return SinceSession(
        session=session,
        foci=list(foci.values()),
        items=reviews.item_activity(start, end),
        checkin_weeks=checkin_weeks,
        checkin_moves=moves,
    )


def lines(data: CoachingData) -> list[str]:
    """The section's Markdown blocks, or nothing when it has nothing to show."""
    since = data.since_session
    if since is None or since.empty:
        return []
    zone = data.zone
    blocks = [HEADING]
    if since.session is not None:
        blocks.append(
            escape.text(
                f"Last session: {_when(since.session.held_at, zone)} (session #{since.session.id})."
            )
        )
    else:
        blocks.append(escape.text("No coaching session is recorded before the end of this range."))
    if since.foci:
        blocks += ["### Focus since then", "\n".join(_focus(f, zone) for f in since.foci)]
    if since.items:
        blocks += ["### Action items in this range", "\n".join(_item(a, data) for a in since.items)]
    if since.session is not None and since.session.agreements:
        blocks.append("### Agreements of the last session")
        rows = []
        for item in since.session.agreements:
            status = _DECIDED.get(item.status, item.status)
            closed = f" {_day(item.closed_at, zone)}" if item.closed_at else ""
            text = f"{item.text} ({status}{closed}, action item #{item.id})"
            rows.append(f"- {checkbox(item.status)} {escape.text(text, indent='  ')}")
        blocks.append("\n".join(rows))
    if since.checkin_weeks is not None and since.checkin_moves:
        blocks += ["### Check-in", _checkin(since)]
    return blocks


# ----------------------------------------------------------------- pieces


def _focus(focus: FocusEvidence, zone: tzinfo) -> str:
    weeks = ", ".join(focus.weeks)
    outcome = f"; {_DECIDED[focus.outcome]}" if focus.outcome in _DECIDED else ""
    head = f"- **{escape.one_line(focus.tag)}** "
    head += escape.text(f"(chosen in the review of {weeks}{outcome})")
    if focus.plan:
        head += ": " + escape.text(focus.plan)
    out = [head]
    for label, found in (("done well", focus.well), ("done badly", focus.badly)):
        shown = ", ".join(_evidence(e, zone) for e in found[-MAX_EVIDENCE:])
        more = len(found) - MAX_EVIDENCE
        shown = f"{shown} and {more} earlier" if more > 0 else shown
        out.append("  - " + escape.text(f"{label} {len(found)}" + (f": {shown}" if shown else "")))
    return "\n".join(out)


def _evidence(entry: EntryRow, zone: tzinfo) -> str:
    observed = "" if entry.perspective == "provider" else " (observed)"
    return f"#{entry.id} {_short_day(entry.occurred_at, zone)}{observed}"


def _item(activity: ItemActivity, data: CoachingData) -> str:
    item, zone = activity.item, data.zone
    events = []
    if data.first_day <= activity.origin.astimezone(zone).date() <= data.last_day:
        events.append(f"opened {_short_day(activity.origin, zone)}")
    for week, decision, when in activity.decisions:
        events.append(f"{_DECIDED.get(decision, decision)} {_short_day(when, zone)} ({week})")
    last = activity.decisions[-1][1] if activity.decisions else None
    if item.status != "open" and item.status != last:
        # Closed outside the range (or by hand): say where it stands now.
        events.append(f"now {_DECIDED.get(item.status, item.status)}")
    if item.session_id is not None:
        source = f"agreed in session #{item.session_id}"
    else:
        source = f"from #{item.entry_id}: {activity.entry_what or ''}"
    text = escape.text(item.text, indent="  ")
    tail = escape.text(f"#{item.id} · {'; '.join(events)} · {source}", indent="  ")
    return f"- {checkbox(item.status)} {text}\\\n  {tail}"


def _checkin(since: SinceSession) -> str:
    from journal.review.checkin import QUESTIONS

    if since.checkin_weeks is None:
        return ""
    first, last = since.checkin_weeks
    rows = [escape.text(f"From the review of {first} to that of {last}:")]
    for number, before, after in since.checkin_moves:
        move = _move(before, after)
        text = f"{number}. {QUESTIONS[number - 1]} {before or '-'} → {after or '-'}{move}"
        rows.append("- " + escape.text(text))
    return "\n".join(rows)


def _move(before: str | None, after: str | None) -> str:
    if before not in _ANSWER_RANK or after not in _ANSWER_RANK:
        return ""
    change = _ANSWER_RANK[after] - _ANSWER_RANK[before]
    return " (up)" if change > 0 else " (down)" if change < 0 else " (same)"


def _marked(entries: list[EntryRow], slug: str, sign: int) -> list[EntryRow]:
    return [e for e in entries if any(t.slug == slug and t.polarity == sign for t in e.tags)]


def checkbox(status: str) -> str:
    """An item's checkbox in the document: ticked when done."""
    return "[x]" if status == "done" else "[ ]"


def _last_day(end: datetime, zone: tzinfo) -> date:
    return (end - timedelta(microseconds=1)).astimezone(zone).date()


def _day(value: datetime, zone: tzinfo) -> str:
    from journal.export.markdown import day_text

    return day_text(value.astimezone(zone).date())


def _short_day(value: datetime, zone: tzinfo) -> str:
    return _day(value, zone)[: -len(" 2026")]


def _when(value: datetime, zone: tzinfo) -> str:
    from journal.export.markdown import when_text

    return when_text(value, zone)
