"""``make demo``: the app on a new journal that fills with the demo month as the form appears.

``python -m tui.demo PATH [--template T] [--seed N] [--now ISO]`` starts the app at once on a
journal that does not exist yet. The capture form paints as it always does, before the database
layer is imported; the app's opening worker then makes the journal (a copy of the template when
one fits, see ``journal.db.template``), writes the demo month into it (``journal.demo``) and only
then hands it to the screens, which wait for it as they wait for any journal to open. So the
form is up as fast as the app alone, and the demo is there by the time a screen asks for it.

Nothing heavy is imported here before the app starts: the demo's modules load in the worker.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from journal.config import Settings
    from journal.store.interface import JournalStore


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tui.demo",
        description="Open the app on a new journal filled with the demo month.",
    )
    parser.add_argument("path", type=Path, help="the new journal (must not exist)")
    parser.add_argument(
        "--template", type=Path, help="an empty journal to copy (python -m journal.db.template)"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--now", metavar="ISO", help="pretend it is this local time")
    return parser.parse_args(argv)


class DemoOpener:
    """Opens the demo journal in the app's opening worker, writing the month into it first."""

    def __init__(self, template: Path | None, seed: int, now_text: str | None) -> None:
        self.template = template
        self.seed = seed
        self.now_text = now_text

    def __call__(self, settings: Settings, **options: Any) -> JournalStore:
        from dataclasses import replace

        from journal.demo import DemoClock, build, demo_now
        from journal.store import open_store

        path = Path(settings.db_target)
        if self.template is not None:
            from journal.db.template import copy_template

            copy_template(self.template, path)
        now = demo_now(settings, self.now_text)
        clock = DemoClock(now)
        store = open_store(replace(settings, clock=clock), **options)
        try:
            build(store, settings, now, self.seed, clock)
        except BaseException:
            store.close()
            raise
        clock.at = None  # what the user writes from now on has the real time
        return store


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.path.exists():
        print(f"{args.path} already exists; give a new file name.", file=sys.stderr)
        return 1
    from journal.config import Settings
    from tui.launch import run

    settings = Settings.from_env(db=str(args.path))
    return run(settings, DemoOpener(args.template, args.seed, args.now))


if __name__ == "__main__":
    sys.exit(main())
