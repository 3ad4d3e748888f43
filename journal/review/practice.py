"""The user's own practice and what they observed, kept apart.

Entries where the user was serving (perspective ``provider``) are their own practice; the
strengths, growth areas and recurring problems of a review or a coaching document are counted
from those alone. Entries the user ``witnessed`` or lived as the ``customer`` are observation:
someone else's behaviour, shown as models to copy (done well) and mistakes to avoid (done badly),
each with the user's do-differently line. Mixing the two made a week of watching a good mechanic
read as the user's own strength.

Examples are ranked by how much the user reflected on them (the filled reflection fields), then
by recency; tags by how often they were marked, then by their best example. Never by catalogue
order: that put Reliability first every time. A tag marked once is shown as such ("once"), not
as a pattern.

A *service recovery* is an entry with a done-badly mark and a done-well mark of the Recovery
group, that went well or left the person better off: something went wrong and was put right.

Pure functions over rows (no queries), like ``journal.review.counts``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from journal.review.counts import is_win
from journal.rows import EntryRow

OWN = ("provider",)
"""Perspectives that are the user's own practice."""
OBSERVED = ("witnessed", "customer")
"""Perspectives that are observation of someone else's service."""
RECOVERY_GROUP = "Recovery"
REFLECTION_FIELDS = (
    "differently",
    "situation",
    "behaviour",
    "impact",
    "why",
    "lesson",
    "left_them",
)
"""The fields whose filling shows reflection; an action item counts as one more."""
EXAMPLES = 2
"""Examples kept per pattern."""
SHOWN = 5
"""Patterns, models and cases kept per list (the review and the document show these)."""


def is_own(entry: EntryRow) -> bool:
    return entry.perspective in OWN


def is_observed(entry: EntryRow) -> bool:
    return entry.perspective in OBSERVED


def reflection_depth(entry: EntryRow) -> int:
    """How many reflection fields the user filled in (an action item counts as one)."""
    filled = sum(1 for name in REFLECTION_FIELDS if getattr(entry, name))
    return filled + (1 if entry.action_items else 0)


def rank_key(entry: EntryRow) -> tuple[int, datetime, int]:
    """Sort key, used with ``reverse=True``: most reflected first, then the latest."""
    return (reflection_depth(entry), entry.occurred_at, entry.id)


def ranked(entries: Iterable[EntryRow]) -> list[EntryRow]:
    return sorted(entries, key=rank_key, reverse=True)


@dataclass(frozen=True)
class Pattern:
    """A tag of the user's own practice marked with one sign, and its best examples."""

    slug: str
    group: str
    sign: int
    count: int
    examples: list[EntryRow]
    """Up to ``EXAMPLES`` entries, most reflected first, then the latest."""

    @property
    def once(self) -> bool:
        """Marked a single time: an occurrence, not a pattern."""
        return self.count == 1


@dataclass(frozen=True)
class Case:
    """One observed entry shown as a model to copy or a mistake to avoid."""

    entry: EntryRow
    slugs: list[str]
    """The tags marked with the list's sign, in the order the user gave them."""

    @property
    def differently(self) -> str | None:
        return self.entry.differently


@dataclass(frozen=True)
class Recovery:
    """Something went wrong and was put right (see the module's docstring)."""

    entry: EntryRow
    problems: list[str]
    """Tags marked done badly."""
    remedies: list[str]
    """Recovery tags marked done well."""


@dataclass(frozen=True)
class OwnPractice:
    entries: int
    strengths: list[Pattern]
    growth: list[Pattern]
    recoveries: list[Recovery]
    wins: list[EntryRow]
    """Own entries that went well with a lesson or left the person better off, ranked."""


@dataclass(frozen=True)
class Observed:
    entries: int
    models: list[Case]
    """Done well: to copy."""
    avoid: list[Case]
    """Done badly: to avoid."""
    recoveries: list[Recovery]


@dataclass(frozen=True)
class Practice:
    own: OwnPractice
    observed: Observed
    unset: int = 0
    """Entries without a perspective: neither the user's practice nor observation."""
    catalogue: dict[str, str] = field(default_factory=dict)


