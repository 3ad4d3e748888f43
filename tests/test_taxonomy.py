"""The built-in catalogue: slugs are stored forever, so none may change or disappear."""

from __future__ import annotations

import dataclasses
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from journal.db import open_database
from journal.store import Store
from journal.taxonomy import (
    BUILTIN_SETTINGS,
    BUILTIN_TAGS,
    GROUPS,
    SLUG_PATTERN,
    TagDef,
    normalise_slug,
    suggest,
)

# Written out by hand from the domain brief's "Tag catalogue", group by group, in its order, with
# the tags added later at the end of their groups (farewell, needs-asked, appearance).
EXPECTED_BY_GROUP: dict[str, list[str]] = {
    "Reliability": [
        "promise-kept",
        "accuracy",
        "follow-through",
        "expectations",
        "honest-limits",
    ],
    "Responsiveness": ["acknowledged", "wait-time", "kept-informed", "initiative"],
    "Assurance": ["knowledge", "courtesy", "farewell", "composure", "confidence"],
    "Empathy": [
        "attention",
        "listening",
        "individualized",
        "customer-view",
        "patience",
        "needs-asked",
    ],
    "Tangibles": ["environment", "tools", "queue", "appearance"],
    "Recovery": ["complaint-welcomed", "ownership", "apology", "fix", "escalation"],
    "Mindset": [
        "own-problems-kept-out",
        "interruption-welcomed",
        "internal-customer",
        "staff-conduct",
        "left-better",
        "made-a-difference",
    ],
}
EXPECTED_SLUGS = [slug for slugs in EXPECTED_BY_GROUP.values() for slug in slugs]
SLUGS = [tag.slug for tag in BUILTIN_TAGS]


def test_groups_are_the_seven_dimensions_in_order() -> None:
    assert GROUPS == (
        "Reliability",
        "Responsiveness",
        "Assurance",
        "Empathy",
        "Tangibles",
        "Recovery",
        "Mindset",
    )


def test_every_slug_from_the_brief_is_present_once_in_order() -> None:
    assert len(EXPECTED_SLUGS) == 35
    assert SLUGS == EXPECTED_SLUGS
    for slug in EXPECTED_SLUGS:
        assert SLUGS.count(slug) == 1


@pytest.mark.parametrize("group", list(EXPECTED_BY_GROUP))
def test_each_tag_sits_in_its_brief_group(group: str) -> None:
    assert [t.slug for t in BUILTIN_TAGS if t.group == group] == EXPECTED_BY_GROUP[group]


@pytest.mark.parametrize("tag", BUILTIN_TAGS, ids=SLUGS)
def test_tag_fits_storage_and_validation(tag: TagDef) -> None:
    assert re.fullmatch(SLUG_PATTERN, tag.slug)
    assert len(tag.slug) <= 40  # schemas.TagMark limit
    assert tag.group in GROUPS
    assert tag.description.strip() == tag.description
    assert 0 < len(tag.description) <= 200  # tag.description column width
    assert normalise_slug(tag.slug) == tag.slug


def test_descriptions_keep_the_briefs_wording_where_it_was_distinct() -> None:
    by_slug = {tag.slug: tag for tag in BUILTIN_TAGS}
    assert by_slug["environment"].description == "clean, orderly, signposted"
    assert by_slug["accuracy"].description == "got it right first time"


# Pairs that used to describe one moment twice, each with a word that only its own
# description may use: the behaviour that tells the two apart.
DISTINCT_PAIRS = [
    (("promise-kept", "promised"), ("follow-through", "unasked")),
    (("acknowledged", "within seconds"), ("attention", "while serving")),
    (("wait-time", "this person's wait"), ("queue", "the line")),
    (("left-better", "personal touch"), ("made-a-difference", "real problem")),
]


@pytest.mark.parametrize("pair", DISTINCT_PAIRS, ids=lambda p: f"{p[0][0]}/{p[1][0]}")
def test_tags_that_double_counted_one_incident_now_name_distinct_behaviours(
    pair: tuple[tuple[str, str], tuple[str, str]],
) -> None:
    by_slug = {tag.slug: tag.description for tag in BUILTIN_TAGS}
    (one, one_word), (other, other_word) = pair
    assert one_word in by_slug[one] and one_word not in by_slug[other]
    assert other_word in by_slug[other] and other_word not in by_slug[one]


def test_no_description_repeats_the_left_them_field() -> None:
    """Whether the person left better off is the entry's "left them" field, not a tag."""
    for tag in BUILTIN_TAGS:
        assert "better off" not in tag.description
        assert "day a bit better" not in tag.description


def test_new_tags_sit_in_their_dimensions() -> None:
    by_slug = {tag.slug: tag for tag in BUILTIN_TAGS}
    assert by_slug["farewell"].group == "Assurance"
    assert "goodbye" in by_slug["farewell"].description
    assert by_slug["needs-asked"].group == "Empathy"
    assert "before acting" in by_slug["needs-asked"].description
    assert by_slug["appearance"].group == "Tangibles"
    assert "ready to serve" in by_slug["appearance"].description


def test_every_builtin_slug_is_named_once() -> None:
    assert len(set(SLUGS)) == len(SLUGS) == len(BUILTIN_TAGS)


