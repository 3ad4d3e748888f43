"""Settings passed down to every layer: where the journal lives, the week start and time zone.

One immutable object, built once at start-up from the command line and the environment, so that
nothing reads the environment behind the caller's back.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from pathlib import Path

from journal.errors import UsageError

ENV_DB = "SERVICE_JOURNAL_DB"
ENV_WEEK_START = "SERVICE_JOURNAL_WEEK_START"
ENV_TZ = "SERVICE_JOURNAL_TZ"
APP_NAME = "service-journal"


def default_db_path() -> Path:
    """The journal in the platform's user data directory (platformdirs is only imported here)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "journal.db"


@dataclass(frozen=True)
class Settings:
    """Configuration for one run of the CLI or the TUI."""

    db: str | None = None
    """A file path; None means the default file in the user data folder."""
    week_start: str = "monday"
    """"monday" (ISO weeks) or "sunday"."""
    tz: str | None = None
    """An IANA zone name for grouping and display; None means the system's local zone."""
    clock: Callable[[], datetime] | None = field(default=None, compare=False)
    """What the store takes the time of a write from (aware UTC); None means the system's clock.
    Tests inject one to make written instants predictable."""

    @classmethod
    def from_env(cls, db: str | None = None, environ: dict[str, str] | None = None) -> Settings:
        """Command-line values win over the environment, which wins over the defaults.

        An empty ``--db`` or an empty ``SERVICE_JOURNAL_DB`` is refused rather than read as
        "not given": a script whose variable came out empty must not write into the user's
        real journal.
        """
        env = os.environ if environ is None else environ
        if db is not None and not db.strip():
            raise UsageError("--db is empty; give the journal's file path, or leave --db out.")
        if db is None and ENV_DB in env and not env[ENV_DB].strip():
            raise UsageError(
                f"{ENV_DB} is set but empty; give the journal's file path or unset it."
            )
        week_start = env.get(ENV_WEEK_START, "monday").strip().lower() or "monday"
        if week_start not in ("monday", "sunday"):
            raise UsageError(
                f'{ENV_WEEK_START}="{env[ENV_WEEK_START]:.40}" is not a week start; set it to '
                "monday or sunday, or leave it unset."
            )
        return cls(
            db=db or env.get(ENV_DB) or None,
            week_start=week_start,
            tz=env.get(ENV_TZ) or None,
        )

    @property
    def db_target(self) -> str:
        """The configured database as given, or the default path."""
        return self.db if self.db else str(default_db_path())

    def zone(self) -> tzinfo:
        """The time zone for showing and grouping instants."""
        from journal.when import local_zone

        return local_zone(self.tz)
