"""Choose signed tags from the catalogue by typing: ``-att`` then Enter adds ``-attention``.

A leading + or - sets the polarity (only the first character is a sign: slugs contain hyphens);
the rest filters the catalogue by slug, group or description. Up and down move in the list while
the text field keeps the focus, Enter adds the highlighted tag (again on a chosen tag with the
same sign removes it; with the other sign flips it), backspace on an empty field removes the last
chosen tag. A name that is not in the catalogue can be created as a custom tag after a dialog.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from journal.errors import JournalError
from journal.taxonomy import BUILTIN_TAGS, SLUG_PATTERN, normalise_slug
from tui.access import journal_app

NEW_TAG_ID = "__new-tag__"
_SLUG_RE = re.compile(SLUG_PATTERN)


class TagLike(Protocol):
    @property
    def slug(self) -> str: ...
    @property
    def group(self) -> str: ...
    @property
    def description(self) -> str: ...


@dataclass(frozen=True)
class TagInfo:
    """What the picker needs to know about a catalogue tag."""

    slug: str
    group: str
    description: str


def split_sign(text: str) -> tuple[int, str]:
    """``"-wait-time"`` -> ``(-1, "wait-time")``; no sign means done well (+1)."""
    text = text.strip()
    if text[:1] in ("+", "-") and text:
        return (-1 if text[0] == "-" else 1), text[1:].strip()
    return 1, text


def mark_text(slug: str, polarity: int) -> str:
    return ("-" if polarity < 0 else "+") + slug


def match_tags(catalogue: Iterable[TagLike], query: str) -> list[TagLike]:
    """Tags matching ``query`` by slug, group or description, best first, catalogue order kept."""
    words = query.strip().lower()
    slug_query = normalise_slug(words)
    if not words:
        return list(catalogue)
    ranked: list[tuple[int, int, TagLike]] = []
    for position, tag in enumerate(catalogue):
        rank: int | None = None
        if tag.slug == slug_query:
            rank = 0
        elif tag.slug.startswith(slug_query):
            rank = 1
        elif any(part.startswith(slug_query) for part in tag.slug.split("-")):
            rank = 2
        elif slug_query in tag.slug:
            rank = 3
        elif tag.group.lower().startswith(words):
            rank = 4
        elif words in tag.description.lower():
            rank = 5
        if rank is not None:
            ranked.append((rank, position, tag))
    return [tag for _, _, tag in sorted(ranked, key=lambda item: item[:2])]


class TagInput(Input):
    """The picker's text field: backspace on an empty field removes the last chosen tag."""

    class RemoveLast(Message):
        pass

    def action_delete_left(self) -> None:
        if not self.value:
            self.post_message(self.RemoveLast())
            return
        super().action_delete_left()


