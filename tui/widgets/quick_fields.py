"""The quick-capture fields, shared by the capture screen and the entry detail screen.

What happened, setting (with suggestions), when, perspective, overall, tags and "what I would do
differently". ``values()`` returns the raw texts; validation happens in ``tui.forms``. Errors
appear in a line under the field they concern.

The one-line shorthand (``journal.shorthand``) typed in "What happened" fills the other fields as
soon as a token is complete (a space follows it): the token leaves the text and shows as a tag,
setting, perspective, overall or do-differently, so one line and ctrl+s make a whole entry.
ctrl+z puts back the text as typed and the fields as they were.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Label

from journal.entry import BY_NAME, FIELDS, WHEN_LABEL, Kind, Overall, Perspective, Stage
from journal.errors import InputError
from journal.taxonomy import BUILTIN_SETTINGS
from tui.widgets.choice import Choice
from tui.widgets.tag_picker import TagPicker

PERSPECTIVES = list(Perspective.shorts().items())
OVERALLS = list(Overall.shorts().items())
QUICK = tuple(f for f in FIELDS if f.stage is Stage.QUICK)
"""The quick-capture fields as declared; this form lays them out."""
QUICK_NAMES = frozenset({*(f.name for f in QUICK), "when", "occurred_at"})
_TEXT_INPUTS = (*(f.name for f in QUICK if f.kind in (Kind.LINE, Kind.TEXT)), "when")
_CHOICES = tuple(f.name for f in QUICK if f.kind is Kind.CHOICE)
EMPTY: dict[str, Any] = {
    **{f.name: "" for f in QUICK if f.kind in (Kind.LINE, Kind.TEXT)},
    **{name: None for name in _CHOICES},
    "tags": [],
    "when": "now",
}
"""The values of a form nobody has touched."""
_ERROR_SLOTS = ("what", "when")
_DIFFERENTLY = re.compile(r"(?<!\S)//\s")


class QuickFields(Vertical):
    """The fields of a quick capture; Enter in a text field moves on to the next one."""

    BINDINGS = [
        Binding("ctrl+z", "undo_shorthand", "Undo fill", show=False, priority=True),
        # Priority, so that the focus moves while the key is handled: as a message from the
        # field, the keys typed right after Enter (a paste, a script) would land in that field.
        Binding("enter", "submit_field", "Next field", show=False, priority=True),
    ]

    def __init__(
        self, *, staged: bool = False, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._settings: list[str] = list(BUILTIN_SETTINGS)
        self._before_fill: tuple[str, dict[str, Any]] | None = None
        """The text as typed and the fields before the last shorthand fill, for ctrl+z."""
        self._restored: str | None = None
        self.complete = not staged
        """Whether every field is mounted: a staged form starts with "What happened" alone."""
        self._mounting = asyncio.Lock()

    def compose(self) -> ComposeResult:
        spec = BY_NAME["what"]
        what = Input(
            placeholder="One line: what did you see?", id="what", max_length=spec.max_length or 0
        )
        what.border_title = spec.label
        yield what
        yield Label(id="what-error", classes="field-error", markup=False)
        if self.complete:
            yield from self._rest()

    async def mount_rest(self) -> None:
        """A staged form's other fields, a row at a time so that typing is served in between;
        a second caller waits for the first one's fields."""
        async with self._mounting:
            if self.complete:
                return
            for widget in self._rest():
                await self.mount(widget)
            # Focus moves in the order of the fields' places on screen: wait until they have one.
            laid_out: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self.call_after_refresh(laid_out.set_result, None)
            await laid_out
            self.complete = True

    def _rest(self) -> list[Widget]:
        """Every field after "What happened", in the order of the form."""
        setting = Input(
            placeholder="where (→ accepts a suggestion)",
            id="setting",
            compact=True,
            suggester=SuggestFromList(BUILTIN_SETTINGS, case_sensitive=False),
            max_length=BY_NAME["setting"].max_length or 0,
        )
        differently = Input(
            placeholder="What would you have done in their place?",
            id="differently",
            max_length=BY_NAME["differently"].max_length or 0,
        )
        differently.border_title = "What I would do differently"
        return [
            Horizontal(
                Label(BY_NAME["setting"].label, classes="field-label"),
                setting,
                Label(WHEN_LABEL, classes="field-label when-label"),
                Input("now", id="when", compact=True, placeholder="now, 2h ago, yesterday 9am"),
                classes="field-row",
            ),
            Label(id="when-error", classes="field-error", markup=False),
            Horizontal(
                Label(BY_NAME["perspective"].label, classes="field-label"),
                Choice(PERSPECTIVES, id="perspective"),
                classes="field-row",
            ),
            Horizontal(
                Label(BY_NAME["overall"].label, classes="field-label"),
                Choice(OVERALLS, id="overall"),
                classes="field-row",
            ),
            TagPicker(id="tags"),
            differently,
            Label(id="form-error", classes="field-error", markup=False),
        ]

    # ----------------------------------------------------------------- values

    def values(self) -> dict[str, Any]:
        """The raw field contents (texts unstripped, tags as +slug/-slug).

        Before a staged form is complete the other fields are not there yet: they count as empty.
        """
        if not self.complete:
            what = self.query_one("#what", Input).value
            return {**EMPTY, "what": what}
        data: dict[str, Any] = {
            name: self.query_one(f"#{name}", Input).value for name in _TEXT_INPUTS
        }
        for name in _CHOICES:
            data[name] = self.query_one(f"#{name}", Choice).value
        data["tags"] = self.query_one(TagPicker).tags
        return data

    def load(self, values: dict[str, Any], *, only_empty: bool = False) -> None:
        """Fill the fields; with ``only_empty`` keep whatever the user has already entered."""
        current = self.values()
        for name in _TEXT_INPUTS:
            if name not in values:
                continue
            empty = not current[name].strip() or (name == "when" and current[name] == "now")
            if not only_empty or empty:
                self.query_one(f"#{name}", Input).value = str(values[name] or "")
        for name in _CHOICES:
            if name in values and (not only_empty or current[name] is None):
                self.query_one(f"#{name}", Choice).value = values[name] or None
        if "tags" in values:
            picker = self.query_one(TagPicker)
            kept = current["tags"] if only_empty else []
            kept_slugs = {tag[1:] for tag in kept}
            picker.tags = kept + [t for t in values["tags"] or [] if t[1:] not in kept_slugs]

    def reset(self, keep: tuple[str, ...] = ("setting", "perspective")) -> None:
        """Empty the form for the next entry, keeping the sticky fields."""
        for name in _TEXT_INPUTS:
            if name not in keep:
                self.query_one(f"#{name}", Input).value = EMPTY[name]
        for name in _CHOICES:
            if name not in keep:
                self.query_one(f"#{name}", Choice).value = EMPTY[name]
        self.query_one(TagPicker).clear()
        self.clear_errors()

    def set_settings(self, settings: list[str]) -> None:
        """Suggestions for the setting field: the user's own first, then the built-in list."""
        self._settings = list(settings)
        self.query_one("#setting", Input).suggester = SuggestFromList(
            settings, case_sensitive=False
        )

    # ----------------------------------------------------------------- errors

    def show_error(self, field: str, message: str) -> None:
        slot = field if field in _ERROR_SLOTS else "form"
        label = self.query_one(f"#{slot}-error", Label)
        label.update(message)
        label.add_class("-shown")
        target = {"form": None, "occurred_at": "when"}.get(field, field)
        if target:
            for widget in self.query(f"#{target}"):
                if widget.focusable:
                    widget.focus()
                elif isinstance(widget, TagPicker):
                    widget.input.focus()

    def clear_errors(self) -> None:
        for label in self.query(".field-error").results(Label):
            label.update("")
            label.remove_class("-shown")

    # ----------------------------------------------------------------- shorthand

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "what" or not self.complete:
            return
        if event.value == self._restored:
            return  # the text ctrl+z put back stays as typed
        self._restored = None
        self._fill_from(event.value)

    def _fill_from(self, typed: str) -> None:
        """Move the complete tokens of ``typed`` into their fields; a token still being typed
        (no space after it yet) waits, and a refused one stays, with the reason under it."""
        from journal.shorthand import parse

        done, tail = typed, ""
        to_differently = _DIFFERENTLY.search(typed) is not None
        if not to_differently and typed and not typed[-1].isspace():
            cut = len(typed) - len(typed.split()[-1])
            done, tail = typed[:cut], typed[cut:]
        picker = self.query_one(TagPicker)
        try:
            said = parse(done, picker.slugs, self._settings)
        except InputError as exc:
            label = self.query_one("#what-error", Label)
            label.update(str(exc))
            label.add_class("-shown")
            return
        if said.what == done and not said.tags and not said.fields():
            return
        self._before_fill = (typed, self.values())
        self.clear_errors()
        what = " ".join(part for part in (said.what, tail) if part)
        self.query_one("#what", Input).value = what + (" " if what and not tail else "")
        self.load({k: v for k, v in said.fields().items() if k != "differently"})
        if said.tags:
            marks = {mark[1:]: mark for mark in picker.tags}
            marks.update({m.slug: str(m) for m in said.tags})
            picker.tags = list(marks.values())
        if to_differently:  # typing goes on in "What I would do differently"
            differently = self.query_one("#differently", Input)
            differently.value = said.differently or differently.value
            differently.focus()
            differently.cursor_position = len(differently.value)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo_shorthand":
            return self._before_fill is not None
        return True

    def action_undo_shorthand(self) -> None:
        """Put back the text as typed and the fields as they were before the last fill."""
        if self._before_fill is None:
            return
        typed, before = self._before_fill
        self._before_fill = None
        self._restored = typed
        self.load({**before, "what": typed})
        what = self.query_one("#what", Input)
        what.focus()
        what.cursor_position = len(typed)

    # ----------------------------------------------------------------- keys

    async def action_submit_field(self) -> None:
        """Enter in a one-line text field: on to the next field (other widgets keep Enter)."""
        focused = self.screen.focused
        if not isinstance(focused, Input) or focused.id not in _TEXT_INPUTS:
            raise SkipAction()
        await self.mount_rest()  # Enter in the first moments: once the other fields are in
        self.screen.focus_next()
