"""Next week's focus (one tag and a "when ..., I will ..." plan) and the questions for the coach.

Both save themselves: the focus when a tag is chosen, on enter in the plan or when the plan
loses the focus; the questions when the text area loses the focus (or on ctrl+s).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, Select, TextArea

from journal.review.build import FocusChoice


class FocusForm(Vertical):
    BINDINGS = [Binding("ctrl+s", "save", "Save", id="review.focus-save")]

    class Save(Message):
        def __init__(self, week: str, tag: str | None, plan: str | None) -> None:
            super().__init__()
            self.week = week
            self.tag = tag
            self.plan = plan

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.week = ""
        self.known: tuple[str | None, str] = (None, "")
        self._options: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label("Practise", classes="field-label")
            yield Select[str]([], prompt="choose one tag to practise", id="focus-tag", compact=True)
        with Horizontal(classes="field-row"):
            yield Label("Plan", classes="field-label")
            yield Input(id="focus-plan", compact=True, placeholder="when …, I will …")
        yield Label("", id="focus-status")

    @property
    def select(self) -> Select[str]:
        return self.query_one("#focus-tag", Select)

    @property
    def plan(self) -> Input:
        return self.query_one("#focus-plan", Input)

    def set_catalogue(self, tags: Iterable[Any], recurring: list[str]) -> None:
        """Tags to choose from: this week's recurring problems first, then the catalogue."""
        by_slug = {t.slug: t for t in tags}
        first = [s for s in recurring if s in by_slug]
        options = [(f"{s} · {by_slug[s].group} · recurring", s) for s in first]
        options += [(f"{t.slug} · {t.group}", t.slug) for t in tags if t.slug not in first]
        if options != self._options:
            self._options = options
            value = self.select.value
            self.select.set_options(options)
            if isinstance(value, str) and value in by_slug:
                self.select.value = value

    def show_focus(self, choice: FocusChoice, reset: bool) -> None:
        """Show the stored focus; unless ``reset``, typing in progress is kept."""
        self.week = choice.week
        tag, plan = choice.tag, choice.plan or ""
        dirty = self.current() != self.known
        self.known = (tag, plan)
        if reset or not dirty:
            if tag and tag not in {value for _, value in self._options}:
                self._options.append((tag, tag))
                self.select.set_options(self._options)
            if tag:
                self.select.value = tag
            else:
                self.select.clear()
            self.plan.value = plan
        self._status(saved=False)

    def current(self) -> tuple[str | None, str]:
        value = self.select.value
        return (value if isinstance(value, str) else None, self.plan.value.strip())

    def _status(self, saved: bool, error: str = "") -> None:
        label = self.query_one("#focus-status", Label)
        if error:
            label.update(Content.styled(error, "$text-error"))
            return
        tag, plan = self.known
        if not tag:
            text = "Not chosen yet: pick the one behaviour to practise next week."
        else:
            text = ("Saved. " if saved else "") + f"Next week: practise {tag}"
            text += "." if plan else "; add a plan: when …, I will …"
        label.update(Content.styled(text, "$text-muted"))

    def saved(self, tag: str | None, plan: str | None) -> None:
        self.known = (tag, plan or "")
        self._status(saved=True)

    def failed(self, message: str) -> None:
        self._status(saved=False, error=message)

    def request_save(self) -> bool:
        tag, plan = self.current()
        if not self.week or (tag, plan) == self.known:
            return False
        self.post_message(self.Save(self.week, tag, plan or None))
        return True

    def action_save(self) -> None:
        if not self.request_save():
            self.notify("Saved already: nothing has changed.")

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.request_save()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.request_save()

    def on_descendant_blur(self) -> None:
        self.request_save()


class CoachForm(Vertical):
    """Questions to bring to the next coaching conversation."""

    BINDINGS = [Binding("ctrl+s", "save", "Save", id="review.coach-save")]

    class Save(Message):
        def __init__(self, week: str, text: str | None) -> None:
            super().__init__()
            self.week = week
            self.text = text

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.week = ""
        self.known = ""

    def compose(self) -> ComposeResult:
        yield TextArea(id="coach-text", soft_wrap=True, tab_behavior="focus")
        yield Label("", id="coach-status")

    @property
    def area(self) -> TextArea:
        return self.query_one(TextArea)

    def show_questions(self, week: str, text: str | None, reset: bool) -> None:
        self.week = week
        dirty = self.area.text.strip() != self.known
        self.known = (text or "").strip()
        if reset or not dirty:
            self.area.load_text(text or "")
        self._status("Saved when you leave the field." if not self.known else "")

    def _status(self, text: str, style: str = "$text-muted") -> None:
        self.query_one("#coach-status", Label).update(Content.styled(text, style))

    def request_save(self) -> bool:
        text = self.area.text.strip()
        if not self.week or text == self.known:
            return False
        self.post_message(self.Save(self.week, text or None))
        return True

    def action_save(self) -> None:
        if not self.request_save():
            self.notify("Saved already: nothing has changed.")

    def saved(self, text: str | None) -> None:
        self.known = (text or "").strip()
        self._status("Saved.")

    def failed(self, message: str) -> None:
        self._status(message, "$text-error")

    def on_descendant_blur(self) -> None:
        self.request_save()
