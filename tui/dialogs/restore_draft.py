"""Offer the draft kept from the last session: restore it into the form, or discard it."""

from __future__ import annotations

from tui.dialogs.confirm import ConfirmDialog


class RestoreDraftDialog(ConfirmDialog):
    """True: restore the draft (r); False: discard it (d or escape)."""

    def __init__(self, summary: str) -> None:
        super().__init__(
            "A draft from last time was kept:",
            yes="Restore",
            no="Discard",
            detail=summary,
            detail_id="draft-summary",
            keys=("r", "d"),
            ids=("restore", "discard"),
            yes_variant="primary",
            focus_yes=True,
        )
