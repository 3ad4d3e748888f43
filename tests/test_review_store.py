"""The review's own tables: focus, check-in, reviewed weeks, action-item decisions, refusals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

import journal.store.review_items as review_items
from journal.db import Database
from journal.errors import InputError, NotFoundError, UnknownTagError
from journal.schemas import EntryIn, validate
from journal.store import Store
from journal.store.review_state import ReviewStore, streak_from

NOW = datetime(2026, 11, 22, 18, 0, tzinfo=UTC)


@pytest.fixture
def reviews(db: Database) -> ReviewStore:
    return ReviewStore(db, now=lambda: NOW)


def table_rows(db: Database, table: str) -> list[tuple[object, ...]]:
    return list(db.execute(f"SELECT * FROM {table} ORDER BY 1, 2"))


def test_nothing_stored_for_a_new_week(reviews: ReviewStore) -> None:
    assert reviews.get_week("2026-W47") is None
    assert reviews.checkin("2026-W47") == {}
    assert reviews.reviewed_weeks() == []
    assert reviews.streak("2026-W47") == 0


def test_focus_is_stored_normalised_and_can_be_cleared(reviews: ReviewStore) -> None:
    state = reviews.set_focus("2026-w47", "Wait Time", "  When a line forms, I will open a till ")
    assert (state.week, state.focus_tag) == ("2026-W47", "wait-time")
    assert state.focus_plan == "When a line forms, I will open a till"
    assert reviews.get_week("2026-W47") == state
    cleared = reviews.set_focus("2026-W47", None, None)
    assert (cleared.focus_tag, cleared.focus_plan) == (None, None)


def test_focus_outcome_carried_copies_the_focus_to_the_next_week(reviews: ReviewStore) -> None:
    reviews.set_focus("2026-W46", "listening", "When a customer talks, I will not interrupt")
    marked = reviews.set_focus_outcome("2026-W46", "carried")
    assert marked.focus_outcome == "carried"
    following = reviews.get_week("2026-W47")
    assert following is not None
    assert (following.focus_tag, following.focus_plan) == ("listening", marked.focus_plan)
    # A week with its own focus keeps it.
    reviews.set_focus("2026-W48", "queue", None)
    reviews.set_focus("2026-W47", "patience", None)
    reviews.set_focus_outcome("2026-W47", "carried")
    assert reviews.get_week("2026-W48").focus_tag == "queue"  # type: ignore[union-attr]


def test_check_in_answers_upsert_and_history(reviews: ReviewStore) -> None:
    assert reviews.save_checkin("2026-W47", {1: "yes", 10: "no"}) == {1: "yes", 10: "no"}
    assert reviews.save_checkin("2026-W47", {1: "Partly", 10: None}) == {1: "partly"}
    reviews.save_checkin("2026-W45", {3: "no"})
    history = reviews.checkin_history(["2026-W45", "2026-W46", "2026-W47"])
    assert history == {"2026-W45": {3: "no"}, "2026-W46": {}, "2026-W47": {1: "partly"}}


def test_reviewed_weeks_and_streak(reviews: ReviewStore) -> None:
    for week in ("2026-W43", "2026-W45", "2026-W46"):
        reviews.mark_reviewed(week)
    assert reviews.get_week("2026-W46").reviewed_at == NOW  # type: ignore[union-attr]
    assert reviews.reviewed_weeks() == ["2026-W43", "2026-W45", "2026-W46"]
    assert reviews.streak("2026-W47") == 2  # W47 not reviewed yet: W46 and W45
    reviews.mark_reviewed("2026-W47")
    assert reviews.streak("2026-W47") == 3
    reviews.unmark_reviewed("2026-W46")
    assert reviews.streak("2026-W47") == 1
    assert streak_from(["2026-W52", "2026-W53", "2027-W01"], "2027-W01") == 3


def test_action_decisions_set_the_item_status_and_can_be_undone(
    store: Store, reviews: ReviewStore
) -> None:
    entry = store.add(validate(EntryIn, {"what": "Slow till", "action": "Open a second till"}))
    item = entry.action_items[0]
    done = reviews.decide_action("2026-W47", item.id, "done")
    assert (done.status, done.closed_at) == ("done", NOW)
    assert reviews.action_decisions("2026-W47") == {item.id: "done"}
    reviews.decide_action("2026-W46", item.id, "carried")
    undone = reviews.undo_action_decision("2026-W47", item.id)
    assert (undone.status, undone.closed_at) == ("carried", None)  # the earlier decision stands
    reopened = reviews.undo_action_decision("2026-W46", item.id)
    assert (reopened.status, reopened.closed_at) == ("open", None)
    assert reviews.action_decisions("2026-W46") == {}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda r: r.get_week("2026-W99"), "write it like 2026-W47"),
        (lambda r: r.mark_reviewed("last week"), "write it like 2026-W47"),
        (lambda r: r.save_checkin("2026-W47", {1: "maybe"}), "yes, partly or no"),
        (lambda r: r.save_checkin("2026-W47", {0: "yes"}), "numbered 1 to 10"),
        (lambda r: r.save_checkin("2026-W47", {11: "yes"}), "numbered 1 to 10"),
        (lambda r: r.save_checkin("2026-W47", {"1": "yes"}), "numbered 1 to 10"),
        (lambda r: r.set_focus("2026-W47", "no-such-tag", None), "Unknown tag"),
        (lambda r: r.set_focus("2026-W47", "queue", "x" * 301), "at most 300 characters"),
        (lambda r: r.set_focus("2026-W47", "queue", "two\nlines"), "single line"),
        (lambda r: r.set_focus("2026-W47", None, "a plan without a tag"), "Choose a tag"),
        (lambda r: r.set_focus_outcome("2026-W47", "done"), "no focus"),
        (lambda r: r.set_focus_outcome("2026-W47", "later"), "done, dropped or carried"),
        (lambda r: r.set_coach_questions("2026-W47", "q" * 2001), "at most 2000"),
        (lambda r: r.set_coach_questions("2026-W47", "bell\x07"), "control characters"),
        (lambda r: r.decide_action("2026-W47", 1, "finished"), "done, dropped or carried"),
    ],
)
def test_bad_input_is_refused_with_one_sentence_and_changes_nothing(
    db: Database, reviews: ReviewStore, call: object, message: str
) -> None:
    reviews.save_checkin("2026-W47", {2: "yes"})
    before = {t: table_rows(db, t) for t in ("week_review", "checkin_answer", "action_decision")}
    with pytest.raises(InputError, match=message) as info:
        call(reviews)  # type: ignore[operator]
    text = str(info.value)
    assert text.endswith((".", "?")) and "\n" not in text
    if message == "Unknown tag":
        assert isinstance(info.value, UnknownTagError)
    after = {t: table_rows(db, t) for t in ("week_review", "checkin_answer", "action_decision")}
    assert after == before


def test_a_partly_bad_check_in_stores_nothing(reviews: ReviewStore) -> None:
    with pytest.raises(InputError):
        reviews.save_checkin("2026-W47", {1: "yes", 2: "nope"})
    assert reviews.checkin("2026-W47") == {}


def test_unknown_action_item_is_not_found(reviews: ReviewStore) -> None:
    with pytest.raises(NotFoundError, match="no action item #42"):
        reviews.decide_action("2026-W47", 42, "done")


def test_coach_questions_round_trip(reviews: ReviewStore) -> None:
    text = "How do I say no to a regular?\nWhat if the manager disagrees?"
    assert reviews.set_coach_questions("2026-W47", f"  {text}  ").coach_questions == text
    assert reviews.set_coach_questions("2026-W47", "   ").coach_questions is None


@pytest.mark.parametrize("window", [2, 7, 1000])
@pytest.mark.parametrize("include_private", [True, False])
def test_review_items_from_the_newest_entries_match_reading_every_item(
    db: Database,
    store: Store,
    reviews: ReviewStore,
    monkeypatch: pytest.MonkeyPatch,
    window: int,
    include_private: bool,
) -> None:
    """The bounded walk, and its fallback when the window is too small, list the same items."""

    start = datetime(2026, 9, 7, 9, 0, tzinfo=UTC)
    for n in range(40):
        entry = store.add(
            validate(
                EntryIn,
                {
                    "what": f"Encounter {n}",
                    "occurred_at": start + timedelta(days=2 * n),
                    "action": f"Step {n}",
                    "private": n % 7 == 3,
                },
            )
        )
        item = entry.action_items[0]
        if n % 3 == 0:
            reviews.decide_action("2026-W40", item.id, "done")  # closed long ago
        if n % 11 == 5 or n == 39:  # (39 is after the week: listed for its decision)
            reviews.decide_action("2026-W47", item.id, "dropped")  # decided this week
        if n % 13 == 4:
            store.trash(entry.id)
    since = datetime(2026, 11, 9, tzinfo=UTC)  # the week before 2026-W47
    until = datetime(2026, 11, 23, tzinfo=UTC)
    for limit in (5, 500):
        monkeypatch.setattr(review_items, "ITEMS_WINDOW", 0)  # read every item
        reference = reviews.review_items(
            "2026-W47", since, until, limit, include_private=include_private
        )
        monkeypatch.setattr(review_items, "ITEMS_WINDOW", window)
        listed = reviews.review_items(
            "2026-W47", since, until, limit, include_private=include_private
        )
        assert [(i.item.id, i.decision, i.origin) for i in listed] == [
            (i.item.id, i.decision, i.origin) for i in reference
        ]
        assert listed  # there are items to list
        assert len(listed) == limit or limit == 500
