"""The weekly review screen: weeks, the inline inbox, check-in, focus, decisions, snapshots.

Everything happens in fixed weeks of 2024 (the sample of ``tui_helpers`` lives in 2024-W10), and
the screen is opened on that week, so nothing depends on today's date.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select
from tui_helpers import (
    SEED_START,
    add,
    app_for,
    open_store,
    record_notifications,
    seed_sample,
    settle,
)

from tui.app import ServiceJournalApp
from tui.dialogs.week_jump import WeekJumpDialog, read_week
from tui.screens.review import ReviewScreen
from tui.widgets.review_reflect import ReflectForm

WEEK = "2024-W10"
LAST_WEEK = "2024-W09"
EMPTY_WEEK = "2024-W20"
ACTION = "Greet every waiting customer within ten seconds"
PLAN = "when the phone rings at the desk, I will finish with the customer first"


def fixed_now() -> datetime:
    return datetime(2024, 3, 3, 18, 0, tzinfo=UTC)


def seed_full(path: Path) -> dict[str, int]:
    """The sample week plus three earlier weeks: a recurring -attention of the user's own
    practice, last week's action item and focus, earlier check-ins, and two reviewed weeks
    before this one."""
    ids = seed_sample(path)
    with open_store(path) as store:
        barista = add(
            store,
            "I chatted with a colleague while the queue grew",
            tags=("-attention", "-queue"),
            occurred_at=SEED_START - timedelta(days=5),
            setting="coffee shop",
            perspective="provider",
            overall="badly",
            lesson="A queue notices being ignored",
            action=ACTION,
        )
        add(
            store,
            "I finished typing before I greeted the patient",
            tags=("-attention", "+acknowledged"),
            occurred_at=SEED_START - timedelta(days=12),
            setting="clinic",
            perspective="provider",
            overall="mixed",
            differently="Look up first, then finish typing",
        )
        add(
            store,
            "I read a message while a guest waited at the desk",
            tags=("-attention",),
            occurred_at=SEED_START - timedelta(days=10),
            setting="hotel",
            perspective="provider",
            overall="badly",
        )
        item = store.get(barista).action_items[0].id
    with open_store(path, clock=fixed_now) as store:  # the review's writes at a fixed time
        reviews = store.review
        for week, answers in (
            ("2024-W07", "yes partly no yes yes partly yes yes no yes"),
            ("2024-W08", "yes yes partly yes partly partly yes yes partly yes"),
            (LAST_WEEK, "yes yes yes partly yes no yes yes partly yes"),
        ):
            reviews.save_checkin(week, dict(enumerate(answers.split(), start=1)))
        reviews.mark_reviewed("2024-W08")
        reviews.mark_reviewed(LAST_WEEK)
        reviews.set_focus(LAST_WEEK, "attention", PLAN)
    return {"teller": ids[1], "hotel": ids[2], "clerk": ids[4], "item": item}


def review_screen(app: ServiceJournalApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


def shown(app: ServiceJournalApp, week: str) -> bool:
    screen = app.screen
    return (
        isinstance(screen, ReviewScreen)
        and screen.review is not None
        and screen.review.week == week
        and screen.settled
    )


async def open_review(pilot: Pilot, week: str = WEEK) -> ReviewScreen:
    app = pilot.app
    await settle(pilot, lambda: app.backend.is_open)
    await app.run_action(f"review('{week}')")
    await settle(pilot, lambda: shown(app, week))
    return review_screen(app)


def text_of(screen: ReviewScreen, selector: str) -> str:
    return str(screen.query_one(selector).render())


def inbox_ids(screen: ReviewScreen) -> list[int]:
    listing = screen.inbox.listing
    return [int(listing.get_option_at_index(i).id) for i in range(listing.option_count)]


# ----------------------------------------------------------------- weeks


def test_read_week_takes_labels_and_dates() -> None:
    assert read_week("2026-w7") == "2026-W07"
    assert read_week(" 2026W47 ") == "2026-W47"
    assert read_week("2026-11-20") == "2026-W47"
    assert read_week("2026-11-22", "sunday") == "2026-W48"
    assert read_week("2026-11-22") == "2026-W47"
    with pytest.raises(Exception, match="write it like 2026-W47"):
        read_week("2026-W60")


async def test_weeks_previous_next_this_and_jump(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    seed_full(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        await pilot.press("ctrl+r")  # opens on the current week
        await settle(pilot, lambda: isinstance(app.screen, ReviewScreen))
        from journal.review.build import current_week

        this = current_week(app.settings)
        await settle(pilot, lambda: shown(app, this))
        screen = review_screen(app)
        assert "this week" in text_of(screen, "#week-now")

        await pilot.press("g")
        await settle(pilot, lambda: isinstance(app.screen, WeekJumpDialog))
        await pilot.press(*"2024-W60", "enter")  # the field starts selected: typing replaces it
        await settle(pilot)
        assert isinstance(app.screen, WeekJumpDialog)  # refused, with one sentence
        error = str(app.screen.query_one("#week-jump-error").render())
        assert "is not a week; write it like 2026-W47" in error
        app.screen.query_one(Input).value = WEEK
        await pilot.press("enter")
        await settle(pilot, lambda: shown(app, WEEK))
        assert "Week 2024-W10 · 4–10 Mar" in text_of(screen, "#week-title")
        assert text_of(screen, "#week-now") == ""
        assert "5 entries" in text_of(screen, "#review-counts")

        await pilot.press("left_square_bracket")
        await settle(pilot, lambda: shown(app, LAST_WEEK))
        assert "26 Feb – 3 Mar" in text_of(screen, "#week-title")
        assert "1 entry" in text_of(screen, "#review-counts")

        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot, lambda: shown(app, "2024-W11"))
        assert screen.query_one("#review-empty").display
        assert "No entries in 2024-W11. Press [ for the previous week" in text_of(
            screen, "#review-empty"
        )
        assert not screen.query_one("#inbox-panel").display

        await pilot.press("t")
        await settle(pilot, lambda: shown(app, this))

        # The palette's "Review: previous week" is last week, wherever the review was.
        await app.run_action("review('previous')")
        await settle(pilot, lambda: shown(app, screen.week) and screen.week != this)
        from journal.weeks import shift_week

        assert screen.week == shift_week(this, -1)


async def test_palette_has_both_review_commands(tmp_path: Path) -> None:
    app = app_for(tmp_path / "j.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles.count("Review: this week") == 1
        assert "Review: previous week" in titles


# ----------------------------------------------------------------- the inbox


async def test_reflecting_inline_saves_and_leaves_the_inbox(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    ids = seed_full(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        assert inbox_ids(screen) == [ids["teller"], ids["hotel"], ids["clerk"]]
        assert app.focused is screen.inbox.listing
        await pilot.press("down", "enter")  # the hotel entry
        form = screen.query_one(ReflectForm)
        await settle(pilot, lambda: form.display and form.entry_id == ids["hotel"])
        assert app.focused is form.query_one("#rf-differently")
        await pilot.press("tab")
        await pilot.press(*"A guest waited at the desk")  # situation
        for _ in range(4):  # behaviour, impact, why, lesson
            await pilot.press("tab")
        assert app.focused is form.query_one("#rf-lesson")
        await pilot.press(*"Guests first, colleagues right after")
        await pilot.press("m")  # a letter in a text field, not "mark reviewed"
        await pilot.press("backspace", "ctrl+s")
        await settle(pilot, lambda: not form.display and shown(app, WEEK))
        assert inbox_ids(screen) == [ids["teller"], ids["clerk"]]
        assert "Inbox: 2 to reflect on" in str(screen.query_one("#inbox-panel").border_title)
        assert app.focused is screen.inbox.listing
    with open_store(path) as store:
        entry = store.get(ids["hotel"])
        assert entry.lesson == "Guests first, colleagues right after"
        assert entry.situation == "A guest waited at the desk"
        assert entry.reflected
        assert store.review.get_week(WEEK) is None  # "m" was typed, not pressed


async def test_a_reflection_without_lesson_stays_and_escape_asks(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    ids = seed_full(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        notes = record_notifications(app)
        screen = await open_review(pilot)
        await pilot.press("enter")  # the teller
        form = screen.query_one(ReflectForm)
        await settle(pilot, lambda: form.entry_id == ids["teller"])
        form.query_one("#rf-left_them").focus()
        await pilot.press("1", "ctrl+s")  # left them better off: not yet reflected
        await settle(pilot, lambda: any("stays in the inbox" in n for n in notes))
        await settle(pilot, lambda: shown(app, WEEK))
        assert ids["teller"] in inbox_ids(screen)
        assert form.display
        form.query_one("#rf-lesson", Input).focus()
        await pilot.press("x", "escape")
        await settle(pilot, lambda: app.screen is not screen)  # unsaved typing: asks
        await pilot.press("y")
        await settle(pilot, lambda: app.screen is screen and not form.display)
    with open_store(path) as store:
        entry = store.get(ids["teller"])
        assert entry.left_them == "better"
        assert entry.lesson is None


# ----------------------------------------------------------------- check-in, focus, reviewed


async def test_checkin_answers_are_stored(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    seed_full(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        assert "0/10" in text_of(screen, "#review-progress")
        await pilot.press("c")
        assert app.focused is screen.query_one("#checkin-1")
        # A digit answers and moves on; ← → stay on the question to step through the answers.
        await pilot.press("1", "3", "right", "right")
        assert app.focused is screen.query_one("#checkin-3")
        await pilot.press("down", "2")
        assert app.focused is screen.query_one("#checkin-5")
        await pilot.press("up", "backspace")
        await settle(pilot, lambda: not screen.writes.pending)
        assert "3/10" in text_of(screen, "#review-progress")
        history = text_of(screen, "#checkin-history-2")
        assert history.endswith("○")  # this week's "no" is the last mark
    with open_store(path) as store:
        assert store.review.checkin(WEEK) == {1: "yes", 2: "no", 3: "partly"}


async def test_setting_the_focus_for_next_week(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    seed_full(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("f")
        select = screen.query_one("#focus-tag", Select)
        assert app.focused is select
        await pilot.press("enter")  # open the list; the recurring problem comes first
        await settle(pilot, lambda: select.expanded)
        await pilot.press("down", "enter")
        await settle(pilot, lambda: select.value == "attention" and not screen.writes.pending)
        await pilot.press("tab", *"when a guest waits, I will greet them first", "enter")
        await settle(pilot, lambda: not screen.writes.pending)
        assert "Next week: practise attention." in text_of(screen, "#focus-status")
        assert "Focus attention" in text_of(screen, "#review-progress")
    with open_store(path) as store:
        state = store.review.get_week(WEEK)
        assert state is not None
        assert (state.focus_tag, state.focus_plan) == (
            "attention",
            "when a guest waits, I will greet them first",
        )


async def test_a_plan_without_a_tag_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    seed_sample(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        screen.query_one("#focus-plan", Input).focus()
        await pilot.press(*"when it rains, I will smile", "enter")
        await settle(pilot, lambda: "Choose a tag" in text_of(screen, "#focus-status"))
    with open_store(path) as store:
        assert store.review.get_week(WEEK) is None


async def test_marking_the_week_reviewed_toggles_and_updates_the_streak(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    seed_full(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        assert "2 weeks in a row" in text_of(screen, "#week-streak")
        assert "not reviewed yet" in text_of(screen, "#week-reviewed")
        await pilot.press("m")
        await settle(pilot, lambda: "3 weeks in a row" in text_of(screen, "#week-streak"))
        assert "✓ reviewed" in text_of(screen, "#week-reviewed")
        with open_store(path) as store:
            state = store.review.get_week(WEEK)
            assert state is not None and state.reviewed_at is not None
            assert store.review.streak(WEEK) == 3
        await pilot.press("m")  # again: no longer reviewed
        await settle(pilot, lambda: "not reviewed yet" in text_of(screen, "#week-reviewed"))
    with open_store(path) as store:
        state = store.review.get_week(WEEK)
        assert state is not None and state.reviewed_at is None


async def test_last_weeks_action_item_and_focus_are_marked(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    ids = seed_full(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("a")
        assert app.focused is screen.actions
        assert screen.actions.get_option_at_index(0).id == "focus"
        await pilot.press("down", "d")  # the action item: done
        await settle(pilot, lambda: shown(app, WEEK) and screen.review.action_items[0].decision)
        assert screen.review.action_items[0].decision == "done"
        await pilot.press("up", "o")  # the focus: carried over into this week's review
        await settle(pilot, lambda: shown(app, WEEK) and screen.review.focus.previous.outcome)
        assert screen.review.focus.current.tag == "attention"
        assert screen.query_one("#focus-tag", Select).value == "attention"
        assert "Action items none open" in text_of(screen, "#review-progress")
    with open_store(path) as store:
        reviews = store.review
        assert reviews.action_decisions(WEEK) == {ids["item"]: "done"}
        last = reviews.get_week(LAST_WEEK)
        assert last is not None and last.focus_outcome == "carried"


async def test_single_letter_keys_do_nothing_in_text_fields(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    seed_full(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        screen.coach.area.focus()
        await pilot.press(*"gm[t")
        await settle(pilot)
        assert screen.week == WEEK and isinstance(app.screen, ReviewScreen)
        assert screen.coach.area.text == "gm[t"
        await pilot.press("tab")  # leaving the field saves the questions
        await settle(pilot, lambda: not screen.writes.pending)
    with open_store(path) as store:
        state = store.review.get_week(WEEK)
        assert state is not None and state.coach_questions == "gm[t"
        assert state.reviewed_at is None


# ----------------------------------------------------------------- snapshots


def _opened(week: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await open_review(pilot, week)

    return run_before


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_snapshot_full_week(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "j.db"
    seed_full(path)
    assert snap_compare(app_for(path), terminal_size=size, run_before=_opened(WEEK))


def test_snapshot_empty_week(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "j.db"
    seed_full(path)
    assert snap_compare(app_for(path), terminal_size=(120, 40), run_before=_opened(EMPTY_WEEK))


def test_every_review_key_is_in_the_help() -> None:
    from tui.screens.help import KEYS
    from tui.widgets.review_actions import ActionList
    from tui.widgets.review_inbox import InboxList

    section = next(keys for title, keys in KEYS if title.startswith("Review"))
    listed = " ".join(key for key, _ in section)
    names = {"left_square_bracket": "[", "right_square_bracket": "]"}
    for owner in (ReviewScreen, ActionList, InboxList, ReflectForm):
        for binding in owner.BINDINGS:
            for key in binding.key.split(","):  # type: ignore[union-attr]
                assert names.get(key, key) in listed, f"{owner.__name__}: {key} is not in the help"


async def test_my_wins_are_the_users_own_and_observed_wins_are_models_to_copy(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j.db"
    seed_sample(path)
    with open_store(path) as store:
        for what, perspective in (
            ("I walked a lost guest to the lift myself", "provider"),
            ("Porter walked a lost guest to the lift", "witnessed"),
        ):
            add(
                store,
                what,
                tags=("+initiative",),
                occurred_at=SEED_START + timedelta(hours=3),
                perspective=perspective,
                overall="well",
                lesson="Walking beats pointing",
            )
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        wins = str(screen.query_one("#review-wins").render())
        observed = str(screen.query_one("#review-observed").render())
        assert "I walked a lost guest" in wins
        assert "Porter" not in wins
        assert "Porter walked a lost guest" in observed
