"""Reading entries into the journal: the JSON and CSV exports, jrnl's JSON export, and a plain
note of one-line observations (``from_lines``).

Each reader turns a file into a ``Batch`` whose validated ``Record``s are read as the file
streams in (``journal.importers.stream``: bounded in size, depth and field length), or refuses
the whole file with one sentence naming the first bad record. ``apply`` writes a batch in one
transaction, a thousand records at a time, so a large
file is never held in memory whole: entries are keyed by uuid, so a record whose uuid is new is
added, one whose ``updated_at`` is newer than the stored entry's replaces it, and any other is
skipped; importing the same file twice adds nothing. Private wins every merge: an update never
makes public an entry that is private in the journal.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, tzinfo
from itertools import islice
from typing import TYPE_CHECKING, BinaryIO, Literal

from journal.errors import InputError

if TYPE_CHECKING:
    from journal.importers.from_lines import LinesContext
    from journal.schemas import EntryIn
    from journal.store.interface import JournalStore

FORMATS = ("json", "csv", "jrnl", "lines")
IMPORTED_GROUP = "Imported"
"""The group of tags a file uses without defining them (CSV, jrnl)."""

ActionItemData = tuple[str, str, datetime, datetime | None]
"""(text, status, created_at, closed_at)"""


@dataclass(frozen=True)
class SessionData:
    """A coaching session as a JSON export carries it, checked; known by ``held_at``."""

    held_at: datetime
    notes: str | None
    created_at: datetime
    agreements: list[ActionItemData] = field(default_factory=list)


@dataclass(frozen=True)
class Record:
    where: str
    """How the refusal names it: ``entry 3 (index 2)`` or ``line 4``."""
    entry: EntryIn
    """With ``uuid`` and ``occurred_at`` set."""
    created_at: datetime
    updated_at: datetime
    action_items: list[ActionItemData] = field(default_factory=list)
    replaces: bool = True
    """Whether a record newer than the journal's copy replaces it. A note's line never does:
    its uuid is made of its whole text and time, so the same uuid is the same line, and a line
    with no day written is stamped with the moment of each import."""


@dataclass(frozen=True)
class NewTag:
    slug: str
    group: str
    description: str = ""


BATCH_SIZE = 1000
"""Records looked up and written together; memory holds about this many at a time."""


@dataclass
class Batch:
    source: str
    """The file's name as the messages show it (``standard input`` for ``-``)."""
    records: Iterable[Record]
    """Read as ``apply`` goes (a generator for a streamed file): each record is seen once."""
    tags: list[NewTag] = field(default_factory=list)
    sessions: list[SessionData] = field(default_factory=list)
    """Coaching sessions the file carries (JSON only), written after its entries."""
    """Tags the file defines: created when the journal lacks them, kept as they are otherwise.
    A streamed file adds to it before yielding the first record that uses one."""
    unknown_tags_group: str | None = None
    """Tags used but defined nowhere are created in this group; None refuses them."""
    notes: list[str] = field(default_factory=list)
    """Things the user should know about the import (shortened texts, ...)."""


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    skipped: int
    """Records not written: ``unchanged`` ones and those older than the journal's copy."""
    new_tags: list[str]
    dry_run: bool
    unchanged: int = 0
    """The skipped records the journal already holds as they are (the same ``updated_at``)."""
    sessions_added: int = 0
    sessions_skipped: int = 0
    """Coaching sessions of a JSON export added, and left out as already in the journal."""

    @property
    def older(self) -> int:
        """The skipped records the journal holds a newer version of (edited since)."""
        return self.skipped - self.unchanged

    def summary(self) -> str:
        sessions = ""
        if self.sessions_added or self.sessions_skipped:
            verb = "would add" if self.dry_run else "added"
            sessions = (
                f" Coaching sessions: {verb} {self.sessions_added}, skipped "
                f"{self.sessions_skipped} (already in the journal)."
            )
        if self.dry_run:
            return (
                f"Dry run: would add {self.added}, update {self.updated}, skip {self.skipped}; "
                f"nothing was changed.{sessions}"
            )
        return (
            f"Imported: added {self.added}, updated {self.updated}, skipped {self.skipped}."
            f"{sessions}"
        )


Action = Literal["add", "update", "unchanged", "older"]
"""What an import does with a record: add it, replace the journal's older copy, or leave it
(the journal holds it unchanged, or a newer version of it)."""


@dataclass(frozen=True)
class Planned:
    """One record of a file and what importing it would do."""

    action: Action
    record: Record


@dataclass(frozen=True)
class Preview:
    """A file read without writing: its counts, and every record in the file's order with its
    action. ``to_write()`` is the batch that writes exactly these records."""

    batch: Batch
    result: ImportResult
    planned: list[Planned]

    def to_write(self) -> Batch:
        """The previewed records as a batch for ``apply``, which plans them again against the
        journal as it is then (another program may have written meanwhile)."""
        return replace(self.batch, records=[p.record for p in self.planned])


def refusal(source: str, where: str, problem: str) -> InputError:
    """One sentence naming the file, the first bad record and what is wrong with it."""
    problem = problem.strip().rstrip(".")
    if len(problem) > 1 and problem[0].isupper() and problem[1].islower():
        problem = problem[0].lower() + problem[1:]
    return InputError(f"Nothing was imported from {source}: {where}: {problem}.")


