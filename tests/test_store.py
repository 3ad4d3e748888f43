"""The store: what is written reads back, filters select the right entries, pages cover all."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from journal.errors import InputError, NotFoundError, UnknownTagError
from journal.schemas import EntryIn, EntryPatch, TagIn, validate
from journal.store import Store
from journal.values import EntryFilter, TagMark

BERLIN = ZoneInfo("Europe/Berlin")
BASE = datetime(2026, 11, 16, 9, 0, tzinfo=BERLIN)  # Monday of 2026-W47


def add(store: Store, what: str, **fields: object) -> int:
    tags = [TagMark.parse(t) for t in fields.pop("tags", [])]  # type: ignore[union-attr]
    return store.add(validate(EntryIn, {"what": what, "tags": tags, **fields})).id


def ids(store: Store, **flt: object) -> list[int]:
    return [e.id for e in store.list(EntryFilter(**flt), limit=1000).entries]


def test_add_and_get_round_trip_every_field(store: Store) -> None:
    at = datetime(2026, 11, 20, 14, 30, tzinfo=BERLIN)
    entry_id = add(
        store,
        "Teller explained the fee before being asked",
        setting="bank",
        perspective="customer",
        overall="well",
        tags=["+initiative", "-wait-time"],
        differently="Nothing",
        situation="Queue of five",
        behaviour="Explained calmly",
        impact="I felt respected",
        why="process",
        lesson="Say the bad news first",
        action="Mention fees up front",
        left_them="better",
        flagged=True,
        private=True,
        occurred_at=at,
    )
    entry = store.get(entry_id)
    assert entry.what == "Teller explained the fee before being asked"
    assert entry.occurred_at == at
    assert entry.occurred_at.tzinfo is not None
    assert (entry.setting, entry.perspective, entry.overall) == ("bank", "customer", "well")
    assert [str(t) for t in entry.tags] == ["+initiative", "-wait-time"]
    assert (entry.situation, entry.behaviour, entry.impact) == (
        "Queue of five",
        "Explained calmly",
        "I felt respected",
    )
    assert (entry.why, entry.lesson, entry.left_them) == (
        "process",
        "Say the bad news first",
        "better",
    )
    assert entry.action == "Mention fees up front"
    assert entry.flagged and entry.private and entry.reflected
    assert len(entry.uuid) == 36
    assert entry.created_at is not None and entry.created_at.tzinfo is UTC


def test_unknown_tag_is_refused_with_suggestions_and_nothing_is_written(store: Store) -> None:
    with pytest.raises(UnknownTagError) as info:
        add(store, "x", tags=["+atention"])
    assert "attention" in info.value.suggestions
    assert store.count() == 0


def test_get_unknown_id(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no entry #42"):
        store.get(42)


def test_update_changes_only_given_fields(store: Store) -> None:
    entry_id = add(store, "Waiter ignored the table", setting="restaurant", tags=["-attention"])
    store.update(
        entry_id, validate(EntryPatch, {"lesson": "Eye contact first", "left_them": "worse"})
    )
    entry = store.get(entry_id)
    assert entry.lesson == "Eye contact first"
    assert entry.left_them == "worse"
    assert entry.setting == "restaurant"
    assert [str(t) for t in entry.tags] == ["-attention"]
    assert entry.updated_at is not None and entry.created_at is not None
    assert entry.updated_at >= entry.created_at


def test_update_with_unknown_tag_leaves_entry_unchanged(store: Store) -> None:
    entry_id = add(store, "x", tags=["+courtesy"])
    patch = validate(EntryPatch, {"lesson": "L", "tags": [TagMark.parse("-nope-nope")]})
    with pytest.raises(UnknownTagError):
        store.update(entry_id, patch)
    entry = store.get(entry_id)
    assert entry.lesson is None
    assert [str(t) for t in entry.tags] == ["+courtesy"]


def test_trash_restore_and_purge(store: Store) -> None:
    keep = add(store, "keep")
    gone = add(store, "gone")
    store.trash(gone)
    assert ids(store) == [keep]
    assert ids(store, trashed=True) == [gone]
    store.restore(gone)
    assert sorted(ids(store)) == [keep, gone]
    with pytest.raises(InputError, match="not in the trash"):
        store.purge(gone)
    store.trash(gone)
    store.purge(gone)
    with pytest.raises(NotFoundError):
        store.get(gone)


def test_list_is_newest_first_and_pages_cover_everything_once(store: Store) -> None:
    created = [
        add(store, f"entry {i}", occurred_at=BASE + timedelta(hours=i % 7, minutes=i))
        for i in range(23)
    ]
    seen: list[int] = []
    cursor = None
    while True:
        page = store.list(EntryFilter(), limit=5, cursor=cursor)
        seen.extend(e.id for e in page.entries)
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert sorted(seen) == sorted(created)
    assert len(seen) == len(set(seen))
    times = [store.get(i).occurred_at for i in seen]
    assert times == sorted(times, reverse=True)


def test_entries_at_the_same_instant_are_paged_without_loss(store: Store) -> None:
    created = [add(store, f"same {i}", occurred_at=BASE) for i in range(7)]
    first = store.list(EntryFilter(), limit=3)
    second = store.list(EntryFilter(), limit=3, cursor=first.next_cursor)
    third = store.list(EntryFilter(), limit=3, cursor=second.next_cursor)
    got = [e.id for page in (first, second, third) for e in page.entries]
    assert got == sorted(created, reverse=True)
    assert third.next_cursor is None


def test_filters(store: Store) -> None:
    a = add(
        store,
        "Cashier on the phone",
        setting="Grocery checkout",
        perspective="witnessed",
        overall="badly",
        tags=["-attention", "-queue"],
        occurred_at=BASE,
    )
    b = add(
        store,
        "Clerk greeted me",
        setting="public office",
        perspective="customer",
        overall="well",
        tags=["+attention"],
        lesson="Greeting matters",
        flagged=True,
        occurred_at=BASE + timedelta(days=7),
    )
    c = add(
        store,
        "I kept calm",
        perspective="provider",
        overall="mixed",
        occurred_at=BASE - timedelta(days=1),
    )
    assert ids(store, tag="attention") == [b, a]
    assert ids(store, tag="attention", polarity=-1) == [a]
    assert ids(store, tag="attention", polarity=1) == [b]
    assert ids(store, setting="grocery checkout") == [a]
    assert ids(store, perspective="provider") == [c]
    assert ids(store, overall="well") == [b]
    assert ids(store, flagged=True) == [b]
    assert ids(store, unreflected=True) == [a, c]
    week_start = BASE
    assert ids(store, start=week_start, end=week_start + timedelta(days=7)) == [a]
    assert store.count(EntryFilter(**{"tag": "attention"})) == 2


def test_full_text_search_matches_word_prefixes_in_every_text_field(store: Store) -> None:
    a = add(store, "Cashier finished a phone call", setting="grocery checkout")
    b = add(store, "Waiter", lesson="Phones away during service")
    c = add(store, "Nurse listened", situation="The waiting room was full")
    assert sorted(ids(store, search="phone")) == [a, b]
    assert ids(store, search="groc") == [a]
    assert ids(store, search="waiting room") == [c]
    assert ids(store, search="nothing-like-this") == []
    assert store.count(EntryFilter(**{"search": "phone"})) == 2


def test_search_follows_edits_and_ranks_better_matches_first(store: Store) -> None:
    weak = add(store, "Teller", lesson="a queue formed")
    strong = add(store, "Queue queue queue at the queue")
    assert ids(store, search="queue") == [strong, weak]
    store.update(weak, validate(EntryPatch, {"lesson": "nothing to see"}))
    assert ids(store, search="queue") == [strong]


@pytest.mark.parametrize("query", ['"', "*", "NEAR(", "a OR", "(x", "'; DROP TABLE entry; --", "^"])
def test_search_syntax_is_treated_as_text(store: Store, query: str) -> None:
    add(store, "ordinary")
    assert ids(store, search=query) == []
    assert store.count() == 1


def test_custom_tags_and_usage_counts(store: Store) -> None:
    store.add_tag(
        validate(TagIn, {"slug": "called-back", "group": "recovery", "description": "Rang"})
    )
    add(store, "x", tags=["+called-back", "-queue"])
    add(store, "y", tags=["-queue"])
    usage = {t.slug: t for t in store.tags()}
    assert usage["called-back"].group == "Recovery"
    assert not usage["called-back"].builtin
    assert (usage["called-back"].plus, usage["called-back"].minus) == (1, 0)
    assert (usage["queue"].plus, usage["queue"].minus) == (0, 2)
    with pytest.raises(InputError, match="already exists"):
        store.add_tag(validate(TagIn, {"slug": "queue", "group": "Tangibles"}))


def test_sticky_defaults_and_recent_settings(store: Store) -> None:
    assert store.sticky_defaults() == {"setting": None, "perspective": None}
    add(store, "a", setting="bank", perspective="customer")
    add(store, "b", setting="hotel", perspective="witnessed")
    assert store.sticky_defaults() == {"setting": "hotel", "perspective": "witnessed"}
    recent = store.recent_settings()
    assert recent[:2] == ["hotel", "bank"]
    assert "grocery checkout" in recent


def test_drafts_are_kept_until_cleared(store: Store) -> None:
    assert store.load_draft() is None
    store.save_draft({"what": "half a thought"})
    store.save_draft({"what": "half a thought, finished"})
    assert store.load_draft() == {"what": "half a thought, finished"}
    store.clear_draft()
    assert store.load_draft() is None


def test_action_item_status(store: Store) -> None:
    entry_id = add(store, "x", action="Greet within 10 seconds")
    (item,) = store.action_items("open")
    assert item.entry_id == entry_id
    done = store.set_action_status(item.id, "done")
    assert done.status == "done" and done.closed_at is not None
    assert store.action_items("open") == []
    with pytest.raises(InputError):
        store.set_action_status(item.id, "finished")


def test_failed_write_leaves_nothing_behind(store: Store) -> None:
    add(store, "first")
    with pytest.raises(InputError), store.transaction():
        add(store, "inside a failing transaction")
        raise InputError("stop")
    assert [e.what for e in store.list().entries] == ["first"]


@pytest.mark.parametrize("window", [3, 2000])
def test_search_pages_cover_every_match_once_past_the_ranked_window(
    store: Store, monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    import journal.store.reading as reading

    monkeypatch.setattr(reading, "SEARCH_WINDOW", window)
    matching = [
        add(store, f"queue number {i}", occurred_at=BASE + timedelta(hours=i)) for i in range(9)
    ]
    add(store, "nothing to find here")
    trashed = add(store, "queue in the trash")
    store.trash(trashed)
    seen: list[int] = []
    cursor = None
    while True:
        page = store.list(EntryFilter(**{"search": "queue"}), limit=2, cursor=cursor)
        assert len(page.entries) == 2 or page.next_cursor is None
        seen.extend(e.id for e in page.entries)
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert sorted(seen) == sorted(matching)
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize("probe", [1, 2000])
def test_tag_filter_gives_the_same_pages_with_either_plan(
    store: Store, monkeypatch: pytest.MonkeyPatch, probe: int
) -> None:
    import journal.store.reading as reading

    monkeypatch.setattr(reading, "TAG_PROBE", probe)
    tagged = [
        add(
            store,
            f"e{i}",
            tags=["-queue" if i % 2 else "+queue"],
            occurred_at=BASE + timedelta(hours=i),
        )
        for i in range(6)
    ]
    add(store, "untagged", occurred_at=BASE)
    assert ids(store, tag="queue") == list(reversed(tagged))
    assert ids(store, tag="queue", polarity=-1) == [
        i for i in reversed(tagged) if (i - tagged[0]) % 2
    ]
    assert store.count(EntryFilter(**{"tag": "queue", "polarity": 1})) == 3


def test_tag_counts_leave_out_the_trash(store: Store) -> None:
    add(store, "a", tags=["-queue"])
    gone = add(store, "b", tags=["-queue", "+courtesy"])
    store.trash(gone)
    usage = {t.slug: t for t in store.tags()}
    assert (usage["queue"].minus, usage["courtesy"].plus) == (1, 0)


def test_read_back_tags_are_the_same_marks_as_validated_ones(store: Store) -> None:
    """Marks read back are shared between entries: they must behave like fresh, frozen ones."""
    from dataclasses import FrozenInstanceError, asdict, fields

    from journal.rows import ENTRY_COLUMNS, EntryRow

    first = add(store, "a", tags=["+courtesy", "-queue"])
    second = add(store, "b", tags=["-queue"])
    marks = store.get(first).tags
    fresh = [TagMark(slug="courtesy", polarity=1), TagMark(slug="queue", polarity=-1)]
    assert marks == fresh
    assert [type(m) for m in marks] == [TagMark, TagMark]
    assert [hash(m) for m in marks] == [hash(m) for m in fresh]
    assert [asdict(m) for m in marks] == [asdict(m) for m in fresh]
    assert [repr(m) for m in marks] == [repr(m) for m in fresh]
    assert store.get(second).tags == [fresh[1]]
    with pytest.raises(FrozenInstanceError):
        marks[1].polarity = 1  # type: ignore[misc]
    assert store.get(second).tags[0].polarity == -1
    # The CLI edits tags by patching with the ones read back.
    store.update(first, validate(EntryPatch, {"tags": [*marks, TagMark.parse("+attention")]}))
    assert [str(t) for t in store.get(first).tags] == ["+attention", "+courtesy", "-queue"]
    # Every column the store reads is a field of the row it hands out (read by name).
    assert set(ENTRY_COLUMNS) <= {f.name for f in fields(EntryRow)}


def test_a_second_entry_with_the_same_uuid_is_refused_and_nothing_is_written(
    store: Store,
) -> None:
    uuid = "0b3c2f4e-8a61-4d7e-9f10-2a3b4c5d6e7f"
    first = add(store, "First", uuid=uuid)
    with pytest.raises(InputError, match=f"uuid {uuid} already exists"):
        add(store, "Second", uuid=uuid, tags=["+attention"])
    assert ids(store) == [first]
    assert store.count() == 1
