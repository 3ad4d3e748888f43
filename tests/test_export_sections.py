"""The coaching document over a busy month: section order, a one-page Summary, privacy,
``--no-appendix``, and an agenda that fills a 45-minute session."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from journal.cli import main
from journal.db import Database
from journal.export.coaching import gather
from journal.export.markdown import render
from journal.export.summary_md import MAX_LINES, SESSION_MINUTES, agenda_items
from journal.schemas import EntryIn, validate
from journal.store import Store
from journal.store.review_state import ReviewStore
from journal.values import TagMark
from journal.weeks import day_bounds

ZONE = ZoneInfo("Europe/Berlin")
SECRET = "SECRET-PRIVATE-MARKER"
PERSPECTIVES = ("provider", "witnessed", "customer")
TAGS = ("+attention", "-attention", "+queue", "-wait-time", "+apology", "-accuracy", "+fix")


def month(store: Store) -> None:
    """Every day of November 2026: three entries, some flagged, one private, long texts."""
    long_text = "A long and winding account of what happened at the counter " * 6
    for day in range(1, 31):
        for n, perspective in enumerate(PERSPECTIVES):
            tags = [TagMark.parse(TAGS[(day + n) % len(TAGS)]), TagMark.parse(TAGS[(day * n) % 5])]
            store.add(
                validate(
                    EntryIn,
                    {
                        "what": f"Day {day} {perspective}: {long_text}"[:400],
                        "occurred_at": datetime(2026, 11, day, 9 + n, tzinfo=ZONE),
                        "perspective": perspective,
                        "overall": ("well", "badly", "mixed")[(day + n) % 3],
                        "tags": tags,
                        "flagged": day % 3 == 0,
                        "lesson": "Look up first" if day % 4 == 0 else None,
                        "differently": "Greet before typing" if n else None,
                    },
                )
            )
    store.add(
        validate(
            EntryIn,
            {
                "what": SECRET,
                "setting": SECRET,
                "lesson": SECRET,
                "differently": SECRET,
                "occurred_at": datetime(2026, 11, 15, 20, tzinfo=ZONE),
                "perspective": "provider",
                "overall": "well",
                "tags": [TagMark.parse("+composure"), TagMark.parse("-listening")],
                "flagged": True,
                "private": True,
            },
        )
    )
    reviews = ReviewStore(store.db)
    for week in ("2026-W45", "2026-W46", "2026-W47", "2026-W48"):
        reviews.set_coach_questions(week, f"In {week}: {long_text}")


def sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", text, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


@pytest.fixture
def november(db: Database) -> Store:
    store = Store(db, now=lambda: datetime(2026, 12, 1, 12, tzinfo=UTC))
    month(store)
    return store


def document(store: Store, appendix: bool = True) -> str:
    start, end = day_bounds(datetime(2026, 11, 1).date(), datetime(2026, 11, 30).date(), ZONE)
    data = gather(store, start, end, label="2026-11", zone=ZONE, appendix=appendix)
    return render(data)


def test_a_month_has_every_section_in_order(november: Store) -> None:
    assert list(sections(document(november))) == [
        "Summary",
        "My own service",
        "What I observed",
        "Trends",
        "Flagged for coaching",
        "Questions for the coach",
        "Appendix: all entries",
        "Glossary of tags",
    ]


def test_the_summary_of_a_busy_month_fits_one_page(november: Store) -> None:
    summary = sections(document(november))["Summary"]
    assert len(summary.strip().splitlines()) <= MAX_LINES
    assert "- **Flagged for coaching:** 30 cases" in summary
    assert "  - and 25 more below" in summary
    assert "- **Questions for the coach:** 4" in summary
    minutes = [int(m) for m in re.findall(r"^- (\d+) min: ", summary, flags=re.MULTILINE)]
    assert sum(minutes) == SESSION_MINUTES
    assert "**Main pattern of my own service:**" in summary


def test_own_sections_hold_provider_entries_only(november: Store) -> None:
    parts = sections(document(november))
    own = parts["My own service"]
    mentioned = re.findall(r"Day \d+ (\w+):", own)
    assert mentioned and set(mentioned) == {"provider"}
    observed = re.findall(r"Day \d+ (\w+):", parts["What I observed"])
    assert observed and set(observed) <= {"witnessed", "customer"}
    trends = parts["Trends"]
    assert "| Dimension | Weeks |" in trends and "0.0" not in trends


def test_private_entries_stay_out_of_every_section(november: Store) -> None:
    text = document(november)
    assert SECRET not in text
    assert "1 private entry left out" in text
    # The private provider entry's +composure is counted nowhere.
    assert "composure" not in text


def test_no_appendix_leaves_only_the_appendix_out(november: Store) -> None:
    full, short = document(november), document(november, appendix=False)
    assert "## Appendix: all entries" in full and "## Appendix" not in short
    assert [s for s in sections(full) if not s.startswith("Appendix")] == list(sections(short))


def test_the_command_line_no_appendix(
    db_path: Path, november: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--db", str(db_path), "export", "--from", "2026-11-01", "--to", "2026-11-30"]
    assert main([*args, "--no-appendix"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Coaching notes: 2026-11-01 to 2026-11-30\n")
    assert "## Summary" in out and "## Appendix" not in out


@pytest.mark.parametrize("follow_up", [True, False])
@pytest.mark.parametrize("flagged", [0, 1, 7])
@pytest.mark.parametrize("pattern", ["attention", None])
@pytest.mark.parametrize("questions", [0, 2, 9])
def test_the_agenda_always_adds_up_to_45_minutes(
    follow_up: bool, flagged: int, pattern: str | None, questions: int
) -> None:
    parts = agenda_items(
        follow_up=follow_up, win=True, pattern=pattern, flagged=flagged, questions=questions
    )
    assert sum(m for _, m in parts) == SESSION_MINUTES
    assert all(m >= 5 for _, m in parts)
    if follow_up:
        assert parts[0][0].startswith("Follow up the agreements")  # the session starts with it
    assert parts[-1][0] == "Agree next week's focus and action items"


def test_one_flagged_case_does_not_fill_the_session() -> None:
    parts = dict(agenda_items(follow_up=False, win=True, pattern=None, flagged=1, questions=0))
    assert parts["The flagged case"] == 10
    assert parts["Open discussion"] == 15


def test_the_document_of_a_month_is_deterministic(november: Store) -> None:
    assert document(november) == document(november)
    assert "generated" not in document(november).lower()
