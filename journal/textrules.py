"""The rules every text must meet to enter the journal, in one place for every way in.

Typed input (the CLI, the app's forms) reaches them through ``journal.schemas``; the importers
through the same schemas; the review's own writes and tag definitions call ``clean`` directly. So
a character one path refuses, every path refuses, and what is stored reads back exactly and can
never drive the terminal it is later printed on.

- one-line text (what happened, setting, a plan, a tag's group and description): no line break
  of any kind (including U+2028/U+2029 and NEL), no tab, no control character;
- multi-line text (details, lessons, questions for the coach): line feeds, tabs and the Unicode
  line and paragraph separators are kept; every other control character (C0, DEL, C1, so also
  the carriage return and every ESC sequence) is refused;
- a slug: lower-case ASCII letters, digits and single hyphens (``journal.taxonomy``).

Standard library only: the review and the tag commands use it without loading pydantic.
"""

from __future__ import annotations

import re
from enum import StrEnum

from journal.errors import InputError

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters no text may hold (tab and line feed are handled by the line rules)."""
LINE_BREAKS = re.compile(r"[\n\r\t\u2028\u2029\x85]")
"""What ends or splits a line; a one-line text holds none of it."""
_VISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class Problem(StrEnum):
    """Why a text was refused; callers tell problems apart by this code, never by wording."""

    LINE_BREAK = "line_break"
    TAB = "tab"
    CONTROL = "control"
    TOO_LONG = "too_long"
    EMPTY = "empty"
    NOT_TEXT = "not_text"


_SENTENCES = {
    Problem.LINE_BREAK: "must be a single line",
    Problem.TAB: "must not hold a tab; use spaces instead",
    Problem.CONTROL: "must not contain control characters",
    Problem.EMPTY: "is required and cannot be empty",
    Problem.NOT_TEXT: "must be text",
}


class TextRuleError(ValueError):
    """A text breaks a rule; ``str()`` is the predicate that follows the field's name."""

    def __init__(self, problem: Problem, limit: int | None = None) -> None:
        self.problem = problem
        self.limit = limit
        if problem is Problem.TOO_LONG:
            predicate = f"is too long: at most {limit} characters"
        else:
            predicate = _SENTENCES[problem]
        super().__init__(predicate)


def check_line(value: str) -> str:
    """``value`` when it is one line of plain text, else ``TextRuleError``."""
    if "\t" in value:
        raise TextRuleError(Problem.TAB)
    if LINE_BREAKS.search(value):
        raise TextRuleError(Problem.LINE_BREAK)
    return check_text(value)


def check_text(value: str) -> str:
    """``value`` when it holds no control character other than line feeds and tabs."""
    if CONTROL.search(value):
        raise TextRuleError(Problem.CONTROL)
    return value


def clean(
    value: object,
    name: str,
    limit: int,
    *,
    one_line: bool,
    required: bool = False,
) -> str | None:
    """Trimmed text, or None when nothing is left; a broken rule becomes one ``InputError``.

    For callers outside the schemas (the review's writes): the same rules, the same sentences
    (``Name must be a single line.``) as ``journal.schemas.explain`` gives.
    """
    try:
        return _clean(value, limit, one_line=one_line, required=required)
    except TextRuleError as exc:
        raise InputError(f"{name} {exc}.") from None


def _clean(value: object, limit: int, *, one_line: bool, required: bool) -> str | None:
    if value is None:
        text = ""
    elif isinstance(value, str):
        text = value.strip()
    else:
        raise TextRuleError(Problem.NOT_TEXT)
    if not text:
        if required:
            raise TextRuleError(Problem.EMPTY)
        return None
    if len(text) > limit:
        raise TextRuleError(Problem.TOO_LONG, limit)
    return check_line(text) if one_line else check_text(text)


def visible(text: str) -> str:
    """``text`` with control characters and line separators written as escapes (``\\x1b``).

    For messages that must quote what a file held without letting it act on the terminal.
    """
    return _VISIBLE.sub(lambda match: ascii(match.group())[1:-1], text)
