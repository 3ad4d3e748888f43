"""The coaching document: every section, privacy, empty ranges, and hostile text staying text."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from journal.db import Database
from journal.export import escape
from journal.export.coaching import CoachingData, gather
from journal.export.markdown import render
from journal.schemas import EntryIn, TagIn, validate
from journal.store import Store
from journal.store.review_state import ReviewStore
from journal.values import TagMark
from journal.weeks import week_bounds

ZONE = ZoneInfo("Europe/Berlin")
WEEK = "2026-W47"  # Mon 16 Nov to Sun 22 Nov 2026
MD = MarkdownIt("commonmark").enable("table")
SECRET = "SECRET-PRIVATE-MARKER"

HOSTILE_LINE = [
    "# not a heading",
    "* not _emphasis_ nor `code` ~~struck~~",
    "| not | a | table |",
    "<b>no html</b> <http://no.autolink> &amp; &copy; Q&A",
    "[not a link](http://example.com) ![no image](x.png) [ref]",
    "- not a list",
    "+ not a list either",
    "1. not ordered",
    "2) nor this",
    "> not a quote",
    "=== not a setext underline",
    "\\*backslashes\\* stay \\",
    "```not a fence",
    "    four spaces are not code",
    "'quoted' and \"double\" and 100% fine: (yes)!",
]
HOSTILE_BLOCK = (
    "first line\n# second line\n- third line\n\n1. fifth line\n    indented\n"
    "| a | b |\n|---|---|\n> quote\n---\n<div>html</div>\n```\ncode\n```"
)


def at(day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=ZONE)


def add(store: Store, what: str, **fields: object) -> int:
    return store.add(validate(EntryIn, {"what": what, **fields})).id


def build_journal(db: Database, hostile: bool) -> Store:
    """A week with every kind of entry; ``hostile`` fills the user's texts with Markdown."""
    counter = iter(range(1000))

    def line(i: int) -> str:
        return HOSTILE_LINE[i % len(HOSTILE_LINE)] if hostile else f"plain words {next(counter)}"

    def block() -> str:
        if hostile:
            return HOSTILE_BLOCK
        return "\n".join(f"plain {next(counter)}" for _ in HOSTILE_BLOCK.split("\n"))

    store = Store(db, now=lambda: datetime(2026, 11, 22, 20, 0, tzinfo=UTC))
    store.add_tag(TagIn(slug="called-back", group=line(11), description=line(12)))
    win = add(
        store,
        line(0),
        setting=line(1),
        perspective="customer",
        overall="well",
        tags=[TagMark(slug="attention", polarity=1), TagMark(slug="called-back", polarity=1)],
        lesson=block(),
        left_them="better",
        occurred_at=at(16, 9, 30),
    )
    flagged = add(
        store,
        line(2),
        setting=line(3),
        perspective="provider",
        overall="badly",
        tags=[TagMark(slug="wait-time", polarity=-1), TagMark(slug="attention", polarity=-1)],
        differently=line(4),
        situation=block(),
        behaviour=line(5),
        impact=line(6),
        why="process",
        lesson=line(7),
        action=line(8),
        flagged=True,
        occurred_at=at(18, 14, 5),
    )
    done = add(
        store,
        line(9),
        overall="mixed",
        tags=[TagMark(slug="wait-time", polarity=-1), TagMark(slug="attention", polarity=1)],
        action=line(10),
        occurred_at=at(20, 17, 45),
    )
    item = store.get(done).action_items[0]
    store.set_action_status(item.id, "done")
    add(store, line(13), perspective="witnessed", occurred_at=at(22, 23, 59))
    add(
        store,
        SECRET,
        setting=SECRET,
        differently=SECRET,
        situation=SECRET,
        lesson=SECRET,
        action=SECRET,
        flagged=True,
        private=True,
        tags=[TagMark(slug="patience", polarity=1)],
        occurred_at=at(19),
    )
    # outside the week: neither counted nor written out
    add(store, "Outside the week", occurred_at=at(23, 0, 0), flagged=True)
    reviews = ReviewStore(db)
    reviews.set_focus(WEEK, "attention", line(14))
    reviews.set_coach_questions(WEEK, block())
    reviews.set_coach_questions("2026-W46", line(1))  # the week before: not in the range
    assert win and flagged
    return store


