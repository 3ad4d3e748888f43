"""Screenshots (SVG) of the real app on the demo journal, for the README and the guide.

Called by ``docs/build.py`` (``make docs``) with the demo journal and the week it is dated to.
Each picture waits for the screen's data to be on screen, not for a guessed duration.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from journal.config import Settings
from tui.app import ServiceJournalApp, make_app

OUT = Path(__file__).resolve().parent / "screenshots"
SIZE = (120, 40)


async def settle(pilot: Pilot, until: Callable[[], bool]) -> None:
    for _ in range(300):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if until():
            return
        await pilot.pause(0.02)
    raise RuntimeError("the app did not reach the screen to photograph")


def shot(app: ServiceJournalApp, name: str) -> None:
    app.save_screenshot(filename=f"{name}.svg", path=str(OUT))
    print(f"wrote docs/screenshots/{name}.svg")


async def take(db: Path, week: str) -> None:
    from tui.dialogs.export import ExportDialog
    from tui.dialogs.export_options import range_from_bounds
    from tui.screens.browse import BrowseScreen
    from tui.screens.entry import EntryScreen
    from tui.screens.review import ReviewScreen

    OUT.mkdir(exist_ok=True)
    app = make_app(Settings.from_env(db=str(db)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: app.backend.is_open)
        await settle(pilot, lambda: app.query_one("#setting").value != "")
        await pilot.press(*"Cashier kept typing while the queue grew")
        shot(app, "capture")

        await pilot.press("ctrl+b")
        await settle(
            pilot,
            lambda: (
                isinstance(app.screen, BrowseScreen)
                and app.screen.query_one("#entries").row_count > 10
            ),
        )
        shot(app, "browse")

        await pilot.press("down", "down", "enter")
        await settle(pilot, lambda: isinstance(app.screen, EntryScreen))
        shot(app, "entry")
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, BrowseScreen))

        await app.action_review(week)
        await settle(
            pilot,
            lambda: (
                isinstance(app.screen, ReviewScreen)
                and app.screen.review is not None
                and app.screen.review.week == week
            ),
        )
        shot(app, "review")

        from journal.weeks import week_bounds

        start, end = week_bounds(week, app.zone, app.settings.week_start)
        chosen = range_from_bounds(start, end, app.zone, app.settings.week_start)
        app.push_screen(ExportDialog(chosen, folder=Path("/tmp")))
        await settle(pilot, lambda: isinstance(app.screen, ExportDialog))
        await settle(pilot, lambda: bool(app.screen.query("Markdown")))
        shot(app, "export")


def main() -> int:
    db, week = Path(sys.argv[1]), sys.argv[2]
    asyncio.run(take(db, week))
    return 0


if __name__ == "__main__":
    sys.exit(main())
