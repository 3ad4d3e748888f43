"""Writing the demo month into a journal: the entries, the weekly reviews and the sessions.

Everything is laid out backwards from an injected "now", and the store's clock is moved along
with the story (an entry is written minutes after it happened, a week is reviewed on the
evening it ends), so the same seed and "now" give the same journal, timestamps included.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from journal.config import Settings
from journal.demo.scenes import SCENES, SESSIONS
from journal.schemas import EntryIn, validate
from journal.store.interface import JournalStore
from journal.values import TagMark
from journal.weeks import shift_week, week_bounds, week_of


@dataclass
class DemoClock:
    """The store's clock while the demo is written: set to each moment of the story in turn,
    then (``at`` None) the real time again, for what the user writes in the demo afterwards."""

    at: datetime | None = None

    def __call__(self) -> datetime:
        return datetime.now(UTC) if self.at is None else self.at.astimezone(UTC)


CHECKINS: tuple[str, ...] = (
    "partly yes partly yes no partly no partly no partly",
    "yes yes partly yes partly partly partly yes partly partly",
    "yes yes partly yes yes partly yes yes partly partly",
    "yes yes yes yes yes partly partly yes no partly",
    "yes yes yes yes yes yes yes yes partly yes",
)
"""The self check-in of each reviewed week, oldest first: a slow climb with the slip's dip."""

FOCUS_PLANS: tuple[tuple[int, str, str], ...] = (
    (30, "acknowledged", "I look up and greet anyone at the counter within five seconds"),
    (20, "needs-asked", "I ask one question about the job before recommending anything"),
    (13, "acknowledged", "when the queue builds, I tell each newcomer I'll be right with them"),
    (4, "farewell", "I thank each customer and say goodbye before the next one"),
)
"""(day, tag, plan): from that day on, the focus a weekly review chooses for the next week."""

ITEM_FATES: dict[str, tuple[str, ...]] = {
    "Look up and greet anyone at the counter within five seconds, even mid-task": (
        "carried",
        "done",
    ),
    "Write every promised call back in the shared calendar with its time": ("done",),
    "Ask one question about the job before recommending anything": ("carried", "done"),
    'Say "I\'ll be right with you" to everyone who joins the queue': ("done",),
    "Check each cut key against the original before handing it over": ("carried",),
    "Keep the phone in the drawer while someone is at the counter": ("done",),
    "Bring two moments of my own greeting, good or bad, to the next session": ("done",),
    "Ask the shift lead for a second person at the morning rush": ("dropped",),
}
"""What each weekly review after an action item's creation decides about it, in turn."""

QUESTIONS: tuple[tuple[int, str], ...] = (
    (13, "How do I keep greeting people when I'm alone and the queue builds?"),
    (0, "Is it all right to sell less when the customer needs less?"),
)
"""(day, question): asked in the first weekly review after that day, else in this week's."""


def entry_times(now: datetime, zone: tzinfo, seed: int) -> list[datetime]:
    """When each scene happened: its day and hour with a minute from the seed, never later than
    ``now`` (today's scenes that would be later are moved to the half hours before it)."""
    rng = random.Random(seed)
    today = now.astimezone(zone).date()
    times = [
        datetime.combine(today - timedelta(days=one.day), time(one.hour), zone).replace(
            minute=rng.choice((0, 10, 25, 40, 55))
        )
        for one in SCENES
    ]
    late = [i for i, at in enumerate(times) if at > now - timedelta(minutes=10)]
    for rank, index in enumerate(late):
        times[index] = now - timedelta(minutes=35 * (len(late) - rank))
    return times


def fill(
    store: JournalStore, zone: tzinfo, now: datetime, seed: int = 7, clock: DemoClock | None = None
) -> list[int]:
    """Add the month's entries, oldest first; returns their ids.

    ``clock`` is the store's clock when the caller opened the store with one: each entry is
    then written ten minutes after it happened.
    """
    ids: list[int] = []
    for one, at in zip(SCENES, entry_times(now, zone, seed), strict=True):
        if clock is not None:
            clock.at = min(at + timedelta(minutes=10), now)
        data = dict(one.fields)
        data["tags"] = [TagMark.parse(t) for t in str(one.fields["tags"]).split()]
        data["occurred_at"] = at
        ids.append(store.add(validate(EntryIn, data)).id)
    return ids


