"""jrnl's JSON export (``jrnl --export json``) as observations, so a jrnl user can move over.

jrnl writes ``{"tags": {"@tag": count}, "entries": [{"title", "body", "date": "YYYY-MM-DD",
"time": "HH:MM", "tags": ["@tag"], "starred": bool}]}``. Each entry becomes one observation:

- the title is what happened (line breaks become spaces; longer than 500 characters it is cut
  to 499 and "…"); the body is the details (situation), cut the same way at 4,000, with
  Windows line ends made plain line feeds;
- every text then meets the rules typed text meets (``journal.schemas``, ``journal.textrules``):
  a control character anywhere (an escape sequence in a title, body or tag) refuses the file
  with the entry named, instead of reaching the journal or, later, a terminal;
- date and time are local time in the user's zone; the entry was written then, too;
- each @tag becomes a tag with unknown sign (jrnl has none): a catalogue tag when the slug
  matches one, else a new tag in the group "Imported";
- starred becomes flagged for coaching;
- the uuid is derived from date, time and title (uuid5), so importing the file again adds nothing.
"""

from __future__ import annotations

import re
import unicodedata
import uuid as uuidlib
from collections.abc import Iterator
from datetime import date, datetime, time, tzinfo
from typing import TYPE_CHECKING, Any

from journal.entry import BY_NAME
from journal.errors import InputError
from journal.importers import IMPORTED_GROUP, Batch, NewTag, Record, refusal
from journal.instants import check_instant
from journal.schemas import SLUG_MAX, TAG_DESCRIPTION_MAX, EntryIn, TagIn, validate
from journal.textrules import TextRuleError, check_line, visible
from journal.values import TagMark

if TYPE_CHECKING:
    from journal.importers.stream import BoundedStream

JRNL_NAMESPACE = uuidlib.uuid5(uuidlib.NAMESPACE_URL, "https://jrnl.sh/#service-journal-import")
WHAT_MAX = BY_NAME["what"].max_length or 0
DETAILS_MAX = BY_NAME["situation"].max_length or 0
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def jrnl_uuid(day: str, clock: str, title: str) -> str:
    return str(uuidlib.uuid5(JRNL_NAMESPACE, f"{day} {clock} {title}"))


def tag_slug(raw: str) -> str | None:
    """``@Front_Desk`` -> ``front-desk``; None when nothing usable is left."""
    text = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", text.lower()).strip("-")[:SLUG_MAX].strip("-")
    if not slug:
        return None
    return slug if len(slug) >= 2 else f"jrnl-{slug}"


def parse_jrnl(stream: BoundedStream, source: str, zone: tzinfo) -> Batch:
    """jrnl's export read as it streams in; the tags it uses join ``Batch.tags`` as they come."""
    batch = Batch(source, [])
    batch.records = _records(stream, source, zone, batch)
    return batch


def _records(stream: BoundedStream, source: str, zone: tzinfo, batch: Batch) -> Iterator[Record]:
    from journal.importers.stream import NotAnObject, members

    tags: dict[str, NewTag] = {}
    shortened = index = 0
    has_entries = False
    try:
        for key, item in members(stream, source, "entries"):
            if key == "format" and item == "service-journal":
                raise InputError(
                    f"Nothing was imported: {source} is a Service Journal export, not a jrnl "
                    "one; use --format json."
                )
            if key == "entries.start":
                has_entries = True
            if key != "entries.item":
                continue
            where = f"entry {index + 1} (index {index})"
            known = len(tags)
            try:
                record, cut = _record(item, where, zone, tags)
            except InputError as exc:
                raise refusal(source, where, str(exc)) from None
            batch.tags.extend(list(tags.values())[known:])  # dicts keep their order
            shortened += cut
            index += 1
            yield record
    except NotAnObject:
        has_entries = False
    if not has_entries:
        raise InputError(
            f'Nothing was imported: {source} is not a jrnl JSON export (it has no "entries" list).'
        )
    if shortened:
        batch.notes.append(
            f"{shortened} long title(s) or body(ies) were shortened to fit "
            f"({WHAT_MAX} and {DETAILS_MAX} characters)."
        )


def _record(item: Any, where: str, zone: tzinfo, tags: dict[str, NewTag]) -> tuple[Record, int]:
    if not isinstance(item, dict):
        raise InputError("is not an object with title, body, date and time")
    title, body = item.get("title"), item.get("body") or ""
    if not isinstance(title, str) or not isinstance(body, str):
        raise InputError("title and body must be text")
    day_text, clock_text = item.get("date"), item.get("time") or "00:00"
    try:
        day = date.fromisoformat(str(day_text))
        clock = time.fromisoformat(str(clock_text))
    except ValueError:
        raise InputError(
            f'date "{day_text}" and time "{clock_text}" must look like 2026-11-20 and 14:30'
        ) from None
    what = " ".join(title.split())
    if not what:
        raise InputError("has an empty title")
    details = body.replace("\r\n", "\n").replace("\r", "\n").strip()
    cut = int(len(what) > WHAT_MAX) + int(len(details) > DETAILS_MAX)
    marks: list[TagMark] = []
    raw_tags = item.get("tags") or []
    if not isinstance(raw_tags, list):
        raise InputError('tags must be a list like ["@work"]')
    for raw in raw_tags:
        slug = tag_slug(_tag_text(raw))
        if slug is None:
            continue
        if slug not in tags:
            tags[slug] = _new_tag(slug, str(raw))
        marks.append(TagMark(slug=slug, polarity=0))
    occurred = check_instant(datetime.combine(day, clock, tzinfo=zone), f"date {day_text}")
    entry = validate(
        EntryIn,
        {
            "uuid": jrnl_uuid(str(day_text), str(clock_text), title),
            "what": shorten(what, WHAT_MAX),
            "situation": shorten(details, DETAILS_MAX) or None,
            "occurred_at": occurred,
            "tags": marks,
            "flagged": bool(item.get("starred")),
        },
    )
    return Record(where, entry, occurred, occurred), cut


def _tag_text(raw: Any) -> str:
    """A jrnl tag's text, refused (with its characters made visible) when no typed tag could
    hold it: it names the tag and goes into the new tag's description."""
    text = str(raw)
    try:
        return check_line(text)
    except TextRuleError as exc:
        raise InputError(f'the tag "{visible(text)}" {exc}') from None


def _new_tag(slug: str, raw: str) -> NewTag:
    """The catalogue tag a jrnl tag becomes, checked like a tag the user adds (``TagIn``)."""
    description = shorten(f"imported from jrnl as {raw}", TAG_DESCRIPTION_MAX)
    tag = validate(TagIn, {"slug": slug, "group": IMPORTED_GROUP, "description": description})
    return NewTag(tag.slug, tag.group, tag.description)
