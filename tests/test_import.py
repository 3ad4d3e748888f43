"""Imports: exact round trips, idempotence, dry runs, jrnl files and every refusal."""

from __future__ import annotations

import io
import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from journal_templates import new_journal

from journal.cli import main
from journal.db import open_database
from journal.errors import InputError
from journal.export.data import to_csv, to_json
from journal.importers import apply, parse
from journal.importers.from_jrnl import jrnl_uuid
from journal.schemas import EntryIn, TagIn, validate
from journal.store import Store
from journal.values import EntryFilter, TagMark

ZONE = ZoneInfo("Europe/Berlin")
FIXTURE = Path(__file__).parent / "fixtures" / "jrnl_export.json"
EXPORTED_AT = datetime(2026, 12, 1, 12, 0, tzinfo=ZONE)


class Clock:
    """The time the store writes by, set by the test (each built entry its own instants)."""

    def __init__(self, at: datetime = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


@contextmanager
def fresh_store(clock: Clock | None = None) -> Iterator[Store]:
    """A new, migrated journal, copied from a template so that examples stay fast."""
    with tempfile.TemporaryDirectory() as folder:
        path = new_journal(Path(folder) / "journal.db")
        db = open_database(str(path))
        try:
            yield Store(db, now=clock or Clock())
        finally:
            db.close()


def entries_of(store: Store) -> list[Any]:
    return list(reversed(list(store.iter_entries(EntryFilter(private=False)))))


def export_json(store: Store) -> dict[str, Any]:
    return json.loads(to_json(entries_of(store), store.tag_catalogue(), ZONE, EXPORTED_AT))


def export_csv(store: Store) -> str:
    return to_csv(entries_of(store), ZONE)


def import_text(store: Store, text: str, fmt: str, dry_run: bool = False) -> Any:
    return apply(store, parse(text, fmt, "the file", ZONE), dry_run=dry_run)


# ----------------------------------------------------------------- property: round trips

HOSTILE = st.sampled_from(
    ["=", "+", "-", "@", "'", '"', ",", ";", "\n", "\t", "|", "#", "<", "&", "é", "😀", "\u2028"]
)
TEXT = st.lists(st.one_of(st.characters(blacklist_categories=("Cs", "Cc")), HOSTILE)).map("".join)
LINE = TEXT.map(lambda s: " ".join(s.replace("\t", " ").split("\n")))
INSTANT = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(UTC)
)
SLUGS = ["attention", "wait-time", "courtesy", "my-own"]


