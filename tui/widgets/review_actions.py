"""Last week's action items and focus: d marks one done, n dropped, o carried over, u undoes.

One key, one meaning on the review: not c for carried over (c is the way to the check-in) and
not x for dropped (x exports, wherever the focus is). A decision moves the highlight to the next
row, so marking the list is one key per row and never a second decision on the same row by
accident; ``u`` returns the last decided row to the state it had before, not to "to mark".
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from journal.review.build import FocusChoice, ReviewActionItem

FOCUS_ID = "focus"
STATES = {
    "done": ("✓ done", "$text-success"),
    "dropped": ("✗ dropped", "$text-error"),
    "carried": ("→ carried over", "$text-warning"),
    None: ("○ to mark", "$text-muted"),
}
DECIDED_BEFORE = ("done", "dropped")
"""Items closed by an earlier review: shown with "before" after their state."""
STATE_WIDTH = 1 + max(
    len(label) + (len(" before") if key in DECIDED_BEFORE else 0)
    for key, (label, _) in STATES.items()
)
"""The widest state label and a space, so that no label runs into the item's text."""


def _state(decision: str | None, status: str) -> Content:
    if decision is None and status in DECIDED_BEFORE:
        label, style = STATES[status]
        return Content.styled(f"{label + ' before':<{STATE_WIDTH}}", "$text-muted")
    label, style = STATES.get(decision, STATES[None])
    return Content.styled(f"{label:<{STATE_WIDTH}}", style)


class ActionList(OptionList):
    """One row per action item, and one for the focus practised this week (if one was set)."""

    BINDINGS = [
        Binding("d", "decide('done')", "Done", id="review.action-done"),
        Binding("n", "decide('dropped')", "Dropped", id="review.action-dropped"),
        Binding("o", "decide('carried')", "Carried over", id="review.action-carried"),
        Binding("u", "undo", "Undo", id="review.action-undo"),
    ]

    class Decide(Message):
        """``item_id`` None means the focus; ``decision`` None undoes this review's decision."""

        def __init__(self, item_id: int | None, decision: str | None) -> None:
            super().__init__()
            self.item_id = item_id
            self.decision = decision

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._week: str | None = None
        self._decisions: dict[str, str | None] = {}
        """Each row's decision as shown, by option id: what an undo goes back to."""
        self._undo: list[tuple[str, str | None]] = []
        """The rows decided on this week's screen, oldest first, with the decision they had."""

    def show_items(
        self, items: list[ReviewActionItem], focus: FocusChoice, *, week: str | None = None
    ) -> None:
        keep = self.highlighted
        if week != self._week:
            self._week = week
            self._undo.clear()
        self._decisions = {f"item-{item.id}": item.decision for item in items}
        if focus.tag:
            self._decisions[FOCUS_ID] = focus.outcome
        options: list[Option] = []
        if focus.tag:
            plan = f": {focus.plan}" if focus.plan else ""
            options.append(
                Option(
                    Content.assemble(
                        _state(focus.outcome, "open"),
                        ("Focus ", "bold"),
                        (focus.tag, "bold $text-accent"),
                        plan,
                        (f"  (chosen in {focus.week})", "$text-muted"),
                    ),
                    id=FOCUS_ID,
                )
            )
        for item in items:
            source = f"#{item.entry_id}, " if item.entry_id else ""
            if item.session_id is not None:
                source = f"session #{item.session_id}, "
            options.append(
                Option(
                    Content.assemble(
                        _state(item.decision, item.status),
                        item.text,
                        (f"  ({source}{item.week})", "$text-muted"),
                    ),
                    id=f"item-{item.id}",
                )
            )
        self.set_options(options)
        if options:
            self.highlighted = min(keep or 0, len(options) - 1)

    def action_decide(self, decision: str) -> None:
        option = self.highlighted_option
        if option is None or option.id is None:
            return
        self._undo.append((option.id, self._decisions.get(option.id)))
        self._decisions[option.id] = decision
        self.post_message(self.Decide(_item_id(option.id), decision))
        if self.highlighted is not None and self.highlighted + 1 < self.option_count:
            self.highlighted += 1

    def action_undo(self) -> None:
        """Put the last decided row back as it was; with none, forget the highlighted row's."""
        if self._undo:
            option_id, before = self._undo.pop()
            self.highlighted = self.get_option_index(option_id)
        else:
            option = self.highlighted_option
            if option is None or option.id is None:
                return
            option_id, before = option.id, None
        self._decisions[option_id] = before
        self.post_message(self.Decide(_item_id(option_id), before))


def _item_id(option_id: str) -> int | None:
    return None if option_id == FOCUS_ID else int(option_id.removeprefix("item-"))
