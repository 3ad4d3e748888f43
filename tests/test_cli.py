"""The command line as users' scripts see it: output, exit codes, one-sentence errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import run

from journal.cli import main

ADD_EXAMPLE = [
    "add",
    "Cashier greeted every customer by looking up",
    "--setting",
    "grocery checkout",
    "--perspective",
    "witnessed",
    "--overall",
    "well",
    "--well",
    "attention,courtesy",
    "--differently",
    "Same, plus a word to the person waiting behind",
]


def sj(tmp_path: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SERVICE_JOURNAL_DB": str(tmp_path / "sub.db")}
    return subprocess.run(
        [sys.executable, "-m", "journal.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        check=False,
    )


def test_issue_example_round_trip(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *ADD_EXAMPLE)
    assert code == 0, err
    entry_id = int(out.strip())

    code, out, _ = run(capsys, "list", "--json")
    listed = json.loads(out)["entries"]
    assert [e["id"] for e in listed] == [entry_id]
    assert listed[0]["tags"] == [
        {"slug": "attention", "polarity": 1},
        {"slug": "courtesy", "polarity": 1},
    ]
    assert listed[0]["setting"] == "grocery checkout"

    code, out, _ = run(capsys, "show", str(entry_id))
    assert code == 0
    assert "Cashier greeted every customer" in out
    assert "+attention +courtesy" in out

    code, out, _ = run(capsys, "list", "--search", "cashier")
    assert f"#{entry_id}" in out


def test_json_shape_is_the_documented_one(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, *ADD_EXAMPLE)
    _, out, _ = run(capsys, "show", "1", "--json")
    data = json.loads(out)
    assert set(data) == {
        "id", "uuid", "occurred_at", "what", "setting", "perspective", "overall", "differently",
        "situation", "behaviour", "impact", "why", "lesson", "left_them", "tags", "flagged",
        "private", "reflected", "action_items", "created_at", "updated_at", "trashed_at",
    }  # fmt: skip
    assert data["occurred_at"].endswith(("+01:00", "+02:00"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", ""], "What happened is required and cannot be empty."),
        (["add", "x", "--well", "no-such-tag"], 'Unknown tag "no-such-tag"'),
        (["add", "x", "--badly", "atention"], "Did you mean attention"),
        (["add", "x", "--at", "next blue moon"], 'Could not understand "next blue moon"'),
        (["show", "99"], "There is no entry #99"),
        (["restore", "99"], "There is no entry #99"),
        (["edit", "99", "--lesson", "x"], "There is no entry #99"),
        (["list", "--from", "2026-13-01"], "is not a date"),
        (["list", "--tag", "atention"], "Did you mean attention"),
        (["tags", "add", "no!", "--group", "Empathy"], "not a valid tag name"),
    ],
)
def test_user_errors_exit_1_with_one_sentence_and_change_nothing(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    run(capsys, "add", "existing entry")
    code, out, err = run(capsys, *args)
    assert code == 1
    assert message in err
    assert err.count("\n") == 1
    assert "Traceback" not in err
    _, out, _ = run(capsys, "list", "--json")
    assert [e["what"] for e in json.loads(out)["entries"]] == ["existing entry"]


@pytest.mark.parametrize(
    "args",
    [
        ["add"],
        ["add", "x", "--perspective", "bystander"],
        ["list", "--week", "2026-W99"],
        ["list", "--week", "47"],
        ["show", "one"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        code = main(args)
        raise SystemExit(code)
    assert info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_malformed_week_names_the_right_form(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "list", "--week", "2026-W99")
    assert code == 2
    assert "2026-W47" in err


def test_edit_reflection_and_flags(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "add", "Waiter argued with the manager in front of guests", "--overall", "badly")
    code, _, err = run(
        capsys,
        "edit", "1", "--details", "Loud argument", "--why", "staffing",
        "--lesson", "Take it outside", "--action", "Step away before disagreeing",
        "--left", "worse", "--flag", "--badly", "staff-conduct",
    )  # fmt: skip
    assert code == 0, err
    _, out, _ = run(capsys, "show", "1", "--json")
    data = json.loads(out)
    assert data["situation"] == "Loud argument"
    assert data["why"] == "staffing"
    assert data["lesson"] == "Take it outside"
    assert data["left_them"] == "worse"
    assert data["flagged"] is True
    assert data["reflected"] is True
    assert data["tags"] == [{"slug": "staff-conduct", "polarity": -1}]
    assert [a["text"] for a in data["action_items"]] == ["Step away before disagreeing"]
    run(capsys, "edit", "1", "--no-flag")
    _, out, _ = run(capsys, "show", "1", "--json")
    assert json.loads(out)["flagged"] is False


def test_delete_and_restore(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "add", "to be trashed")
    code, out, _ = run(capsys, "delete", "1")
    assert code == 0 and "restore 1" in out
    _, out, _ = run(capsys, "list", "--json")
    assert json.loads(out)["entries"] == []
    _, out, _ = run(capsys, "list", "--trash", "--json")
    assert [e["id"] for e in json.loads(out)["entries"]] == [1]
    assert run(capsys, "restore", "1")[0] == 0
    _, out, _ = run(capsys, "list", "--json")
    assert [e["id"] for e in json.loads(out)["entries"]] == [1]


def test_list_filters_and_paging(capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(5):
        run(capsys, "add", f"entry {i}", "--at", f"2026-11-1{i} 10:00", "--badly", "queue")
    run(capsys, "add", "other week", "--at", "2026-11-25 10:00", "--well", "queue")
    _, out, _ = run(capsys, "list", "--week", "2026-W46", "--json")  # Mon 9 to Sun 15 Nov
    week = [e["what"] for e in json.loads(out)["entries"]]
    assert week == ["entry 4", "entry 3", "entry 2", "entry 1", "entry 0"]
    _, out, _ = run(capsys, "list", "--week", "2026-W48", "--json")
    assert [e["what"] for e in json.loads(out)["entries"]] == ["other week"]
    _, out, _ = run(capsys, "list", "--tag=-queue", "--limit", "2", "--json")
    first = json.loads(out)
    assert [e["what"] for e in first["entries"]] == ["entry 4", "entry 3"]
    _, out, _ = run(
        capsys, "list", "--tag=-queue", "--limit", "2", "--cursor", first["next_cursor"], "--json"
    )
    assert [e["what"] for e in json.loads(out)["entries"]] == ["entry 2", "entry 1"]
    _, out, _ = run(capsys, "list", "--tag=+queue", "--json")
    assert [e["what"] for e in json.loads(out)["entries"]] == ["other week"]
    _, out, _ = run(capsys, "list", "--from", "2026-11-13", "--to", "2026-11-14", "--json")
    assert [e["what"] for e in json.loads(out)["entries"]] == ["entry 4", "entry 3"]


def test_tags_command_lists_catalogue_with_counts(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "tags", "add", "called-back", "--group", "Recovery", "--description", "Rang back")
    run(capsys, "add", "x", "--well", "called-back", "--badly", "queue")
    code, out, _ = run(capsys, "tags", "--json")
    assert code == 0
    tags = {t["slug"]: t for t in json.loads(out)}
    assert tags["called-back"]["group"] == "Recovery"
    assert tags["called-back"]["plus"] == 1
    assert tags["queue"]["minus"] == 1
    _, out, _ = run(capsys, "tags")
    assert "called-back" in out and "Rang back" in out


def test_backup_is_a_private_consistent_copy(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, "add", "worth keeping")
    target = tmp_path / "backup.db"
    code, out, _ = run(capsys, "backup", str(target))
    assert code == 0
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    code, out, _ = run(capsys, "--db", str(target), "list", "--json")
    assert [e["what"] for e in json.loads(out)["entries"]] == ["worth keeping"]
    code, _, err = run(capsys, "backup", str(target))
    assert code == 3 and "already exists" in err


def test_database_problem_exits_3_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("not a journal")
    result = sj(tmp_path, "--db", str(bad), "list")
    assert result.returncode == 3
    assert "not a Service Journal database" in result.stderr
    assert "Traceback" not in result.stderr
    assert bad.read_text() == "not a journal"


def test_subprocess_add_prints_only_the_id(tmp_path: Path) -> None:
    result = sj(tmp_path, *ADD_EXAMPLE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"
    assert result.stderr == ""


def test_help_runs_for_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ["add", "list", "show", "edit", "delete", "restore", "tags", "review",
                    "export", "import", "backup", "doctor"]:  # fmt: skip
        with pytest.raises(SystemExit) as info:
            main([command, "--help"])
        assert info.value.code == 0
        assert "usage:" in capsys.readouterr().out
