"""What the capture form starts from: sticky defaults, recent settings and the saved draft."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from journal.db import Database, dt_to_db
from journal.taxonomy import BUILTIN_SETTINGS


class CaptureHelpers:
    """The store's reads and writes for the capture form (the draft is one row, id 1)."""

    db: Database
    _now: Callable[[], datetime]

    def sticky_defaults(self) -> dict[str, str | None]:
        """Setting and perspective of the last entry written, for the next capture."""
        # Walking the newest rows and skipping the trash in Python keeps this on the primary
        # key; a WHERE on trashed_at makes SQLite sort every live entry first.
        rows = self.db.named(
            "SELECT setting, perspective, trashed_at FROM entry ORDER BY id DESC LIMIT 100"
        )
        row = next((r for r in rows if r["trashed_at"] is None), None)
        if row is None:
            return {"setting": None, "perspective": None}
        return {"setting": row["setting"], "perspective": row["perspective"]}

    def recent_settings(self, limit: int = 20) -> list[str]:
        """Settings of the last 500 entries, most recent first, then the built-in list."""
        recent = self.db.execute("SELECT setting, trashed_at FROM entry ORDER BY id DESC LIMIT 500")
        seen: list[str] = []
        for setting, trashed_at in recent:
            if setting and trashed_at is None and setting not in seen:
                seen.append(setting)
                if len(seen) == limit:
                    break
        lowered = {s.lower() for s in seen}
        return seen + [s for s in BUILTIN_SETTINGS if s.lower() not in lowered]

    def load_draft(self) -> dict[str, Any] | None:
        row = self.db.execute("SELECT payload FROM draft WHERE id = 1").fetchone()
        if not row:
            return None
        try:
            data = json.loads(row[0])
        except ValueError:
            return None
        return data if isinstance(data, dict) and data else None

    def save_draft(self, payload: dict[str, Any]) -> None:
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        with self.db.transaction() as db:
            db.execute(
                "INSERT INTO draft (id, payload, updated_at) VALUES (1, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET payload = excluded.payload, "
                "updated_at = excluded.updated_at",
                (text, dt_to_db(self._now())),
            )

    def clear_draft(self) -> None:
        with self.db.transaction() as db:
            db.execute("DELETE FROM draft WHERE id = 1")
