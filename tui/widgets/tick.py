"""A checkbox whose off state looks off without colour.

Textual's Checkbox draws ``▐X▌`` for both states and tells them apart only by colour, so on a
monochrome terminal, or to a colour-blind reader, an entry that was neither flagged nor private
read as both. Here off draws an empty box, ``▐ ▌``, and on keeps the cross.
"""

from __future__ import annotations

from textual.widgets import Checkbox


class Tick(Checkbox):
    """A Checkbox with an empty box when off."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        """The glyph inside the box: a cross when on, a blank when off."""
        return "X" if self.value else " "
