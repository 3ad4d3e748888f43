"""The demo month's scenes: what happened, on which day, and what the user made of it.

The user works the service counter of a hardware shop (and answers its phone). Their own entries
(``provider``) carry an arc the coaching document should show: greeting people at the counter
lapses in the first week, improves after the first coaching session, slips in a rush,
and holds after the second session. The other entries are things they saw as a bystander
(``witnessed``) or lived as a customer (``customer``): models to copy and mistakes to avoid.
Every scene appears once; ``day`` counts back from the demo's "now", ``hour`` is local time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Scene:
    """One entry of the demo: when it happened and its fields by their declared names."""

    day: int
    """Days before the demo's "now"; 0 is today."""
    hour: int
    fields: Mapping[str, Any] = field(default_factory=dict)
    """``journal.entry`` field names; ``tags`` as ``"+slug -slug"``."""

    @property
    def what(self) -> str:
        return str(self.fields["what"])

    @property
    def perspective(self) -> str:
        return str(self.fields["perspective"])


def scene(
    day: int,
    hour: int,
    what: str,
    setting: str,
    perspective: str,
    overall: str,
    tags: str,
    **fields: Any,
) -> Scene:
    """A scene: its day and hour, the quick fields in the order people say them, then the rest."""
    quick = dict(what=what, setting=setting, perspective=perspective, overall=overall, tags=tags)
    return Scene(day, hour, {**quick, **fields})


@dataclass(frozen=True)
class Session:
    """A coaching session of the demo month and what was agreed in it."""

    day: int
    hour: int
    notes: str
    agreements: tuple[str, ...]