def analyse(
    entries: Sequence[EntryRow], catalogue: dict[str, str], *, shown: int = SHOWN
) -> Practice:
    """Split ``entries`` by perspective and find the patterns, models and recoveries."""
    own = [e for e in entries if is_own(e)]
    observed = [e for e in entries if is_observed(e)]
    recoveries = find_recoveries(entries, catalogue)
    return Practice(
        own=OwnPractice(
            entries=len(own),
            strengths=patterns(own, catalogue, 1)[:shown],
            growth=patterns(own, catalogue, -1)[:shown],
            recoveries=[r for r in recoveries if is_own(r.entry)][:shown],
            wins=ranked(e for e in own if is_win(e))[:shown],
        ),
        observed=Observed(
            entries=len(observed),
            models=cases(observed, 1)[:shown],
            avoid=cases(observed, -1)[:shown],
            recoveries=[r for r in recoveries if is_observed(r.entry)][:shown],
        ),
        unset=sum(1 for e in entries if not is_own(e) and not is_observed(e)),
        catalogue=catalogue,
    )


def patterns(entries: Iterable[EntryRow], catalogue: dict[str, str], sign: int) -> list[Pattern]:
    """Tags marked with ``sign``: most marked first, then the one whose best example was
    reflected on most, then the latest, then by slug (never by catalogue order)."""
    marked: dict[str, list[EntryRow]] = {}
    for entry in entries:
        for slug in dict.fromkeys(t.slug for t in entry.tags if t.polarity == sign):
            marked.setdefault(slug, []).append(entry)
    found = []
    for slug, rows in marked.items():
        best = ranked(rows)
        found.append(Pattern(slug, catalogue.get(slug, "Other"), sign, len(rows), best[:EXAMPLES]))

    def key(p: Pattern) -> tuple[int, int, float, str]:
        top = p.examples[0]
        latest = max(e.occurred_at for e in p.examples)
        return (-p.count, -reflection_depth(top), _negated(latest), p.slug)

    return sorted(found, key=key)


def cases(entries: Iterable[EntryRow], sign: int) -> list[Case]:
    """Observed entries with a mark of ``sign`` (or, without marks of either sign, an overall
    that says it: went well for models, went badly for mistakes), ranked."""
    overall = "well" if sign > 0 else "badly"
    found = []
    for entry in ranked(entries):
        slugs = [t.slug for t in entry.tags if t.polarity == sign]
        signed = any(t.polarity != 0 for t in entry.tags)
        if slugs or (not signed and entry.overall == overall):
            found.append(Case(entry, slugs))
    return found


def is_recovery(entry: EntryRow, catalogue: dict[str, str]) -> bool:
    return recovery_of(entry, catalogue) is not None


def recovery_of(entry: EntryRow, catalogue: dict[str, str]) -> Recovery | None:
    if entry.overall != "well" and entry.left_them != "better":
        return None
    problems = [t.slug for t in entry.tags if t.polarity < 0]
    remedies = [
        t.slug for t in entry.tags if t.polarity > 0 and catalogue.get(t.slug) == RECOVERY_GROUP
    ]
    if not problems or not remedies:
        return None
    return Recovery(entry, problems, remedies)


def find_recoveries(entries: Iterable[EntryRow], catalogue: dict[str, str]) -> list[Recovery]:
    """Every recovery among ``entries``, most reflected first, then the latest."""
    found = (recovery_of(e, catalogue) for e in ranked(entries))
    return [r for r in found if r is not None]


def main_pattern(own: OwnPractice) -> Pattern | None:
    """What a coach should look at first: the most marked growth area that is a pattern,
    else the most marked strength that is one; None when every mark occurred once."""
    for group in (own.growth, own.strengths):
        if group and not group[0].once:
            return group[0]
    return None


def _negated(moment: datetime) -> float:
    """A key that sorts the latest first in an ascending sort."""
    return -moment.timestamp()
