"""Private entries never leave the machine: no export format and no shareable review shows them.

A private entry carries a marker word in every text field it has (and is flagged for coaching,
unreflected and has an open action item, so that every section of an export or review would want
it); a public entry carries another marker, so that an empty output cannot pass by accident.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from journal.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXPORT_READY = (ROOT / "journal" / "export").is_dir() and (
    ROOT / "journal" / "commands" / "transfer.py"
).is_file()
REVIEW_READY = (ROOT / "journal" / "commands" / "review.py").is_file()

SECRET = "zebrafinchsecret"
PUBLIC = "kingfisherpublic"
FIELDS = {
    "what": "{m} what happened",
    "--setting": "{m} setting",
    "--differently": "{m} differently",
    "--details": "{m} details",
    "--behaviour": "{m} behaviour",
    "--impact": "{m} impact",
    "--lesson": "{m} lesson",
    "--action": "{m} action item",
}


def _add(db: str, marker: str, *extra: str) -> None:
    code = main(
        [
            "--db",
            db,
            "add",
            FIELDS["what"].format(m=marker),
            "--setting",
            FIELDS["--setting"].format(m=marker),
            "--overall",
            "badly",
            "--badly",
            "wait-time",
            "--well",
            "apology",
            "--flag",
            *extra,
        ]
    )
    assert code == 0


@pytest.fixture
def journal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    db = str(tmp_path / "privacy.db")
    for marker, extra in ((SECRET, ["--private"]), (PUBLIC, [])):
        _add(db, marker, *extra)
        entry_id = capsys.readouterr().out.strip()
        edits = []
        for option in ("--differently", "--details", "--behaviour", "--impact", "--lesson"):
            edits += [option, FIELDS[option].format(m=marker)]
        edits += ["--action", FIELDS["--action"].format(m=marker), "--why", "process"]
        assert main(["--db", db, "edit", entry_id, *edits]) == 0
        # one more, unreflected, for the inbox
        assert main(["--db", db, "add", f"{marker} still to reflect on", *extra]) == 0
        capsys.readouterr()
    capsys.readouterr()
    return db


def _this_week() -> str:
    year, week, _ = datetime.now(ZoneInfo("Europe/Berlin")).isocalendar()
    return f"{year}-W{week:02d}"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


@pytest.mark.skipif(not EXPORT_READY, reason="service-journal export is not written yet")
@pytest.mark.parametrize("fmt", ["markdown", "json", "csv"])
def test_exports_never_contain_private_entries(
    journal: str, fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = []
    for selection in ([], ["--only-flagged"], ["--week", _this_week()], ["--from", "2000-01-01"]):
        outputs.append(_run(capsys, "--db", journal, "export", "--format", fmt, *selection))
    target = tmp_path / f"export.{fmt}"
    _run(capsys, "--db", journal, "export", "--format", fmt, "-o", str(target))
    outputs.append(target.read_text(encoding="utf-8"))
    for output in outputs:
        assert SECRET not in output.lower()
        assert PUBLIC in output.lower()  # the export is not simply empty


@pytest.mark.skipif(not REVIEW_READY, reason="service-journal review is not written yet")
def test_review_json_never_contains_private_entries(
    journal: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in ([], ["--week", _this_week()]):
        output = _run(capsys, "--db", journal, "review", "--json", *args)
        json.loads(output)
        assert SECRET not in output.lower()
        assert PUBLIC in output.lower()


# ------------------------------------------------------------------ private wins every merge


def _json_of(db: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--db", db, "export", "--format", "json"]) == 0
    return capsys.readouterr().out


def _import(db: str, path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--db", db, "import", str(path)]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_an_import_never_makes_a_private_entry_public(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Export A, import into B, mark private in B, edit in A, export A again, import into B."""
    a, b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    file = tmp_path / f"a.{fmt}"
    assert main(["--db", a, "add", f"{SECRET} at the counter"]) == 0
    capsys.readouterr()
    assert main(["--db", a, "export", "--format", fmt, "-o", str(file)]) == 0
    assert "added 1" in _import(b, file, capsys)
    assert main(["--db", b, "edit", "1", "--private"]) == 0
    assert main(["--db", a, "edit", "1", "--lesson", f"{SECRET} lesson"]) == 0
    assert main(["--db", a, "export", "--format", fmt, "-o", str(file), "--force"]) == 0
    capsys.readouterr()
    assert "updated 1" in _import(b, file, capsys)
    assert main(["--db", b, "show", "1", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["private"] is True
    assert shown["lesson"] == f"{SECRET} lesson"  # the newer text arrived; privacy stayed
    assert SECRET not in _json_of(b, capsys)


def test_a_file_can_still_make_a_public_entry_private(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    file = tmp_path / "a.json"
    assert main(["--db", a, "add", f"{SECRET} at the counter"]) == 0
    assert main(["--db", a, "export", "--format", "json", "-o", str(file)]) == 0
    capsys.readouterr()
    _import(b, file, capsys)
    doc = json.loads(file.read_text())
    doc["entries"][0]["private"] = True
    doc["entries"][0]["updated_at"] = "2099-01-01T00:00:00+00:00"
    file.write_text(json.dumps(doc))
    assert "updated 1" in _import(b, file, capsys)
    assert SECRET not in _json_of(b, capsys)
