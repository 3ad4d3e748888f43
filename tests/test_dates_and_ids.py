"""Issue 18, items 1, 2 and 6: dates, ids and cursors that used to break a journal, and the
sentences that replaced unclear messages. Everything runs through ``journal.cli.main``."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from cli_run import one_sentence, run
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from journal.db import dt_from_db, dt_to_db
from journal.instants import MAX_YEAR, MIN_YEAR, FutureTimeError, OutOfRangeError
from journal.store import Store
from journal.when import parse_capture, parse_when

RANGE = "use years 1900 to 2200"
NOW = datetime(2026, 12, 6, 3, 16, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """The store's clock fixed at 03:16 UTC on Sunday 6 December 2026."""
    monkeypatch.setattr(Store, "now", lambda self: NOW)
    return NOW


def readable(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    """The journal still lists and exports; the live entries as JSON."""
    code, out, err = run(capsys, "list", "--json", "--limit", "1000")
    assert (code, err) == (0, "")
    code, exported, err = run(capsys, "export", "--format", "json")
    assert (code, err) == (0, "")
    json.loads(exported)
    for fmt in ("csv", "markdown"):
        assert run(capsys, "export", "--format", fmt)[0] == 0
    entries: list[dict[str, object]] = json.loads(out)["entries"]
    return entries


# --- item 1: the supported range -------------------------------------------------------------


@pytest.mark.parametrize(
    "at", ["0026-11-20 14:30", "0999-01-01", "1899-12-31 23:59", "2201-01-01", "9999-12-31 23:59"]
)
def test_add_outside_the_range_is_refused_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], clock: datetime, at: str
) -> None:
    code, _, err = run(capsys, "add", "typo", "--at", at)
    assert code == 1
    assert one_sentence(err) == (
        f'service-journal: "{at}" is outside the supported range; {RANGE}.'
    )
    assert readable(capsys) == []


def test_edit_at_outside_the_range_leaves_the_entry(
    capsys: pytest.CaptureFixture[str], clock: datetime
) -> None:
    assert run(capsys, "add", "kept", "--at", "2026-11-20 14:30")[0] == 0
    code, _, err = run(capsys, "edit", "1", "--at", "0026-11-20 14:30")
    assert code == 1
    assert RANGE in one_sentence(err)
    [entry] = readable(capsys)
    assert str(entry["occurred_at"]).startswith("2026-11-20T14:30")