OWN_PRACTICE: tuple[Scene, ...] = (
    # The lapse: busy with tasks, the person at the counter waits unseen.
    scene(
        30, 9,
        "I kept pricing paint tins while a customer stood at the counter",
        "shop", "provider", "badly", "-acknowledged",
        differently="Put the price gun down and say hello first",
        situation="Delivery morning; I was pricing the paint shelf behind the counter",
        behaviour="I finished the row before turning round, about a minute",
        impact='He said "I was starting to think nobody works here"',
        why="skill",
        lesson="The person at the counter comes before the shelf, every time",
        action="Look up and greet anyone at the counter within five seconds, even mid-task",
        left_them="worse",
        flagged=True,
    ),
    scene(
        28, 11,
        "I promised a customer a call back by noon about a drill part and forgot",
        "phone support", "provider", "badly", "-promise-kept",
        differently="Write the call back down with its time before hanging up",
        situation="Three calls in a row; I said \"by noon\" and went back to the counter",
        impact="He rang at two, annoyed, and had driven over for nothing",
        why="process",
        lesson="A promise I do not write down is a promise I will break",
        action="Write every promised call back in the shared calendar with its time",
        left_them="worse",
        flagged=True,
    ),
    scene(
        27, 16,
        "I answered a customer's question while texting my shift lead about the rota",
        "shop", "provider", "badly", "-attention",
        differently="Put the phone in the drawer while someone is at the counter",
        why="skill",
        lesson="Half my attention reads as no attention",
    ),
    scene(
        24, 9,
        "Showed the new colleague where the returns forms are before she had to ask twice",
        "at work with colleagues", "provider", "well", "+internal-customer +initiative",
        lesson="Colleagues are customers too; a minute now saves her a bad morning",
        left_them="better",
    ),
    # Practising after the first session.
    scene(
        22, 9,
        "Said hello to a customer the moment he came in, while unpacking a delivery",
        "shop", "provider", "well", "+acknowledged +courtesy",
        lesson="A nod and a hello take two seconds and the box can wait",
        left_them="better",
    ),
    scene(
        20, 11,
        "Sold a customer a new mixer tap when all she needed was a washer",
        "shop", "provider", "badly", "-needs-asked",
        differently="Ask what she wants to achieve before I reach for the shelf",
        situation="She said the tap was dripping and asked what I would recommend",
        behaviour="I showed her our best tap without asking about the old one",
        impact="She came back the next day, annoyed, to return it",
        why="skill",
        lesson="Ask first, sell second",
        action="Ask one question about the job before recommending anything",
        left_them="worse",
        flagged=True,
    ),
    scene(
        18, 10,
        "Called the drill customer back at the time I had written in the calendar",
        "phone support", "provider", "well", "+promise-kept +knowledge",
        lesson="The calendar works when I write the time in before I hang up",
        left_them="better",
    ),
    scene(
        15, 11,
        "My brother asked for help with a tax form and I sighed before helping",
        "at home", "provider", "mixed", "-interruption-welcomed +patience",
        differently="Treat the question as a chance to help, not an interruption",
        lesson="How I start helping matters as much as the help",
    ),
    # The slip: alone in a rush, the greeting is the first thing to go.
    scene(
        13, 11,
        "Morning rush: three people waited at the counter and I greeted none of them",
        "shop", "provider", "badly", "-acknowledged -wait-time",
        differently="Look up between two keys and tell each newcomer I have seen them",
        situation="Alone on the floor, cutting keys for a customer",
        behaviour="I kept my head down over the key machine for ten minutes",
        impact="One man put the ladder he had carried to the counter back and left",
        why="staffing",
        lesson="Under pressure I drop the greeting first",
        action="Say \"I'll be right with you\" to everyone who joins the queue",
        left_them="worse",
        flagged=True,
    ),
    scene(
        10, 9,
        "I stayed calm when a customer shouted about a wrong key and cut a new one at once",
        "shop", "provider", "mixed", "+composure +apology +fix -accuracy",
        differently="Test the key in the blank before it leaves the counter",
        lesson="Calm, a plain sorry and a quick fix turned him round, but the error was mine",
        action="Check each cut key against the original before handing it over",
        left_them="better",
    ),
    scene(
        9, 18,
        "A friend asked for advice and I asked what she hoped for before answering",
        "with friends", "provider", "well", "+needs-asked +listening",
        lesson="The question changed my advice completely",
        private=True,
    ),
    # Fixed: the line for the queue, and asking first.
    scene(
        7, 11,
        "Morning rush again: I told each newcomer I'd be with them shortly and nobody left",
        "shop", "provider", "well", "+acknowledged +wait-time +composure",
        situation="Alone again, five people in the shop at eleven",
        behaviour="Looked up at every new arrival and said I'd be with them in a minute",
        impact="Two people thanked me for saying so; nobody walked out",
        lesson="One sentence turns a wait into a queue people accept",
        left_them="better",
        flagged=True,
    ),
    scene(
        5, 10,
        "Rang the tap customer a week later, unasked, to check the washer held",
        "phone support", "provider", "well", "+follow-through +customer-view",
        lesson="A call nobody expected did more than the refund",
        left_them="better",
    ),
    scene(
        4, 17,
        "Let the new colleague finish her question about refunds before answering",
        "at work with colleagues", "provider", "well", "+internal-customer +listening",
        lesson="Her question was not the one I was about to answer",
    ),
    scene(
        3, 11,
        "Asked a customer what the shelf had to carry before suggesting brackets",
        "shop", "provider", "well", "+needs-asked +knowledge",
        lesson="One question, and he bought the right brackets the first time",
        left_them="better",
    ),
    scene(
        1, 10,
        "Greeted every customer within seconds all morning and thanked each at the door",
        "shop", "provider", "well", "+acknowledged +farewell",
    ),
    scene(
        0, 10,
        "Nodded to a waiting customer while on the phone and had her part ready when I hung up",
        "shop", "provider", "well", "+acknowledged +initiative",
    ),
)  # fmt: skip

