"""JSON and CSV exports and the export command: fields, neutralised cells, privacy, files."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from cli_run import run

from journal.db import open_database
from journal.export.data import CSV_COLUMNS, neutralise, restore
from journal.schemas import EntryIn, TagIn, validate
from journal.store import Store
from journal.values import TagMark

ZONE = ZoneInfo("Europe/Berlin")
SECRET = "SECRET-PRIVATE-MARKER"


def fill(path: Path) -> None:
    db = open_database(str(path))
    try:
        store = Store(db, now=lambda: datetime(2026, 11, 20, 9, 0, 0, 123456, tzinfo=UTC))
        store.add_tag(TagIn(slug="called-back", group="Reliability", description="rang back"))
        entry = store.add(
            validate(
                EntryIn,
                {
                    "what": '=HYPERLINK("http://evil")',
                    "setting": "+bank",
                    "perspective": "customer",
                    "overall": "badly",
                    "differently": "-minus first",
                    "situation": "@at sign\nsecond line",
                    "lesson": "'quoted already",
                    "action": "Call back within a day",
                    "tags": [
                        TagMark(slug="attention", polarity=-1),
                        TagMark(slug="called-back", polarity=1),
                    ],
                    "flagged": True,
                    "occurred_at": datetime(2026, 11, 18, 14, 30, tzinfo=ZONE),
                },
            )
        )
        store.set_action_status(entry.action_items[0].id, "done")
        store.add(
            validate(
                EntryIn,
                {
                    "what": "Plain entry",
                    "occurred_at": datetime(2026, 11, 10, 8, 0, tzinfo=ZONE),
                },
            )
        )
        store.add(
            validate(
                EntryIn,
                {
                    "what": SECRET,
                    "situation": SECRET,
                    "action": SECRET,
                    "private": True,
                    "flagged": True,
                    "tags": [TagMark(slug="patience", polarity=1)],
                    "occurred_at": datetime(2026, 11, 18, 9, 0, tzinfo=ZONE),
                },
            )
        )
    finally:
        db.close()


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    fill(path)
    return path


def test_json_export_carries_every_field(journal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(journal), "export", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["format"] == "service-journal" and doc["version"] == 1
    assert datetime.fromisoformat(doc["exported_at"]).tzinfo is not None
    assert doc["tags"] == [
        {"slug": "called-back", "group": "Reliability", "description": "rang back"}
    ]
    first, second = doc["entries"]
    assert first["what"] == "Plain entry"  # oldest first
    assert set(second) == {
        "uuid",
        "occurred_at",
        "created_at",
        "updated_at",
        "what",
        "setting",
        "perspective",
        "overall",
        "differently",
        "situation",
        "behaviour",
        "impact",
        "why",
        "lesson",
        "left_them",
        "flagged",
        "private",
        "tags",
        "action_items",
    }
    assert second["occurred_at"] == "2026-11-18T14:30:00+01:00"
    assert second["created_at"] == "2026-11-20T10:00:00.123456+01:00"
    assert second["situation"] == "@at sign\nsecond line"
    assert second["tags"] == [
        {"slug": "called-back", "polarity": 1},
        {"slug": "attention", "polarity": -1},
    ]
    assert second["action_items"] == [
        {
            "text": "Call back within a day",
            "status": "done",
            "created_at": "2026-11-20T10:00:00.123456+01:00",
            "closed_at": "2026-11-20T10:00:00.123456+01:00",
        }
    ]
    assert second["private"] is False and second["flagged"] is True


def test_csv_export_has_the_documented_columns_and_neutralised_cells(
    journal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", str(journal), "export", "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    row = dict(zip(CSV_COLUMNS, rows[2], strict=True))
    assert row["what"] == '\'=HYPERLINK("http://evil")'
    assert row["setting"] == "'+bank"
    assert row["differently"] == "'-minus first"
    assert row["situation"] == "'@at sign\nsecond line"
    assert row["lesson"] == "''quoted already"
    assert row["tags"] == "'+called-back;-attention"
    assert json.loads(row["action_items"])[0]["status"] == "done"
    assert row["flagged"] == "true" and row["private"] == "false"
    for cells in rows[1:]:
        for cell in cells:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize("cell", ["", "plain", "=1+2", "+", "-", "@x", "\tx", "\rx", "'", "''a"])
def test_neutralise_is_reversed_exactly(cell: str) -> None:
    assert restore(neutralise(cell)) == cell
    assert not neutralise(cell).startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize("fmt", ["markdown", "json", "csv"])
@pytest.mark.parametrize(
    "extra", [[], ["--only-flagged"], ["--from", "2026-11-01", "--to", "2026-11-30"]]
)
def test_private_entries_never_appear_in_any_format(
    journal: Path, capsys: pytest.CaptureFixture[str], fmt: str, extra: list[str]
) -> None:
    week = ["--week", "2026-W47"] if fmt == "markdown" and "--from" not in extra else []
    code, out, _ = run(capsys, "--db", str(journal), "export", "--format", fmt, *week, *extra)
    assert code == 0
    assert SECRET not in out
    assert "patience" not in out  # the private entry's tag is not even listed
    if fmt == "markdown":
        assert "1 private entry left out" in out


def test_only_flagged_applies_to_data_formats(
    journal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "--db", str(journal), "export", "--format", "json", "--only-flagged")
    assert [e["what"] for e in json.loads(out)["entries"]] == ['=HYPERLINK("http://evil")']
    _, out, _ = run(capsys, "--db", str(journal), "export", "--format", "csv", "--only-flagged")
    assert len(list(csv.reader(io.StringIO(out, newline="")))) == 2


def test_range_limits_data_exports(journal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(
        capsys, "--db", str(journal), "export", "--format", "json", "--week", "2026-W46"
    )
    assert [e["what"] for e in json.loads(out)["entries"]] == ["Plain entry"]


def test_output_file_is_private_refuses_to_overwrite_and_force_overwrites(
    journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "week.md"
    code, out, _ = run(
        capsys, "--db", str(journal), "export", "--week", "2026-W47", "-o", str(target)
    )
    assert code == 0 and "Wrote" in out and "1 private left out" in out
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    first = target.read_text()
    assert first.startswith("# Coaching notes: 2026-W47")

    code, _, err = run(
        capsys, "--db", str(journal), "export", "--week", "2026-W47", "-o", str(target)
    )
    assert code == 1
    assert err == (
        f"service-journal: {target} already exists; choose another name or add --force.\n"
    )
    target.write_text("old")
    os.chmod(target, 0o644)
    code, _, _ = run(
        capsys, "--db", str(journal), "export", "--week", "2026-W47", "-o", str(target), "--force"
    )
    assert code == 0
    assert target.read_text() == first  # the same data gives the same document
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".week")] == []


def test_output_into_a_missing_folder_is_refused(
    journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys, "--db", str(journal), "export", "-o", str(tmp_path / "nowhere" / "x.md")
    )
    assert code == 1 and "does not exist" in err


def test_markdown_defaults_to_the_current_week(
    journal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from journal.weeks import week_of

    this_week = week_of(datetime.now(ZONE).date())
    _, out, _ = run(capsys, "--db", str(journal), "export")
    assert out.startswith(f"# Coaching notes: {this_week}\n")


def test_markdown_with_an_open_range_covers_the_entries(
    journal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "--db", str(journal), "export", "--to", "2026-11-30")
    assert "Plain entry" in out and "HYPERLINK" in out
    assert out.startswith("# Coaching notes: … to 2026\\-11\\-30") or out.startswith(
        "# Coaching notes: … to 2026-11-30"
    )