@pytest.mark.parametrize("zone", ["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_the_ends_of_the_range_are_kept_and_read_in_every_zone(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    clock: datetime,
    zone: str,
) -> None:
    monkeypatch.setenv("SERVICE_JOURNAL_TZ", zone)
    assert run(capsys, "add", "first", "--at", "1900-01-01 00:00")[0] == 0
    monkeypatch.setattr(Store, "now", lambda self: datetime(2200, 12, 31, 23, 59, tzinfo=UTC))
    assert run(capsys, "add", "last", "--at", "2200-12-31 23:00+00:00")[0] == 0
    whats = [e["what"] for e in readable(capsys)]
    assert whats == ["last", "first"]
    for entry_id in ("1", "2"):
        assert run(capsys, "show", entry_id)[0] == 0


@pytest.mark.parametrize(
    "args",
    [
        ("review", "--week", "9999-W52"),
        ("review", "--week", "0999-W10"),
        ("export", "--week", "0999-W10"),
        ("export", "--week", "0001-W01"),
        ("list", "--week", "2201-W01"),
        ("list", "--from", "9999-01-01", "--to", "9999-12-31"),
        ("list", "--from", "0001-01-01"),
        ("export", "--format", "json", "--to", "1899-12-31"),
    ],
)
def test_weeks_and_ranges_outside_echo_what_was_typed(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    code, out, err = run(capsys, *args)
    typed = next(a for a in args[1:] if a[:1].isdigit() and a[:4] not in ("1900", "2026"))
    assert code == 1
    assert (
        one_sentence(err) == f'service-journal: "{typed}" is outside the supported range; {RANGE}.'
    )
    assert out == ""


def test_the_first_and_last_weeks_of_the_range_are_reviewed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for week in ("1900-W01", "2200-W52"):
        code, out, err = run(capsys, "review", "--week", week)
        assert (code, err) == (0, "")
        assert out.startswith(f"Week {week}")
        assert run(capsys, "export", "--week", week)[0] == 0


def test_imports_keep_dates_within_the_range_and_refuse_the_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def export_of(when: str) -> Path:
        path = tmp_path / f"in-{len(list(tmp_path.iterdir()))}.json"
        entry = {"uuid": "0b7c6a1e-8f51-4c3e-9d2a-5e4f3a2b1c0d", "occurred_at": when, "what": "x"}
        path.write_text(json.dumps({"format": "service-journal", "version": 1, "entries": [entry]}))
        return path

    for when in ("9999-12-31T23:59:59-05:00", "0999-01-01T00:00:00+00:00"):
        code, _, err = run(capsys, "import", str(export_of(when)))
        assert code == 1
        assert RANGE in one_sentence(err)
    jrnl = tmp_path / "jrnl.json"
    jrnl.write_text(
        json.dumps({"entries": [{"date": "0999-01-01", "time": "10:00", "title": "x"}]})
    )
    code, _, err = run(capsys, "import", str(jrnl), "--format", "jrnl")
    assert code == 1
    assert RANGE in one_sentence(err)
    assert readable(capsys) == []
    # A date in the future within the range is what the file says: imports keep it.
    code, _, err = run(capsys, "import", str(export_of("2150-06-01T10:00:00+00:00")))
    assert (code, err) == (0, "")
    assert [e["occurred_at"] for e in readable(capsys)] == ["2150-06-01T12:00:00+02:00"]


# --- item 1: times in the future ---------------------------------------------------------------


def test_a_time_in_the_future_is_refused_saying_what_was_understood(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, clock: datetime
) -> None:
    monkeypatch.setenv("SERVICE_JOURNAL_TZ", "UTC")
    code, _, err = run(capsys, "add", "wrong day", "--at", "today 8:10")
    assert code == 1
    assert one_sentence(err) == (
        'service-journal: "today 8:10" is Sun 06 Dec 2026 08:10, in the future (now is '
        'Sun 06 Dec 03:16); give a time that has passed, e.g. "yesterday 08:10".'
    )
    assert readable(capsys) == []
    # Within five minutes of the clock is accepted: two devices' clocks differ a little.
    assert run(capsys, "add", "just now", "--at", "today 3:20")[0] == 0
    assert run(capsys, "edit", "1", "--at", "today 3:22")[0] == 1


def test_the_app_s_when_field_gets_the_same_refusal() -> None:
    from tui.forms import FormError, parse_when_text

    with pytest.raises(FormError) as info:
        parse_when_text("today 8:10", UTC, NOW)
    assert info.value.field == "when"
    assert "in the future" in info.value.message
    with pytest.raises(FormError) as info:
        parse_when_text("0026-11-20 14:30", UTC, NOW)
    assert RANGE in info.value.message


# --- item 1: boundaries, as a property ----------------------------------------------------------

ZONES = ["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Berlin", "America/St_Johns"]
EDGES = [
    datetime(1, 1, 1),
    datetime(999, 12, 31, 23, 59),
    datetime(1899, 12, 31, 23, 59, 59),
    datetime(1900, 1, 1),
    datetime(2200, 12, 31, 23, 59),
    datetime(2201, 1, 1),
    datetime(9999, 12, 31, 23, 59, 59),
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    moment=st.one_of(
        st.sampled_from(EDGES),
        st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    ),
    zone=st.sampled_from(ZONES),
    form=st.sampled_from(["%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]),
)
@example(moment=datetime(9999, 12, 31, 23, 59), zone="Pacific/Kiritimati", form="%Y-%m-%d %H:%M")
@example(moment=datetime(1, 1, 1), zone="Pacific/Pago_Pago", form="%Y-%m-%d %H:%M")
def test_any_typed_date_is_kept_in_range_or_refused_with_the_range(
    moment: datetime, zone: str, form: str
) -> None:
    """Inside the range a typed time is stored and read back in any zone; outside, refused."""
    tz = ZoneInfo(zone)
    text = f"{moment.year:04d}" + moment.strftime(form)[len(str(moment.year)) :]
    far_future = datetime(2300, 1, 1, tzinfo=UTC)
    try:
        parsed = parse_when(text, far_future.astimezone(tz))
    except OutOfRangeError as exc:
        assert not MIN_YEAR <= moment.year <= MAX_YEAR or moment.year in (MIN_YEAR, MAX_YEAR)
        assert RANGE in str(exc)
        return
    assert MIN_YEAR <= parsed.year <= MAX_YEAR
    assert MIN_YEAR <= parsed.astimezone(UTC).year <= MAX_YEAR
    stored = dt_to_db(parsed)
    assert len(stored) == 26 and stored[4] == "-"
    back = dt_from_db(stored)
    assert back == parsed
    for shown in ZONES:
        back.astimezone(ZoneInfo(shown)).isoformat()  # never overflows


def test_dt_to_db_pads_years_so_text_sorts_in_time_order() -> None:
    early = datetime(26, 11, 20, 14, 30, tzinfo=UTC)
    assert dt_to_db(early) == "0026-11-20 14:30:00.000000"
    assert dt_from_db(dt_to_db(early)) == early
    assert dt_to_db(early) < dt_to_db(datetime(1900, 1, 1, tzinfo=UTC))


def test_parse_capture_allows_five_minutes_ahead() -> None:
    assert parse_capture("now", NOW) == NOW
    ahead = NOW + timedelta(minutes=5)
    assert parse_capture(ahead.isoformat(), NOW) == ahead
    with pytest.raises(FutureTimeError):
        parse_capture((ahead + timedelta(seconds=1)).isoformat(), NOW)


# --- item 1: a row that cannot be read back -----------------------------------------------------


def plant_unreadable_rows(path: Path) -> None:
    """What another program (or a version before the range existed) could have written."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("UPDATE entry SET occurred_at = '26-11-20 14:30:00.000000' WHERE id = 1")
    conn.execute("UPDATE entry SET what = CAST(x'41ff42' AS TEXT) WHERE id = 2")
    conn.execute("UPDATE entry SET perspective = 'alien', private = 7 WHERE id = 3")
    conn.execute("UPDATE entry SET occurred_at = '9999-12-31 23:59:00.000000' WHERE id = 4")
    conn.execute("UPDATE action_item SET status = 'maybe', created_at = 'soon' WHERE entry_id = 5")
    conn.commit()
    conn.close()


def test_doctor_finds_and_repair_mends_unreadable_rows_keeping_the_text(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SERVICE_JOURNAL_TZ", "Pacific/Kiritimati")
    path = tmp_path / "default-journal.db"
    for n in range(1, 7):
        assert run(capsys, "add", f"entry {n}", "--at", f"2026-11-2{n} 10:00")[0] == 0
    assert run(capsys, "edit", "5", "--action", "call back")[0] == 0
    plant_unreadable_rows(path)

    # Readers skip the five rows with one warning; the sixth is still there.
    code, out, err = run(capsys, "list", "--json")
    assert code == 0
    assert [e["id"] for e in json.loads(out)["entries"]] == [6]
    assert "doctor --repair" in one_sentence(err)
    code, _, err = run(capsys, "show", "2")
    assert code == 3
    assert "doctor --repair" in one_sentence(err)
    for fmt in ("json", "csv", "markdown"):
        code, _, err = run(capsys, "export", "--format", fmt, "--from", "2026-11-01")
        assert code == 0 and "doctor --repair" in err and "Traceback" not in err

    code, out, _ = run(capsys, "doctor")
    assert code == 1
    assert "BAD  readable rows: 5 entries hold values that cannot be read back" in out
    for line in (
        "#1: occurred_at is outside years 1900 to 2200",
        "#2: what holds bytes that are not UTF-8 text",
        "#3: perspective is not one of its values; private is not 0 or 1",
        "#4: occurred_at is outside years 1900 to 2200",
        "#5: an action item's status is not one of its values",
    ):
        assert line in out

    code, out, _ = run(capsys, "doctor", "--repair")
    assert code == 0, out
    assert out.count("Moved to the trash") == 5
    assert "#1: occurred_at is outside years 1900 to 2200. Moved to the trash" in out
    code, out, _ = run(capsys, "doctor")
    assert code == 0, out

    assert [e["id"] for e in readable(capsys)] == [6]
    code, out, err = run(capsys, "list", "--trash", "--json")
    assert (code, err) == (0, "")
    trashed = {e["id"]: e for e in json.loads(out)["entries"]}
    assert sorted(trashed) == [1, 2, 3, 4, 5]
    assert trashed[2]["what"] == "A\ufffdB"  # the readable part is kept
    assert trashed[3]["private"] is True and trashed[3]["perspective"] is None
    assert trashed[1]["occurred_at"] == trashed[1]["created_at"]
    assert trashed[5]["action_items"][0]["text"] == "call back"  # type: ignore[index]
    for entry_id in map(str, trashed):
        assert run(capsys, "show", entry_id)[0] == 0
        assert run(capsys, "restore", entry_id)[0] == 0
    assert len(readable(capsys)) == 6


# --- item 2: ids, cursors, limits ----------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("show", "9223372036854775808"),
        ("edit", "9223372036854775808", "--lesson", "x"),
        ("delete", "9223372036854775808"),
        ("restore", "9223372036854775808"),
        ("show", "--", "-9223372036854775809"),
        ("show", "0"),
    ],
)
def test_ids_outside_sqlite_integers_name_no_entry(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    code, _, err = run(capsys, *args)
    assert code == 1
    assert "There is no entry #" in one_sentence(err)


@pytest.mark.parametrize(
    "args",
    [
        ("list", "--cursor", "abc"),
        ("list", "--search", "x", "--cursor", "abc"),
        ("list", "--cursor", "x|99999999999999999999"),
        ("list", "--search", "x", "--cursor", "r:-5"),
        ("list", "--search", "x", "--cursor", "i:99999999999999999999"),
        ("list", "--cursor", "|5"),
    ],
)
def test_bad_cursors_are_refused_with_a_sentence(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    run(capsys, "add", "x marks the spot")
    code, _, err = run(capsys, *args)
    assert code == 1
    assert "is not a cursor of this list" in one_sentence(err)


@pytest.mark.parametrize(
    ("limit", "code"), [("0", 1), ("-1", 1), ("99999999999999999999999", 0), ("many", 2)]
)
def test_limits(capsys: pytest.CaptureFixture[str], limit: str, code: int) -> None:
    run(capsys, "add", "one")
    got, out, err = run(capsys, "list", "--limit", limit, "--json")
    assert got == code
    if code:
        one_sentence(err)
    else:
        assert len(json.loads(out)["entries"]) == 1


# --- item 6: messages ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ("edit", "1", "--details", "a" * 4001),
            "Situation is too long: at most 4000 characters, not 4001.",
        ),
        (("add", "a\udc80b"), 'the argument "a?b" holds bytes that are not valid text (UTF-8)'),
        (("list", "--search", "\udcff"), "holds bytes that are not valid text (UTF-8)"),
        (("tags", "add", "a", "--group", "G"), 'Tag "a" is too short: at least 2 characters.'),
        (("add", "a\tb"), "What happened must not hold a tab; use spaces instead."),
        (("add", "x", "--setting", "a\tb"), "Setting must not hold a tab; use spaces instead."),
    ],
)
def test_messages_say_what_is_wrong(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], expected: str
) -> None:
    run(capsys, "add", "one")
    code, _, err = run(capsys, *args)
    assert code == 1
    assert expected in one_sentence(err)


def test_an_empty_trash_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "list", "--trash") == (0, "The trash is empty.\n", "")


def test_an_invalid_week_start_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SERVICE_JOURNAL_WEEK_START", "friday")
    code, _, err = run(capsys, "list")
    assert code == 2
    assert one_sentence(err) == (
        'service-journal: SERVICE_JOURNAL_WEEK_START="friday" is not a week start; set it to '
        "monday or sunday, or leave it unset."
    )


def test_an_integer_uuid_in_an_import_is_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "in.json"
    entry = {"uuid": 5, "occurred_at": "2026-01-01T10:00:00+00:00", "what": "x"}
    path.write_text(json.dumps({"format": "service-journal", "version": 1, "entries": [entry]}))
    code, _, err = run(capsys, "import", str(path))
    assert code == 1
    assert "uuid must be text like" in one_sentence(err)
    assert "not 5" in err


def test_backup_errors_suggest_another_place_for_the_backup(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, "add", "one")
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o555)
    try:
        code, _, err = run(capsys, "backup", str(folder / "copy.db"))
    finally:
        folder.chmod(0o700)
    assert code == 3
    sentence = one_sentence(err)
    assert "choose another place for the backup" in sentence
    assert "--db" not in sentence
