"""Own practice and observation apart: the patterns, the ranking, single occurrences, recoveries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from journal.review.practice import (
    analyse,
    find_recoveries,
    main_pattern,
    patterns,
    reflection_depth,
)
from journal.rows import ActionItemRow, EntryRow
from journal.taxonomy import BUILTIN_TAGS
from journal.values import TagMark

CATALOGUE = {t.slug: t.group for t in BUILTIN_TAGS}
MONDAY = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
_ids = iter(range(1, 10_000))


def entry(
    what: str, perspective: str | None, tags: str = "", day: int = 0, **fields: Any
) -> EntryRow:
    """An entry as the store hands it out; ``tags`` like "+courtesy -queue"."""
    marks = [TagMark.parse(t) for t in tags.split()]
    number = next(_ids)
    return EntryRow(
        id=number,
        uuid=f"uuid-{number}",
        occurred_at=MONDAY + timedelta(days=day, minutes=number),
        what=what,
        perspective=perspective,
        tags=marks,
        **fields,
    )


def test_a_week_of_watching_good_service_is_not_the_users_strength() -> None:
    """The week of the issue: every "strength" came from a mechanic and a cashier the user
    watched, the "growth areas" from a chatbot they suffered as a customer, and the user's own
    win (greeting every customer within 5 seconds) was left out."""
    week = [
        entry("Mechanic explained the repair", "witnessed", "+knowledge +courtesy", 0),
        entry("Mechanic called back as promised", "witnessed", "+promise-kept +knowledge", 1),
        entry("Cashier greeted everyone", "witnessed", "+acknowledged +courtesy", 2),
        entry(
            "Chatbot looped three times",
            "customer",
            "-listening -wait-time -kept-informed",
            3,
            overall="badly",
            differently="Hand over to a person after one failed answer",
        ),
        entry(
            "I greeted every customer within 5 seconds",
            "provider",
            "+acknowledged",
            4,
            overall="well",
            lesson="Looking up first sets the tone",
        ),
    ]
    practice = analyse(week, CATALOGUE)
    own = practice.own
    assert own.entries == 1
    assert [p.slug for p in own.strengths] == ["acknowledged"]
    assert own.growth == []
    assert [e.what for e in own.wins] == ["I greeted every customer within 5 seconds"]
    assert main_pattern(own) is None  # one mark is an occurrence, not a pattern

    seen = practice.observed
    assert seen.entries == 4
    assert {c.entry.what for c in seen.models} == {
        "Mechanic explained the repair",
        "Mechanic called back as promised",
        "Cashier greeted everyone",
    }
    [avoid] = seen.avoid
    assert avoid.entry.what == "Chatbot looped three times"
    assert avoid.slugs == ["listening", "wait-time", "kept-informed"]
    assert avoid.differently == "Hand over to a person after one failed answer"


def test_ties_are_broken_by_reflection_then_recency_never_by_catalogue_order() -> None:
    rows = [
        # promise-kept is the catalogue's first tag: with no reflection it must not lead.
        entry("Kept my word", "provider", "+promise-kept", 0),
        entry(
            "Stayed patient with a confused caller",
            "provider",
            "+patience",
            1,
            lesson="Slow is fast",
            situation="A caller lost in the menu",
        ),
        # Same reflection as "Kept my word" but later: recency breaks the tie.
        entry("Got the order right", "provider", "+accuracy", 2),
    ]
    found = patterns(rows, CATALOGUE, 1)
    assert [p.slug for p in found] == ["patience", "accuracy", "promise-kept"]
    assert all(p.once for p in found)


def test_examples_are_ranked_by_reflection_then_recency() -> None:
    plain_old = entry("Plain, early", "provider", "-attention", 0)
    reflected = entry(
        "Reflected, middle",
        "provider",
        "-attention",
        1,
        differently="Look up first",
        lesson="Eyes first",
        why="tools",
    )
    plain_late = entry("Plain, late", "provider", "-attention", 2)
    [growth] = patterns([plain_old, reflected, plain_late], CATALOGUE, -1)
    assert growth.count == 3 and not growth.once
    assert [e.what for e in growth.examples] == ["Reflected, middle", "Plain, late"]
    assert reflection_depth(reflected) == 3 and reflection_depth(plain_late) == 0


def test_more_marks_lead_and_a_single_one_is_shown_as_once() -> None:
    rows = [
        entry("A", "provider", "-queue", 0),
        entry("B", "provider", "-attention", 1, lesson="reflected a lot", impact="they left"),
        entry("C", "provider", "-queue", 2),
    ]
    found = patterns(rows, CATALOGUE, -1)
    assert [(p.slug, p.count, p.once) for p in found] == [
        ("queue", 2, False),
        ("attention", 1, True),
    ]
    own = analyse(rows, CATALOGUE).own
    top = main_pattern(own)
    assert top is not None and top.slug == "queue"


def test_an_action_item_counts_as_reflection() -> None:
    item = ActionItemRow(1, 1, "Greet within 10 seconds", "open", MONDAY, None)
    assert reflection_depth(entry("x", "provider", action_items=[item])) == 1


def test_recoveries_need_a_slip_a_recovery_mark_and_a_good_end() -> None:
    own_recovery = entry(
        "Wrong bill, apologised and fixed it",
        "provider",
        "-accuracy +apology +fix",
        0,
        overall="well",
    )
    left_better = entry(
        "Late delivery, owned it",
        "witnessed",
        "-promise-kept +ownership",
        1,
        overall="badly",
        left_them="better",
    )
    not_recovered = entry(
        "Wrong bill, apologised", "provider", "-accuracy +apology", 2, overall="mixed"
    )
    no_recovery_mark = entry(
        "Slow but polite", "provider", "-wait-time +courtesy", 3, overall="well"
    )
    nothing_wrong = entry("Smooth refund", "provider", "+fix", 4, overall="well")
    rows = [own_recovery, left_better, not_recovered, no_recovery_mark, nothing_wrong]

    found = find_recoveries(rows, CATALOGUE)
    assert {r.entry.what for r in found} == {own_recovery.what, left_better.what}
    mine = next(r for r in found if r.entry is own_recovery)
    assert (mine.problems, mine.remedies) == (["accuracy"], ["apology", "fix"])

    practice = analyse(rows, CATALOGUE)
    assert [r.entry.what for r in practice.own.recoveries] == [own_recovery.what]
    assert [r.entry.what for r in practice.observed.recoveries] == [left_better.what]


def test_entries_without_a_perspective_are_neither_own_nor_observed() -> None:
    practice = analyse([entry("?", None, "+courtesy", overall="well")], CATALOGUE)
    assert practice.own.entries == 0 and practice.observed.entries == 0
    assert practice.unset == 1
    assert practice.own.strengths == [] and practice.observed.models == []


def test_an_observed_entry_without_marks_is_a_model_or_a_mistake_by_its_overall() -> None:
    good = entry("Smooth check-in", "witnessed", overall="well")
    bad = entry("Rude porter", "witnessed", overall="badly", differently="Greet the guest")
    seen = analyse([good, bad], CATALOGUE).observed
    assert [c.entry for c in seen.models] == [good]
    assert [(c.entry, c.differently) for c in seen.avoid] == [(bad, "Greet the guest")]
