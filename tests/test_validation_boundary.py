"""One validation boundary: every way text enters the journal refuses the same hostile strings.

Typed input (``EntryIn`` through the CLI) sets the rule; the app's forms, each importer, the
review's writes and tag definitions must refuse exactly the same strings, with the same reason,
and leave the journal as it was. Importers also name the entry or line.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from journal.cli import main
from journal.db import Database
from journal.entry import BY_NAME, FIELDS, Kind
from journal.errors import InputError
from journal.export.data import CSV_COLUMNS
from journal.importers import parse
from journal.schemas import EntryIn, EntryPatch, TagIn, validate
from journal.store import Store
from journal.store.review_state import ReviewStore
from journal.textrules import Problem, TextRuleError, check_line, check_text, clean
from tui.forms import FormError, check, new_entry

ZONE = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 22, 18, 0, tzinfo=UTC)

CONTROLS = {
    "NUL": "a\x00b",
    "BEL": "a\x07b",
    "ESC colour": "a\x1b[31mred",
    "OSC title": "a\x1b]0;PWNED\x07b",
    "carriage return": "a\rb",
    "DEL": "a\x7fb",
    "NEL (C1)": "a\x85b",
    "CSI (C1)": "a\x9b31mb",
}
"""Refused in every text, one line or several."""
LINE_BREAKS = {"line feed": "a\nb", "tab": "a\tb", "U+2028": "a\u2028b", "U+2029": "a\u2029b"}
"""Refused where one line is expected; a multi-line text keeps them."""
ONE_LINE_HOSTILE = {**CONTROLS, **LINE_BREAKS}

LINE_FIELDS = [f.name for f in FIELDS if f.kind is Kind.LINE]
TEXT_FIELDS = [f.name for f in FIELDS if f.kind is Kind.TEXT]
PREDICATE = {
    Problem.CONTROL: "must not contain control characters",
    Problem.LINE_BREAK: "must be a single line",
    Problem.TAB: "must not hold a tab; use spaces instead",
}


def expected(value: str, *, one_line: bool) -> str:
    """The reason typed input gives for ``value``, from the one set of rules."""
    with pytest.raises(TextRuleError) as caught:
        (check_line if one_line else check_text)(value)
    return PREDICATE[caught.value.problem]


def typed_refusal(field: str, value: str) -> str:
    data = {"what": "Something happened", field: value}
    with pytest.raises(InputError) as caught:
        validate(EntryIn, data)
    return str(caught.value)


# ----------------------------------------------------------------- the rule itself


@pytest.mark.parametrize("field", LINE_FIELDS)
@pytest.mark.parametrize("value", ONE_LINE_HOSTILE.values(), ids=ONE_LINE_HOSTILE.keys())
def test_typed_one_line_fields_refuse_every_control_and_line_break(field: str, value: str) -> None:
    message = typed_refusal(field, value)
    assert message == f"{BY_NAME[field].label} {expected(value, one_line=True)}."


@pytest.mark.parametrize("field", TEXT_FIELDS)
@pytest.mark.parametrize("value", CONTROLS.values(), ids=CONTROLS.keys())
def test_typed_multi_line_fields_refuse_every_control(field: str, value: str) -> None:
    message = typed_refusal(field, value)
    assert message == f"{BY_NAME[field].label} {expected(value, one_line=False)}."


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_multi_line_fields_keep_line_breaks_and_tabs(field: str) -> None:
    entry = validate(EntryIn, {"what": "x", field: "first\n\tsecond\u2028third"})
    assert getattr(entry, field) == "first\n\tsecond\u2028third"


@pytest.mark.parametrize("field", [*LINE_FIELDS, *TEXT_FIELDS])
def test_over_long_text_is_refused_with_the_declared_limit(field: str) -> None:
    limit = BY_NAME[field].max_length
    assert limit is not None
    validate(EntryIn, {"what": "x", field: "y" * limit})
    with pytest.raises(InputError):
        validate(EntryIn, {"what": "x", field: "y" * (limit + 1)})


# ----------------------------------------------------------------- the command line


@pytest.mark.parametrize("value", ONE_LINE_HOSTILE.values(), ids=ONE_LINE_HOSTILE.keys())
def test_cli_add_and_edit_refuse_what_typed_input_refuses(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cli.db")
    assert main(["--db", db, "add", "A calm answer"]) == 0
    capsys.readouterr()
    runs = [
        (["add", value], "what", True),
        (["add", "ok", "--setting", value], "setting", True),
        (["edit", "1", "--what", value], "what", True),
        (["edit", "1", "--setting", value], "setting", True),
    ]
    if value in CONTROLS.values():
        runs += [
            (["add", "ok", "--differently", value], "differently", False),
            (["edit", "1", "--details", value], "situation", False),
            (["edit", "1", "--lesson", value], "lesson", False),
            (["edit", "1", "--action", value], "action", False),
        ]
    for args, field, one_line in runs:
        assert main(["--db", db, *args]) == 1, args
        err = capsys.readouterr().err
        reason = expected(value, one_line=one_line)
        assert err == f"service-journal: {BY_NAME[field].label} {reason}.\n", args
        assert value not in err
    assert main(["--db", db, "list", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)["entries"]
    assert [e["what"] for e in entries] == ["A calm answer"]
    assert entries[0]["action_items"] == []


@pytest.mark.parametrize("value", ONE_LINE_HOSTILE.values(), ids=ONE_LINE_HOSTILE.keys())
def test_cli_tags_add_refuses_hostile_group_and_description(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "tags.db")
    for args in (
        ["my-tag", "--group", value],
        ["my-tag", "--group", "Mine", "--description", value],
    ):
        assert main(["--db", db, "tags", "add", *args]) == 1, args
        err = capsys.readouterr().err
        assert expected(value, one_line=True) in err
    assert main(["--db", db, "tags", "--json"]) == 0
    assert "my-tag" not in capsys.readouterr().out


# ----------------------------------------------------------------- the app's forms


@pytest.mark.parametrize("value", ONE_LINE_HOSTILE.values(), ids=ONE_LINE_HOSTILE.keys())
def test_app_forms_refuse_what_typed_input_refuses(value: str) -> None:
    with pytest.raises(FormError) as caught:
        new_entry({"what": value, "when": "now"}, ZONE)
    assert (caught.value.field, caught.value.message) == ("what", typed_refusal("what", value))
    for field in ("setting", "lesson"):
        if field == "lesson" and value not in CONTROLS.values():
            continue
        with pytest.raises(FormError) as caught:
            check(EntryPatch, {field: value})
        assert caught.value.field == field
        assert caught.value.message == typed_refusal(field, value)


# ----------------------------------------------------------------- the importers


def json_file(**fields: object) -> str:
    entry = {"uuid": "6f1c1a52-8c8e-4a55-9d8e-4f1c2b0f7a10", "occurred_at": NOW.isoformat()}
    return json.dumps(
        {"format": "service-journal", "version": 1, "tags": [], "entries": [entry | fields]}
    )


def csv_file(**fields: str) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    cells = {
        "uuid": "6f1c1a52-8c8e-4a55-9d8e-4f1c2b0f7a10",
        "occurred_at": NOW.isoformat(),
        "flagged": "false",
        "private": "false",
    }
    cells |= fields
    writer.writerow([cells.get(column, "") for column in CSV_COLUMNS])
    return out.getvalue()


def jrnl_file(*, title: str = "ok", body: str = "", tags: list[str] | None = None) -> str:
    entry = {"title": title, "body": body, "date": "2026-11-20", "time": "14:30", "tags": tags}
    return json.dumps({"tags": {}, "entries": [{"title": "fine", "date": "2026-11-19"}, entry]})


def refusal(text: str, fmt: str) -> str:
    """The sentence an import gives, once it has read every record (they are read as a stream)."""
    with pytest.raises(InputError) as caught:
        list(parse(text, fmt, "the file", ZONE).records)
    return str(caught.value)


@pytest.mark.parametrize("value", ONE_LINE_HOSTILE.values(), ids=ONE_LINE_HOSTILE.keys())
def test_json_and_csv_imports_refuse_what_typed_input_refuses(value: str) -> None:
    fields = {"what": value, "setting": value}
    if value in CONTROLS.values():
        fields |= {"lesson": value}
    for field in fields:
        reason = typed_refusal(field, value).rstrip(".")
        data = {"what": "ok", field: value}
        message = refusal(json_file(**data), "json")
        assert message.startswith("Nothing was imported from the file: entry 1 (index 0): ")
        assert message.endswith(reason[0].lower() + reason[1:] + "."), message
        message = refusal(csv_file(**data), "csv")
        assert message.startswith("Nothing was imported from the file: line 2: ")
        if "\x00" not in value:  # the csv reader itself refuses a NUL, naming the line
            assert message.endswith(reason[0].lower() + reason[1:] + "."), message
        assert value not in message


@pytest.mark.parametrize("value", CONTROLS.values(), ids=CONTROLS.keys())
def test_jrnl_import_refuses_controls_in_titles_bodies_and_tags(value: str) -> None:
    prefix = "Nothing was imported from the file: entry 2 (index 1): "
    # jrnl titles are one line made of the title's words, and bodies get plain line feeds for
    # Windows line ends (documented in from_jrnl): those line breaks are converted, not refused.
    if value not in ("a\rb", "a\x85b"):
        assert refusal(jrnl_file(title=value), "jrnl").startswith(prefix)
    if value != "a\rb":
        assert refusal(jrnl_file(body=value), "jrnl").startswith(prefix)
    message = refusal(jrnl_file(tags=["@" + value]), "jrnl")
    assert message.startswith(prefix + 'the tag "@')
    assert message.endswith(expected(value, one_line=True) + ".")
    assert value not in message


def test_the_jrnl_escape_tag_never_reaches_the_tag_table(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 18: ``@\\x1b]0;PWNED\\x07x`` once became a custom tag holding the raw escape."""
    path = tmp_path / "jrnl.json"
    path.write_text(jrnl_file(tags=["@\x1b]0;PWNED\x07x"]), encoding="utf-8")
    db = str(tmp_path / "jrnl.db")
    assert main(["--db", db, "import", str(path), "--format", "jrnl"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "service-journal: Nothing was imported from "
        f'{path}: entry 2 (index 1): the tag "@\\x1b]0;PWNED\\x07x" must not contain control '
        "characters.\n"
    )
    assert main(["--db", db, "tags", "--json"]) == 0
    tags = capsys.readouterr().out
    assert "PWNED" not in tags and "\x1b" not in tags
    assert main(["--db", db, "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["entries"] == []


@pytest.mark.parametrize("value", ONE_LINE_HOSTILE.values(), ids=ONE_LINE_HOSTILE.keys())
def test_tags_a_json_file_defines_meet_the_tag_rules(value: str) -> None:
    doc = json.loads(json_file(what="ok", tags=[{"slug": "my-tag", "polarity": 1}]))
    doc["tags"] = [{"slug": "my-tag", "group": "Mine", "description": value}]
    message = refusal(json.dumps(doc), "json")
    assert message.endswith(expected(value, one_line=True) + "."), message
    with pytest.raises(InputError) as typed:
        validate(TagIn, {"slug": "my-tag", "group": "Mine", "description": value})
    assert str(typed.value).endswith(expected(value, one_line=True) + ".")


# ----------------------------------------------------------------- the review's writes


@pytest.mark.parametrize("value", ONE_LINE_HOSTILE.values(), ids=ONE_LINE_HOSTILE.keys())
def test_review_writes_refuse_what_typed_input_refuses(value: str, db: Database) -> None:
    reviews = ReviewStore(db, now=lambda: NOW)
    with pytest.raises(InputError) as caught:
        reviews.set_focus("2026-W47", "wait-time", value)
    assert str(caught.value) == f"The plan {expected(value, one_line=True)}."
    if value in CONTROLS.values():
        with pytest.raises(InputError) as caught:
            reviews.set_coach_questions("2026-W47", value)
        reason = expected(value, one_line=False)
        assert str(caught.value) == f"Questions for the coach {reason}."
    else:
        assert reviews.set_coach_questions("2026-W47", value).coach_questions == value
        reviews.set_coach_questions("2026-W47", None)
    state = reviews.get_week("2026-W47")
    assert state is None or (state.focus_plan, state.coach_questions) == (None, None)


def test_review_and_typed_input_share_one_clean() -> None:
    """The review's writes call the same function the schemas' rules are made of."""
    assert clean("  fine  ", "The plan", 10, one_line=True) == "fine"
    assert clean("   ", "The plan", 10, one_line=True) is None
    with pytest.raises(InputError, match=r"^The plan is too long: at most 3 characters\.$"):
        clean("four", "The plan", 3, one_line=True)
