"""review focus, checkin, decide, question and mark: the weekly review's decisions, scriptable.

Each action writes through ``store.review`` (one transaction), checks what was typed as the app's
review screen does, and prints one line saying what the review now holds. Running one twice with
the same values changes nothing the second time.
"""

from __future__ import annotations

import argparse

from journal.commands._common import Context, opened
from journal.errors import InputError
from journal.terminal import say


def _week(args: argparse.Namespace, ctx: Context) -> str:
    """The week named after the action (or before it), else the week of the store's now."""
    from journal.review.build import current_week
    from journal.weeks import normalise_week, read_week

    typed = getattr(args, "action_week", None) or getattr(args, "week", None)
    if typed:
        read_week(typed)
        return normalise_week(typed)
    return current_week(ctx.settings, ctx.store.now())


def _check_week(args: argparse.Namespace) -> None:
    """A malformed week is refused before the journal is opened (a usage error, exit 2)."""
    from journal.weeks import read_week

    typed = getattr(args, "action_week", None) or getattr(args, "week", None)
    if typed:
        read_week(typed)


def focus(args: argparse.Namespace) -> int:
    from journal.shorthand import resolve_tag

    _check_week(args)
    with opened(args) as ctx:
        week = _week(args, ctx)
        slug = resolve_tag(args.slug, [t.slug for t in ctx.store.tag_catalogue()])
        reviews = ctx.store.review
        plan = args.plan
        if plan is None:
            before = reviews.get_week(week)
            if before is not None and before.focus_tag == slug:
                plan = before.focus_plan
        state = reviews.set_focus(week, slug, plan)
    shown = f": {state.focus_plan}" if state.focus_plan else ""
    say(f"{week}: focus for the week after is {state.focus_tag}{shown}.")
    return 0


def checkin(args: argparse.Namespace) -> int:
    from journal.review.checkin import QUESTIONS

    answers: dict[int, str | None] = {}
    for pair in args.answers:
        number_text, sep, answer = pair.partition("=")
        if not sep or not number_text.strip().isdigit():
            raise InputError(
                f'Write each answer as NUMBER=yes|partly|no, e.g. 3=yes, not "{pair:.40}".'
            )
        number = int(number_text)
        if number in answers:
            raise InputError(f"Question {number} is answered twice; give it once.")
        value = answer.strip().lower()
        answers[number] = None if value == "none" else answer
    _check_week(args)
    with opened(args) as ctx:
        week = _week(args, ctx)
        saved = ctx.store.review.save_checkin(week, answers)
    say(f"{week}: {len(saved)} of {len(QUESTIONS)} check-in questions answered.")
    return 0


def decide(args: argparse.Namespace) -> int:
    from journal.entry import Decision

    _check_week(args)
    with opened(args) as ctx:
        week = _week(args, ctx)
        item = ctx.store.review.decide_action(week, args.item_id, args.decision.strip().lower())
    label = Decision.labels().get(item.status, item.status)
    say(f"{week}: action item #{item.id} is {label.lower()}: {item.text}")
    return 0


def question(args: argparse.Namespace) -> int:
    _check_week(args)
    with opened(args) as ctx:
        week = _week(args, ctx)
        state = ctx.store.review.add_coach_question(week, args.text)
    count = len((state.coach_questions or "").splitlines())
    say(f"{week}: {count} {'question' if count == 1 else 'questions'} for the coach.")
    return 0


def mark(args: argparse.Namespace) -> int:
    _check_week(args)
    with opened(args) as ctx:
        week = _week(args, ctx)
        reviews = ctx.store.review
        before = reviews.get_week(week)
        state = before if before and before.reviewed_at else reviews.mark_reviewed(week)
        streak = reviews.streak(week)
        at = state.reviewed_at.astimezone(ctx.zone) if state.reviewed_at else None
    when = f" on {at:%a %d %b %H:%M}" if at else ""
    plural = "week" if streak == 1 else "weeks"
    say(f"{week}: reviewed{when}. Streak: {streak} {plural} reviewed in a row.")
    return 0
