"""Escaping for Markdown: whatever the user typed comes out as literal text, never as structure.

The rules, checked against CommonMark (and GitHub's table extension) by the tests:

- characters that make inline structure anywhere are backslash-escaped: ``\\ ` * _ [ ] | ~ #``
  (``#`` also because a heading drops trailing ``#`` marks, ``~`` for strikethrough viewers);
- ``<`` and ``>`` become entities (no HTML, no autolinks, no block quotes), and so does ``&`` where
  it could start an entity reference (``&copy;``), so ``Q&A`` stays readable as it is;
- a line that starts with a block marker (``-``, ``+``, ``=``, or digits followed by ``.`` or
  ``)``) has that marker escaped, so it cannot open a list, a heading underline or a rule;
- whitespace at either end of a line becomes numeric entities, so a parser neither strips it nor
  reads four spaces as a code block;
- a line break becomes a backslash hard break, and the next line (escaped the same way) cannot
  start a block; invisible C1 control characters are dropped, and C0 ones (escape, bell) are
  shown as visible symbols (``journal.terminal``), as the document is often read with ``cat``.

Everything else (letters, digits, ``.,:;!?'"()/`` and non-ASCII text) is left alone, so the
document also reads well as plain text.
"""

from __future__ import annotations

import re

from journal.terminal import c0_visible

_BACKSLASHED = frozenset("\\`*_[]|~#")
_ENTITIES = {"<": "&lt;", ">": "&gt;"}
_ENTITY_REF = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_ORDERED_MARK = re.compile(r"^(\d+)([.)])")
_C1_CONTROLS = re.compile(r"[\x80-\x9f]")


def _entity(ch: str) -> str:
    return f"&#{ord(ch)};"


def _escape_core(core: str) -> str:
    core = _ENTITY_REF.sub("&amp;", core)
    out: list[str] = []
    for ch in core:
        if ch in _BACKSLASHED:
            out.append("\\" + ch)
        else:
            out.append(_ENTITIES.get(ch, ch))
    escaped = "".join(out)
    if escaped[:1] in ("-", "+", "="):
        return "\\" + escaped
    return _ORDERED_MARK.sub(r"\1\\\2", escaped)


def escape_line(line: str) -> str:
    """One line of user text as Markdown inline text (no line breaks expected)."""
    line = c0_visible(_C1_CONTROLS.sub("", line))
    start = 0
    while start < len(line) and line[start].isspace():
        start += 1
    end = len(line)
    while end > start and line[end - 1].isspace():
        end -= 1
    lead = "".join(_entity(ch) for ch in line[:start])
    trail = "".join(_entity(ch) for ch in line[end:])
    core = line[start:end]
    return lead + (_escape_core(core) if core else "") + trail


def text(value: str, indent: str = "") -> str:
    """User text, possibly several lines, for a paragraph or a list item.

    Line breaks become hard breaks; ``indent`` is put before each continuation line so that a
    list item's text lines up in plain text (the parser ignores it).
    """
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return ("\\\n" + indent).join(escape_line(line) for line in lines)


def one_line(value: str) -> str:
    """User text for a heading or a table cell: line breaks become spaces."""
    return escape_line(" ".join(value.replace("\r\n", "\n").replace("\r", "\n").split("\n")))


def cell(value: str) -> str:
    """User text inside a table cell (``|`` is escaped like everywhere)."""
    return one_line(value)
