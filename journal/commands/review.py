"""review: the weekly review as readable text or JSON (docs/cli.md)."""

from __future__ import annotations

import argparse
from datetime import datetime, tzinfo

from journal.commands._common import opened, print_json
from journal.entry import Decision
from journal.review.as_json import review_to_json
from journal.review.build import build_review, current_week
from journal.review.counts import sparkline
from journal.review.model import GroupCount, TagCount, WeekReview
from journal.review.practice import Practice, Recovery
from journal.store import EntryRow
from journal.terminal import say

OVERALL_CELLS = {"well": "+", "badly": "-", "mixed": "~", None: "·"}
DECISION_LABELS = Decision.labels()


def run(args: argparse.Namespace) -> int:
    from journal.weeks import read_week

    if args.week:
        read_week(args.week)  # a malformed week is refused before the journal is opened
    with opened(args) as ctx:
        week = args.week or current_week(ctx.settings)
        review = build_review(ctx.store, week, ctx.settings, include_private=args.include_private)
        if args.json:
            print_json(review_to_json(review, ctx.zone))
        else:
            say("\n".join(review_lines(review, ctx.zone)))
    return 0


def review_lines(review: WeekReview, zone: tzinfo) -> list[str]:
    """The review as plain text, section by section; sections with nothing to say are left out."""
    first, last = review.start, review.end
    lines = [f"Week {review.week}  {first:%a %d %b} – {last:%a %d %b %Y}", ""]
    if review.counts.entries == 0:
        today = datetime.now(zone).date()
        at = "" if first <= today <= last else f" --at {first.isoformat()}"
        lines.append(
            f'No entries in {review.week}. Log one with: service-journal add "what happened"{at}'
        )
    else:
        lines += _counts(review)
        lines += ["", "Days (+ went well, - went badly, ~ mixed, · not set)"]
        for day in review.mosaic:
            cells = "".join(OVERALL_CELLS.get(o, "·") for o in day.overall)
            lines.append(f"  {day.day:%a %d}  {cells}")
        lines += _dimensions(review.groups, review.tags)
        if review.practice is not None:
            lines += practice_lines(review.practice, zone)
    if review.trends is not None and not review.trends.empty:
        from journal.review.trends import trends_lines

        lines += ["", *trends_lines(review.trends, tags=False)]
    if review.recurring:
        lines += [
            "",
            "Recurring problems of my own practice (marked - 3 or more times in the last 4 weeks)",
        ]
        for r in review.recurring:
            ids = " ".join(f"#{i}" for i in r.entry_ids)
            lines.append(f"  -{r.slug:<24} {r.count}x  {sparkline(r.weekly_counts)}  {ids}")
    # The user's own wins; what went well in others' service is a model to copy, above.
    own_wins = review.practice.own.wins if review.practice is not None else review.wins
    if own_wins:
        lines += ["", "My wins"]
        lines += [f"  {_entry_line(e, zone)}" for e in own_wins]
    if review.unreflected:
        lines += [
            "",
            f"Inbox: {len(review.unreflected)} to reflect on "
            "(service-journal edit ID --differently TEXT or --lesson TEXT)",
        ]
        lines += [f"  {_entry_line(e, zone)}" for e in review.unreflected]
    elif review.counts.entries:
        lines += ["", "Inbox: every entry of the week is reflected on."]
    if review.action_items:
        lines += ["", "Action items"]
        for a in review.action_items:
            source = f"  (from #{a.entry_id})" if a.entry_id else ""
            if a.session_id:
                source = f"  (agreed in session #{a.session_id})"
            decided = f", this review: {DECISION_LABELS[a.decision]}" if a.decision else ""
            lines.append(f"  [{a.status}{decided}] {a.text}{source}  #{a.id}, {a.week}")
    lines += ["", *_checkin(review)]
    lines += ["", *_focus(review)]
    reviewed = (
        f"reviewed {review.reviewed_at.astimezone(zone):%a %d %b %H:%M}"
        if review.reviewed_at
        else "not reviewed yet"
    )
    plural = "week" if review.streak == 1 else "weeks"
    lines += ["", f"{review.week}: {reviewed}. Streak: {review.streak} {plural} reviewed in a row."]
    return lines


