"""A realistic month of demo entries, reviews and coaching sessions, so every screen and every
section of the coaching document has something to show.

``python -m journal.demo PATH`` writes a new journal at PATH (``docs/build.py`` does this for
the generated docs); ``make demo`` opens the app at once and writes the month in the app's own
opening worker (``tui.demo``). The scenes (``journal.demo.scenes``) are written for this
product, each once, and laid out backwards from "now"; the same seed and "now" give the same
journal.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from journal.config import Settings
from journal.demo.month import DemoClock, fill, follow_up
from journal.demo.scenes import SCENES, SESSIONS, Scene
from journal.store.interface import JournalStore

__all__ = ["SCENES", "SESSIONS", "DemoClock", "Scene", "build", "fill", "follow_up", "main"]


def build(store: JournalStore, settings: Settings, now: datetime, seed: int = 7,
          clock: DemoClock | None = None) -> list[int]:  # fmt: skip
    """The whole demo month in an open (new) journal; returns the entries' ids."""
    ids = fill(store, settings.zone(), now, seed, clock)
    follow_up(store, settings, now, clock)
    return ids


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Write a demo journal to a new file.")
    parser.add_argument("path", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--now",
        metavar="ISO",
        help="pretend it is this local time (for reproducible docs), e.g. 2026-11-20T18:00",
    )
    return parser.parse_args(argv)


def demo_now(settings: Settings, text: str | None) -> datetime:
    """The moment the demo month ends: ``--now`` read in the journal's zone, else this one."""
    zone = settings.zone()
    return datetime.fromisoformat(text).replace(tzinfo=zone) if text else datetime.now(zone)


def write(path: Path, seed: int, now_text: str | None) -> list[int]:
    """A new journal at ``path`` holding the demo month; returns the entries' ids."""
    from journal.store import open_store

    settings = Settings.from_env(db=str(path))
    now = demo_now(settings, now_text)
    clock = DemoClock(now)
    store = open_store(replace(settings, clock=clock))
    try:
        return build(store, settings, now, seed, clock)
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.path.exists():
        print(f"{args.path} already exists; give a new file name.", file=sys.stderr)
        return 1
    ids = write(args.path, args.seed, args.now)
    print(f"Wrote {len(ids)} demo entries to {args.path}")
    return 0
