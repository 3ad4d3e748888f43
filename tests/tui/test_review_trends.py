"""The review's own practice, observation and Trends panels, driven with Pilot."""

from __future__ import annotations

from pathlib import Path

from test_review_screen import EMPTY_WEEK, open_review, seed_full, text_of
from textual.widgets import Sparkline
from tui_helpers import app_for, settle

from tui.widgets.review_trends import TrendRowView, TrendsPanel


async def test_w_goes_to_the_trends_of_the_own_practice(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    seed_full(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("w")
        panel = screen.query_one(TrendsPanel)
        await settle(pilot, lambda: app.focused is panel)
        rows = {row.row.name: row for row in panel.query(TrendRowView)}
        # Own practice only: the provider entries' Empathy (-attention, three earlier weeks)
        # and this week's Responsiveness and Mindset; the customers' +apology +fix (Recovery)
        # and the witnessed cashier are not the user's practice.
        assert set(rows) == {"Responsiveness", "Empathy", "Tangibles", "Mindset"}
        empathy = rows["Empathy"]
        # Marked badly in two earlier weeks, nothing this week: a dash, never a zero.
        assert empathy.row.spark == "▁▁—"
        # The Sparkline draws the marks a week (a count: no marks is a true zero).
        assert list(empathy.query_one(Sparkline).data or []) == [2.0, 1.0, 0.0]
        assert "too few marks to call a trend" in str(empathy.query_one(".trend-text").render())
        note = text_of(screen, "#trends-note")
        assert "A direction from 5 marks" in note
        assert "marks a week, then the share done well" in note
        # The whole panel is brought to the top of the review, its titled border included.
        whole = screen.query_one("#trends-panel")
        body = whole.parent
        assert body is not None
        await settle(pilot, lambda: whole.region.y == body.region.y)


async def test_own_practice_and_observation_panels_are_apart(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    seed_full(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        own = text_of(screen, "#review-own")
        observed = text_of(screen, "#review-observed")
        assert "I answered a colleague's question" in own
        assert "-wait-time" in own and "once" in own
        assert "Cashier" not in own and "Teller" not in own
        assert "Models to copy" in observed and "Teller explained the fee" in observed
        assert "To avoid" in observed and "Cashier finished a personal phone call" in observed
        assert "I would: Put the phone away and greet the customer first" in observed
        assert "I answered" not in observed


async def test_a_quiet_week_keeps_the_weeks_before_and_a_far_one_says_so(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    seed_full(path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot, EMPTY_WEEK)  # ten weeks after the entries
        rows = {row.row.name: row.row for row in screen.query(TrendRowView)}
        assert rows["Empathy"].spark == "▁▁—" + "—" * 10
        assert rows["Empathy"].weeks[-1].week == EMPTY_WEEK
        far = "2025-W30"
        await pilot.app.run_action(f"review('{far}')")
        await settle(pilot, lambda: screen.review is not None and screen.review.week == far)
        assert "No marks on your own practice" in text_of(screen, "#trends-note")
        assert not list(screen.query(TrendRowView))
