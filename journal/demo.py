"""A realistic month of demo entries, so every screen has something to show.

``python -m journal.demo PATH`` fills a new journal at PATH (``make demo`` does this in a
temporary folder and opens the app on it). The scenes are written for this product; the dates
are laid out backwards from today so that the current week, the previous four and a reviewed
week all have entries. The same seed gives the same journal on the same day.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from journal.config import Settings
from journal.entry import FIELDS, REFLECTED_BY, Kind, Stage
from journal.schemas import EntryIn, validate
from journal.store import open_store
from journal.store.interface import JournalStore
from journal.values import TagMark

Scene = dict[str, Any]
"""One scene's fields by their declared names (``journal.entry``); tags as ``"+slug -slug"``."""


def scene(
    what: str, setting: str, perspective: str, overall: str, tags: str, **fields: Any
) -> Scene:
    """A scene: the quick fields in the order people say them, the rest by name."""
    return dict(
        what=what, setting=setting, perspective=perspective, overall=overall, tags=tags, **fields
    )


UNREFLECTED = frozenset(
    {
        *REFLECTED_BY,
        *(f.name for f in FIELDS if f.stage is Stage.REFLECTION and f.kind != Kind.FLAG),
    }
)
"""What an entry left unreflected goes without: its reflection and its do-differently note."""


SCENES: tuple[Scene, ...] = (
    scene(
        "Cashier finished a personal phone call before looking at the customer",
        "grocery checkout",
        "witnessed",
        "badly",
        "-attention -acknowledged",
        differently="Put the phone away and greet the customer first",
        situation="Saturday rush, four people in line, cashier on a call",
        behaviour="Scanned items without looking up, said the total to the screen",
        impact="The customer packed in silence and left without the receipt",
        why="skill",
        lesson="Attention is the first thing a customer notices",
        action="When someone reaches my desk, I look up within three seconds",
        left_them="worse",
        flagged=True,
    ),
    scene(
        "Bank teller explained the transfer fee before I had to ask",
        "bank",
        "customer",
        "well",
        "+expectations +initiative +knowledge",
        lesson="Saying the unwelcome number first builds trust",
        left_them="better",
    ),
    scene(
        "Waiter and manager argued about a table in front of the guests",
        "restaurant",
        "witnessed",
        "badly",
        "-staff-conduct -composure",
        differently="Take the disagreement to the kitchen and come back with one answer",
        why="staffing",
        left_them="worse",
        flagged=True,
    ),
    scene(
        "Colleague dropped everything to help me find a lost order",
        "at work with colleagues",
        "customer",
        "well",
        "+internal-customer +ownership +follow-through",
        lesson="Colleagues are customers too; she showed me how that looks",
        left_them="better",
    ),
    scene(
        "I answered a customer while still reading a chat message",
        "at work with colleagues",
        "provider",
        "badly",
        "-attention -own-problems-kept-out",
        differently="Close the chat window before turning to the person",
        situation="Busy morning, a message from my team lead popped up",
        behaviour="I kept one eye on the screen while answering",
        impact="She repeated her question twice",
        why="tools",
        action="Mute chat notifications at the counter",
        flagged=True,
    ),
    scene(
        "Pharmacist noticed my worried face and explained the dosage slowly",
        "pharmacy",
        "customer",
        "well",
        "+individualized +patience +customer-view",
        left_them="better",
    ),
    scene(
        "Hotel receptionist owned the double-booking and upgraded the guest",
        "hotel",
        "witnessed",
        "well",
        "+ownership +apology +fix +complaint-welcomed",
        lesson="An apology plus a real remedy turns a complaint around",
        left_them="better",
        flagged=True,
    ),
    scene(
        "Support agent promised a call back that never came",
        "phone support",
        "customer",
        "badly",
        "-promise-kept -follow-through",
        differently="Only promise a call back with a time I can keep",
        why="process",
        lesson="An unkept promise costs more than no promise",
        action="Write down every promised call back with its time",
    ),
    scene(
        "Clerk kept typing for two minutes while a visitor waited at the desk",
        "public office",
        "witnessed",
        "badly",
        "-acknowledged -wait-time",
    ),
    scene(
        "Barista remembered a regular's order and asked about her exam",
        "cafe",
        "witnessed",
        "well",
        "+individualized +left-better +courtesy",
    ),
    scene(
        "Bus driver waited for a running passenger and greeted her",
        "public transport",
        "witnessed",
        "well",
        "+initiative +courtesy +left-better",
    ),
    scene(
        "My brother asked for help with a form and I sighed before helping",
        "at home",
        "provider",
        "mixed",
        "-interruption-welcomed +patience",
        differently="Treat the question as a chance to help, not an interruption",
        lesson="How I start helping matters as much as the help",
    ),
    scene(
        "Self-checkout froze and nobody came for five minutes",
        "grocery checkout",
        "customer",
        "badly",
        "-tools -wait-time -acknowledged",
        why="staffing",
        flagged=True,
    ),
    scene(
        "Nurse told the waiting room about the delay and why",
        "clinic",
        "witnessed",
        "well",
        "+kept-informed +expectations +composure",
        lesson="People wait calmly when they know why they are waiting",
    ),
    scene(
        "Shop assistant said plainly the size was out and suggested another shop",
        "shop",
        "customer",
        "well",
        "+honest-limits +customer-view",
        lesson="A clear no with an alternative is still good service",
    ),
    scene(
        "Chat agent pasted three scripted answers that missed my question",
        "online chat",
        "customer",
        "badly",
        "-listening -individualized",
        differently="Read the whole question and answer it in my own words",
    ),
    scene(
        "I kept calm when a guest shouted about the bill and fixed the error",
        "restaurant",
        "provider",
        "mixed",
        "+composure +fix -accuracy",
        lesson="Check the bill before it reaches the table",
        left_them="same",
        action="Check every bill line before it leaves the till",
        flagged=True,
    ),
    scene(
        "Queue at the post office was split fairly when a second counter opened",
        "public office",
        "witnessed",
        "well",
        "+queue +environment",
    ),
    scene(
        "Friend asked for advice and I checked what she expected before answering",
        "with friends",
        "provider",
        "well",
        "+expectations +listening",
        private=True,
    ),
    scene(
        "Receptionist escalated a billing problem to the right person at once",
        "clinic",
        "customer",
        "well",
        "+escalation +knowledge +confidence",
    ),
)