def parse(
    data: str | bytes | BinaryIO,
    fmt: str,
    source: str,
    zone: tzinfo,
    *,
    on_read: Callable[[int], None] | None = None,
    lines: LinesContext | None = None,
) -> Batch:
    """Read a file (its text, or a binary stream read as it goes) in one of ``FORMATS``.

    ``on_read`` is told how many bytes have been read so far, for a progress bar. The lines
    format needs ``lines``: the journal's tags and settings, which its shorthand names by prefix.
    """
    from journal.importers.stream import BoundedStream

    if fmt not in FORMATS:
        raise InputError(f'The import format must be one of {", ".join(FORMATS)}, not "{fmt}".')
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    raw = io.BytesIO(data) if isinstance(data, bytes) else data
    stream = BoundedStream(raw, source, on_read=on_read)
    if fmt == "json":
        from journal.importers.from_json import parse_json

        return parse_json(stream, source)
    if fmt == "csv":
        from journal.importers.from_csv import parse_csv

        return parse_csv(stream, source)
    if fmt == "lines":
        from journal.importers.from_lines import parse_lines

        if lines is None:
            raise ValueError("the lines format needs a LinesContext")
        return parse_lines(stream, source, lines)
    from journal.importers.from_jrnl import parse_jrnl

    return parse_jrnl(stream, source, zone)


def _chunks(records: Iterable[Record]) -> Iterator[list[Record]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, BATCH_SIZE)):
        yield chunk


@dataclass
class _Tally:
    counts: dict[Action, int] = field(
        default_factory=lambda: {"add": 0, "update": 0, "unchanged": 0, "older": 0}
    )
    created: dict[str, NewTag] = field(default_factory=dict)

    def result(self, dry_run: bool) -> ImportResult:
        c = self.counts
        skipped = c["unchanged"] + c["older"]
        return ImportResult(
            c["add"], c["update"], skipped, sorted(self.created), dry_run, c["unchanged"]
        )


def _plan(
    store: JournalStore, batch: Batch, tally: _Tally
) -> Iterator[tuple[list[Planned], list[NewTag]]]:
    """The file's records a chunk at a time, each with its action, and the tags the chunk's
    written records need created first; a bad record or a uuid used twice refuses the file."""
    imports = store.imports
    known = {t.slug for t in store.tag_catalogue()}
    seen: dict[str, str] = {}
    defined: dict[str, NewTag] = {}
    for chunk in _chunks(batch.records):
        if len(defined) != len(batch.tags):
            defined = {t.slug: t for t in batch.tags}
        wanted: dict[str, NewTag] = {}
        for record in chunk:
            uuid = record.entry.uuid or ""
            if uuid in seen:
                raise refusal(
                    batch.source, record.where, f"uuid {uuid} was already used by {seen[uuid]}"
                )
            seen[uuid] = record.where
            for mark in record.entry.tags:
                slug = mark.slug
                if slug in known or slug in tally.created or slug in wanted:
                    continue
                if slug in defined:
                    wanted[slug] = defined[slug]
                elif batch.unknown_tags_group:
                    wanted[slug] = NewTag(slug, batch.unknown_tags_group)
                else:
                    raise refusal(
                        batch.source,
                        record.where,
                        f'the tag "{slug}" is neither in this journal nor in the file\'s tag list',
                    )
        stamps = imports.updated_by_uuid([r.entry.uuid or "" for r in chunk])
        planned: list[Planned] = []
        for record in chunk:
            stored = stamps.get(record.entry.uuid or "")
            action: Action
            if stored is None:
                action = "add"
            elif record.updated_at > stored and record.replaces:
                action = "update"
            elif record.updated_at >= stored:
                action = "unchanged"
            else:
                action = "older"
            tally.counts[action] += 1
            planned.append(Planned(action, record))
        needed = {
            mark.slug
            for p in planned
            if p.action in ("add", "update")
            for mark in p.record.entry.tags
        }
        new_tags = [tag for slug, tag in wanted.items() if slug in needed]
        tally.created.update((tag.slug, tag) for tag in new_tags)
        yield planned, new_tags


def preview(store: JournalStore, batch: Batch) -> Preview:
    """Read the whole file and say what importing it would do, writing nothing.

    Every record is kept (the app shows them and then writes exactly them); the command
    line's ``--dry-run`` only counts, through ``apply``, so a large file is not held whole.
    """
    tally = _Tally()
    planned = [p for chunk, _ in _plan(store, batch, tally) for p in chunk]
    known = sum(1 for session in batch.sessions if store.imports.has_session(session.held_at))
    result = replace(
        tally.result(dry_run=True),
        sessions_added=len(batch.sessions) - known,
        sessions_skipped=known,
    )
    return Preview(batch, result, planned)


def apply(store: JournalStore, batch: Batch, *, dry_run: bool = False) -> ImportResult:
    """Add, update or skip each record; all in one transaction, or (dry run) nothing at all.

    Records are taken a batch at a time as the file is read; a refusal anywhere (a bad record,
    a uuid used twice, a bound exceeded) rolls back everything written before it.
    """
    imports = store.imports
    tally = _Tally()
    guard = contextlib.nullcontext() if dry_run else store.transaction()
    with guard:
        for planned, new_tags in _plan(store, batch, tally):
            if dry_run:
                continue
            for tag in new_tags:
                imports.ensure_tag(tag.slug, tag.group, tag.description)
            for p in planned:
                if p.action not in ("add", "update"):
                    continue
                write = imports.insert_imported if p.action == "add" else imports.replace_imported
                record = p.record
                try:
                    write(record.entry, record.created_at, record.updated_at, record.action_items)
                except InputError as exc:
                    raise refusal(batch.source, record.where, str(exc)) from None
        sessions_added = sessions_skipped = 0
        for session in batch.sessions:
            if imports.has_session(session.held_at):
                sessions_skipped += 1
                continue
            sessions_added += 1
            if not dry_run:
                imports.insert_session(
                    session.held_at, session.notes, session.created_at, session.agreements
                )
    return replace(
        tally.result(dry_run), sessions_added=sessions_added, sessions_skipped=sessions_skipped
    )