def test_tagdef_is_immutable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        BUILTIN_TAGS[0].slug = "renamed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("wait-time", "wait-time"),
        ("  Wait Time  ", "wait-time"),
        ("Promise_Kept", "promise-kept"),
        ("made  a   difference", "made-a-difference"),
        ("a - b", "a-b"),
        ("follow--through", "follow-through"),
        ("-leading-and-trailing-", "leading-and-trailing"),
        ("tab\there", "tab-here"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_normalise_slug(raw: str, expected: str) -> None:
    assert normalise_slug(raw) == expected


def test_normalise_slug_leaves_other_punctuation_for_validation_to_refuse() -> None:
    result = normalise_slug("wait.time")
    assert result == "wait.time"
    assert re.fullmatch(SLUG_PATTERN, result) is None


@pytest.mark.parametrize("bad", ["Wait", "wait_time", "-wait", "wait-", "wait--time", "wait time"])
def test_slug_pattern_refuses_unnormalised_text(bad: str) -> None:
    assert re.fullmatch(SLUG_PATTERN, bad) is None


def test_suggest_corrects_a_typo() -> None:
    assert "attention" in suggest("atention", SLUGS)
    assert suggest("atention", SLUGS)[0] == "attention"
    assert suggest("ownrship", SLUGS) == ["ownership"]


def test_suggest_completes_a_prefix_shortest_first() -> None:
    assert suggest("comp", SLUGS) == ["composure", "complaint-welcomed"]
    assert suggest("in", SLUGS) == ["initiative", "individualized", "internal-customer"]


def test_suggest_normalises_the_query() -> None:
    assert suggest("Wait Time", SLUGS)[0] == "wait-time"


def test_suggest_caps_and_deduplicates() -> None:
    known = ["queue", "queue", "queues", "queued", "queueing"]
    result = suggest("queue", known, n=2)
    assert result == ["queue", "queues"]
    assert len(suggest("in", SLUGS, n=1)) == 1
    assert suggest("in", SLUGS, n=0) == []


def test_suggest_returns_nothing_for_unrelated_text() -> None:
    assert suggest("zzzzqqq", SLUGS) == []
    assert suggest("", SLUGS) == []


def test_suggest_accepts_any_iterable() -> None:
    assert suggest("atention", iter(SLUGS))[0] == "attention"


def test_builtin_settings() -> None:
    assert BUILTIN_SETTINGS == (
        "grocery checkout",
        "bank",
        "restaurant",
        "cafe",
        "phone support",
        "hotel",
        "clinic",
        "pharmacy",
        "public office",
        "online chat",
        "shop",
        "at work with colleagues",
        "at home",
        "with friends",
        "public transport",
    )
    assert len(set(BUILTIN_SETTINGS)) == len(BUILTIN_SETTINGS)


def test_hot_path_modules_import_no_heavy_dependencies() -> None:
    """taxonomy and when run on quick capture; pulling in an ORM there would slow every start."""
    root = Path(__file__).resolve().parent.parent
    code = (
        "import sys, journal.taxonomy, journal.when; "
        "heavy = ('sqlalchemy', 'sqlmodel', 'pydantic', 'textual', 'alembic', 'platformdirs'); "
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=root,
        env={"PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == ""


OLD_JOURNAL = Path(__file__).resolve().parent / "fixtures" / "schemas" / "0003.db"


def _old_journal_copy(tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    shutil.copyfile(OLD_JOURNAL, path)
    path.chmod(0o600)  # git does not keep file modes
    return path


def _catalogue(path: Path) -> dict[str, tuple[str, str, int]]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute('SELECT slug, "group", description, builtin FROM tag').fetchall()
    finally:
        conn.close()
    return {slug: (group, description or "", builtin) for slug, group, description, builtin in rows}


def test_an_older_journal_gets_the_new_tags_and_sharper_descriptions_on_open(
    tmp_path: Path,
) -> None:
    path = _old_journal_copy(tmp_path)
    before = _catalogue(path)
    assert "farewell" not in before
    assert before["left-better"][1] != next(
        t.description for t in BUILTIN_TAGS if t.slug == "left-better"
    )

    open_database(str(path)).close()

    after = _catalogue(path)
    for tag in BUILTIN_TAGS:
        assert after[tag.slug] == (tag.group, tag.description, 1), tag.slug
    # The user's own tags are kept as they were.
    custom = {slug: row for slug, row in before.items() if not row[2]}
    assert custom and all(after[slug] == row for slug, row in custom.items())


def test_a_custom_tag_with_a_new_built_in_slug_is_kept_as_the_user_made_it(
    tmp_path: Path,
) -> None:
    path = _old_journal_copy(tmp_path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            'INSERT INTO tag (slug, "group", description, builtin) VALUES (?, ?, ?, 0)',
            ("farewell", "My own", "waved them off at the door"),
        )
    conn.close()

    db = open_database(str(path))
    try:
        store = Store(db)
        farewell = next(t for t in store.tags() if t.slug == "farewell")
    finally:
        db.close()

    assert (farewell.group, farewell.description, farewell.builtin) == (
        "My own",
        "waved them off at the door",
        False,
    )
    assert _catalogue(path)["needs-asked"][2] == 1
