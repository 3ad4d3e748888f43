"""The built-in catalogue must match the domain brief exactly, because slugs are stored forever."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pytest

from journal.taxonomy import (
    BUILTIN_SETTINGS,
    BUILTIN_TAGS,
    GROUPS,
    SLUG_PATTERN,
    TagDef,
    normalise_slug,
    suggest,
)

# Written out by hand from the domain brief's "Tag catalogue", group by group, in its order.
EXPECTED_BY_GROUP: dict[str, list[str]] = {
    "Reliability": [
        "promise-kept",
        "accuracy",
        "follow-through",
        "expectations",
        "honest-limits",
    ],
    "Responsiveness": ["acknowledged", "wait-time", "kept-informed", "initiative"],
    "Assurance": ["knowledge", "courtesy", "composure", "confidence"],
    "Empathy": ["attention", "listening", "individualized", "customer-view", "patience"],
    "Tangibles": ["environment", "tools", "queue"],
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
    assert len(EXPECTED_SLUGS) == 32
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


def test_descriptions_use_the_briefs_wording() -> None:
    by_slug = {tag.slug: tag for tag in BUILTIN_TAGS}
    assert by_slug["promise-kept"].description == "did what was said"
    assert by_slug["attention"].description == (
        "gave focused attention, not the phone or the colleague"
    )
    assert by_slug["environment"].description == "clean, orderly, signposted"


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
