"""The review's own practice and observation panels, kept apart (``journal.review.practice``).

My own practice: strengths, growth areas and recoveries of the week's ``provider`` entries, a
tag marked once shown as "once". What I observed: models to copy and mistakes to avoid from
``witnessed`` and ``customer`` entries, each with the user's do-differently line.
"""

from __future__ import annotations

from datetime import tzinfo

from textual.content import Content
from textual.widgets import Static

from journal.review.practice import Case, Observed, OwnPractice, Pattern, Recovery
from tui.widgets.review_lists import entry_label


def _muted(text: str) -> Content:
    return Content.styled(text, "$text-muted")


def _patterns(title: str, patterns: list[Pattern], zone: tzinfo) -> list[Content]:
    if not patterns:
        return []
    style = "bold $text-success" if patterns[0].sign > 0 else "bold $text-error"
    sign = "+" if patterns[0].sign > 0 else "-"
    width = max(len(p.slug) for p in patterns) + 2
    lines = [Content.styled(title, "bold")]
    for p in patterns:
        times = "once" if p.once else f"{p.count}×"
        example = p.examples[0]
        lines.append(
            Content.assemble(
                (f"{sign + p.slug:<{width}}", style),
                f"{times:<5} ",
                (entry_label(example, zone), "$text-muted"),
                " ",
                " ".join(example.what.split()),
            )
        )
    return lines


def _recoveries(recoveries: list[Recovery], zone: tzinfo) -> list[Content]:
    if not recoveries:
        return []
    lines = [Content.styled("Recoveries (went wrong, then put right)", "bold")]
    for r in recoveries:
        lines.append(
            Content.assemble(
                ("↻ ", "$text-success"),
                (entry_label(r.entry, zone), "$text-muted"),
                " ",
                " ".join(r.entry.what.split()),
                (f"  -{' -'.join(r.problems)} then +{' +'.join(r.remedies)}", "italic"),
            )
        )
    return lines


class OwnPracticeView(Static):
    def show_practice(self, own: OwnPractice, zone: tzinfo) -> None:
        if not own.entries:
            self.update(
                _muted("No entries where you were serving this week (perspective: I was serving).")
            )
            return
        lines = [
            *_patterns("Strengths", own.strengths, zone),
            *_patterns("Growth areas", own.growth, zone),
            *_recoveries(own.recoveries, zone),
        ]
        if not lines:
            lines = [_muted("No tags marked on your own entries this week.")]
        self.update(Content("\n").join(lines))


def _cases(title: str, cases: list[Case], zone: tzinfo, good: bool) -> list[Content]:
    if not cases:
        return []
    mark, style = ("✓ ", "$text-success") if good else ("✗ ", "$text-error")
    lines = [Content.styled(title, "bold")]
    for case in cases:
        lines.append(
            Content.assemble(
                (mark, style),
                (entry_label(case.entry, zone), "$text-muted"),
                " ",
                " ".join(case.entry.what.split()),
            )
        )
        if case.differently:
            lines.append(
                Content.styled(f"    I would: {' '.join(case.differently.split())}", "italic")
            )
    return lines


class ObservedView(Static):
    def show_observed(self, seen: Observed, zone: tzinfo) -> None:
        if not seen.entries:
            self.update(_muted("Nothing witnessed or lived as a customer this week."))
            return
        lines = [
            *_cases("Models to copy", seen.models, zone, True),
            *_cases("To avoid", seen.avoid, zone, False),
            *_recoveries(seen.recoveries, zone),
        ]
        if not lines:
            lines = [_muted("No tags or overall on what you observed this week.")]
        self.update(Content("\n").join(lines))
