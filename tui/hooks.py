"""What the app asks of the screen on top, declared: closing it before going elsewhere, and
exporting what it shows.

The app checks a screen with ``isinstance`` against these protocols instead of looking an
attribute up by name, so a type checker sees both sides and a renamed method fails the check.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable


@runtime_checkable
class Leavable(Protocol):
    """A screen opened on top of a place (an entry) that closes itself as escape would,
    asking first when it has unsaved changes, and calls ``then`` once it has gone."""

    def leave(self, then: Callable[[], object] | None = None) -> None: ...


@runtime_checkable
class Exports(Protocol):
    """A place whose x key exports what it shows (browse: the filter; the review: the week)."""

    def action_export(self) -> None: ...
