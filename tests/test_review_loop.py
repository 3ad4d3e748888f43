"""The weekly loop from the command line: review focus, checkin, decide, question and mark.

Each action is checked through what the review then shows (``review --json``), as a script that
drives the loop would check it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from cli_run import run

from journal.store import Store

NOW = datetime(2026, 11, 26, 17, 0, tzinfo=UTC)  # Thursday of 2026-W48, 18:00 in Berlin


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> datetime:
    monkeypatch.setattr(Store, "now", lambda self: NOW)
    return NOW


def refused(capsys: pytest.CaptureFixture[str], code: int, *args: str) -> str:
    """Run a command that must be refused with ``code`` and one sentence; the sentence."""
    result, out, err = run(capsys, *args)
    assert (result, out) == (code, "")
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def review(capsys: pytest.CaptureFixture[str], week: str = "2026-W48") -> dict[str, Any]:
    code, out, err = run(capsys, "review", "--week", week, "--json")
    assert (code, err) == (0, "")
    data: dict[str, Any] = json.loads(out)
    return data


def test_focus_by_prefix_with_a_plan_and_kept_when_repeated(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(
        capsys, "review", "focus", "liste", "--plan", "When a customer talks, I will not interrupt"
    )
    assert code == 0
    assert out == (
        "2026-W48: focus for the week after is listening: "
        "When a customer talks, I will not interrupt.\n"
    )
    assert run(capsys, "review", "focus", "listening")[0] == 0  # the plan stays
    focus = review(capsys)["focus"]
    assert (focus["tag"], focus["plan"]) == (
        "listening",
        "When a customer talks, I will not interrupt",
    )
    assert run(capsys, "review", "focus", "listening", "--plan", "")[0] == 0  # cleared
    assert review(capsys)["focus"]["plan"] is None
    # Another week's focus, named before or after the action.
    assert run(capsys, "review", "--week", "2026-W47", "focus", "queue")[0] == 0
    assert run(capsys, "review", "focus", "patience", "--week", "2026-W46")[0] == 0
    assert review(capsys, "2026-W47")["focus"]["tag"] == "queue"
    assert review(capsys, "2026-W48")["focus"]["previous"]["tag"] == "queue"
    assert review(capsys, "2026-W46")["focus"]["tag"] == "patience"


def test_focus_refusals(capsys: pytest.CaptureFixture[str]) -> None:
    assert refused(capsys, 1, "review", "focus", "lis-tening-x").startswith(
        'service-journal: Unknown tag "lis-tening-x".'
    )
    assert refused(capsys, 1, "review", "focus", "listening", "--plan", "two\nlines") == (
        "service-journal: The plan must be a single line."
    )
    assert refused(capsys, 2, "review", "focus", "listening", "--week", "2026-W60") == (
        'service-journal: "2026-W60" is not a week; write it like 2026-W47 (year, W, week 1-53).'
    )
    assert refused(capsys, 2, "review", "focus").endswith("See --help.")
    assert review(capsys)["focus"]["tag"] is None


def test_checkin_answers_are_saved_changed_and_removed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "review", "checkin", "1=yes", "7=Partly", "10=no")
    assert (code, out) == (0, "2026-W48: 3 of 10 check-in questions answered.\n")
    assert run(capsys, "review", "checkin", "1=yes", "7=partly", "10=no")[0] == 0  # again
    assert run(capsys, "review", "checkin", "--week", "2026-W48", "10=none", "1=no")[0] == 0
    assert review(capsys)["checkin"]["answers"] == {"1": "no", "7": "partly"}


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        (["1=yes", "3:yes"], 'Write each answer as NUMBER=yes|partly|no, e.g. 3=yes, not "3:yes".'),
        (["1=yes", "11=no"], "Check-in questions are numbered 1 to 10, not 11."),
        (["1=yes", "2=maybe"], 'Answer question 2 with yes, partly or no, not "maybe".'),
        (["2=yes", "2=no"], "Question 2 is answered twice; give it once."),
    ],
)
def test_a_bad_checkin_answer_refuses_them_all(
    capsys: pytest.CaptureFixture[str], pairs: list[str], message: str
) -> None:
    assert refused(capsys, 1, "review", "checkin", *pairs) == f"service-journal: {message}"
    assert review(capsys)["checkin"]["answers"] == {}


def test_decide_closes_an_entry_item_and_a_session_agreement(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, _ = run(
        capsys, "add", "Kept a customer waiting", "--perspective", "provider",
        "--at", "2026-11-24 10:00",
    )  # fmt: skip
    assert code == 0
    assert run(capsys, "edit", "1", "--action", "Look up when the door opens")[0] == 0
    run(capsys, "coaching", "add", "--at", "2026-11-23 16:00", "--agree", "Greet in 5 seconds")
    items = {a["text"]: a for a in review(capsys)["action_items"]}
    entry_item = items["Look up when the door opens"]["id"]
    agreement = items["Greet in 5 seconds"]["id"]
    assert items["Greet in 5 seconds"]["session_id"] == 1

    code, out, _ = run(capsys, "review", "decide", str(agreement), "done")
    assert (code, out) == (0, f"2026-W48: action item #{agreement} is done: Greet in 5 seconds\n")
    assert run(capsys, "review", "decide", str(agreement), "DONE")[0] == 0  # idempotent
    assert run(capsys, "review", "decide", str(entry_item), "carried")[0] == 0
    decided = {a["id"]: (a["status"], a["decision"]) for a in review(capsys)["action_items"]}
    assert decided == {entry_item: ("carried", "carried"), agreement: ("done", "done")}


def test_decide_refusals(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "coaching", "add", "--agree", "Greet in 5 seconds")
    assert refused(capsys, 1, "review", "decide", "99", "done") == (
        "service-journal: There is no action item #99."
    )
    assert refused(capsys, 1, "review", "decide", "1", "finished") == (
        'service-journal: An action item is marked done, dropped or carried, not "finished".'
    )
    assert refused(capsys, 2, "review", "decide", "one", "done").endswith("See --help.")
    assert [a["status"] for a in review(capsys)["action_items"]] == ["open"]


def test_questions_are_appended_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "review", "question", "How do I greet when the queue is long?") == (
        0,
        "2026-W48: 1 question for the coach.\n",
        "",
    )
    run(capsys, "review", "question", "  How do I greet when the queue is long? ")
    run(capsys, "review", "question", "What if they ignore me?")
    assert review(capsys)["coach_questions"] == (
        "How do I greet when the queue is long?\nWhat if they ignore me?"
    )
    assert refused(capsys, 1, "review", "question", "bell\x07") == (
        "service-journal: The question must not contain control characters."
    )
    assert refused(capsys, 1, "review", "question", "   ") == (
        "service-journal: The question is required and cannot be empty."
    )


def test_mark_twice_keeps_the_first_time(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(capsys, "review", "mark", "--week", "2026-W47")
    assert (code, out) == (0, "2026-W47: reviewed on Thu 26 Nov 18:00. Streak: 1 week reviewed "
                              "in a row.\n")  # fmt: skip
    monkeypatch.setattr(Store, "now", lambda self: datetime(2026, 11, 27, 9, 0, tzinfo=UTC))
    code, out, _ = run(capsys, "review", "mark")
    assert out == "2026-W48: reviewed on Fri 27 Nov 10:00. Streak: 2 weeks reviewed in a row.\n"
    assert run(capsys, "review", "mark", "--week", "2026-W47")[1].startswith(
        "2026-W47: reviewed on Thu 26 Nov 18:00."
    )
    assert review(capsys)["streak"] == 2


def test_review_alone_still_prints_the_review(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "review", "--week", "2026-W48")
    assert code == 0
    assert out.startswith("Week 2026-W48  Mon 23 Nov – Sun 29 Nov 2026")
