"""The built-in tag catalogue and setting list, shared by validation, storage and the UI.

Kept to the standard library and plain data because it is imported on every start-up path (schemas,
the first migration, quick capture). Slugs are stable identifiers stored in journals and exports, so
entries here may gain better descriptions but must never be renamed or removed.

Existing journals receive a change here only through a schema revision: revision 0004 adds the
built-in tags a journal lacks and refreshes built-in descriptions, so a later change to this list
ships with a new revision that runs the same step again (a journal never rewrites its catalogue on
an ordinary open, which keeps start-up free of it).

Each description names one behaviour someone could have seen, distinct from every other tag's and
from the entry's own fields (the "left them" outcome): when two tags describe the same moment, one
incident is counted twice and the review's patterns mislead. Journals take the current
descriptions and any new built-in tags when they are upgraded (schema 0004).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

GROUPS: tuple[str, ...] = (
    "Reliability",
    "Responsiveness",
    "Assurance",
    "Empathy",
    "Tangibles",
    "Recovery",
    "Mindset",
)
"""The five classic service-quality dimensions plus recovery and mindset, in display order."""


@dataclass(frozen=True)
class TagDef:
    """One catalogue tag; frozen so the shared built-in table cannot be altered by a caller."""

    slug: str
    group: str
    description: str


def _tags(group: str, *pairs: tuple[str, str]) -> tuple[TagDef, ...]:
    return tuple(TagDef(slug, group, description) for slug, description in pairs)


BUILTIN_TAGS: tuple[TagDef, ...] = (
    *_tags(
        "Reliability",
        ("promise-kept", "delivered what was promised, when it was promised"),
        ("accuracy", "got it right first time"),
        ("follow-through", "came back later, unasked, to check it was really settled"),
        ("expectations", "set honest expectations; under-promise, over-deliver"),
        ("honest-limits", "said plainly what could not be done, and suggested an alternative"),
    ),
    *_tags(
        "Responsiveness",
        ("acknowledged", 'signalled "I see you" within seconds, even while busy'),
        ("wait-time", "this person's wait was short, or made bearable while it lasted"),
        ("kept-informed", "told about problems or delays early"),
        ("initiative", "helped before being asked"),
    ),
    *_tags(
        "Assurance",
        ("knowledge", "knew products, policies, how to do the job"),
        ("courtesy", "was polite and respectful"),
        ("farewell", "thanked the person and said goodbye"),
        ("composure", "stayed calm under pressure"),
        ("confidence", "inspired trust"),
    ),
    *_tags(
        "Empathy",
        ("attention", "while serving, stayed on the person, not the phone or the colleague"),
        ("listening", "let the person finish and played back what they said"),
        ("individualized", "treated this person as an individual, not a routine case"),
        ("customer-view", "saw it from the customer's side"),
        ("patience", "stayed patient, without rushing or talking down to the person"),
        ("needs-asked", "asked what the person needed before acting, not guessing"),
    ),
    *_tags(
        "Tangibles",
        ("environment", "clean, orderly, signposted"),
        ("tools", "systems and equipment worked"),
        ("queue", "the line was set up orderly and fair: one order, no cutting in"),
        ("appearance", "staff looked ready to serve: tidy, recognisable, not eating"),
    ),
    *_tags(
        "Recovery",
        ("complaint-welcomed", "treated a complaint as useful, not as an attack"),
        ("ownership", "owned the problem instead of passing it on"),
        ("apology", "apologised sincerely, without excuses"),
        ("fix", "offered a real remedy"),
        ("escalation", "got the right person involved in time"),
    ),
    *_tags(
        "Mindset",
        ("own-problems-kept-out", "personal mood did not reach the customer"),
        ("interruption-welcomed", "an interruption was treated as a chance to help"),
        ("internal-customer", "colleagues, boss or suppliers served as customers"),
        ("staff-conduct", "how staff treated each other in front of customers"),
        ("left-better", "added a personal touch beyond the task: a kind word, a tip"),
        (
            "made-a-difference",
            "kept going past the routine answer until the real problem was solved",
        ),
    ),
)


SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""Lower-case words joined by single hyphens: safe in URLs, shells, Markdown and CSV alike."""

_SEPARATORS = re.compile(r"[\s_]+")
_HYPHEN_RUNS = re.compile(r"-{2,}")


def normalise_slug(text: str) -> str:
    """Forgive the ways people type a slug ("Wait Time", "wait_time") so they need not remember.

    The result is not guaranteed to match SLUG_PATTERN (other punctuation is kept), so that
    validation can still reject it with a message instead of silently rewriting the user's text.
    """
    slug = _SEPARATORS.sub("-", text.strip().lower())
    return _HYPHEN_RUNS.sub("-", slug).strip("-")


def suggest(slug: str, known: Iterable[str], n: int = 3) -> list[str]:
    """Offer likely intended slugs for a typo or a prefix, best first, at most n of them.

    Prefix matches come first because a user typing "comp" most likely wants to complete a word;
    fuzzy matches then catch misspellings such as "atention".
    """
    if n <= 0:
        return []
    wanted = normalise_slug(slug)
    candidates = list(dict.fromkeys(known))
    # Shortest completions first: the exact slug (if known) leads, then the nearest completions.
    prefixed = sorted((k for k in candidates if wanted and k.startswith(wanted)), key=len)
    fuzzy = difflib.get_close_matches(wanted, candidates, n=n, cutoff=0.5)
    return list(dict.fromkeys([*prefixed, *fuzzy]))[:n]


BUILTIN_SETTINGS: tuple[str, ...] = (
    "grocery checkout",
    "bank",
    "restaurant",
    "cafe",
    "phone support",
    "hotel",
    "clinic",
    "pharmacy",
    "public office",
    "online chat",
    "shop",
    "at work with colleagues",
    "at home",
    "with friends",
    "public transport",
)
"""Suggestions offered before the user's own history provides better ones."""