def document(store: Store, week: str = WEEK, only_flagged: bool = False) -> str:
    start, end = week_bounds(week, ZONE)
    return render(gather(store, start, end, label=week, zone=ZONE, only_flagged=only_flagged))


def sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", text, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def flat(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        out.extend(flat(token.children or []))
    return out


def inline_text(token: Token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("hardbreak", "softbreak"):
            parts.append("\n")
        else:
            parts.append(child.content)
    return "".join(parts)


STRUCTURE = (
    "heading_open",
    "bullet_list_open",
    "list_item_open",
    "ordered_list_open",
    "table_open",
    "th_open",
    "td_open",
    "tr_open",
    "blockquote_open",
    "hr",
    "strong_open",
    "em_open",
    "link_open",
    "image",
    "code_inline",
    "code_block",
    "fence",
    "html_block",
    "html_inline",
    "paragraph_open",
    "hardbreak",
)


def structure(text: str) -> list[tuple[str, int]]:
    tokens = flat(MD.parse(text))
    return [(kind, sum(1 for t in tokens if t.type == kind)) for kind in STRUCTURE]


# ----------------------------------------------------------------- sections


@pytest.fixture
def journal(db: Database) -> Store:
    return build_journal(db, hostile=False)


def test_every_section_is_written_for_a_full_week(journal: Store) -> None:
    text = document(journal)
    assert text.startswith("# Coaching notes: 2026-W47\n")
    assert "Mon 16 Nov 2026 to Sun 22 Nov 2026, all entries." in text
    assert list(sections(text)) == [
        "Summary",
        "Since last session",
        "My own service",
        "What I observed",
        "Trends",
        "Flagged for coaching",
        "Action items",
        "Focus for next week",
        "Questions for the coach",
        "Appendix: all entries",
        "Glossary of tags",
    ]


def test_summary_counts_pattern_flagged_and_a_45_minute_agenda(journal: Store) -> None:
    summary = sections(document(journal))["Summary"]
    assert (
        "- **Entries:** 4: went well 1, went badly 1, mixed 1; my own service 1, observed 2, "
        "perspective not set 1" in summary
    )
    # The only own entry marked each tag once: no pattern is claimed from a single occurrence.
    assert "none yet; every mark of my own service occurred once." in summary
    assert "- **Flagged for coaching:** 1 case" in summary
    assert "  - Wed 18 Nov 2026: plain words" in summary
    assert "- **Questions for the coach:** 1" in summary
    minutes = [int(m) for m in re.findall(r"^- (\d+) min: ", summary, flags=re.MULTILINE)]
    assert sum(minutes) == 45
    labels = re.findall(r"^- \d+ min: (.+)$", summary, flags=re.MULTILINE)
    assert labels == [
        # The week has a focus and decided action items: a Since last session to go through.
        "Follow up the agreements and the focus since last session",
        "The flagged case",
        "Questions for the coach",
        "Open discussion",
        "Agree next week's focus and action items",
    ]
    assert "One win" not in summary  # the customer's good experience is not the user's win


def test_own_service_and_observation_are_apart(journal: Store) -> None:
    parts = sections(document(journal))
    own = parts["My own service"]
    # Only the provider entry: its two "-" marks, each once; the customer's +attention and the
    # unset entry's marks are not the user's own practice.
    assert "From the 1 entry where I was the one serving" in own
    assert "### Strengths" not in own
    assert "**wait-time** (Responsiveness): done badly once" in own
    assert "**attention** (Empathy): done badly once" in own
    assert "  - Wed 18 Nov 2026 14:05: plain words" in own
    observed = parts["What I observed"]
    assert "### Models to copy" in observed and "### To avoid" not in observed
    assert "Mon 16 Nov 2026, plain words" in observed and "(+attention +called-back)" in observed
    trends = parts["Trends"]
    assert (
        "| Responsiveness | ▁ | well 0, badly 1 of 1 entry | too few marks to call a trend |"
        in (trends)
    )
    assert "0.0" not in trends


def test_flagged_entries_are_written_as_situation_behaviour_impact_next_time(
    journal: Store,
) -> None:
    flagged = sections(document(journal))["Flagged for coaching"]
    labels = re.findall(r"^- \*\*(.+?):\*\*", flagged, flags=re.MULTILINE)
    assert labels == [
        "Situation",
        "Behaviour",
        "Impact",
        "Why",
        "Lesson",
        "What I would do differently",
        "Next time I will",
    ]
    assert "a process or policy" in flagged
    assert "Wed 18 Nov 2026 14:05" in flagged and "done badly: attention, wait-time" in flagged


def test_action_items_are_checkboxes(journal: Store) -> None:
    items = sections(document(journal))["Action items"]
    boxes = re.findall(r"^- \[(.)\] ", items, flags=re.MULTILINE)
    assert boxes == [" ", "x"]


def test_focus_questions_appendix_and_glossary(journal: Store) -> None:
    parts = sections(document(journal))
    assert "**attention** (Empathy)" in parts["Focus for next week"]
    assert "Plan: plain words" in parts["Focus for next week"]
    assert "Chosen in the review of 2026-W47." in parts["Focus for next week"]
    questions = parts["Questions for the coach"]
    assert "plain" in questions and "2026-W46" not in questions
    appendix = parts["Appendix: all entries"]
    assert appendix.count("\n### ") == 4
    assert "Outside the week" not in appendix
    glossary = parts["Glossary of tags"]
    assert "- **attention** (Empathy): while serving, stayed on the person" in glossary
    assert "- **wait-time** (Responsiveness)" in glossary
    assert "**called-back**" in glossary
    assert "patience" not in glossary  # used only by the private entry


def test_only_flagged_writes_out_flagged_entries_and_says_what_was_left_out(
    journal: Store,
) -> None:
    text = document(journal, only_flagged=True)
    assert "entries flagged for coaching" in text
    assert "1 entry written out below." in text
    assert "3 entries not flagged left out." in text
    appendix = sections(text)["Appendix: all entries"]
    assert appendix.count("\n### ") == 1
    assert "Wins" not in sections(text)


def test_private_entries_never_appear_and_are_counted(journal: Store) -> None:
    for only_flagged in (False, True):
        text = document(journal, only_flagged=only_flagged)
        assert SECRET not in text
        assert "1 private entry left out (private entries are never exported)." in text


def test_an_empty_range_gives_a_short_document(journal: Store) -> None:
    text = document(journal, week="2026-W40")
    assert text == (
        "# Coaching notes: 2026-W40\n\n"
        "Mon 28 Sep 2026 to Sun 04 Oct 2026, all entries.\n\n"
        "No entries to share in this range.\n\n"
        "No private entries were left out.\n"
    )


def test_a_range_with_only_private_entries_says_so(store: Store) -> None:
    add(store, SECRET, private=True, occurred_at=at(17))
    text = document(store)
    assert SECRET not in text
    assert "No entries to share in this range." in text
    assert "1 private entry left out" in text
    assert "## " not in text


def test_the_document_is_deterministic(journal: Store) -> None:
    assert document(journal) == document(journal)


# ----------------------------------------------------------------- hostile text


def test_hostile_text_creates_no_structure(tmp_path: Path, db: Database) -> None:
    """The same journal with plain words and with Markdown-laden text parses to the same
    structure: every heading, list, table, emphasis and break comes from the writer."""
    from journal.db import open_database

    hostile_text = document(build_journal(db, hostile=True))
    other = open_database(str(tmp_path / "plain.db"))
    try:
        plain_text = document(build_journal(other, hostile=False))
    finally:
        other.close()
    assert structure(hostile_text) == structure(plain_text)
    kinds = {t.type for t in flat(MD.parse(hostile_text))}
    forbidden = {
        "em_open",
        "link_open",
        "image",
        "code_inline",
        "code_block",
        "fence",
        "html_block",
        "html_inline",
        "blockquote_open",
        "hr",
        "ordered_list_open",
    }
    assert not kinds & forbidden


def test_hostile_text_round_trips_as_inline_text(db: Database) -> None:
    text = document(build_journal(db, hostile=True))
    inlines = [inline_text(t) for t in flat(MD.parse(text)) if t.type == "inline"]
    for value in [*HOSTILE_LINE, HOSTILE_BLOCK]:
        assert any(value.strip() in content for content in inlines), value
    headings = [
        inline_text(tokens[i + 1])
        for tokens in [MD.parse(text)]
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    ]
    assert HOSTILE_LINE[2] in headings  # the flagged entry's title, as a heading's text


TEXT = st.lists(
    st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc")),
        st.sampled_from(list("#*_`|<>[]()!-+=.&;\\ \t\n~:1)\u00a0\u2028")),
        st.sampled_from(["&amp;", "&#35;", "[x](y)", "<b>", "```", "1. ", "    ", "\n- "]),
    )
).map("".join)


