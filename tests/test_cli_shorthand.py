"""``add`` with the one-line shorthand: fields filled, prefixes resolved, refusals, --raw."""

from __future__ import annotations

import json
from typing import Any

import pytest
from cli_run import run

EXAMPLE = (
    "Teller kept typing while the queue grew -att -queue @bank ~w =badly // greet the line first"
)


def show(capsys: pytest.CaptureFixture[str], entry_id: str) -> dict[str, Any]:
    code, out, _ = run(capsys, "show", entry_id, "--json")
    assert code == 0
    data: dict[str, Any] = json.loads(out)
    return data


def count(capsys: pytest.CaptureFixture[str]) -> int:
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0
    return len(json.loads(out)["entries"])


def test_the_issue_example_stores_a_complete_entry_and_prints_only_the_id(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "add", EXAMPLE)
    assert (code, out, err) == (0, "1\n", "")
    entry = show(capsys, "1")
    assert entry["what"] == "Teller kept typing while the queue grew"
    assert entry["setting"] == "bank"
    assert entry["perspective"] == "witnessed"
    assert entry["overall"] == "badly"
    assert entry["differently"] == "greet the line first"
    assert entry["tags"] == [
        {"slug": "attention", "polarity": -1},
        {"slug": "queue", "polarity": -1},
    ]


def test_a_recent_setting_is_matched_by_prefix(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "add", "first", "--setting", "Corner bakery")
    run(capsys, "add", "second @corn")
    assert show(capsys, "2")["setting"] == "Corner bakery"


@pytest.mark.parametrize(("line", "named"), [("Slow -co", "courtesy"), ("Odd -zzz", "zzz")])
def test_ambiguous_or_unknown_prefix_is_refused_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], line: str, named: str
) -> None:
    code, out, err = run(capsys, "add", line)
    assert code == 1 and out == ""
    assert err.startswith("service-journal: ") and named in err and err.count("\n") == 1
    assert count(capsys) == 0


def test_a_custom_tag_is_matched_by_prefix(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "tags", "add", "called-back", "--group", "Reliability")[0] == 0
    run(capsys, "add", "Rang me +called")
    assert show(capsys, "1")["tags"] == [{"slug": "called-back", "polarity": 1}]


def test_raw_stores_the_text_exactly_as_typed(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "add", "--raw", "x -co =weird // y")
    assert code == 0
    entry = show(capsys, "1")
    assert entry["what"] == "x -co =weird // y"
    assert entry["tags"] == [] and entry["overall"] is None and entry["differently"] is None


def test_explicit_options_win_over_the_shorthand(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(
        capsys,
        "add",
        "Queue +cour =well @bank ~w // nothing",
        "--overall",
        "mixed",
        "--setting",
        "post office",
        "--perspective",
        "customer",
        "--differently",
        "greet first",
        "--badly",
        "cour",
    )
    assert code == 0
    entry = show(capsys, "1")
    assert entry["what"] == "Queue"
    assert (entry["overall"], entry["setting"], entry["perspective"]) == (
        "mixed",
        "post office",
        "customer",
    )
    assert entry["differently"] == "greet first"
    assert entry["tags"] == [{"slug": "courtesy", "polarity": -1}]


def test_well_and_badly_options_take_unique_prefixes(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "add", "x", "--well", "ack,pat", "--badly", "att")[0] == 0
    assert show(capsys, "1")["tags"] == [
        {"slug": "acknowledged", "polarity": 1},
        {"slug": "patience", "polarity": 1},
        {"slug": "attention", "polarity": -1},
    ]
    code, _, err = run(capsys, "add", "y", "--well", "co")
    assert code == 1 and "confidence" in err


def test_edit_well_takes_a_prefix(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "add", "x")
    assert run(capsys, "edit", "1", "--well", "ack")[0] == 0
    assert show(capsys, "1")["tags"] == [{"slug": "acknowledged", "polarity": 1}]


def test_prose_with_hyphens_and_a_phone_number_stays_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = "a 5-10 min wait, then an e-mail and a call to +44 20 7946 0000"
    assert run(capsys, "add", text)[0] == 0
    entry = show(capsys, "1")
    assert entry["what"] == text and entry["tags"] == []


def test_the_saved_line_names_the_time_and_fields_understood(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from journal.present import understood
    from journal.rows import EntryRow
    from journal.values import TagMark

    entry = EntryRow(
        id=12,
        uuid="u",
        what="x",
        occurred_at=datetime(2026, 12, 5, 11, 0, tzinfo=UTC),
        created_at=datetime(2026, 12, 5, 11, 0, tzinfo=UTC),
        updated_at=datetime(2026, 12, 5, 11, 0, tzinfo=UTC),
        setting="bank",
        overall="badly",
        tags=[TagMark("attention", -1)],
    )
    line = understood(entry, ZoneInfo("Europe/Berlin"))
    assert line == "Saved #12 at Sat 05 Dec 12:00 · bank · badly · -attention"
