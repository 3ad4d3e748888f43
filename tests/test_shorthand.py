"""The one-line capture grammar: every token, and the prose that must stay text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.errors import InputError, UnknownTagError
from journal.shorthand import AmbiguousError, parse, resolve_tag
from journal.taxonomy import BUILTIN_SETTINGS, BUILTIN_TAGS
from journal.values import TagMark

TAGS = [t.slug for t in BUILTIN_TAGS]
SETTINGS = ["corner bakery", *BUILTIN_SETTINGS]


def read(text: str) -> object:
    return parse(text, TAGS, SETTINGS)


def test_the_issue_example_sets_every_quick_field() -> None:
    line = (
        "Teller kept typing while the queue grew -att -queue @bank ~w =badly"
        " // greet the line first"
    )
    got = parse(line, TAGS, SETTINGS)
    assert got.what == "Teller kept typing while the queue grew"
    assert got.tags == [TagMark("attention", -1), TagMark("queue", -1)]
    assert got.setting == "bank"
    assert got.perspective == "witnessed"
    assert got.overall == "badly"
    assert got.differently == "greet the line first"


def test_plus_tag_by_prefix_and_in_full() -> None:
    got = parse("Kind words +cour +listening", TAGS)
    assert got.tags == [TagMark("courtesy", 1), TagMark("listening", 1)]
    assert got.what == "Kind words"


def test_tokens_may_sit_anywhere_and_take_one_trailing_comma_or_full_stop() -> None:
    got = parse("=well The nurse +pat, smiled +list.", TAGS)
    assert got.what == "The nurse smiled"
    assert got.overall == "well"
    assert [t.slug for t in got.tags] == ["patience", "listening"]


def test_ambiguous_tag_prefix_is_refused_naming_the_candidates() -> None:
    with pytest.raises(AmbiguousError) as caught:
        parse("Slow -co", TAGS)
    assert {"courtesy", "composure", "confidence"} <= set(caught.value.candidates)


def test_unknown_tag_is_refused_with_suggestions() -> None:
    with pytest.raises(UnknownTagError) as caught:
        parse("Odd -atention", TAGS)
    assert "attention" in caught.value.suggestions


def test_custom_slugs_are_matched_like_built_in_ones() -> None:
    assert resolve_tag("called", [*TAGS, "called-back"]) == "called-back"


def test_setting_matches_recent_then_built_in_by_prefix() -> None:
    assert parse("x @groc", TAGS, SETTINGS).setting == "grocery checkout"
    assert parse("x @corner", TAGS, SETTINGS).setting == "corner bakery"
    assert parse("x @Bank", TAGS, SETTINGS).setting == "bank"


def test_a_new_setting_takes_hyphens_as_spaces() -> None:
    assert parse("x @car-wash", TAGS, SETTINGS).setting == "car wash"


@pytest.mark.parametrize(
    ("token", "value"),
    [("=well", "well"), ("=b", "badly"), ("=mixed", "mixed"), ("=m", "mixed")],
)
def test_overall(token: str, value: str) -> None:
    assert parse(f"x {token}", TAGS).overall == value


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("~w", "witnessed"),
        ("~c", "customer"),
        ("~p", "provider"),
        ("~witnessed", "witnessed"),
        ("~customer", "customer"),
        ("~provider", "provider"),
    ],
)
def test_perspective(token: str, value: str) -> None:
    assert parse(f"x {token}", TAGS).perspective == value


def test_unknown_overall_or_perspective_is_refused() -> None:
    with pytest.raises(InputError):
        parse("x =great", TAGS)
    with pytest.raises(InputError):
        parse("x ~z", TAGS)


def test_two_different_values_for_one_field_are_refused() -> None:
    with pytest.raises(InputError):
        parse("x =well =badly", TAGS)


def test_double_slash_starts_do_differently_and_its_text_is_not_parsed() -> None:
    got = parse("Rude reply // say -sorry first =x", TAGS)
    assert got.what == "Rude reply"
    assert got.differently == "say -sorry first =x"
    assert got.tags == []


@pytest.mark.parametrize(
    "text",
    [
        "a 5-10 min wait",
        "sent an e-mail to support",
        "called +44 20 7946 0000 twice",
        "it was -5 degrees outside",
        "wrote to help@example.com",
        "see http://example.com/a",
        "about ~20 people, 2+2=4",
        "C++ and well-known -- dashes",
        "a + b - c @ 5pm",
    ],
)
def test_prose_stays_text(text: str) -> None:
    got = parse(text, TAGS, SETTINGS)
    assert got.what == text
    assert got.tags == [] and got.fields() == {}


@given(st.text(alphabet=st.characters(blacklist_characters="+-@=~/")))
def test_any_text_without_markers_is_unchanged(text: str) -> None:
    got = parse(text, TAGS, SETTINGS)
    assert got.what == text
    assert got.tags == [] and got.fields() == {}


@given(
    st.lists(
        st.one_of(
            st.from_regex(r"[a-z]{1,8}", fullmatch=True),
            st.from_regex(r"[0-9]{1,3}[-+=~@][0-9a-z]{1,5}", fullmatch=True),
            st.from_regex(r"[-+=~@][0-9]{1,4}", fullmatch=True),
        ),
        max_size=8,
    )
)
def test_markers_inside_words_or_before_digits_are_text(words: list[str]) -> None:
    text = " ".join(words)
    assert parse(text, TAGS, SETTINGS).what == text
