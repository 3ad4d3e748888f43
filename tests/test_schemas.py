"""Validation that every caller (CLI, app, importers) relies on."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from journal.errors import InputError
from journal.schemas import EntryIn, EntryPatch, TagIn, validate
from journal.values import EntryFilter, TagMark


def test_what_happened_is_trimmed() -> None:
    entry = validate(EntryIn, {"what": "  Teller smiled  "})
    assert entry.what == "Teller smiled"


@pytest.mark.parametrize("what", ["", "   ", "\t "])
def test_empty_what_happened_is_refused(what: str) -> None:
    with pytest.raises(InputError, match="What happened is required"):
        validate(EntryIn, {"what": what})


def test_what_happened_longer_than_500_characters_is_refused() -> None:
    assert validate(EntryIn, {"what": "x" * 500}).what == "x" * 500
    with pytest.raises(InputError, match="at most 500 characters"):
        validate(EntryIn, {"what": "x" * 501})


def test_what_happened_must_be_one_line() -> None:
    with pytest.raises(InputError, match="single line"):
        validate(EntryIn, {"what": "first\nsecond"})


def test_reflection_texts_keep_line_breaks_but_refuse_control_characters() -> None:
    entry = validate(EntryIn, {"what": "x", "situation": "line one\nline two"})
    assert entry.situation == "line one\nline two"
    with pytest.raises(InputError, match="control characters"):
        validate(EntryIn, {"what": "x", "lesson": "bad\x00byte"})


@pytest.mark.parametrize(
    ("field", "value", "allowed"),
    [
        ("perspective", "bystander", "witnessed, customer, provider"),
        ("overall", "great", "well, badly, mixed"),
        ("why", "luck", "skill, process, tools, staffing, customer, environment, unknown"),
        ("left_them", "happier", "better, same, worse"),
    ],
)
def test_unknown_enum_values_list_the_allowed_ones(field: str, value: str, allowed: str) -> None:
    with pytest.raises(InputError) as info:
        validate(EntryIn, {"what": "x", field: value})
    assert allowed in str(info.value)
    assert f'"{value}"' in str(info.value)


def test_blank_optional_texts_become_none() -> None:
    entry = validate(EntryIn, {"what": "x", "setting": "  ", "differently": ""})
    assert entry.setting is None
    assert entry.differently is None


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(InputError, match="time zone"):
        validate(EntryIn, {"what": "x", "occurred_at": datetime(2026, 11, 20, 14, 30)})
    aware = datetime(2026, 11, 20, 14, 30, tzinfo=UTC)
    assert validate(EntryIn, {"what": "x", "occurred_at": aware}).occurred_at == aware


def test_tag_marks_parse_the_first_character_as_the_sign() -> None:
    assert TagMark.parse("+attention") == TagMark(slug="attention", polarity=1)
    assert TagMark.parse("-own-problems-kept-out") == TagMark(
        slug="own-problems-kept-out", polarity=-1
    )
    assert TagMark.parse("queue") == TagMark(slug="queue", polarity=1)
    assert str(TagMark(slug="queue", polarity=-1)) == "-queue"


def test_the_same_tag_twice_keeps_the_last_sign() -> None:
    entry = validate(
        EntryIn, {"what": "x", "tags": [TagMark.parse("+queue"), TagMark.parse("-queue")]}
    )
    assert entry.tags == [TagMark(slug="queue", polarity=-1)]


def test_malformed_tag_slugs_are_refused() -> None:
    with pytest.raises(InputError, match="not a valid tag name"):
        validate(TagIn, {"slug": "no!", "group": "Empathy"})
    assert validate(TagIn, {"slug": "Called Back", "group": "Recovery"}).slug == "called-back"


def test_patch_applies_only_the_fields_set() -> None:
    patch = validate(EntryPatch, {"lesson": "Greet first", "setting": ""})
    assert patch.changes() == {"lesson": "Greet first", "setting": None}


def test_patch_cannot_empty_what_happened() -> None:
    with pytest.raises(InputError, match="What happened is required"):
        validate(EntryPatch, {"what": "  "})


def test_filter_normalises_tag_and_blank_search() -> None:
    flt = EntryFilter(**{"tag": " Wait Time ", "search": "  "})
    assert flt.tag == "wait-time"
    assert flt.search is None


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85", "\x9b"])
def test_unicode_line_breaks_and_c1_controls_are_refused_in_one_line_fields(char: str) -> None:
    with pytest.raises(InputError):
        validate(EntryIn, {"what": f"before{char}after"})
