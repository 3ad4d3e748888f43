"""A small vocabulary of service encounters, written for this benchmark, and sentences from it.

The point is realistic search and storage behaviour, not prose: words repeat with a skew (some are
common, most are rare), sentences have the length and shape of quick notes, and the few words the
benchmark searches for occur at known, moderate rates.
"""

from __future__ import annotations

import random

PEOPLE = (
    "the cashier",
    "the teller",
    "a clerk",
    "the waiter",
    "the nurse",
    "the agent on the phone",
    "the driver",
    "my colleague",
    "the manager",
    "the receptionist",
    "the pharmacist",
    "a young trainee",
    "the barista",
    "the support agent",
    "the night porter",
    "I",
)

ACTIONS = (
    "greeted the customer",
    "kept typing without looking up",
    "apologised for the wait",
    "explained the fee before being asked",
    "refunded the order",
    "checked the stock in the back",
    "smiled and made eye contact",
    "interrupted the customer twice",
    "listened to the whole story",
    "rushed through the explanation",
    "called back as promised",
    "fixed the booking on the spot",
    "passed the problem to another desk",
    "argued with a colleague in front of the queue",
    "offered a seat to an elderly man",
    "read the script word for word",
    "wrote the reference number down for me",
    "forgot to print the receipt",
    "opened a second till",
    "walked the customer to the right shelf",
    "stayed calm while the man shouted",
    "took ownership of the mistake",
    "asked what the customer actually needed",
    "promised a call that never came",
)

OBJECTS = (
    "receipt",
    "refund",
    "queue",
    "ticket",
    "prescription",
    "booking",
    "parcel",
    "invoice",
    "account",
    "card reader",
    "form",
    "table",
    "order",
    "complaint",
    "password reset",
    "delivery slot",
    "loyalty card",
    "waiting list",
)

MANNERS = (
    "politely",
    "quickly",
    "without a word",
    "with real patience",
    "in a hurry",
    "after a long pause",
    "while on the phone",
    "with a warm smile",
    "in a flat voice",
    "twice",
    "at the end of a long shift",
    "before the lunch rush",
)

SITUATIONS = (
    "It was {time} and the {object} line was {length}.",
    "There were {count} people waiting and only one {object} desk was open.",
    "The customer had already been sent away once about the {object}.",
    "The system for the {object} was down for a few minutes.",
    "A child was crying near the {object} counter.",
    "The customer spoke little English and held up the {object}.",
    "Nobody had told the staff about the new {object} policy.",
    "The {object} was wrong for the second time this month.",
    "It was raining and everyone came in at once.",
    "The customer was polite but clearly tired.",
    "The manager watched from the back without stepping in.",
    "The {object} needed a signature from someone who had gone home.",
)

DIFFERENTLY = (
    "Look up and greet the person first, then finish the {object}.",
    "Say the waiting time out loud before anyone has to ask.",
    "Own the {object} problem instead of sending them to another desk.",
    "Write the reference down and hand it over.",
    "Apologise once, plainly, and then fix the {object}.",
    "Take the disagreement out of sight of the customers.",
    "Ask what they actually need before explaining the policy.",
    "Keep the promise small and then keep it.",
)

LESSONS = (
    "Attention is the first thing a customer notices.",
    "Saying the unwelcome number first builds trust.",
    "A calm voice lowers the temperature of the whole queue.",
    "People forgive a delay they were told about.",
    "The last minute of an encounter is the one they remember.",
    "A small promise kept beats a big one broken.",
    "Listening to the end saves time, not the opposite.",
)

BEHAVIOURS = (
    "Kept eyes on the screen and answered in single words.",
    "Leaned in, nodded and repeated the problem back.",
    "Pointed at a sign instead of answering.",
    "Took the {object} and walked it through personally.",
)

IMPACTS = (
    "The customer left without the {object} and did not come back.",
    "The customer thanked them twice on the way out.",
    "The queue grew restless and two people left.",
    "The customer relaxed visibly.",
)

TIMES = ("early morning", "lunchtime", "late afternoon", "just before closing", "Saturday noon")
LENGTHS = ("short", "long", "out the door", "moving slowly", "empty")

SEARCH_WORD = "receipt"
"""A word the benchmark searches for: an object, so it appears in about one entry in five."""


def _object(rng: random.Random) -> str:
    # A skew: the first objects are much more common than the last ones.
    i = min(int(rng.expovariate(1 / 5)), len(OBJECTS) - 1)
    return OBJECTS[i]


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        object=_object(rng),
        time=rng.choice(TIMES),
        length=rng.choice(LENGTHS),
        count=rng.randint(2, 12),
    )


def what_sentence(rng: random.Random, setting: str) -> str:
    """The one-line "what happened": 40 to about 200 characters, ending with a full stop."""
    person = rng.choice(PEOPLE)
    text = f"{person} {rng.choice(ACTIONS)}"
    if rng.random() < 0.6:
        text += f" about the {_object(rng)}"
    if rng.random() < 0.5:
        text += f" {rng.choice(MANNERS)}"
    if len(text) < 40 or rng.random() < 0.3:
        text += f" at the {setting}"
    if len(text) < 40:
        text += f", {rng.choice(MANNERS)}"
    text = text[0].upper() + text[1:]
    return text + "."


def situation_text(rng: random.Random, budget: int) -> str:
    """Sentences of context, at most ``budget`` characters (empty when nothing fits)."""
    parts: list[str] = []
    used = 0
    while True:
        sentence = _fill(rng.choice(SITUATIONS), rng)
        extra = len(sentence) + (1 if parts else 0)
        if used + extra > budget:
            break
        parts.append(sentence)
        used += extra
        if rng.random() < 0.15:
            break
    return " ".join(parts)


def differently_text(rng: random.Random) -> str:
    return _fill(rng.choice(DIFFERENTLY), rng)


def lesson_text(rng: random.Random) -> str:
    return rng.choice(LESSONS)


def behaviour_text(rng: random.Random) -> str:
    return _fill(rng.choice(BEHAVIOURS), rng)


def impact_text(rng: random.Random) -> str:
    return _fill(rng.choice(IMPACTS), rng)
