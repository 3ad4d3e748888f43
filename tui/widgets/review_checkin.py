"""The self check-in: ten questions answered yes / partly / no, with the last eight weeks' marks.

Each answer is its own ``Choice`` (← → or 1 2 3 choose, backspace clears); ↑ ↓ move between the
questions. A change posts ``Answer`` at once, and the screen stores it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, Static

from journal.review.build import Checkin
from journal.review.checkin import ANSWER_MARKS, ANSWERS, BELIEFS, HISTORY_WEEKS, QUESTIONS
from tui.widgets.choice import Choice

MARK_STYLES = {"yes": "$text-success", "partly": "$text-warning", "no": "$text-error"}


def history_marks(answers: list[str | None]) -> Content:
    return Content.assemble(
        *((ANSWER_MARKS.get(a, "·"), MARK_STYLES.get(a or "", "$text-muted")) for a in answers)
    )


class CheckinForm(Vertical):
    BINDINGS = [
        Binding("down", "move(1)", "Next question", show=False),
        Binding("up", "move(-1)", "Previous question", show=False),
    ]

    class Answer(Message):
        def __init__(self, week: str, number: int, answer: str | None) -> None:
            super().__init__()
            self.week = week
            self.number = number
            self.answer = answer

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.answers: dict[int, str] = {}
        self.history: dict[int, list[str | None]] = {}
        self.weeks: list[str] = []

    def compose(self) -> ComposeResult:
        yield Label("", id="checkin-weeks")
        for number, text in enumerate(QUESTIONS, start=1):
            with Horizontal(classes="checkin-row"):
                yield Label("", id=f"checkin-history-{number}", classes="checkin-history")
                yield Static(f"{number:>2}. {text}", classes="checkin-question")
                yield Choice([(a, a) for a in ANSWERS], id=f"checkin-{number}")
        yield Label("", id="checkin-status")

    def show_checkin(self, checkin: Checkin) -> None:
        self.answers = dict(checkin.answers)
        self.history = {n: list(marks) for n, marks in checkin.history.items()}
        self.weeks = list(checkin.weeks)
        first, last = (self.weeks[0], self.weeks[-1]) if self.weeks else ("", "")
        self.query_one("#checkin-weeks", Label).update(
            Content.styled(
                f"{'last ' + str(HISTORY_WEEKS) + ' weeks':<12} {first} to {last}:  "
                "● yes  ◐ partly  ○ no  · none",
                "$text-muted",
            )
        )
        for number in range(1, len(QUESTIONS) + 1):
            self.query_one(f"#checkin-{number}", Choice).value = self.answers.get(number)
            self._show_history(number)
        self._show_status()

    def _show_history(self, number: int) -> None:
        marks = [*self.history.get(number, [None] * HISTORY_WEEKS)[:-1], self.answers.get(number)]
        self.query_one(f"#checkin-history-{number}", Label).update(history_marks(marks))

    def _show_status(self) -> None:
        count = len(self.answers)
        text = f"{count} of {len(QUESTIONS)} answered"
        if self.weeks:
            week = self.weeks[-1].split("-W")[-1]
            belief = BELIEFS[int(week) % len(BELIEFS)]
            text += f"   ·   keep in mind: {belief}"
        self.query_one("#checkin-status", Label).update(Content.styled(text, "$text-muted"))

    def on_choice_changed(self, event: Choice.Changed) -> None:
        choice_id = event.choice.id or ""
        if not choice_id.startswith("checkin-"):
            return
        event.stop()
        number = int(choice_id.removeprefix("checkin-"))
        if not self.weeks or self.answers.get(number) == event.value:
            return  # shown from the journal, not changed by the user
        if event.value is None:
            self.answers.pop(number, None)
        else:
            self.answers[number] = event.value
        self._show_history(number)
        self._show_status()
        self.post_message(self.Answer(self.weeks[-1], number, event.value))

    def action_move(self, step: int) -> None:
        choices = list(self.query(Choice))
        focused = self.screen.focused
        index = choices.index(focused) if isinstance(focused, Choice) and focused in choices else -1
        target = max(0, min(len(choices) - 1, index + step))
        if target == index and index >= 0:
            # At the first or last question: let the screen scroll on.
            self.screen.focus_next() if step > 0 else self.screen.focus_previous()
            return
        choices[target].focus()
