"""Seeded, realistic journals for the benchmark: ours (SQLite) and the same entries for jrnl.

``python -m benchmarks.generate --size 10000 --out DIR`` writes ``DIR/journal.db`` and
``DIR/journal.txt``. The same seed and anchor day give the same entries: dates spread over three
years up to the anchor instant (by default "now", rounded down to the minute), so that the
current week always has entries; above 100,000 entries the span grows with the size instead of
the density (see ``DENSE_SIZE``). ``ensure_journal`` caches the files under ``benchmarks/.work``
keyed by size, seed, schema revision, generator version and anchor day.

Our journal is created and migrated by ``journal.db.open_database`` and then filled with plain
``executemany`` in one transaction (the FTS triggers index the texts); the jrnl journal is jrnl's
plain-text format: ``[YYYY-MM-DD HH:MM] Title.`` then the body, entries separated by a blank
line, with the tags as ``@slug`` words in the text.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
import uuid as uuidlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks import words

GENERATOR_VERSION = "2"
"""Bump when the generated content changes, so that cached journals are rebuilt."""
DEFAULT_SEED = 7
YEARS = 3
DENSE_SIZE = 100_000
"""Up to this size the dates span ``YEARS``; a bigger journal spans proportionally more years, so
that a week holds as many entries as at this size (a million entries are a longer history, not a
denser one, and a week's review must cost the same)."""
TEXT_MIN, TEXT_MAX = 40, 600
JRNL_TIMEFORMAT = "%Y-%m-%d %H:%M"
WORK = Path(__file__).resolve().parent / ".work"

PERSPECTIVES = ("witnessed", "customer", "provider")
CAUSES = ("skill", "process", "tools", "staffing", "customer", "environment", "unknown")
LEFT = ("better", "same", "worse")


@dataclass
class BenchEntry:
    """One generated entry; ``occurred_at`` is an aware UTC instant on a whole minute."""

    id: int
    uuid: str
    occurred_at: datetime
    what: str
    setting: str
    perspective: str
    overall: str
    tags: list[tuple[str, int]]
    situation: str | None = None
    behaviour: str | None = None
    impact: str | None = None
    differently: str | None = None
    lesson: str | None = None
    why: str | None = None
    left_them: str | None = None
    flagged: bool = False
    private: bool = False
    action: str | None = None
    action_status: str = "open"

    @property
    def text(self) -> str:
        """Everything written about the encounter (what, details, reflections), 40-600 chars."""
        parts = (
            self.what,
            self.situation,
            self.behaviour,
            self.impact,
            self.differently,
            self.lesson,
        )
        return " ".join(p for p in parts if p)


def anchor_now() -> datetime:
    """The default anchor: now, in UTC, rounded down to the minute."""
    return datetime.now(UTC).replace(second=0, microsecond=0)


def _tag_slugs() -> tuple[str, ...]:
    from journal.taxonomy import BUILTIN_TAGS

    return tuple(t.slug for t in BUILTIN_TAGS)


def _settings() -> tuple[str, ...]:
    from journal.taxonomy import BUILTIN_SETTINGS

    return BUILTIN_SETTINGS


def generate_entries(
    n: int, seed: int = DEFAULT_SEED, now: datetime | None = None
) -> Iterator[BenchEntry]:
    """``n`` entries, oldest first, ids 1..n in time order; the same for the same seed and now."""
    now = (now or anchor_now()).astimezone(UTC).replace(second=0, microsecond=0)
    rng = random.Random(seed)
    slugs = _tag_slugs()
    # Most people keep to a handful of settings: a skewed choice over the built-in ones.
    settings = _settings()
    setting_weights = [1 / (i + 1) for i in range(len(settings))]
    tag_weights = [1 / (i % 7 + 1) for i in range(len(slugs))]
    # Entry times: whole minutes between 07:00 and 21:59 (UTC is the benchmark's zone) on days
    # spread over the span, none after the anchor, in order.
    span_days = int(YEARS * 365 * max(1.0, n / DENSE_SIZE))
    first_day = (now - timedelta(days=span_days)).replace(hour=0, minute=0)
    days = (now - first_day).days + 1
    minutes: list[int] = []
    while len(minutes) < n:
        value = rng.randrange(days) * 1440 + rng.randrange(7 * 60, 22 * 60)
        if first_day + timedelta(minutes=value) < now:
            minutes.append(value)
    minutes.sort()
    for index, offset in enumerate(minutes, start=1):
        at = first_day + timedelta(minutes=offset)
        setting = rng.choices(settings, setting_weights)[0]
        overall = rng.choices(("well", "badly", "mixed"), (5, 4, 2))[0]
        entry = BenchEntry(
            id=index,
            uuid=str(uuidlib.UUID(int=rng.getrandbits(128), version=4)),
            occurred_at=at,
            what=words.what_sentence(rng, setting),
            setting=setting,
            perspective=rng.choices(PERSPECTIVES, (5, 3, 2))[0],
            overall=overall,
            tags=_tags(rng, slugs, tag_weights, overall),
        )
        if rng.random() < 0.30:
            entry.differently = words.differently_text(rng)
        if rng.random() < 0.20:
            entry.lesson = words.lesson_text(rng)
            if rng.random() < 0.25:
                entry.action = entry.differently or entry.lesson
                entry.action_status = rng.choices(("open", "done", "carried"), (2, 5, 1))[0]
        if rng.random() < 0.10:
            entry.behaviour = words.behaviour_text(rng)
            entry.impact = words.impact_text(rng)
        if entry.differently or entry.lesson:
            entry.why = rng.choice(CAUSES)
            entry.left_them = rng.choice(LEFT)
        entry.flagged = rng.random() < 0.04
        entry.private = rng.random() < 0.02
        # Fill the rest of a skewed length (most notes are short) with situation sentences.
        target = int(TEXT_MIN + (TEXT_MAX - TEXT_MIN) * rng.random() ** 2)
        budget = min(target, TEXT_MAX) - len(entry.text) - 1
        if budget > 30:
            entry.situation = words.situation_text(rng, budget) or None
        while len(entry.text) < TEXT_MIN:
            entry.situation = ((entry.situation or "") + " " + words.lesson_text(rng)).strip()
        yield entry


def _tags(
    rng: random.Random, slugs: tuple[str, ...], weights: list[float], overall: str
) -> list[tuple[str, int]]:
    count = rng.choices((1, 2, 3, 4, 5, 6), (20, 30, 25, 13, 8, 4))[0]
    chosen: list[str] = []
    while len(chosen) < count:
        slug = rng.choices(slugs, weights)[0]
        if slug not in chosen:
            chosen.append(slug)
    plus = {"well": 0.9, "badly": 0.1, "mixed": 0.5}[overall]
    return [(slug, 1 if rng.random() < plus else -1) for slug in chosen]


# ----------------------------------------------------------------------------- our journal


def write_sqlite(path: Path, entries: list[BenchEntry]) -> None:
    """A new journal at ``path`` holding ``entries``, written in one transaction."""
    from journal.db import dt_to_db, open_database
    from journal.entry import FLAG_COLUMNS, VALUE_COLUMNS
    from journal.store import ENTRY_COLUMNS as INSERT_COLUMNS

    if path.exists():
        raise FileExistsError(path)
    db = open_database(str(path))
    conn = db.conn
    try:
        conn.execute("BEGIN IMMEDIATE")
        entry_rows = []
        tag_rows = []
        action_rows = []
        for e in entries:
            at = dt_to_db(e.occurred_at)
            written = dt_to_db(e.occurred_at + timedelta(minutes=3))
            entry_rows.append(
                (
                    e.id,
                    e.uuid,
                    at,
                    *(getattr(e, name, None) for name in VALUE_COLUMNS),
                    *(int(getattr(e, name, False)) for name in FLAG_COLUMNS),
                    written,
                    written,
                    None,
                )
            )
            tag_rows.extend((e.id, slug, polarity) for slug, polarity in e.tags)
            if e.action:
                closed = None if e.action_status in ("open", "carried") else written
                action_rows.append((e.id, e.action, e.action_status, written, closed))
        marks = ", ".join("?" * len(INSERT_COLUMNS))
        conn.executemany(
            f"INSERT INTO entry ({', '.join(INSERT_COLUMNS)}) VALUES ({marks})", entry_rows
        )
        conn.executemany(
            "INSERT INTO entry_tag (entry_id, tag_slug, polarity) VALUES (?, ?, ?)", tag_rows
        )
        conn.executemany(
            "INSERT INTO action_item (entry_id, text, status, created_at, closed_at) "
            "VALUES (?, ?, ?, ?, ?)",
            action_rows,
        )
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()


# ----------------------------------------------------------------------------- jrnl's journal


def jrnl_block(e: BenchEntry) -> str:
    """One entry in jrnl's text format: the date in brackets, the title, the body with @tags."""
    body = [p for p in (e.situation, e.behaviour, e.impact) if p]
    if e.differently:
        body.append(f"Differently: {e.differently}")
    if e.lesson:
        body.append(f"Lesson: {e.lesson}")
    body.append(" ".join(f"@{slug}" for slug, _ in e.tags))
    stamp = e.occurred_at.strftime(JRNL_TIMEFORMAT)
    return f"[{stamp}] {e.what}\n{' '.join(body)}\n"


def write_jrnl(path: Path, entries: list[BenchEntry]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("\n".join(jrnl_block(e) for e in entries))


def write_jrnl_config(path: Path, journal: Path, version: str) -> None:
    """A complete jrnl config (every key present, its own version) so jrnl never prompts."""
    # json strings are valid YAML scalars, and quoting keeps "4.6" a string, not a number.
    lines = [
        f"version: {json.dumps(version)}",
        "journals:",
        "  default:",
        f"    journal: {json.dumps(str(journal))}",
        'editor: ""',
        "encrypt: false",
        "template: false",
        "default_hour: 9",
        "default_minute: 0",
        f"timeformat: {json.dumps(JRNL_TIMEFORMAT)}",
        'tagsymbols: "@"',
        "highlight: false",
        "linewrap: 79",
        'indent_character: "|"',
        "colors:",
        "  body: none",
        "  date: none",
        "  tags: none",
        "  title: none",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ----------------------------------------------------------------------------- cache


@dataclass(frozen=True)
class JournalFiles:
    size: int
    seed: int
    folder: Path
    db: Path
    jrnl: Path | None
    meta: dict


def cache_key(size: int, seed: int, now: datetime) -> str:
    from journal.migrations import HEAD

    return f"n{size}-s{seed}-schema{HEAD}-g{GENERATOR_VERSION}-{now:%Y%m%d}"


def ensure_journal(
    size: int,
    seed: int = DEFAULT_SEED,
    *,
    now: datetime | None = None,
    with_jrnl: bool = True,
    work: Path = WORK,
    log=print,
) -> JournalFiles:
    """The cached journals for (size, seed, schema, day), generating what is missing."""
    now = (now or anchor_now()).replace(second=0, microsecond=0)
    folder = work / "journals" / cache_key(size, seed, now)
    db, txt, meta_path = folder / "journal.db", folder / "journal.txt", folder / "meta.json"
    meta = json.loads(meta_path.read_text()) if meta_path.exists() and db.exists() else None
    need_txt = with_jrnl and not txt.exists()
    if meta is None or need_txt:
        if meta is None and folder.exists():
            shutil.rmtree(folder)
        # Journals of other days, schemas or generator versions for this size are stale.
        for stale in folder.parent.glob(f"n{size}-s{seed}-*"):
            if stale != folder and stale.is_dir():
                shutil.rmtree(stale)
        folder.mkdir(parents=True, exist_ok=True)
        # The anchor is kept so that a rebuild of the text on the same day matches the database.
        anchor = datetime.fromisoformat(meta["now"]) if meta else now
        started = time.perf_counter()
        entries = list(generate_entries(size, seed, anchor))
        gen_s = time.perf_counter() - started
        if meta is None:
            t = time.perf_counter()
            write_sqlite(db, entries)
            sqlite_s = time.perf_counter() - t
            meta = {
                "size": size,
                "seed": seed,
                "now": anchor.isoformat(),
                "generate_s": round(gen_s, 2),
                "sqlite_s": round(sqlite_s, 2),
                **_stats(entries),
            }
        if with_jrnl:
            t = time.perf_counter()
            write_jrnl(txt, entries)
            meta["jrnl_s"] = round(time.perf_counter() - t, 2)
        meta_path.write_text(json.dumps(meta, indent=2))
        log(
            f"  generated {size:,} entries in {gen_s:.1f} s, sqlite {meta['sqlite_s']} s"
            + (f", jrnl text {meta.get('jrnl_s')} s" if with_jrnl else "")
        )
    return JournalFiles(size, seed, folder, db, txt if with_jrnl else None, meta)


def _stats(entries: list[BenchEntry]) -> dict:
    word = words.SEARCH_WORD
    matches = sum(1 for e in entries if word in e.text.lower())
    newest = entries[-1] if entries else None
    return {
        "search_word": word,
        "search_matches": matches,
        "tag_counts": _tag_counts(entries),
        "newest_what": newest.what if newest else None,
        "newest_at": newest.occurred_at.isoformat() if newest else None,
    }


def _tag_counts(entries: list[BenchEntry]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for e in entries:
        for slug, _ in e.tags:
            counts[slug] = counts.get(slug, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, required=True, help="a new folder")
    parser.add_argument("--no-jrnl", action="store_true")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    entries = list(generate_entries(args.size, args.seed))
    write_sqlite(args.out / "journal.db", entries)
    if not args.no_jrnl:
        write_jrnl(args.out / "journal.txt", entries)
    print(json.dumps(_stats(entries), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
