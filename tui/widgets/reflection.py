"""The reflection fields, composed the same way on the entry screen and in the review's inbox."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Select, TextArea

from journal.present import CAUSE_LABELS, LEFT_LABELS
from tui.widgets.choice import Choice

DETAILS = ("situation", "behaviour", "impact")
DETAIL_TITLES = {
    "situation": "Situation: where, who, what was asked",
    "behaviour": "Behaviour: what was said and done",
    "impact": "Impact: its effect on the person served",
}


def reflection_fields(prefix: str = "") -> ComposeResult:
    """Situation, behaviour, impact, why, lesson, action item and left them, ids ``prefix+name``."""
    for name in DETAILS:
        area = TextArea(id=f"{prefix}{name}", soft_wrap=True, tab_behavior="focus")
        area.border_title = DETAIL_TITLES[name]
        yield area
    with Horizontal(classes="field-row"):
        yield Label("Why", classes="field-label")
        yield Select(
            [(label, value) for value, label in CAUSE_LABELS.items()],
            prompt="why it went that way (when it went badly or mixed)",
            id=f"{prefix}why",
            compact=True,
        )
    with Horizontal(classes="field-row"):
        yield Label("Lesson", classes="field-label")
        yield Input(id=f"{prefix}lesson", compact=True, placeholder="what this teaches")
    with Horizontal(classes="field-row"):
        yield Label("Action item", classes="field-label")
        yield Input(id=f"{prefix}action", compact=True, placeholder="next time I will…")
    with Horizontal(classes="field-row"):
        yield Label("Left them", classes="field-label")
        yield Choice(list(LEFT_LABELS.items()), id=f"{prefix}left_them")
