"""Last week's action items and focus: d marks one done, x dropped, o carried over, u undoes.

Not c for carried over: c is the review's way to the check-in, and must not mark an item.
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
STATE_WIDTH = 15


def _state(decision: str | None, status: str) -> Content:
    if decision is None and status in ("done", "dropped"):
        label, style = STATES[status]
        return Content.styled(f"{label + ' before':<{STATE_WIDTH}}", "$text-muted")
    label, style = STATES.get(decision, STATES[None])
    return Content.styled(f"{label:<{STATE_WIDTH}}", style)


class ActionList(OptionList):
    """One row per action item, and one for the focus practised this week (if one was set)."""

    BINDINGS = [
        Binding("d", "decide('done')", "Done", id="review.action-done"),
        Binding("x", "decide('dropped')", "Dropped", id="review.action-dropped"),
        Binding("o", "decide('carried')", "Carried over", id="review.action-carried"),
        Binding("u", "decide('')", "Undo", id="review.action-undo"),
    ]

    class Decide(Message):
        """``item_id`` None means the focus; ``decision`` None undoes this review's decision."""

        def __init__(self, item_id: int | None, decision: str | None) -> None:
            super().__init__()
            self.item_id = item_id
            self.decision = decision

    def show_items(self, items: list[ReviewActionItem], focus: FocusChoice) -> None:
        keep = self.highlighted
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
        item_id = None if option.id == FOCUS_ID else int(option.id.removeprefix("item-"))
        self.post_message(self.Decide(item_id, decision or None))
