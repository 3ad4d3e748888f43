"""The weekly self check-in: ten questions answered yes, partly or no (see domain.md).

Plain data and the standard library only, so the CLI, the review screen and the exports can all
import it cheaply. Question numbers (1-10) are stored in journals: the wording may improve, but a
number must always keep its meaning.
"""

from __future__ import annotations

from journal.entry import CheckinAnswer

QUESTIONS: tuple[str, ...] = (
    "I enjoy dealing with customers and co-workers.",
    "I would rather solve someone's problem than just close a sale.",
    "When I talk about customers, my stories are mostly positive.",
    "When I talk about co-workers, my stories are mostly positive.",
    "I can easily see things from the customer's side.",
    "I treat questions and interruptions as chances to help.",
    "I check what people expect before I act.",
    "I am honest about what I can deliver and when.",
    "I keep my own problems away from the people I serve.",
    "I adapt how I help to the person in front of me.",
)
"""Question ``n`` is ``QUESTIONS[n - 1]``."""

ANSWERS: tuple[str, ...] = CheckinAnswer.values()

ANSWER_MARKS: dict[str | None, str] = {a.value: a.symbol for a in CheckinAnswer} | {None: "·"}
"""One character per answer, for text histories (· = not answered)."""

HISTORY_WEEKS = 8
"""How many weeks of answers the review shows for each question."""

BELIEFS: tuple[str, ...] = (
    "Customers deserve my best.",
    "Customers are the ones who ultimately employ me.",
    "Each customer is owed my focused attention.",
    "Customers may expect me to know my job.",
    "Problems and complaints matter and teach me something.",
    "Everyone I deal with, colleagues and family included, is someone I serve.",
    "My aim is to leave each person better off.",
)
"""Prompts the material names, for the review screen to show beside the check-in."""


def question(number: int) -> str:
    """The text of question ``number`` (1-10)."""
    if not 1 <= number <= len(QUESTIONS):
        raise ValueError(f"check-in questions are numbered 1 to {len(QUESTIONS)}")
    return QUESTIONS[number - 1]
