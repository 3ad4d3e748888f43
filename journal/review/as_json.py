"""The review as the documented JSON of ``service-journal review --json`` (docs/cli.md)."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from journal.review.checkin import QUESTIONS

if TYPE_CHECKING:
    from journal.review.model import WeekReview
    from journal.review.practice import Case, Pattern, Practice, Recovery


def review_to_json(review: WeekReview, zone: tzinfo) -> dict[str, Any]:
    """The documented JSON of ``service-journal review --json`` (docs/cli.md)."""

    def when(value: datetime | None) -> str | None:
        return value.astimezone(zone).isoformat() if value else None

    counts = review.counts
    return {
        "week": review.week,
        "start": review.start.isoformat(),
        "end": review.end.isoformat(),
        "includes_private": review.includes_private,
        "counts": {
            "entries": counts.entries,
            "well": counts.well,
            "badly": counts.badly,
            "mixed": counts.mixed,
            "by_perspective": dict(counts.by_perspective),
            "by_setting": dict(counts.by_setting),
        },
        "mosaic": [
            {"date": d.day.isoformat(), "overall": list(d.overall), "entry_ids": list(d.entry_ids)}
            for d in review.mosaic
        ],
        "groups": [
            {
                "group": g.group,
                "plus": g.plus,
                "minus": g.minus,
                "prev4_plus_avg": g.prev4_plus_avg,
                "prev4_minus_avg": g.prev4_minus_avg,
                "trend": g.trend,
            }
            for g in review.groups
        ],
        "tags": [
            {
                "slug": t.slug,
                "group": t.group,
                "plus": t.plus,
                "minus": t.minus,
                "prev4_plus_avg": t.prev4_plus_avg,
                "prev4_minus_avg": t.prev4_minus_avg,
                "trend": t.trend,
            }
            for t in review.tags
        ],
        "recurring": [r.slug for r in review.recurring],
        "recurring_detail": [
            {
                "slug": r.slug,
                "group": r.group,
                "count": r.count,
                "entry_ids": list(r.entry_ids),
                "weekly_counts": list(r.weekly_counts),
            }
            for r in review.recurring
        ],
        "wins": [e.id for e in review.wins],
        "unreflected": [e.id for e in review.unreflected],
        "action_items": [
            {
                "id": a.id,
                "entry_id": a.entry_id,
                "session_id": a.session_id,
                "text": a.text,
                "status": a.status,
                "week": a.week,
                "decision": a.decision,
                "created_at": when(a.created_at),
                "closed_at": when(a.closed_at),
            }
            for a in review.action_items
        ],
        "checkin": {
            "answers": {str(n): a for n, a in sorted(review.checkin.answers.items())},
            "answered": len(review.checkin.answers),
            "weeks": list(review.checkin.weeks),
            "questions": [
                {
                    "number": n,
                    "text": QUESTIONS[n - 1],
                    "answer": review.checkin.answers.get(n),
                    "history": list(review.checkin.history.get(n, [])),
                }
                for n in range(1, len(QUESTIONS) + 1)
            ],
        },
        "focus": {
            "tag": review.focus.current.tag,
            "plan": review.focus.current.plan,
            "previous": {
                "week": review.focus.previous.week,
                "tag": review.focus.previous.tag,
                "plan": review.focus.previous.plan,
                "outcome": review.focus.previous.outcome,
            },
        },
        "coach_questions": review.coach_questions,
        "reviewed_at": when(review.reviewed_at),
        "streak": review.streak,
        **(practice_to_json(review.practice) if review.practice else {}),
        **({"trends": _trends(review)} if review.trends else {}),
    }


def practice_to_json(practice: Practice) -> dict[str, Any]:
    """``own_practice`` and ``observed``: the week's entries split by perspective."""

    def pattern(p: Pattern) -> dict[str, Any]:
        return {
            "slug": p.slug,
            "group": p.group,
            "count": p.count,
            "once": p.once,
            "entry_ids": [e.id for e in p.examples],
        }

    def case(c: Case) -> dict[str, Any]:
        return {"entry_id": c.entry.id, "tags": list(c.slugs), "differently": c.differently}

    def recovery(r: Recovery) -> dict[str, Any]:
        return {"entry_id": r.entry.id, "problems": r.problems, "remedies": r.remedies}

    own, seen = practice.own, practice.observed
    return {
        "own_practice": {
            "entries": own.entries,
            "strengths": [pattern(p) for p in own.strengths],
            "growth_areas": [pattern(p) for p in own.growth],
            "wins": [e.id for e in own.wins],
            "recoveries": [recovery(r) for r in own.recoveries],
        },
        "observed": {
            "entries": seen.entries,
            "models_to_copy": [case(c) for c in seen.models],
            "to_avoid": [case(c) for c in seen.avoid],
            "recoveries": [recovery(r) for r in seen.recoveries],
        },
    }


def _trends(review: WeekReview) -> dict[str, Any]:
    from journal.review.trends import trends_to_json

    assert review.trends is not None
    return trends_to_json(review.trends)