OBSERVED: tuple[Scene, ...] = (
    scene(
        29, 13,
        "Cashier looked up at each customer while scanning and thanked every one",
        "grocery checkout", "witnessed", "well", "+acknowledged +farewell",
        lesson="A greeting costs nothing, even when the line is long",
        left_them="better",
    ),
    scene(
        28, 19,
        "Waited forty minutes for a main course and only heard why when I asked",
        "restaurant", "customer", "mixed", "-kept-informed +apology",
        differently="Tell the table about the delay at minute ten, not minute forty",
        why="staffing",
        lesson="Bad news told early is half as bad",
    ),
    scene(
        26, 10,
        "Bank adviser asked what the savings were for before suggesting any account",
        "bank", "witnessed", "well", "+needs-asked +knowledge",
        lesson="A question first saves a wrong offer",
    ),
    scene(
        25, 12,
        "Chat agent pasted three scripted answers that missed my question",
        "online chat", "customer", "badly", "-listening -individualized",
        differently="Read the whole question and answer it in my own words",
        why="process",
        left_them="worse",
    ),
    scene(
        21, 14,
        "Clerk finished a sandwich at the desk before looking up at the visitor",
        "public office", "witnessed", "badly", "-acknowledged -appearance",
        differently="Eat in the back room; look up at whoever comes in",
        why="staffing",
        flagged=True,
    ),
    scene(
        19, 17,
        "Pharmacist noticed my worried face and explained the dosage slowly",
        "pharmacy", "customer", "well", "+individualized +patience",
        lesson="Slowing down is a way of showing respect",
        left_them="better",
    ),
    scene(
        17, 19,
        "Waiter and manager argued about a table in front of the guests",
        "restaurant", "witnessed", "badly", "-staff-conduct -composure",
        differently="Take the disagreement to the kitchen and come back with one answer",
        why="staffing",
        left_them="worse",
        flagged=True,
    ),
    scene(
        16, 15,
        "Hotel receptionist owned our double booking, apologised and upgraded us",
        "hotel", "customer", "well", "+ownership +apology +fix +complaint-welcomed",
        lesson="An apology plus a real remedy turns a complaint around",
        left_them="better",
    ),
    scene(
        14, 10,
        "Barista remembered a regular's order and asked about her exam",
        "cafe", "witnessed", "well", "+individualized +left-better",
        lesson="Remembering one detail makes a regular feel known",
    ),
    scene(
        12, 16,
        "Internet provider promised a technician before noon who came at four without a call",
        "phone support", "customer", "badly", "-promise-kept -kept-informed",
        differently="Give a window I can keep, and call the moment it slips",
        why="process",
        left_them="worse",
    ),
    scene(
        11, 13,
        "Supermarket opened a second till and sent the next in line there, in order",
        "grocery checkout", "witnessed", "well", "+queue +initiative",
        lesson="A fair order matters more to people than a short wait",
    ),
    scene(
        8, 10,
        "Nurse told the waiting room about the delay and why",
        "clinic", "witnessed", "well", "+kept-informed +expectations +composure",
        lesson="People wait calmly when they know why they are waiting",
    ),
    scene(
        6, 15,
        "Shop assistant said plainly my size was out and suggested another shop",
        "shop", "customer", "well", "+honest-limits +customer-view",
        lesson="A clear no with an alternative is still good service",
        left_them="better",
    ),
    scene(
        6, 19,
        "Bus driver waited for a running passenger and greeted her",
        "public transport", "witnessed", "well", "+initiative +courtesy",
    ),
    scene(
        4, 14,
        "Two assistants chatted by the till in crumpled aprons while I looked for help",
        "shop", "customer", "badly", "-appearance -attention",
        differently="Stand on the floor, apron straight, looking available",
        why="skill",
    ),
    scene(
        2, 12,
        "Bank had one counter open and no ticket numbers; people argued about who was next",
        "bank", "witnessed", "badly", "-queue -wait-time",
        differently="Put out the ticket machine the moment the line reaches the door",
        why="process",
    ),
    scene(
        2, 16,
        "Waitress thanked us at the door and wished my son luck for his match",
        "cafe", "customer", "well", "+farewell +left-better",
    ),
    scene(
        1, 15,
        "Receptionist stayed patient with an angry guest but never fetched the manager he wanted",
        "hotel", "witnessed", "mixed", "+patience -escalation",
    ),
    scene(
        0, 12,
        "Self-checkout froze and nobody came for five minutes",
        "grocery checkout", "customer", "badly", "-tools -wait-time",
    ),
    scene(
        0, 14,
        "Delivery driver complained about his boss to every customer on the street",
        "on the street", "witnessed", "badly", "-own-problems-kept-out",
    ),
)  # fmt: skip

SCENES: tuple[Scene, ...] = tuple(
    sorted((*OWN_PRACTICE, *OBSERVED), key=lambda s: (-s.day, s.hour))
)
"""Every scene of the month, oldest first."""

SESSIONS: tuple[Session, ...] = (
    Session(
        23,
        18,
        "Went through the paint-shelf moment and the forgotten call back. Looking up is the "
        "first act of service; a promise needs a written time.",
        (
            "Keep the phone in the drawer while someone is at the counter",
            "Bring two moments of my own greeting, good or bad, to the next session",
        ),
    ),
    Session(
        8,
        17,
        "The slip in the rush: alone and busy, the greeting goes first. Agreed a sentence for the "
        "queue and to ask for help at the busiest hour.",
        (
            "Practise the queue sentence at every rush and note how it went",
            "Ask the shift lead for a second person at the morning rush",
        ),
    ),
)
"""The two coaching sessions: after the lapse, and after the slip."""
