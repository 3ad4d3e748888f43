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
from datetime import date, datetime, time, tzinfo
from typing import Any

from journal.entry import BY_NAME
from journal.errors import InputError
from journal.importers import IMPORTED_GROUP, Batch, NewTag, Record, refusal
from journal.importers.from_json import load
from journal.schemas import SLUG_MAX, TAG_DESCRIPTION_MAX, EntryIn, TagIn, validate
from journal.textrules import TextRuleError, check_line, visible
from journal.values import TagMark

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


def parse_jrnl(text: str, source: str, zone: tzinfo) -> Batch:
    doc = load(text, source)
    if isinstance(doc, dict) and doc.get("format") == "service-journal":
        raise InputError(
            f"Nothing was imported: {source} is a Service Journal export, not a jrnl one; "
            "use --format json."
        )
    if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
        raise InputError(
            f'Nothing was imported: {source} is not a jrnl JSON export (it has no "entries" list).'
        )
    records: list[Record] = []
    tags: dict[str, NewTag] = {}
    shortened = 0
    for index, item in enumerate(doc["entries"]):
        where = f"entry {index + 1} (index {index})"
        try:
            record, cut = _record(item, where, zone, tags)
        except InputError as exc:
            raise refusal(source, where, str(exc)) from None
        records.append(record)
        shortened += cut
    notes = []
    if shortened:
        notes.append(
            f"{shortened} long title(s) or body(ies) were shortened to fit "
            f"({WHAT_MAX} and {DETAILS_MAX} characters)."
        )
    return Batch(source, records, list(tags.values()), notes=notes)


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
    occurred = datetime.combine(day, clock, tzinfo=zone)
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
