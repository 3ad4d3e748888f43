"""Shared helpers for the app's Pilot tests: building the app, seeding, waiting for workers."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from journal_templates import copy_journal, new_journal
from textual.pilot import Pilot

from journal.config import Settings
from journal.schemas import EntryIn, validate
from journal.store import open_store as open_journal
from journal.store.interface import JournalStore
from journal.values import TagMark
from tui.app import ServiceJournalApp, make_app
from tui.warm_up import WARM_UP_GROUP, HeldRest, KeyboardRest

BERLIN = ZoneInfo("Europe/Berlin")
SEED_START = datetime(2024, 3, 4, 9, 0, tzinfo=BERLIN)
"""Seed entries live in 2024: far from "now", so dates render the same on every run."""


def app_for(
    path: Path, keys: KeyboardRest | None = None, *, first_run: bool = False
) -> ServiceJournalApp:
    """The app on ``path``. Its background warm-up waits for ``keys`` to rest; by default they
    never do, so no test depends on how long a pause the machine's load makes (a test that
    needs the warm-up passes a ``HeldRest`` and releases it). The capture form keeps its draft
    only when a test calls ``autosave()``, never on a wall-clock timer.

    A journal not yet made is copied from one made once per test process, unless
    ``first_run``: then the app makes it, as on a user's first start.
    """
    if not first_run and not path.exists():
        new_journal(path)
    return make_app(
        Settings(db=str(path), tz="Europe/Berlin"), keys=keys or HeldRest(), autosave_every=None
    )


@contextmanager
def open_store(path: Path, clock: Callable[[], datetime] | None = None) -> Iterator[JournalStore]:
    """A second, independent connection to the journal, as another program would have; its
    writes take their instants from ``clock`` when one is given."""
    store = open_journal(Settings(db=str(path), clock=clock))
    try:
        yield store
    finally:
        store.close()


def add(store: JournalStore, what: str, *, tags: tuple[str, ...] = (), **fields: object) -> int:
    data = {"what": what, "tags": [TagMark.parse(t) for t in tags], **fields}
    return store.add(validate(EntryIn, data)).id


SAMPLE = [
    dict(
        what="Cashier finished a personal phone call before looking at the customer",
        setting="grocery checkout",
        perspective="witnessed",
        overall="badly",
        tags=("-attention", "-queue"),
        differently="Put the phone away and greet the customer first",
    ),
    dict(
        what="Teller explained the fee before I had to ask",
        setting="bank",
        perspective="customer",
        overall="well",
        tags=("+initiative", "+kept-informed"),
    ),
    dict(
        what="I answered a colleague's question while a guest waited at the desk",
        setting="hotel",
        perspective="provider",
        overall="mixed",
        tags=("+internal-customer", "-wait-time"),
        flagged=True,
    ),
    dict(
        what="Waiter apologised and replaced the cold soup without fuss",
        setting="restaurant",
        perspective="customer",
        overall="well",
        tags=("+apology", "+fix"),
        lesson="A quick, real fix beats a long explanation",
    ),
    dict(
        what="Clerk kept typing for two minutes while I stood at the counter",
        setting="public office",
        perspective="customer",
        overall="badly",
        tags=("-acknowledged", "-attention"),
    ),
]


def seed_sample(path: Path) -> list[int]:
    """Five varied entries on five days of 2024-W10, oldest first; returns their ids.

    A journal not yet made is a copy of the sample written once per test process.
    """
    if not path.exists():
        template, ids = sample_journal()
        copy_journal(template, path)
        return list(ids)
    return write_sample(path)


@functools.cache
def sample_journal() -> tuple[Path, tuple[int, ...]]:
    """The sample journal, written once per test process, and its entries' ids."""
    folder = Path(tempfile.mkdtemp(prefix="sj-sample-"))
    atexit.register(shutil.rmtree, folder, True)
    path = new_journal(folder / "sample.db")
    return path, tuple(write_sample(path))


def write_sample(path: Path) -> list[int]:
    ids = []
    with open_store(path) as store:
        for day, fields in enumerate(SAMPLE):
            fields = dict(fields)
            tags = fields.pop("tags")
            at = SEED_START + timedelta(days=day, hours=day)
            ids.append(add(store, occurred_at=at, tags=tags, **fields))  # type: ignore[arg-type]
    return ids


def seed_many(path: Path, count: int) -> None:
    if not path.exists():
        new_journal(path)
    with open_store(path) as store:
        for n in range(count):
            at = SEED_START + timedelta(hours=n)
            add(store, f"Encounter number {n}", setting="shop", occurred_at=at)


async def settle(pilot: Pilot, until: Callable[[], bool] = lambda: True, tries: int = 200) -> None:
    """Let workers finish and messages drain until ``until()`` holds (or fail after ``tries``).

    Waiting on a condition, not on a guessed duration: each round waits for the running workers
    and for the message queues to empty, then checks again (timers such as the search debounce
    fire in between).
    """
    app = pilot.app
    for _ in range(tries):
        # The warm-up waits on the keyboard's rest, which a test holds: not a worker to wait for.
        # (An empty list would mean every worker to Textual, hence the check.)
        if busy := [worker for worker in app.workers if worker.group != WARM_UP_GROUP]:
            await app.workers.wait_for_complete(busy)
        await pilot.pause()
        if until():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app did not reach the expected state")


def record_notifications(app: ServiceJournalApp) -> list[str]:
    """Collect the messages the app shows as notifications (they are still shown)."""
    messages: list[str] = []
    original = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        messages.append(message)
        original(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    return messages


def capture_ready(app: ServiceJournalApp) -> bool:
    """The capture form is on screen with every field in and filled from the journal."""
    from tui.screens.capture import CaptureScreen

    screen = app.screen
    return isinstance(screen, CaptureScreen) and screen.ready