def _context_sources(value: str) -> list[tuple[str, str]]:
    """(markdown, expected inline text) for each place the writer puts user text."""
    return [
        (escape.text(value), value),
        ("Label: " + escape.text(value), "Label: " + value),
        ("- **Label:** " + escape.text(value, indent="  "), "Label: " + value),
        ("- [ ] " + escape.text(value, indent="  "), "[ ] " + value),
    ]


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_escaped_text_is_always_literal(value: str) -> None:
    value = value.strip()
    if not value:
        return
    allowed = {
        "paragraph_open",
        "paragraph_close",
        "inline",
        "text",
        "hardbreak",
        "bullet_list_open",
        "bullet_list_close",
        "list_item_open",
        "list_item_close",
        "strong_open",
        "strong_close",
    }
    for source, expected in _context_sources(value):
        tokens = flat(MD.parse(source))
        assert {t.type for t in tokens} <= allowed, source
        assert [t.type for t in tokens].count("paragraph_open") == 1, source
        assert "".join(inline_text(t) for t in tokens if t.type == "inline") == expected


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_escaped_cells_and_headings_stay_in_place(value: str) -> None:
    value = value.strip()
    if not value:
        return
    table = f"| a | b |\n| --- | --- |\n| {escape.cell(value)} | x |\n"
    tokens = flat(MD.parse(table))
    assert sum(t.type == "td_open" for t in tokens) == 2
    cell = [t for t in tokens if t.type == "inline"][2]
    assert inline_text(cell) == " ".join(value.split("\n")).strip()
    heading = MD.parse("### " + escape.one_line(value))
    assert [t.type for t in heading] == ["heading_open", "inline", "heading_close"]
    assert inline_text(heading[1]) == " ".join(value.split("\n")).strip()


def test_escaping_keeps_ordinary_text_readable() -> None:
    assert (
        escape.text("Didn't greet: (sad) but 3 of 4, ok!") == "Didn't greet: (sad) but 3 of 4, ok!"
    )
    assert escape.text("Q&A at 10 > 9") == "Q&A at 10 &gt; 9"
    assert escape.text("- a\n1. b") == "\\- a\\\n1\\. b"


def test_gather_returns_no_private_entry(journal: Store) -> None:
    start, end = week_bounds(WEEK, ZONE)
    data: CoachingData = gather(journal, start, end, label=WEEK, zone=ZONE)
    assert all(not e.private for e in data.entries)
    assert all(not e.private for e in data.summary.entries)
    assert data.private_left_out == 1
