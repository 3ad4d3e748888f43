"""The reflection fields, composed the same way on the entry screen and in the review's inbox.

Which fields there are, their labels, limits and choices come from ``journal.entry``: every
reflection field that is text or a choice gets a row here. What is only presentation stays here:
the three detail fields are text areas with a title saying what to write, the others one-line
rows; a long vocabulary is a ``Select``, a short one the one-line ``Choice``.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, TextArea

from journal.entry import FIELDS, EntryField, Kind, Stage
from journal.rows import EntryRow
from tui.widgets.choice import Choice

DETAILS = ("situation", "behaviour", "impact")
DETAIL_TITLES = {
    "situation": "Situation: where, who, what was asked",
    "behaviour": "Behaviour: what was said and done",
    "impact": "Impact: its effect on the person served",
}
PLACEHOLDERS = {
    "why": "why it went that way (when it went badly or mixed)",
    "lesson": "what this teaches",
    "action": "next time I will…",
}
CHOICE_ROW_MAX = 3
"""A vocabulary of at most this many values is a one-line ``Choice``; a longer one a ``Select``."""

REFLECTION: tuple[EntryField, ...] = tuple(
    f
    for f in FIELDS
    if f.stage is Stage.REFLECTION and f.kind in (Kind.LINE, Kind.TEXT, Kind.CHOICE)
)
"""The reflection fields these rows show (the flags are the entry screen's own checkboxes)."""
NAMES: tuple[str, ...] = tuple(f.name for f in REFLECTION)


def reflection_fields(prefix: str = "") -> ComposeResult:
    """A row per reflection field, ids ``prefix+name``: details first, then the others."""
    for name in DETAILS:
        area = TextArea(id=f"{prefix}{name}", soft_wrap=True, tab_behavior="focus")
        area.border_title = DETAIL_TITLES[name]
        yield area
    for spec in REFLECTION:
        if spec.name in DETAILS:
            continue
        with Horizontal(classes="field-row"):
            yield Label(spec.label, classes="field-label")
            yield field_widget(spec, f"{prefix}{spec.name}")


def field_widget(spec: EntryField, widget_id: str) -> Widget:
    """The one-line widget for a declared field: a choice, or an input with its limit."""
    vocabulary = spec.vocabulary
    if vocabulary is not None and len(vocabulary) > CHOICE_ROW_MAX:
        return Select(
            [(label, value) for value, label in vocabulary.labels().items()],
            prompt=PLACEHOLDERS.get(spec.name, "not set"),
            id=widget_id,
            compact=True,
        )
    if vocabulary is not None:
        return Choice(list(vocabulary.labels().items()), id=widget_id)
    return Input(
        id=widget_id,
        compact=True,
        placeholder=PLACEHOLDERS.get(spec.name, ""),
        max_length=spec.max_length or 0,
    )


def form_value(entry: EntryRow, spec: EntryField) -> Any:
    """A declared field of ``entry`` as its widget holds it (texts as "" when unset)."""
    value = getattr(entry, spec.name)
    if spec.kind in (Kind.LINE, Kind.TEXT):
        return value or ""
    if spec.kind is Kind.TAGS:
        return [str(t) for t in value]
    return value


def read_widget(widget: Widget) -> Any:
    """The raw value a field widget holds (a cleared Select is None)."""
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Select):
        value = widget.value
        return value if isinstance(value, str) else None
    if isinstance(widget, Input | Choice | Checkbox):
        return widget.value
    raise TypeError(f"{type(widget).__name__} is not a field widget")


def write_widget(widget: Widget, value: Any) -> None:
    if isinstance(widget, TextArea):
        widget.load_text(value)
    elif isinstance(widget, Select):
        if value:
            widget.value = value
        else:
            widget.clear()
    elif isinstance(widget, Input | Choice | Checkbox):
        widget.value = value
    else:
        raise TypeError(f"{type(widget).__name__} is not a field widget")
