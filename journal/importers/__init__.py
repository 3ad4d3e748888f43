"""Reading entries into the journal: the JSON and CSV exports, and jrnl's JSON export.

Each reader (``from_json``, ``from_csv``, ``from_jrnl``) turns a file's text into a ``Batch`` of
validated ``Record``s or refuses the whole file with one sentence naming the first bad record.
``apply`` then writes a batch in one transaction: entries are keyed by uuid, so a record whose
uuid is new is added, one whose ``updated_at`` is newer than the stored entry's replaces it, and
any other is skipped; importing the same file twice adds nothing.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from journal.errors import InputError

if TYPE_CHECKING:
    from journal.schemas import EntryIn
    from journal.store.interface import JournalStore

FORMATS = ("json", "csv", "jrnl")
IMPORTED_GROUP = "Imported"
"""The group of tags a file uses without defining them (CSV, jrnl)."""

ActionItemData = tuple[str, str, datetime, datetime | None]
"""(text, status, created_at, closed_at)"""


@dataclass(frozen=True)
class Record:
    where: str
    """How the refusal names it: ``entry 3 (index 2)`` or ``line 4``."""
    entry: EntryIn
    """With ``uuid`` and ``occurred_at`` set."""
    created_at: datetime
    updated_at: datetime
    action_items: list[ActionItemData] = field(default_factory=list)


@dataclass(frozen=True)
class NewTag:
    slug: str
    group: str
    description: str = ""


@dataclass
class Batch:
    source: str
    """The file's name as the messages show it (``standard input`` for ``-``)."""
    records: list[Record]
    tags: list[NewTag] = field(default_factory=list)
    """Tags the file defines: created when the journal lacks them, kept as they are otherwise."""
    unknown_tags_group: str | None = None
    """Tags used but defined nowhere are created in this group; None refuses them."""
    notes: list[str] = field(default_factory=list)
    """Things the user should know about the import (shortened texts, ...)."""


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    skipped: int
    new_tags: list[str]
    dry_run: bool

    def summary(self) -> str:
        if self.dry_run:
            return (
                f"Dry run: would add {self.added}, update {self.updated}, skip {self.skipped}; "
                "nothing was changed."
            )
        return f"Imported: added {self.added}, updated {self.updated}, skipped {self.skipped}."


def refusal(source: str, where: str, problem: str) -> InputError:
    """One sentence naming the file, the first bad record and what is wrong with it."""
    problem = problem.strip().rstrip(".")
    if len(problem) > 1 and problem[0].isupper() and problem[1].islower():
        problem = problem[0].lower() + problem[1:]
    return InputError(f"Nothing was imported from {source}: {where}: {problem}.")


def check_unique(batch: Batch) -> Batch:
    """Refuse a file that holds the same uuid twice (the second one is named)."""
    seen: dict[str, str] = {}
    for record in batch.records:
        uuid = record.entry.uuid or ""
        if uuid in seen:
            raise refusal(
                batch.source, record.where, f"uuid {uuid} was already used by {seen[uuid]}"
            )
        seen[uuid] = record.where
    return batch


def parse(text: str, fmt: str, source: str, zone: tzinfo) -> Batch:
    """Read a file's text in one of ``FORMATS``."""
    if fmt == "json":
        from journal.importers.from_json import parse_json

        return check_unique(parse_json(text, source))
    if fmt == "csv":
        from journal.importers.from_csv import parse_csv

        return check_unique(parse_csv(text, source))
    if fmt == "jrnl":
        from journal.importers.from_jrnl import parse_jrnl

        return check_unique(parse_jrnl(text, source, zone))
    raise InputError(f'The import format must be one of json, csv, jrnl, not "{fmt}".')


def apply(store: JournalStore, batch: Batch, *, dry_run: bool = False) -> ImportResult:
    """Add, update or skip each record; all in one transaction, or (dry run) nothing at all."""
    imports = store.imports
    guard = contextlib.nullcontext() if dry_run else store.transaction()
    with guard:
        known = {t.slug for t in store.tag_catalogue()}
        defined = {t.slug: t for t in batch.tags}
        create: dict[str, NewTag] = {}
        for record in batch.records:
            for mark in record.entry.tags:
                slug = mark.slug
                if slug in known or slug in create:
                    continue
                if slug in defined:
                    create[slug] = defined[slug]
                elif batch.unknown_tags_group:
                    create[slug] = NewTag(slug, batch.unknown_tags_group)
                else:
                    raise refusal(
                        batch.source,
                        record.where,
                        f'the tag "{slug}" is neither in this journal nor in the file\'s tag list',
                    )
        stamps = imports.updated_by_uuid([r.entry.uuid or "" for r in batch.records])
        added = updated = skipped = 0
        plan: list[tuple[str, Record]] = []
        for record in batch.records:
            stored = stamps.get(record.entry.uuid or "")
            if stored is None:
                added += 1
                plan.append(("add", record))
            elif record.updated_at > stored:
                updated += 1
                plan.append(("update", record))
            else:
                skipped += 1
        needed = {mark.slug for _, record in plan for mark in record.entry.tags}
        create = {slug: tag for slug, tag in create.items() if slug in needed}
        if not dry_run:
            for tag in create.values():
                imports.ensure_tag(tag.slug, tag.group, tag.description)
            for action, record in plan:
                write = imports.insert_imported if action == "add" else imports.replace_imported
                try:
                    write(record.entry, record.created_at, record.updated_at, record.action_items)
                except InputError as exc:
                    raise refusal(batch.source, record.where, str(exc)) from None
    return ImportResult(added, updated, skipped, sorted(create), dry_run)
