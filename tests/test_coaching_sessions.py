"""Coaching sessions: the store (``store.coaching``), the weekly review's follow-up of their
agreements, doctor, and the ``coaching`` commands."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cli_run import one_sentence, run

from journal.db import Database
from journal.errors import InputError
from journal.store import Store

NOW = datetime(2026, 11, 26, 17, 0, tzinfo=UTC)  # Thursday of 2026-W48
HELD = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)  # Tuesday of 2026-W48


@pytest.fixture
def clocked(db: Database) -> Store:
    return Store(db, now=lambda: NOW)


def count(db: Database, table: str) -> int:
    return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


# ----------------------------------------------------------------- the store


def test_a_session_and_its_agreements_are_read_back(clocked: Store) -> None:
    first = clocked.coaching.add_session(HELD - timedelta(days=14), "First talk")
    second = clocked.coaching.add_session(
        HELD, "  Greeting and queues \n", ["Greet within 5 seconds", " Call the next person "]
    )
    sessions = clocked.coaching.sessions()
    assert [s.id for s in sessions] == [second, first]  # newest first
    latest = sessions[0]
    assert latest.held_at == HELD
    assert latest.notes == "Greeting and queues"
    assert latest.created_at == NOW
    texts = [(a.text, a.status, a.entry_id, a.session_id) for a in latest.agreements]
    assert texts == [
        ("Greet within 5 seconds", "open", None, second),
        ("Call the next person", "open", None, second),
    ]
    assert sessions[1].agreements == []
    # The agreements are action items like any other.
    assert {i.session_id for i in clocked.action_items()} == {second}


def test_latest_session_before_an_instant(clocked: Store) -> None:
    assert clocked.coaching.latest_session() is None
    early = clocked.coaching.add_session(HELD - timedelta(days=7))
    late = clocked.coaching.add_session(HELD)
    assert clocked.coaching.latest_session().id == late  # type: ignore[union-attr]
    assert clocked.coaching.latest_session(before=HELD).id == early  # type: ignore[union-attr]
    assert clocked.coaching.latest_session(before=HELD - timedelta(days=7)) is None


@pytest.mark.parametrize(
    ("notes", "agreements", "message"),
    [
        (None, ["ok", "bad \x1b[31m escape"], "Agreement 2 must not contain control characters."),
        (None, ["   "], "Agreement 1 is required and cannot be empty."),
        (None, ["x" * 501], "Agreement 1 is too long: at most 500 characters."),
        ("a\x07bell", [], "The session's notes must not contain control characters."),
        ("n" * 2001, [], "The session's notes is too long: at most 2000 characters."),
    ],
)
def test_bad_text_is_refused_and_nothing_is_written(
    clocked: Store, db: Database, notes: str | None, agreements: list[str], message: str
) -> None:
    with pytest.raises(InputError) as refused:
        clocked.coaching.add_session(HELD, notes, agreements)
    assert str(refused.value) == message
    assert (count(db, "coaching_session"), count(db, "action_item")) == (0, 0)


def test_a_time_outside_the_supported_range_is_refused(clocked: Store, db: Database) -> None:
    with pytest.raises(InputError):
        clocked.coaching.add_session(datetime(2201, 1, 1, tzinfo=UTC))
    assert count(db, "coaching_session") == 0


def test_the_weekly_review_follows_agreements_up(clocked: Store) -> None:
    before = clocked.coaching.add_session(HELD - timedelta(days=14), None, ["Old open agreement"])
    session = clocked.coaching.add_session(HELD, None, ["Greet within 5 seconds", "Smile"])
    smile = clocked.coaching.sessions()[0].agreements[1].id
    clocked.set_action_status(clocked.coaching.sessions()[1].agreements[0].id, "open")
    week_start = datetime(2026, 11, 22, 23, 0, tzinfo=UTC)  # Monday 23 Nov, Berlin
    week_end = week_start + timedelta(days=7)
    reviews = clocked.review
    decided = reviews.decide_action("2026-W48", smile, "done")
    assert (decided.status, decided.session_id) == ("done", session)
    listed = reviews.review_items("2026-W48", week_start, week_end)
    assert [(r.item.text, r.item.status, r.decision) for r in listed] == [
        ("Old open agreement", "open", None),
        ("Greet within 5 seconds", "open", None),
        ("Smile", "done", "done"),
    ]
    # An item's origin is when its session was held, not when it was typed in.
    assert listed[1].origin == HELD
    assert {r.item.session_id for r in listed} == {before, session}
    # The next week still lists what is open, and no longer what was closed before it.
    later = reviews.review_items("2026-W49", week_end, week_end + timedelta(days=7))
    assert [r.item.text for r in later] == ["Old open agreement", "Greet within 5 seconds"]


def test_review_items_reads_session_items_the_same_way_without_the_window(
    clocked: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import journal.store.review_items as review_items

    clocked.coaching.add_session(HELD, None, ["Greet within 5 seconds"])
    week_start = datetime(2026, 11, 22, 23, 0, tzinfo=UTC)
    monkeypatch.setattr(review_items, "ITEMS_WINDOW", 0)
    listed = clocked.review.review_items("2026-W48", week_start, week_start + timedelta(days=7))
    assert [(r.item.text, r.origin) for r in listed] == [("Greet within 5 seconds", HELD)]


def test_an_unreadable_held_at_is_skipped_and_named_by_doctor(clocked: Store, db: Database) -> None:
    from journal.doctor import diagnose

    good = clocked.coaching.add_session(HELD, None, ["Keep"])
    bad = clocked.coaching.add_session(HELD - timedelta(days=7), None, ["Lost?"])
    db.execute(
        "UPDATE coaching_session SET held_at = '2026-11-17 25:00:00.000000' WHERE id = ?", (bad,)
    )
    assert [s.id for s in clocked.coaching.sessions()] == [good]
    assert clocked.coaching.unreadable == {bad}
    checks = {c.name: c for c in diagnose(clocked, repair=False)}
    sessions = checks["coaching sessions"]
    assert not sessions.ok
    assert sessions.lines == [f"session #{bad}: held_at is not a date and time"]
    # The weekly review still lists its agreement, dated from when it was written.
    week_start = datetime(2026, 11, 15, 23, 0, tzinfo=UTC)
    listed = clocked.review.review_items("2026-W47", week_start, week_start + timedelta(days=7))
    assert [(r.item.text, r.origin) for r in listed] == [("Lost?", NOW)]


# ----------------------------------------------------------------- the commands


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> datetime:
    monkeypatch.setattr(Store, "now", lambda self: NOW)
    return NOW


def test_coaching_add_prints_the_id_and_list_shows_the_agreements(
    capsys: pytest.CaptureFixture[str], clock: datetime
) -> None:
    code, out, err = run(
        capsys, "coaching", "add", "--at", "tue 16:00", "--notes", "Greeting",
        "--agree", "Greet within 5 seconds", "--agree", "Smile",
    )  # fmt: skip
    assert (code, out, err) == (0, "1\n", "")
    assert run(capsys, "review", "decide", "2", "done", "--week", "2026-W48")[0] == 0
    code, out, _ = run(capsys, "coaching", "list")
    assert code == 0
    assert out.splitlines() == [
        "#1  Tue 24 Nov 2026 16:00",
        "    Greeting",
        "  [ ] Greet within 5 seconds  (action item #1, open)",
        "  [x] Smile  (action item #2, done)",
    ]
    code, out, _ = run(capsys, "coaching", "list", "--json")
    [session] = json.loads(out)["sessions"]
    assert session["held_at"] == "2026-11-24T16:00:00+01:00"  # local time, past-preferring
    assert session["notes"] == "Greeting"
    assert [(a["text"], a["status"], a["session_id"], a["entry_id"]) for a in
            session["agreements"]] == [
        ("Greet within 5 seconds", "open", 1, None), ("Smile", "done", 1, None)
    ]  # fmt: skip


def test_coaching_add_defaults_to_now_and_lists_newest_first(
    capsys: pytest.CaptureFixture[str], clock: datetime
) -> None:
    run(capsys, "coaching", "add", "--at", "2026-11-10 09:00")
    run(capsys, "coaching", "add")
    _, out, _ = run(capsys, "coaching", "list", "--json")
    held = [s["held_at"] for s in json.loads(out)["sessions"]]
    assert held == ["2026-11-26T18:00:00+01:00", "2026-11-10T09:00:00+01:00"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--agree", "ok", "--agree", "bad\x1b[2J"], 1,
         "service-journal: Agreement 2 must not contain control characters."),
        (["--at", "2250-01-01"], 1,
         'service-journal: "2250-01-01" is outside the supported range; use years 1900 to 2200.'),
        (["--at", "whenever"], 1,
         'service-journal: Could not understand "whenever" as a time; use ISO 8601 '
         '(2026-11-20 14:30) or phrases like "now", "today 14:30", "yesterday 9am", "2h ago".'),
        (["--notes", "x" * 2001], 1,
         "service-journal: The session's notes is too long: at most 2000 characters."),
    ],
)  # fmt: skip
def test_coaching_add_refuses_bad_input_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], clock: datetime, args: list[str], code: int, message: str
) -> None:
    result, out, err = run(capsys, "coaching", "add", *args)
    assert (result, out) == (code, "")
    assert one_sentence(err) == message
    assert run(capsys, "coaching", "list", "--json")[1] == '{\n  "sessions": []\n}\n'


def test_coaching_list_without_sessions_says_how_to_record_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "coaching", "list")
    assert code == 0
    assert "service-journal coaching add" in out


def test_coaching_help_names_both_actions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "coaching", "add", "--help")
    assert code == 0
    assert "--agree TEXT" in out and "--at WHEN" in out and "--notes TEXT" in out


# ----------------------------------------------------------------- export and import


def test_a_json_round_trip_keeps_sessions_and_their_agreements(
    capsys: pytest.CaptureFixture[str],
    clock: datetime,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run(capsys, "add", "Greeted late", "--perspective", "provider", "--at", "2026-11-23 10:00")
    run(
        capsys, "coaching", "add", "--at", "2026-11-24 16:00", "--notes", "Greeting\nand queues",
        "--agree", "Greet within 5 seconds", "--agree", "Smile",
    )  # fmt: skip
    run(capsys, "coaching", "add", "--at", "2026-11-10 16:00")
    run(capsys, "review", "decide", "2", "dropped", "--week", "2026-W48")
    code, exported, _ = run(capsys, "export", "--format", "json")
    assert code == 0
    sessions = json.loads(exported)["coaching_sessions"]
    assert [s["held_at"] for s in sessions] == [
        "2026-11-10T16:00:00+01:00",
        "2026-11-24T16:00:00+01:00",
    ]  # oldest first
    assert sessions[1]["agreements"][1] == {
        "text": "Smile",
        "status": "dropped",
        "created_at": "2026-11-26T18:00:00+01:00",
        "closed_at": "2026-11-26T18:00:00+01:00",
    }
    path = tmp_path / "export.json"
    path.write_text(exported)
    monkeypatch.setenv("SERVICE_JOURNAL_DB", str(tmp_path / "fresh.db"))
    code, out, _ = run(capsys, "import", str(path))
    assert (code, out) == (
        0,
        "Imported: added 1, updated 0, skipped 0. Coaching sessions: added 2, skipped 0 "
        "(already in the journal).\n",
    )
    again = run(capsys, "export", "--format", "json")[1]
    assert json.loads(again)["coaching_sessions"] == sessions
    # Importing the same file again adds no session twice.
    assert "Coaching sessions: added 0, skipped 2" in run(capsys, "import", str(path))[1]
    assert len(json.loads(run(capsys, "coaching", "list", "--json")[1])["sessions"]) == 2


def test_an_export_without_sessions_has_no_sessions_key(
    capsys: pytest.CaptureFixture[str], clock: datetime
) -> None:
    run(capsys, "add", "Greeted late")
    assert "coaching_sessions" not in json.loads(run(capsys, "export", "--format", "json")[1])


def test_a_bad_session_in_a_file_refuses_the_whole_import(
    capsys: pytest.CaptureFixture[str], clock: datetime, tmp_path: Path
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "format": "service-journal",
                "version": 1,
                "tags": [],
                "coaching_sessions": [
                    {
                        "held_at": "2026-11-24T16:00:00+01:00",
                        "agreements": [
                            {"text": "ok\u001b[2J", "created_at": "2026-11-24T16:00:00+01:00"}
                        ],
                    }
                ],
                "entries": [],
            }
        )
    )
    code, out, err = run(capsys, "import", str(path))
    assert (code, out) == (1, "")
    assert one_sentence(err).startswith(
        f"service-journal: Nothing was imported from {path}: coaching session 1 (index 0): "
        "action item 1: "
    )
    assert json.loads(run(capsys, "coaching", "list", "--json")[1]) == {"sessions": []}


def test_an_import_preview_counts_the_sessions_it_would_add(clocked: Store) -> None:
    from zoneinfo import ZoneInfo

    from journal.export import render_export
    from journal.importers import parse, preview

    zone = ZoneInfo("Europe/Berlin")
    clocked.coaching.add_session(HELD, "Greeting", ["Greet within 5 seconds"])
    text = render_export(clocked, "json", None, None, label="", zone=zone, now=NOW).text
    new = text.replace("2026-11-24T16:00:00+01:00", "2026-11-17T16:00:00+01:00")
    document = json.loads(text)
    document["coaching_sessions"] += json.loads(new)["coaching_sessions"]
    batch = parse(json.dumps(document), "json", "export.json", zone)
    result = preview(clocked, batch).result
    assert (result.sessions_added, result.sessions_skipped) == (1, 1)
    assert result.dry_run and len(clocked.coaching.sessions()) == 1
