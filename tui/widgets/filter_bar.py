"""The browse screen's filters: search as you type, tag, setting, week, perspective, overall...

Text fields are debounced (a quarter second after the last key) so the list is queried once per
pause, not once per key. ``filter_data()`` turns the raw values into the fields of an
``EntryFilter``; a week or tag the user mistyped raises FormError for that field.
"""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Label

from journal.entry import Perspective
from journal.taxonomy import SLUG_PATTERN, normalise_slug
from tui.forms import FormError
from tui.widgets.cycle import Cycle
from tui.widgets.quick_fields import OVERALLS
from tui.widgets.tag_picker import split_sign

DEBOUNCE_S = 0.25
TEXT_FILTERS = ("search", "tag", "setting", "week")
PERSPECTIVE_FILTERS = list(Perspective.briefs().items())
"""Shorter than the capture form's labels: the filter row must fit 80 columns."""
_RANGE_RE = re.compile(r"^(\S+)\s*(?:\.\.|–|to)\s*(\S+)$")


class FilterBar(Vertical):
    """Search, tag, setting and week fields, two choices and three switches, and the count."""

    BINDINGS = [Binding("escape", "done", "Back to the list", show=False)]

    class Changed(Message):
        """The filters changed (after the debounce for text fields)."""

    class Done(Message):
        """The user pressed escape in a filter field."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="filter-row"):
            yield Label("Search", classes="filter-label")
            yield Input(placeholder="words in any text", id="f-search", compact=True)
            yield Label("", id="f-count")
        with Horizontal(classes="filter-row"):
            yield Label("Tag", classes="filter-label")
            yield Input(placeholder="+tag -tag tag", id="f-tag", compact=True)
            yield Label("Setting", classes="filter-label")
            yield Input(placeholder="any", id="f-setting", compact=True)
            yield Label("Week", classes="filter-label")
            yield Input(placeholder="2026-W47, this, last, a..b", id="f-week", compact=True)
        with Horizontal(classes="filter-row"):
            yield Cycle(PERSPECTIVE_FILTERS, prompt="any perspective", id="f-perspective")
            yield Cycle(OVERALLS, prompt="any outcome", id="f-overall")
            yield Checkbox("flagged", id="f-flagged", compact=True)
            yield Checkbox("unreflected", id="f-unreflected", compact=True)
            yield Checkbox("trash", id="f-trash", compact=True)
        yield Label(id="f-error", classes="field-error", markup=False)

    # ----------------------------------------------------------------- values

    def raw(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            name: self.query_one(f"#f-{name}", Input).value for name in TEXT_FILTERS
        }
        for name in ("perspective", "overall"):
            data[name] = self.query_one(f"#f-{name}", Cycle).value
        for name in ("flagged", "unreflected", "trash"):
            data[name] = self.query_one(f"#f-{name}", Checkbox).value
        return data

    @property
    def trash(self) -> bool:
        return self.query_one("#f-trash", Checkbox).value

    def toggle_trash(self) -> None:
        box = self.query_one("#f-trash", Checkbox)
        box.value = not box.value

    def set_count(self, text: str) -> None:
        self.query_one("#f-count", Label).update(text)

    def set_tags(self, slugs: list[str]) -> None:
        marks = [f"{sign}{slug}" for slug in slugs for sign in ("", "+", "-")]
        self.query_one("#f-tag", Input).suggester = SuggestFromList(marks)

    def set_settings(self, settings: list[str]) -> None:
        self.query_one("#f-setting", Input).suggester = SuggestFromList(
            settings, case_sensitive=False
        )

    def show_error(self, message: str) -> None:
        label = self.query_one("#f-error", Label)
        label.update(message)
        label.set_class(bool(message), "-shown")

    # ----------------------------------------------------------------- events

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_S, self._changed)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._changed()
        self.post_message(self.Done())

    def on_choice_changed(self, event: Cycle.Changed) -> None:
        event.stop()
        self._changed()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._changed()

    def _changed(self) -> None:
        self._timer = None
        self.post_message(self.Changed())

    def action_done(self) -> None:
        self.post_message(self.Done())


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FormError("week", f'"{text}" is not a date; write it like 2026-11-20.') from None


def filter_data(raw: dict[str, Any], zone: tzinfo, week_start: str = "monday") -> dict[str, Any]:
    """The fields of an EntryFilter for the bar's raw values, or FormError."""
    from journal.errors import UsageError
    from journal.weeks import day_bounds, shift_week, week_bounds, week_of

    data: dict[str, Any] = {
        "search": raw.get("search") or None,
        "setting": raw.get("setting") or None,
        "perspective": raw.get("perspective"),
        "overall": raw.get("overall"),
        "flagged": True if raw.get("flagged") else None,
        "unreflected": bool(raw.get("unreflected")),
        "trashed": bool(raw.get("trash")),
    }
    tag_text = str(raw.get("tag") or "").strip()
    if tag_text:
        signed = tag_text[:1] in ("+", "-")
        polarity, slug = split_sign(tag_text)
        slug = normalise_slug(slug)
        if slug and not re.match(SLUG_PATTERN, slug):
            raise FormError("tag", f'"{slug}" is not a tag name; tags look like customer-view.')
        if slug:
            data["tag"] = slug
            data["polarity"] = polarity if signed else None
    week = str(raw.get("week") or "").strip().lower()
    if week:
        today = datetime.now(zone).date()
        if week in ("this", "this week"):
            week = week_of(today, week_start)
        elif week in ("last", "last week"):
            week = shift_week(week_of(today, week_start), -1)
        ranged = _RANGE_RE.match(week)
        try:
            if ranged:
                data["start"], data["end"] = day_bounds(
                    _day(ranged.group(1)), _day(ranged.group(2)), zone
                )
            elif "w" in week:
                data["start"], data["end"] = week_bounds(week.upper(), zone, week_start)
            else:
                day = _day(week)
                data["start"], data["end"] = day_bounds(day, day, zone)
        except UsageError as exc:
            raise FormError("week", str(exc)) from None
    return data