def practice_lines(practice: Practice, zone: tzinfo) -> list[str]:
    """My own practice (provider entries) and what I observed, apart."""
    own, seen = practice.own, practice.observed
    lines: list[str] = []
    if own.entries:
        lines += ["", f"My own practice ({own.entries} provider {_noun(own.entries)})"]
        for title, group in (("Strengths", own.strengths), ("Growth areas", own.growth)):
            if group:
                lines.append(f"  {title}")
                width = max(len(p.slug) for p in group) + 2
                for p in group:
                    times = "once" if p.once else f"{p.count}x"
                    ids = " ".join(f"#{e.id}" for e in p.examples)
                    sign = "+" if p.sign > 0 else "-"
                    lines.append(f"    {sign + p.slug:<{width}} {times:<5} {ids}")
        lines += _recoveries(own.recoveries, zone)
    if seen.entries:
        lines += [
            "",
            f"What I observed ({seen.entries} {_noun(seen.entries)} witnessed or as the customer)",
        ]
        for title, cases in (
            ("Models to copy", seen.models),
            ("To avoid", seen.avoid),
        ):
            if cases:
                lines.append(f"  {title}")
                for case in cases:
                    lines.append(f"    {_entry_line(case.entry, zone)}")
                    if case.differently:
                        lines.append(f"      I would: {' '.join(case.differently.split())}")
        lines += _recoveries(seen.recoveries, zone)
    return lines


def _recoveries(recoveries: list[Recovery], zone: tzinfo) -> list[str]:
    if not recoveries:
        return []
    lines = ["  Recoveries (went wrong, then put right)"]
    for r in recoveries:
        fixed = " ".join(f"+{slug}" for slug in r.remedies)
        wrong = " ".join(f"-{slug}" for slug in r.problems)
        lines.append(f"    {_entry_line(r.entry, zone)}  {wrong} then {fixed}")
    return lines


def _noun(n: int) -> str:
    return "entry" if n == 1 else "entries"


def _counts(review: WeekReview) -> list[str]:
    c = review.counts
    noun = "entry" if c.entries == 1 else "entries"
    lines = [f"{c.entries} {noun}: {c.well} went well, {c.badly} went badly, {c.mixed} mixed"]
    perspective = ", ".join(f"{name} {n}" for name, n in c.by_perspective.items() if n)
    if perspective:
        lines.append(f"Perspective: {perspective}")
    if c.by_setting:
        lines.append("Settings: " + ", ".join(f"{s} {n}" for s, n in c.by_setting.items()))
    return lines


def _dimensions(groups: list[GroupCount], tags: list[TagCount]) -> list[str]:
    lines = [
        "",
        "Dimensions               this week   previous 4 weeks (average)",
        f"  {'':<25}{'+':>4}{'-':>4}   {'+':>5}{'-':>6}",
    ]
    by_group: dict[str, list[TagCount]] = {}
    for tag in tags:
        by_group.setdefault(tag.group, []).append(tag)
    for g in groups:
        lines.append(_row(g.group, g.plus, g.minus, g.prev4_plus_avg, g.prev4_minus_avg, g.trend))
        for t in by_group.get(g.group, []):
            lines.append(
                _row(f"  {t.slug}", t.plus, t.minus, t.prev4_plus_avg, t.prev4_minus_avg, t.trend)
            )
    return lines


def _row(name: str, plus: int, minus: int, p_plus: float, p_minus: float, arrow: str) -> str:
    quiet = not (plus or minus or p_plus or p_minus)
    mark = "" if quiet else arrow
    return f"  {name:<25}{plus:>4}{minus:>4}   {p_plus:>5.2f}{p_minus:>6.2f}  {mark}".rstrip()


def _entry_line(entry: EntryRow, zone: tzinfo) -> str:
    from journal.present import one_line

    return one_line(entry, zone)


def _checkin(review: WeekReview) -> list[str]:
    from journal.review.checkin import ANSWER_MARKS, QUESTIONS

    check = review.checkin
    lines = [
        f"Self check-in: {len(check.answers)} of {len(QUESTIONS)} answered "
        f"(history {check.weeks[0]} to {check.weeks[-1]}: ● yes, ◐ partly, ○ no, · none)"
    ]
    for number, text in enumerate(QUESTIONS, start=1):
        history = "".join(ANSWER_MARKS[a] for a in check.history.get(number, []))
        answer = check.answers.get(number, "-")
        lines.append(f"  {number:>2}. {history}  {answer:<6}  {text}")
    return lines


def _focus(review: WeekReview) -> list[str]:
    previous, current = review.focus.previous, review.focus.current
    lines = []
    if previous.tag:
        outcome = DECISION_LABELS.get(previous.outcome or "", "not marked yet")
        plan = f": {previous.plan}" if previous.plan else ""
        lines.append(f"This week's focus (from {previous.week}): {previous.tag}{plan} ({outcome})")
    if current.tag:
        plan = f": {current.plan}" if current.plan else ""
        lines.append(f"Focus for next week: {current.tag}{plan}")
    else:
        lines.append("Focus for next week: not chosen yet")
    if review.coach_questions:
        lines.append(f"Questions for the coach: {review.coach_questions}")
    return lines