@st.composite
def entry_specs(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {
        "what": draw(LINE),
        "setting": draw(st.none() | LINE),
        "perspective": draw(st.sampled_from([None, "witnessed", "customer", "provider"])),
        "overall": draw(st.sampled_from([None, "well", "badly", "mixed"])),
        "why": draw(st.sampled_from([None, "skill", "process", "unknown"])),
        "left_them": draw(st.sampled_from([None, "better", "same", "worse"])),
        "flagged": draw(st.booleans()),
        "occurred_at": draw(INSTANT),
        "tags": [
            TagMark(slug=slug, polarity=draw(st.sampled_from([-1, 0, 1])))
            for slug in draw(st.lists(st.sampled_from(SLUGS), unique=True, max_size=3))
        ],
    }
    for name in ("differently", "situation", "behaviour", "impact", "lesson", "action"):
        data[name] = draw(st.none() | TEXT)
    return {
        "data": data,
        "created": draw(INSTANT),
        "done": draw(st.booleans()),
        "private": draw(st.booleans()),
    }


def build(store: Store, clock: Clock, specs: list[dict[str, Any]]) -> None:
    store.add_tag(TagIn(slug="my-own", group="Own group", description="my; own, =tag"))
    for spec in specs:
        try:
            data = validate(EntryIn, {**spec["data"], "private": spec["private"]})
        except InputError:
            continue
        clock.at = spec["created"]
        entry = store.add(data)
        if spec["done"] and entry.action_items:
            store.set_action_status(entry.action_items[0].id, "done")


ROUND_TRIP = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ROUND_TRIP
@given(st.lists(entry_specs(), max_size=6))
def test_json_round_trip_changes_nothing(specs: list[dict[str, Any]]) -> None:
    clock = Clock()
    with fresh_store(clock) as source, fresh_store() as target:
        build(source, clock, specs)
        first = export_json(source)
        assume(first["entries"])
        text = json.dumps(first)
        result = import_text(target, text, "json")
        assert (result.added, result.updated, result.skipped) == (len(first["entries"]), 0, 0)
        assert export_json(target) == first
        again = import_text(target, text, "json")
        assert (again.added, again.updated, again.skipped) == (0, 0, len(first["entries"]))
        assert export_json(target) == first


@ROUND_TRIP
@given(st.lists(entry_specs(), max_size=6))
def test_csv_round_trip_changes_nothing(specs: list[dict[str, Any]]) -> None:
    clock = Clock()
    with fresh_store(clock) as source, fresh_store() as target:
        build(source, clock, specs)
        first = export_csv(source)
        count = len(entries_of(source))
        assume(count)
        result = import_text(target, first, "csv")
        assert (result.added, result.updated, result.skipped) == (count, 0, 0)
        assert export_csv(target) == first
        assert export_json(target)["entries"] == export_json(source)["entries"]
        again = import_text(target, first, "csv")
        assert (again.added, again.updated, again.skipped) == (0, 0, count)


# ----------------------------------------------------------------- updates and dry runs


def sample(store: Store) -> None:
    store.add(
        validate(
            EntryIn,
            {
                "what": "Teller explained the fee",
                "tags": [TagMark(slug="expectations", polarity=1)],
                "action": "Say the cost first",
                "occurred_at": datetime(2026, 11, 18, 10, 0, tzinfo=ZONE),
            },
        )
    )
    store.add(
        validate(
            EntryIn,
            {"what": "Queue split fairly", "occurred_at": datetime(2026, 11, 19, tzinfo=ZONE)},
        )
    )


def test_newer_entry_with_the_same_uuid_replaces_older_one_and_older_is_skipped() -> None:
    with fresh_store() as source, fresh_store() as target:
        sample(source)
        original = export_json(source)
        import_text(target, json.dumps(original), "json")
        changed = json.loads(json.dumps(original))
        entry = changed["entries"][0]
        entry["what"] = "Teller explained the fee up front"
        entry["tags"] = [{"slug": "kept-informed", "polarity": -1}]
        entry["action_items"] = []
        entry["updated_at"] = "2026-11-25T10:00:00+01:00"
        changed["entries"][1]["what"] = "Changed but not newer"
        result = import_text(target, json.dumps(changed), "json")
        assert (result.added, result.updated, result.skipped) == (0, 1, 1)
        after = export_json(target)["entries"]
        assert after[0] == entry
        assert after[1] == original["entries"][1]


def test_dry_run_reports_and_changes_nothing() -> None:
    with fresh_store() as source, fresh_store() as target:
        sample(source)
        text = json.dumps(export_json(source))
        before = export_json(target)
        result = import_text(target, text, "json", dry_run=True)
        assert result.summary() == "Dry run: would add 2, update 0, skip 0; nothing was changed."
        assert export_json(target) == before
        assert import_text(target, text, "json").summary() == (
            "Imported: added 2, updated 0, skipped 0."
        )


def test_custom_tags_from_the_file_are_created_with_group_and_description() -> None:
    with fresh_store() as source, fresh_store() as target:
        source.add_tag(TagIn(slug="called-back", group="Reliability", description="rang back"))
        source.add(
            validate(EntryIn, {"what": "x", "tags": [TagMark(slug="called-back", polarity=1)]})
        )
        result = import_text(target, json.dumps(export_json(source)), "json")
        assert result.new_tags == ["called-back"]
        tag = next(t for t in target.tag_catalogue() if t.slug == "called-back")
        assert (tag.group, tag.description, tag.builtin) == ("Reliability", "rang back", False)


# ----------------------------------------------------------------- jrnl


def test_jrnl_export_imports_as_observations() -> None:
    with fresh_store() as store:
        text = FIXTURE.read_text()
        result = import_text(store, text, "jrnl")
        assert (result.added, result.updated, result.skipped) == (5, 0, 0)
        assert result.new_tags == ["bank", "front-desk", "work"]
        entries = entries_of(store)
        first = entries[0]
        assert first.what == "Bank clerk kept me waiting without a word."
        assert first.situation is not None and first.situation.startswith("Stood at the counter")
        assert "\n" in first.situation
        assert first.occurred_at == datetime(2026, 11, 2, 9, 15, tzinfo=ZONE)
        assert [(t.slug, t.polarity) for t in first.tags] == [("bank", 0)]
        assert first.uuid == jrnl_uuid("2026-11-02", "09:15", first.what)
        second = entries[1]
        assert second.flagged is True
        assert {(t.slug, t.polarity) for t in second.tags} == {("patience", 0), ("work", 0)}
        third = entries[2]
        assert {t.slug for t in third.tags} == {"front-desk", "listening", "work"}
        assert entries[3].situation is None
        catalogue = {t.slug: t for t in store.tag_catalogue()}
        assert catalogue["work"].group == "Imported"
        assert catalogue["patience"].builtin  # mapped, not duplicated
        again = import_text(store, text, "jrnl")
        assert (again.added, again.updated, again.skipped) == (0, 0, 5)


def test_jrnl_long_titles_and_bodies_are_shortened_and_line_breaks_become_spaces() -> None:
    doc = {
        "tags": {},
        "entries": [
            {
                "title": "A\nvery " + "long " * 200,
                "body": "b" * 5000,
                "date": "2026-03-29",
                "time": "02:30",
                "tags": ["@x", "@Café_Staff", "@!!"],
                "starred": False,
            }
        ],
    }
    with fresh_store() as store:
        batch = parse(json.dumps(doc), "jrnl", "jrnl.json", ZONE)
        apply(store, batch)
        assert batch.notes  # known once the file has been read
        entry = entries_of(store)[0]
        assert len(entry.what) == 500 and entry.what.endswith("…")
        assert entry.what.startswith("A very long")
        assert entry.situation is not None and len(entry.situation) == 4000
        assert [t.slug for t in entry.tags] == ["cafe-staff", "jrnl-x"]


# ----------------------------------------------------------------- refusals


def assert_refused(store: Store, text: str, fmt: str, message: str) -> None:
    before = (export_json(store), [t.slug for t in store.tag_catalogue()])
    with pytest.raises(InputError) as info:
        import_text(store, text, fmt)
    assert str(info.value) == message
    assert (export_json(store), [t.slug for t in store.tag_catalogue()]) == before


def valid_document() -> dict[str, Any]:
    with fresh_store() as source:
        sample(source)
        source.add(validate(EntryIn, {"what": "third"}))
        return export_json(source)


def test_malformed_json_is_refused() -> None:
    with fresh_store() as store:
        assert_refused(
            store,
            '{"format": "service-journal", "entries": [',
            "json",
            "Nothing was imported: the file is not valid JSON (premature EOF).",
        )


def test_wrong_format_is_refused_with_a_hint() -> None:
    with fresh_store() as store:
        assert_refused(
            store,
            FIXTURE.read_text(),
            "json",
            'Nothing was imported: the file is not a Service Journal export (it lacks "format": '
            '"service-journal"); for a jrnl export add --format jrnl.',
        )
        assert_refused(
            store,
            json.dumps(valid_document()),
            "jrnl",
            "Nothing was imported: the file is a Service Journal export, not a jrnl one; use "
            "--format json.",
        )
        newer = {**valid_document(), "version": 2}
        assert_refused(
            store,
            json.dumps(newer),
            "json",
            "Nothing was imported: the file was written by a newer Service Journal (format "
            "version 2); upgrade service-journal to import it.",
        )


BAD_RECORDS = [
    ({"what": ""}, "what happened is required and cannot be empty"),
    (
        {"perspective": "nobody"},
        'perspective must be one of witnessed, customer, provider, not "nobody"',
    ),
    (
        {"occurred_at": "2026-11-20T10:00:00"},
        'occurred_at "2026-11-20T10:00:00" must include its offset, like +01:00',
    ),
    ({"uuid": "not-a-uuid"}, 'uuid "not-a-uuid" is not a UUID'),
    ({"colour": "red"}, 'has an unknown field "colour"'),
    (
        {"tags": [{"slug": "nope", "polarity": 1}]},
        'the tag "nope" is neither in this journal nor in the file\'s tag list',
    ),
    (
        {
            "action_items": [
                {"text": "x", "status": "maybe", "created_at": "2026-11-20T10:00:00+01:00"}
            ]
        },
        'action item 1: Status must be one of open, done, dropped, carried, not "maybe"',
    ),
]


@pytest.mark.parametrize(("change", "problem"), BAD_RECORDS)
def test_an_invalid_record_is_named_by_index_and_nothing_is_imported(
    change: dict[str, Any], problem: str
) -> None:
    doc = valid_document()
    doc["entries"][2].update(change)
    with fresh_store() as store:
        assert_refused(
            store,
            json.dumps(doc),
            "json",
            f"Nothing was imported from the file: entry 3 (index 2): {problem}.",
        )


def test_a_uuid_twice_in_one_file_is_refused() -> None:
    doc = valid_document()
    doc["entries"][2]["uuid"] = doc["entries"][0]["uuid"]
    with fresh_store() as store:
        assert_refused(
            store,
            json.dumps(doc),
            "json",
            f"Nothing was imported from the file: entry 3 (index 2): uuid "
            f"{doc['entries'][0]['uuid']} was already used by entry 1 (index 0).",
        )


def csv_text() -> str:
    with fresh_store() as source:
        sample(source)
        source.add(validate(EntryIn, {"what": "third", "situation": "two\nlines"}))
        source.add(validate(EntryIn, {"what": "fourth"}))
        return export_csv(source)


def test_a_bad_csv_line_is_named_and_nothing_is_imported() -> None:
    lines = csv_text().split("\r\n")
    # the third entry starts on line 4 and its situation spans lines 4 and 5
    assert "third" in lines[3] and "two\nlines" in lines[3] and "fourth" in lines[4]
    lines[3] = lines[3].replace(",third,,,", ",third,,nobody,", 1)
    bad = "\r\n".join(lines)
    with fresh_store() as store:
        with pytest.raises(InputError) as info:
            import_text(store, bad, "csv")
        assert str(info.value) == (
            "Nothing was imported from the file: line 4: perspective must be one of witnessed, "
            'customer, provider, not "nobody".'
        )
        assert export_json(store)["entries"] == []
    lines = csv_text().split("\r\n")
    lines[4] = lines[4].replace(",fourth,,,", ",fourth,bank,mystery,", 1)
    with fresh_store() as store:
        assert_refused(
            store,
            "\r\n".join(lines),
            "csv",
            "Nothing was imported from the file: line 6: perspective must be one of witnessed, "
            'customer, provider, not "mystery".',
        )


def test_a_csv_of_another_shape_is_refused() -> None:
    with fresh_store() as store:
        assert_refused(
            store,
            "date,amount\n2026-11-20,5\n",
            "csv",
            "Nothing was imported: the file is not a Service Journal CSV export (the header line "
            "lacks the column uuid).",
        )
        assert_refused(
            store, "", "csv", "Nothing was imported: the file is empty or has no header line."
        )


# ----------------------------------------------------------------- the commands


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_json_piped_into_import_gives_an_identical_journal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, copy = tmp_path / "source.db", tmp_path / "copy.db"
    db = open_database(str(source))
    try:
        store = Store(db)
        sample(store)
        store.add_tag(TagIn(slug="called-back", group="Own", description="rang <back>"))
        store.add(
            validate(
                EntryIn,
                {
                    "what": "Hostile =1+1 <b> | #",
                    "situation": "line\n- two\n'three",
                    "tags": [TagMark(slug="called-back", polarity=-1)],
                    "occurred_at": datetime.now(UTC) - timedelta(days=400),
                },
            )
        )
    finally:
        db.close()
    code, exported, _ = cli(capsys, "--db", str(source), "export", "--format", "json")
    assert code == 0
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(exported.encode("utf-8"))))
    code, out, _ = cli(capsys, "import", "-", "--db", str(copy))
    assert (code, out) == (
        0,
        "Imported: added 3, updated 0, skipped 0.\nCreated 1 tag(s): called-back.\n",
    )
    _, again, _ = cli(capsys, "--db", str(copy), "export", "--format", "json")

    def without_stamp(text: str) -> dict[str, Any]:
        doc = json.loads(text)
        doc.pop("exported_at")
        return doc

    assert without_stamp(again) == without_stamp(exported)


