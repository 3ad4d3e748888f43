"""Text bound for a terminal, with every control character made visible instead of obeyed.

Entries, tags and file names come from the user and from imported files. A terminal obeys what it
is sent: an escape sequence can retitle the window, rewrite the clipboard (OSC 52), move the
cursor over earlier lines or hide text, and bidirectional overrides make a line read differently
from what it holds. Validation refuses such characters on the way in; ``safe`` is the second line
of defence on the way out, applied by every printer of the command line (``say``, ``shout``, and
the JSON and export writers when their output is a terminal).

Standard library only: the CLI imports this before any command runs.
"""

from __future__ import annotations

import sys
from typing import TextIO

_C0_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
"""U+2400 CONTROL PICTURES: ␛ for ESC, ␇ for BEL, ␍ for a carriage return, and so on."""
_C0_PICTURES[0x7F] = "\u2421"  # ␡
_VISIBLE_AS_CODE = frozenset(
    [*range(0x80, 0xA0), 0x2028, 0x2029, 0x200E, 0x200F, *range(0x202A, 0x202F), 0x061C]
) | frozenset([*range(0x2066, 0x206A), 0xFEFF])
"""C1 controls (0x9B is a one-byte CSI to some terminals), line and paragraph separators, and the
marks, embeddings, overrides and isolates that change the direction text is shown in."""


def _table(keep: str) -> dict[int, str]:
    table = {code: pic for code, pic in _C0_PICTURES.items() if chr(code) not in keep}
    table.update({code: f"<U+{code:04X}>" for code in _VISIBLE_AS_CODE})
    return table


_LAYOUT = _table("\n\t")
_ONE_LINE = _table("")


def safe(text: str, *, one_line: bool = False) -> str:
    """``text`` with nothing a terminal would act on: line breaks and tabs stay (unless
    ``one_line``), every other control character is shown as a symbol or a code point."""
    return text.translate(_ONE_LINE if one_line else _LAYOUT)


_C0_ONLY = {code: pic for code, pic in _C0_PICTURES.items() if chr(code) not in "\n\t"}


def c0_visible(text: str) -> str:
    """Only the C0 controls (escape, bell, carriage return, ...) made visible: for documents
    whose format already deals with the rest (the Markdown export drops C1 controls)."""
    return text.translate(_C0_ONLY)


def say(text: object = "", *, file: TextIO | None = None) -> None:
    """Print one block of text for a person to read, made safe for a terminal first."""
    print(safe(str(text)), file=sys.stdout if file is None else file)


def shout(text: object) -> None:
    """A message on standard error (errors and notices), made safe for a terminal first."""
    print(safe(str(text)), file=sys.stderr, flush=True)


def for_stdout(text: str) -> str:
    """Data for standard output (JSON, an export): kept byte for byte when it goes to a file or a
    pipe, where another program reads it, and made safe when a person's terminal shows it."""
    isatty = getattr(sys.stdout, "isatty", None)
    if isatty is None or not isatty():
        return text
    return "\r\n".join(safe(part) for part in text.split("\r\n"))  # CSV's line ends stay


def short_path(path: object) -> str:
    """A path for a message, its middle left out when it is too long to read."""
    text = str(path)
    return text if len(text) <= 80 else f"{text[:40]}…{text[-30:]}"