def follow_up(
    store: JournalStore, settings: Settings, now: datetime, clock: DemoClock | None = None
) -> None:
    """The coaching sessions and the weekly reviews of the month, in the order they happened."""
    zone = settings.zone()
    weeks = list(_reviewed_weeks(settings, now))
    events: list[tuple[datetime, str, int]] = [
        (at, label, index) for index, (label, at) in enumerate(weeks)
    ]
    for number, session in enumerate(SESSIONS):
        day = now.astimezone(zone).date() - timedelta(days=session.day)
        held = datetime.combine(day, time(session.hour), zone)
        events.append((min(held, now - timedelta(hours=3)), "", number))
    story = _Story(
        store,
        zone,
        now.astimezone(zone).date(),
        {text: list(steps) for text, steps in ITEM_FATES.items()},
        list(QUESTIONS),
    )
    for at, week, number in sorted(events):
        if clock is not None:
            clock.at = at
        if not week:
            session = SESSIONS[number]
            store.coaching.add_session(at, session.notes, session.agreements)
            continue
        answers = CHECKINS[max(0, min(len(CHECKINS) - len(weeks) + number, len(CHECKINS) - 1))]
        story.review(week, at, answers)
    if clock is not None:
        clock.at = now - timedelta(minutes=5)
    if story.questions:  # asked after the last review: on this week's
        this_week = week_of(now.astimezone(zone).date(), settings.week_start)
        store.review.set_coach_questions(this_week, "\n".join(q for _, q in story.questions))


def _reviewed_weeks(settings: Settings, now: datetime) -> Iterable[tuple[str, datetime]]:
    """Each week before this one since the first scene, with when it was reviewed: the evening
    it ends (or a little before now, for a week that ended moments ago)."""
    zone = settings.zone()
    this_week = week_of(now.astimezone(zone).date(), settings.week_start)
    first_day = now.astimezone(zone).date() - timedelta(days=max(s.day for s in SCENES))
    label = week_of(first_day, settings.week_start)
    while label != this_week:
        _, end = week_bounds(label, zone, settings.week_start)
        yield label, min(end - timedelta(hours=4, minutes=30), now - timedelta(hours=2))
        label = shift_week(label, 1)


@dataclass
class _Story:
    """What the weekly reviews carry from one to the next while the month is written."""

    store: JournalStore
    zone: tzinfo
    today: date
    fates: dict[str, list[str]]
    questions: list[tuple[int, str]]
    focus: tuple[str, tuple[str, str]] | None = None
    """The week of the last review and the focus (tag, plan) it chose."""

    def review(self, week: str, at: datetime, checkin: str) -> None:
        """One weekly review: decisions on the open items, the last focus's outcome, the
        check-in, the next focus, questions for the coach, and the week marked reviewed."""
        reviews = self.store.review
        for item in self.store.action_items():
            steps = self.fates.get(item.text)
            if steps and item.status in ("open", "carried") and item.created_at <= at:
                reviews.decide_action(week, item.id, steps.pop(0))
        days_ago = (self.today - at.astimezone(self.zone).date()).days
        focus = next((tag, plan) for day, tag, plan in reversed(FOCUS_PLANS) if day >= days_ago)
        if self.focus is not None:
            last_week, last_focus = self.focus
            reviews.set_focus_outcome(last_week, "carried" if last_focus == focus else "done")
        reviews.save_checkin(week, dict(enumerate(checkin.split(), start=1)))
        reviews.set_focus(week, *focus)
        asked = [q for q in self.questions if q[0] >= days_ago]
        if asked:
            reviews.set_coach_questions(week, "\n".join(text for _, text in asked))
            self.questions = [q for q in self.questions if q not in asked]
        reviews.mark_reviewed(week)
        self.focus = (week, focus)