class TagPicker(Widget):
    """A filter field, the matching catalogue tags with their group, and the chosen tags."""

    BINDINGS = [
        Binding("down", "move(1)", "Next tag", show=False),
        Binding("up", "move(-1)", "Previous tag", show=False),
        Binding("pagedown", "move(5)", show=False),
        Binding("pageup", "move(-5)", show=False),
    ]

    class Changed(Message):
        """The chosen tags changed."""

        def __init__(self, picker: TagPicker) -> None:
            super().__init__()
            self.picker = picker

        @property
        def control(self) -> TagPicker:
            return self.picker

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._catalogue: list[TagLike] = [
            TagInfo(t.slug, t.group, t.description) for t in BUILTIN_TAGS
        ]
        self._chosen: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        # Built in their first state here rather than looked up in ``on_mount``: a form closed
        # in its first moments (quitting at once) may run the mount handler after its children
        # are gone.
        with Horizontal(id="tag-row"):
            yield TagInput(placeholder="+word or -word", id="tag-input", compact=True)
            yield Static(self._chosen_text(), id="tag-chosen", markup=True)
        options = OptionList(id="tag-options")
        options.can_focus = False
        yield options
        yield Static(id="tag-hint")

    def on_mount(self) -> None:
        self.border_title = "Tags"
        self.border_subtitle = "+word done well · -word done badly · enter adds · ⌫ removes"
        # The list is filled when the journal's catalogue arrives (or the field is reached
        # first): drawing forty options would hold back the form's first paint.

    def on_descendant_focus(self) -> None:
        if not self.query_one(OptionList).option_count:
            self._refresh_options()

    # ----------------------------------------------------------------- public API

    @property
    def input(self) -> TagInput:
        return self.query_one(TagInput)

    @property
    def tags(self) -> list[str]:
        """The chosen tags as ``+slug`` / ``-slug`` texts, in the order chosen."""
        return [mark_text(slug, polarity) for slug, polarity in self._chosen.items()]

    @tags.setter
    def tags(self, marks: Iterable[str]) -> None:
        self._chosen = {}
        for mark in marks:
            polarity, slug = split_sign(mark)
            if slug:
                self._chosen[slug] = polarity
        self._show_chosen()
        self._refresh_options()

    @property
    def slugs(self) -> list[str]:
        """Every slug the catalogue knows (built in and the user's own)."""
        return [tag.slug for tag in self._catalogue]

    def set_catalogue(self, tags: Iterable[TagLike]) -> None:
        self._catalogue = list(tags)
        self._refresh_options()

    def choose(self, slug: str, polarity: int) -> None:
        """Add a tag; the same tag with the same sign again removes it, the other sign flips it."""
        if self._chosen.get(slug) == polarity:
            del self._chosen[slug]
        else:
            self._chosen[slug] = polarity
        self._after_change()

    def remove_tag(self, slug: str) -> None:
        if self._chosen.pop(slug, None) is not None:
            self._after_change()

    def clear(self) -> None:
        self._chosen = {}
        self.input.value = ""
        self._show_chosen()
        self._refresh_options()

    # ----------------------------------------------------------------- events

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self.input:
            event.stop()
            self._hint("")
            self._refresh_options()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input is not self.input:
            return
        event.stop()
        text = self.input.value.strip()
        if not text:
            self.screen.focus_next()
            return
        polarity, _ = split_sign(text)
        option = self.query_one(OptionList).highlighted_option
        if option is None or option.id is None:
            self._hint("No tag matches; type a name (letters, digits, hyphens) to create one.")
            return
        if option.id == NEW_TAG_ID:
            self._ask_new_tag(normalise_slug(split_sign(text)[1]), polarity)
            return
        self.input.value = ""
        self.choose(option.id, polarity)

    def on_tag_input_remove_last(self, event: TagInput.RemoveLast) -> None:
        event.stop()
        if self._chosen:
            last = list(self._chosen)[-1]
            self.remove_tag(last)

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if not options.option_count:
            return
        current = options.highlighted if options.highlighted is not None else -1
        options.highlighted = max(0, min(options.option_count - 1, current + step))

    # ----------------------------------------------------------------- new tags

    def _ask_new_tag(self, slug: str, polarity: int) -> None:
        from tui.dialogs.new_tag import NewTagDialog

        def created(result: tuple[str, str] | None) -> None:
            if result is not None:
                group, description = result
                self._create_tag(slug, group, description, polarity)
            self.input.focus()

        self.app.push_screen(NewTagDialog(slug), created)

    @work(thread=True, group="new-tag")
    def _create_tag(self, slug: str, group: str, description: str, polarity: int) -> None:
        from journal.schemas import TagIn, validate

        try:
            data = validate(TagIn, {"slug": slug, "group": group, "description": description})
            tag = journal_app(self).backend.call(lambda store: store.add_tag(data))
        except JournalError as exc:
            self.app.call_from_thread(self._hint, str(exc))
            return
        self.app.call_from_thread(self._created, tag, polarity)

    def _created(self, tag: TagLike, polarity: int) -> None:
        self._catalogue.append(TagInfo(tag.slug, tag.group, tag.description))
        self.input.value = ""
        self.choose(tag.slug, polarity)
        self.app.notify(f"Created the tag {tag.slug} in {tag.group}.")

    # ----------------------------------------------------------------- drawing

    def _after_change(self) -> None:
        self._show_chosen()
        self._refresh_options()
        self.post_message(self.Changed(self))

    def _hint(self, text: str) -> None:
        hint = self.query_one("#tag-hint", Static)
        hint.update(text)
        hint.set_class(bool(text), "-shown")

    def _chosen_text(self) -> Content:
        if not self._chosen:
            return Content.from_markup("[$text-muted]Chosen: none yet")
        parts: list[str | tuple[str, str]] = [("Chosen:", "$text-muted")]
        for slug, polarity in self._chosen.items():
            style = "$text-error" if polarity < 0 else "$text-success"
            parts.extend([" ", (mark_text(slug, polarity), f"bold {style}")])
        return Content.assemble(*parts)

    def _show_chosen(self) -> None:
        self.query_one("#tag-chosen", Static).update(self._chosen_text())

    def _refresh_options(self) -> None:
        _, query = split_sign(self.input.value)
        matches = match_tags(self._catalogue, query)
        width = max((len(t.group) for t in self._catalogue), default=8)
        options = [Option(self._prompt(tag, width), id=tag.slug) for tag in matches]
        slug = normalise_slug(query)
        known = {t.slug for t in self._catalogue}
        if slug and slug not in known and len(slug) >= 2 and _SLUG_RE.match(slug):
            options.append(Option(f"  Create a new tag “{slug}”…", id=NEW_TAG_ID))
        option_list = self.query_one(OptionList)
        option_list.set_options(options)
        if options:
            option_list.highlighted = 0

    def _prompt(self, tag: TagLike, width: int) -> Content:
        polarity = self._chosen.get(tag.slug)
        mark = " " if polarity is None else ("-" if polarity < 0 else "+")
        mark_style = "$text-error" if polarity == -1 else "$text-success"
        return Content.assemble(
            (mark, f"bold {mark_style}"),
            " ",
            (f"{tag.group:<{width}}", "$text-muted"),
            "  ",
            (f"{tag.slug:<22}", "bold"),
            " ",
            (tag.description, "$text-muted"),
        )