def test_import_command_formats_dry_run_and_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = tmp_path / "j.db"
    path = tmp_path / "export.csv"
    path.write_text(csv_text(), newline="")
    code, out, _ = cli(capsys, "--db", str(journal), "import", str(path), "--dry-run")
    assert (code, out) == (0, "Dry run: would add 4, update 0, skip 0; nothing was changed.\n")
    code, out, _ = cli(capsys, "--db", str(journal), "import", str(path))
    assert (code, out) == (0, "Imported: added 4, updated 0, skipped 0.\n")
    code, out, _ = cli(capsys, "--db", str(journal), "import", str(path))
    assert (code, out) == (0, "Imported: added 0, updated 0, skipped 4.\n")

    jrnl = tmp_path / "jrnl.json"
    shutil.copyfile(FIXTURE, jrnl)
    code, out, _ = cli(capsys, "--db", str(journal), "import", str(jrnl), "--format", "jrnl")
    assert code == 0 and out.startswith("Imported: added 5, updated 0, skipped 0.\n")
    code, _, err = cli(capsys, "--db", str(journal), "import", str(jrnl))
    assert code == 1 and "add --format jrnl" in err

    code, _, err = cli(capsys, "--db", str(journal), "import", str(tmp_path / "notes.txt"))
    assert code == 1
    assert err == (
        f"service-journal: Cannot tell the format of {tmp_path / 'notes.txt'} from its name; "
        "add --format json, csv, jrnl or lines.\n"
    )
    code, _, err = cli(capsys, "--db", str(journal), "import", str(tmp_path / "gone.json"))
    assert code == 1 and "There is no file" in err
    binary = tmp_path / "bad.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    code, _, err = cli(capsys, "--db", str(journal), "import", str(binary))
    assert code == 1 and "is not UTF-8 text" in err
