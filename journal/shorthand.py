"""The one-line capture grammar, shared by ``add``, the lines importer and the capture form.

People capture minutes after an encounter, on a phone or at a shell prompt, so one line must be
enough: ``Teller kept typing -att -queue @bank ~w =badly // greet the line first``.

- ``+slug`` / ``-slug``: a tag done well / badly; a unique prefix of a known slug is enough;
- ``@setting``: a prefix of a recent or built-in setting; a hyphen stands for a space;
- ``=well`` / ``=badly`` / ``=mixed`` (or a unique prefix): overall;
- ``~witnessed`` / ``~customer`` / ``~provider`` (or a unique prefix, ``~w``): perspective;
- ``//`` at a word start: the rest of the line is what I would do differently.

A token starts at a word start, its marker is followed by a letter, and it ends at a space or
the end of the line (one trailing ``,``, ``;`` or ``.`` goes with it). So "a 5-10 min wait",
"e-mail", "+44 20 7946 0000", "me@example.com", "http://x" and "-5 degrees" stay text: a phone
number must never become a tag. Text without tokens is returned unchanged.

Standard library only: the capture form imports this before the database layer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from journal.entry import Overall, Perspective
from journal.errors import InputError, UnknownTagError
from journal.taxonomy import normalise_slug, suggest
from journal.values import TagMark

_TOKEN = re.compile(r"(?<!\S)(?P<marker>[-+@=~])(?P<word>[A-Za-z][\w-]*?)[,;.]?(?=\s|$)")
_DIFFERENTLY = re.compile(r"(?<!\S)//")
_SPACES = re.compile(r"[ \t]{2,}")


class AmbiguousError(InputError):
    """A prefix that matches more than one known value; ``candidates`` lists them."""

    def __init__(self, what: str, typed: str, candidates: list[str]) -> None:
        shown = ", ".join(candidates[:8]) + (", …" if len(candidates) > 8 else "")
        super().__init__(f'"{typed}" could be more than one {what}: {shown}; type more of it.')
        self.typed = typed
        self.candidates = candidates


@dataclass
class Shorthand:
    """What one line says: the text left after the tokens, and the fields the tokens set."""

    what: str
    setting: str | None = None
    perspective: str | None = None
    overall: str | None = None
    tags: list[TagMark] = field(default_factory=list)
    differently: str | None = None

    def fields(self) -> dict[str, object]:
        """The declared fields this line sets (not the text), by field name."""
        given: dict[str, object] = {
            "setting": self.setting,
            "perspective": self.perspective,
            "overall": self.overall,
            "differently": self.differently,
        }
        return {k: v for k, v in given.items() if v is not None}


def unique_prefix(what: str, typed: str, known: Sequence[str]) -> str | None:
    """The one value of ``known`` that ``typed`` names: itself, or the only one it begins.

    None when nothing matches; several matches are refused, naming them, because guessing
    between "composure" and "confidence" would store a tag the user did not mean.
    """
    if typed in known:
        return typed
    matches = [k for k in known if k.startswith(typed)]
    if len(matches) > 1:
        raise AmbiguousError(what, typed, sorted(matches, key=lambda k: (len(k), k)))
    return matches[0] if matches else None


def resolve_tag(typed: str, known: Sequence[str]) -> str:
    """A known tag slug from a unique prefix; unknown ones are refused with suggestions."""
    slug = normalise_slug(typed)
    found = unique_prefix("tag", slug, known) if slug else None
    if found is None:
        raise UnknownTagError(slug or typed, suggest(slug, known))
    return found


def resolve_setting(typed: str, known: Sequence[str]) -> str:
    """A setting from ``@typed``: the first known one it begins (recent first), else new.

    Settings are free text, so a prefix that begins several is not refused: ``known`` is in the
    order the user most likely means (their recent settings, then the built-in list).
    """
    wanted = " ".join(typed.replace("-", " ").replace("_", " ").split())
    lowered = wanted.lower()
    for setting in known:
        if setting.lower() == lowered:
            return setting
    for setting in known:
        if setting.lower().startswith(lowered):
            return setting
    return wanted


def _choice(what: str, typed: str, values: Sequence[str]) -> str:
    found = unique_prefix(what, typed.lower(), values)
    if found is None:
        raise InputError(f'"{typed}" is not a {what}; use one of {", ".join(values)}.')
    return found


def parse(text: str, tags: Sequence[str], settings: Sequence[str] = ()) -> Shorthand:
    """Read one line of shorthand; ``tags`` are the known slugs, ``settings`` recent first.

    Refuses (``InputError``) an unknown or ambiguous tag, overall or perspective, and a field
    given twice with different values, so that nothing half-understood is stored.
    """
    split = _DIFFERENTLY.search(text)
    head, differently = (text[: split.start()], text[split.end() :]) if split else (text, None)
    result = Shorthand(what=head)
    if differently is not None:
        result.differently = differently.strip() or None
    matches = list(_TOKEN.finditer(head))
    if not matches and split is None:
        return Shorthand(what=text)
    for match in matches:
        marker, word = match["marker"], match["word"]
        if marker in "+-":
            mark = TagMark(resolve_tag(word, tags), 1 if marker == "+" else -1)
            if mark not in result.tags:
                result.tags.append(mark)
        elif marker == "@":
            result.setting = _once("setting", result.setting, resolve_setting(word, settings))
        elif marker == "=":
            value = _choice("overall", word, Overall.values())
            result.overall = _once("overall", result.overall, value)
        else:
            value = _choice("perspective", word, Perspective.values())
            result.perspective = _once("perspective", result.perspective, value)
    result.what = _without(head, matches)
    return result


def _once(what: str, current: str | None, value: str) -> str:
    if current is not None and current != value:
        raise InputError(f'Two values for {what}: "{current}" and "{value}"; keep one.')
    return value


def _without(text: str, matches: Sequence[re.Match[str]]) -> str:
    """The text with the tokens cut out and the gaps they leave closed."""
    kept, last = [], 0
    for match in matches:
        kept.append(text[last : match.start()])
        last = match.end()
    kept.append(text[last:])
    return _SPACES.sub(" ", "".join(kept)).strip()
