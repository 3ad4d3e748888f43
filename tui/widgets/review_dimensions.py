"""The dimension table: + and - marks per group this week against the previous four weeks."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widgets import Static

from journal.review.build import TREND_DOWN, TREND_UP, GroupCount, TagCount

NAME_WIDTH = 23
TREND_STYLES = {TREND_UP: "bold $text-success", TREND_DOWN: "bold $text-error"}


@dataclass(frozen=True)
class Widths:
    """Column widths, wide enough for the largest number shown (a big journal has hundreds)."""

    name: int = 16
    count: int = 4
    average: int = 6

    @classmethod
    def fit(cls, names: list[str], rows: list[GroupCount | TagCount]) -> Widths:
        counts = [len(str(n)) for r in rows for n in (r.plus, r.minus)]
        averages = [len(f"{a:.2f}") for r in rows for a in (r.prev4_plus_avg, r.prev4_minus_avg)]
        name = min(NAME_WIDTH, max([15, *map(len, names)]) + 1)
        return cls(name, max([4, *counts]) + 1, max([5, *averages]) + 1)


def _cell(value: float, width: int, style: str, decimals: bool = False) -> tuple[str, str]:
    if not value:
        return (f"{'·':>{width}}", "$text-muted")
    text = f"{value:.2f}" if decimals else str(int(value))
    return (f"{text:>{width}}", style)


def _row(row: GroupCount | TagCount, name: str, widths: Widths, *, tag: bool) -> Content:
    quiet = not (row.plus or row.minus or row.prev4_plus_avg or row.prev4_minus_avg)
    return Content.assemble(
        (f"{name:<{widths.name}}"[: widths.name], "$text-muted" if tag or quiet else "bold"),
        _cell(row.plus, widths.count, "$text-success"),
        _cell(row.minus, widths.count, "$text-error"),
        " ",
        _cell(row.prev4_plus_avg, widths.average, "$text-success", decimals=True),
        _cell(row.prev4_minus_avg, widths.average, "$text-error", decimals=True),
        "  ",
        ("" if quiet else row.trend, TREND_STYLES.get(row.trend, "$text-muted")),
    )


class DimensionTable(Static):
    """Groups always; with ``expanded`` each group's tags under it (the review's e key)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.expanded = False
        self._groups: list[GroupCount] = []
        self._tags: list[TagCount] = []

    def show_table(self, groups: list[GroupCount], tags: list[TagCount]) -> None:
        self._groups, self._tags = groups, tags
        self._render_table()

    def toggle(self) -> bool:
        self.expanded = not self.expanded
        self._render_table()
        return self.expanded

    def _render_table(self) -> None:
        tags = self._tags if self.expanded else []
        names = [g.group for g in self._groups] + [f"  {t.slug}" for t in tags]
        widths = Widths.fit(names, [*self._groups, *tags])
        this, before = widths.count * 2, widths.average * 2
        header = Content.styled(
            f"{'':<{widths.name}}{'this week':>{this}} {'prev 4 avg':>{before}}  trend",
            "$text-muted",
        )
        signs = Content.styled(
            f"{'':<{widths.name}}{'+':>{widths.count}}{'-':>{widths.count}} "
            f"{'+':>{widths.average}}{'-':>{widths.average}}",
            "$text-muted",
        )
        lines = [header, signs]
        by_group: dict[str, list[TagCount]] = {}
        for tag in self._tags:
            by_group.setdefault(tag.group, []).append(tag)
        for group in self._groups:
            lines.append(_row(group, group.group, widths, tag=False))
            if self.expanded:
                for tag in by_group.get(group.group, []):
                    lines.append(_row(tag, f"  {tag.slug}", widths, tag=True))
        self.update(Content("\n").join(lines))