PLANS = (
    "when someone reaches the counter, I greet them before finishing what I was doing",
    "when I promise a call back, I say a time and put it in my calendar",
)


def _at(day: date, rng: random.Random, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(rng.randint(8, 20), rng.choice((0, 10, 25, 40, 55))), zone)


def fill(store: JournalStore, zone: tzinfo, now: datetime, seed: int = 7) -> list[int]:
    """Add about a month of entries ending now (the last few today); returns their ids."""
    rng = random.Random(seed)
    scenes = SCENES * 2
    ids: list[int] = []
    today_count = 4
    spread = len(scenes) - today_count
    for index, one in enumerate(scenes):
        if index < spread:
            day = now.date() - timedelta(days=30 - (index * 30) // spread)
            at = _at(day, rng, zone)
        else:
            at = now - timedelta(minutes=25 * (len(scenes) - index))
        reflected = index < len(SCENES) or rng.random() < 0.5
        data = dict(one)
        data["tags"] = [TagMark.parse(t) for t in one["tags"].split()]
        data["occurred_at"] = at
        if not reflected:
            data = {name: value for name, value in data.items() if name not in UNREFLECTED}
        ids.append(store.add(validate(EntryIn, data)).id)
    return ids


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a demo journal to a new file.")
    parser.add_argument("path", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--now",
        metavar="ISO",
        help="pretend it is this local time (for reproducible docs), e.g. 2026-11-20T18:00",
    )
    args = parser.parse_args(argv)
    if args.path.exists():
        print(f"{args.path} already exists; give a new file name.", file=sys.stderr)
        return 1
    settings = Settings.from_env(db=str(args.path))
    zone = settings.zone()
    store = open_store(settings)
    try:
        now = (
            datetime.fromisoformat(args.now).replace(tzinfo=zone)
            if args.now
            else datetime.now(zone)
        )
        ids = fill(store, zone, now, args.seed)
        review_state(store, settings, now)
    finally:
        store.close()
    print(f"Wrote {len(ids)} demo entries to {args.path}")
    return 0


def review_state(store: JournalStore, settings: Settings, now: datetime) -> None:
    """Last week reviewed, with a check-in, a focus, coach questions and an action decided."""
    from journal.review.build import current_week
    from journal.weeks import shift_week

    reviews = store.review
    this_week = current_week(settings, now)
    for back, answers in ((2, "yes partly no yes yes partly yes yes no partly"),
                          (1, "yes yes partly yes yes yes partly yes partly yes")):  # fmt: skip
        week = shift_week(this_week, -back)
        reviews.save_checkin(week, dict(enumerate(answers.split(), start=1)))
        reviews.mark_reviewed(week)
    last_week = shift_week(this_week, -1)
    reviews.set_focus(last_week, "attention", PLANS[0])
    reviews.set_focus(this_week, "promise-kept", PLANS[1])
    reviews.set_coach_questions(
        this_week, "How do I stay friendly when the queue is long and I am alone at the desk?"
    )
    open_items = store.action_items("open")
    if open_items:
        reviews.decide_action(last_week, open_items[0].id, "done")


if __name__ == "__main__":
    sys.exit(main())
