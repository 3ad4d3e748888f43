"""The app's pure helpers: tag matching, signs, form and filter parsing."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from journal.taxonomy import BUILTIN_TAGS
from journal.values import EntryFilter
from tui.forms import FormError, has_content, new_entry, parse_when_text
from tui.warm_up import KeyboardRest
from tui.widgets.entry_rows import column_widths
from tui.widgets.filter_bar import filter_data
from tui.widgets.tag_picker import TagInfo, match_tags, split_sign

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-wait-time", (-1, "wait-time")),
        ("+queue", (1, "queue")),
        ("queue", (1, "queue")),
        ("-", (-1, "")),
        ("", (1, "")),
        ("--x", (-1, "-x")),  # only the first character is a sign
    ],
)
def test_split_sign(text: str, expected: tuple[int, str]) -> None:
    assert split_sign(text) == expected


def test_matching_ranks_slug_prefixes_before_groups_and_descriptions() -> None:
    slugs = [t.slug for t in match_tags(BUILTIN_TAGS, "att")]
    assert slugs[0] == "attention"
    assert [t.slug for t in match_tags(BUILTIN_TAGS, "time")][:1] == ["wait-time"]
    # A word from the description finds the tag ("not the phone" is attention's).
    assert [t.slug for t in match_tags(BUILTIN_TAGS, "phone")] == ["attention"]
    # A group name lists the group.
    empathy = [t.slug for t in match_tags(BUILTIN_TAGS, "empathy")]
    assert empathy == [
        "attention",
        "listening",
        "individualized",
        "customer-view",
        "patience",
        "needs-asked",
    ]
    assert match_tags(BUILTIN_TAGS, "") == list(BUILTIN_TAGS)
    custom = [TagInfo("phone-first", "Custom", "")]
    assert [t.slug for t in match_tags(custom, "phone first")] == ["phone-first"]


def test_new_entry_maps_problems_to_their_field() -> None:
    base = {"what": "x", "setting": "", "when": "now", "tags": ["-attention"]}
    entry = new_entry(base, BERLIN)
    assert entry.occurred_at is None and entry.setting is None
    assert [str(t) for t in entry.tags] == ["-attention"]
    with pytest.raises(FormError) as info:
        new_entry({**base, "what": "   "}, BERLIN)
    assert info.value.field == "what"
    with pytest.raises(FormError) as info:
        new_entry({**base, "what": "x" * 501}, BERLIN)
    assert info.value.field == "what" and "too long" in info.value.message
    with pytest.raises(FormError) as info:
        new_entry({**base, "when": "someday"}, BERLIN)
    assert info.value.field == "when"


def test_when_text() -> None:
    now = datetime(2026, 11, 20, 15, 0, tzinfo=BERLIN)
    assert parse_when_text("now", BERLIN, now) is None
    assert parse_when_text("", BERLIN, now) is None
    assert parse_when_text("2h ago", BERLIN, now) == datetime(2026, 11, 20, 13, 0, tzinfo=BERLIN)


def test_sticky_fields_alone_are_not_a_draft() -> None:
    assert not has_content({"setting": "bank", "perspective": "customer", "when": "now"})
    assert has_content({"what": "x"})
    assert has_content({"tags": ["+fix"]})
    assert has_content({"when": "yesterday"})


def test_filter_data_reads_tags_weeks_and_ranges() -> None:
    def flt(**raw: object) -> EntryFilter:
        return EntryFilter(**filter_data(raw, BERLIN))

    assert (flt(tag="-attention").tag, flt(tag="-attention").polarity) == ("attention", -1)
    assert (flt(tag="attention").tag, flt(tag="attention").polarity) == ("attention", None)
    week = flt(week="2024-w10")
    assert week.start == datetime(2024, 3, 4, tzinfo=BERLIN)
    assert week.end == datetime(2024, 3, 11, tzinfo=BERLIN)
    span = flt(week="2024-03-05..2024-03-06")
    assert (span.start, span.end) == (
        datetime(2024, 3, 5, tzinfo=BERLIN),
        datetime(2024, 3, 7, tzinfo=BERLIN),
    )
    assert flt(trash=True, flagged=False).trashed and flt(flagged=False).flagged is None
    for bad in ("W99", "2024-13-01", "soon"):
        with pytest.raises(FormError):
            filter_data({"week": bad}, BERLIN)
    with pytest.raises(FormError):
        filter_data({"tag": "no/slash"}, BERLIN)


@pytest.mark.parametrize("width", [80, 100, 120, 200])
def test_browse_columns_fill_the_width_without_scrolling_sideways(width: int) -> None:
    widths = column_widths(width)
    assert sum(widths.values()) + 2 * len(widths) + 2 <= width
    assert widths["what"] >= 20


@pytest.mark.parametrize(("width", "shown"), [(80, 33), (100, 37), (120, 45)])
def test_what_happened_gets_the_room_and_the_least_needed_columns_go_first(
    width: int, shown: int
) -> None:
    widths = column_widths(width)
    assert widths["what"] >= shown
    assert "setting" in widths  # where it happened stays at 80 columns; the tags go first
    assert ("tags" in widths) == (width >= 100)


@pytest.mark.parametrize(
    ("text", "width", "shown"),
    [
        ("The waiter\nsmiled   twice", 40, "The waiter smiled twice"),
        ("The waiter smiled", 10, "The waite…"),
        ("The waiter", 10, "The waiter"),
        ("anything", 0, "…"),
    ],
)
def test_list_cells_are_one_line_cut_with_an_ellipsis(text: str, width: int, shown: str) -> None:
    """Browse and the review's inbox show an entry's text in one line of their column's width."""
    from journal.present import clip

    assert clip(text, width) == shown


def test_the_warm_up_waits_for_the_keys_to_rest_and_not_past_closing() -> None:
    assert KeyboardRest(quiet_s=0).wait() is True
    closing = KeyboardRest(quiet_s=3600)
    closing.key_pressed()
    closing.close()
    assert closing.wait() is False  # at once, not an hour later


@pytest.mark.parametrize(
    ("decision", "status"),
    [
        (None, "open"),
        ("done", "done"),
        ("dropped", "dropped"),
        ("carried", "carried"),
        (None, "done"),  # decided by an earlier review: "... before"
        (None, "dropped"),
    ],
)
def test_an_action_items_state_never_runs_into_its_text(decision: str | None, status: str) -> None:
    from tui.widgets.review_actions import STATE_WIDTH, _state

    label = _state(decision, status).plain
    assert len(label) == STATE_WIDTH and label.endswith(" ")
