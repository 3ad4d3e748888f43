"""A new journal as a copy of an empty one made earlier: no Alembic at all on the way.

Creating a journal runs every migration, and importing Alembic and SQLAlchemy alone costs more
than everything else the demo does. ``make demo`` therefore keeps one empty journal (the
template, ``python -m journal.db.template PATH``, rebuilt by make when a migration or the
catalogue changes) and starts each demo from a copy of it.

A copy is only as good as the template, so one is used only when it is what a new journal
would be: at this program's schema revision, holding the current built-in catalogue and nothing
else, and sound. Anything else is left alone and the journal is created the ordinary way, so a
stale or damaged template costs the time it was meant to save, never a wrong journal.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import uuid
from pathlib import Path

from journal.db.files import _create_private_file, _remove_new_files
from journal.migrations import HEAD
from journal.taxonomy import BUILTIN_TAGS

USER_TABLES = ("entry", "entry_tag", "draft", "week_review", "checkin_answer", "action_item")
"""Tables a new journal has empty; a template with rows in one of them is not used."""


def template_fits(template: Path) -> bool:
    """Whether ``template`` is exactly what creating a new journal now would make."""
    if not template.is_file():
        return False
    try:
        # Read only, but not opened read-only: a read-only connection to a WAL journal would
        # leave its -wal and -shm files behind, where the last ordinary one removes them.
        conn = sqlite3.connect(template)
    except sqlite3.Error:
        return False
    try:
        if conn.execute("PRAGMA quick_check").fetchone() != ("ok",):
            return False
        if conn.execute("SELECT version_num FROM alembic_version").fetchall() != [(HEAD,)]:
            return False
        for table in USER_TABLES:
            if conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() is not None:
                return False
        tags = conn.execute('SELECT slug, "group", description, builtin FROM tag').fetchall()
        return sorted(tags) == sorted((t.slug, t.group, t.description, 1) for t in BUILTIN_TAGS)
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def copy_template(template: Path, target: Path) -> bool:
    """Make a new journal at ``target`` as a copy of ``template`` when the template fits.

    False (and nothing written) when it does not fit or ``target`` already exists; the caller
    then opens ``target`` as usual, which creates it. The copy is private (0600) and appears
    under its name whole or not at all, as ``open_database`` makes a new journal.
    """
    if target.exists() or not template_fits(template):
        return False
    temp = target.with_name(f".{target.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.new")
    _create_private_file(temp)
    try:
        with open(temp, "wb") as out:
            out.write(template.read_bytes())
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(temp, target)
        except FileExistsError:
            return False
    finally:
        _remove_new_files(temp)
    return True


def make_template(path: Path) -> None:
    """Write the template: a new journal made the ordinary way, under a temporary name first."""
    from journal.db.opening import open_database

    temp = path.with_name(f".{path.name}.{os.getpid()}.new")
    _remove_new_files(temp)
    try:
        open_database(str(temp)).close()
        os.replace(temp, path)
    finally:
        _remove_new_files(temp)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write an empty journal to copy new journals from (make demo uses one)."
    )
    parser.add_argument("path", type=Path)
    make_template(parser.parse_args(argv).path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
