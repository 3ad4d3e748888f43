"""Everything outside the storage layer goes through the typed store interface.

A second implementation (a server database) can only be added beside the SQLite one if no caller
reaches past ``JournalStore`` to the connection: these tests read the source of every module
outside journal/db, journal/store and the migrations, and fail on the first that does.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORAGE = ("journal/db/", "journal/store/", "journal/migrations/")
CONNECTION_NAMES = {"Database", "open_database", "translate", "Connection", "Cursor"}


def callers() -> list[Path]:
    files = sorted([*(ROOT / "journal").rglob("*.py"), *(ROOT / "tui").rglob("*.py")])
    return [p for p in files if not p.relative_to(ROOT).as_posix().startswith(STORAGE)]


def reaches_into_storage(source: str, where: str) -> list[str]:
    """Where a module touches the connection: sqlite3, ``Database``, or a store's ``.db``."""
    tree = ast.parse(source, filename=where)
    found: list[str] = []
    for node in ast.walk(tree):
        line = f"{where}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            found += [
                f"{line} imports {a.name}" for a in node.names if a.name.startswith("sqlite3")
            ]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module.startswith("sqlite3") or module == "journal.db.connection":
                found.append(f"{line} imports from {module}")
            if module == "journal.db":
                found += [
                    f"{line} imports {a.name} from journal.db"
                    for a in node.names
                    if a.name in CONNECTION_NAMES
                ]
        elif isinstance(node, ast.Name) and node.id == "Database":
            found.append(f"{line} names Database")
        elif isinstance(node, ast.Attribute) and node.attr in ("db", "conn", "_db"):
            owner = ast.unparse(node.value)
            if "store" in owner.lower() or "backend" in owner.lower():
                found.append(f"{line} reaches {owner}.{node.attr}")
    return found


def test_callers_never_reach_the_connection() -> None:
    problems = [
        problem
        for path in callers()
        for problem in reaches_into_storage(
            path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix()
        )
    ]
    assert problems == [], "use the JournalStore interface instead:\n" + "\n".join(problems)


def test_the_check_catches_each_way_of_reaching_in() -> None:
    source = (
        "import sqlite3\n"
        "from journal.db import Database\n"
        "def f(store, ctx, app):\n"
        "    store.db.execute('SELECT 1')\n"
        "    app.backend._db.close()\n"
        "    return ctx.store.db\n"
    )
    found = reaches_into_storage(source, "tui/probe.py")
    assert sorted(found) == [
        "tui/probe.py:1 imports sqlite3",
        "tui/probe.py:2 imports Database from journal.db",
        "tui/probe.py:4 reaches store.db",
        "tui/probe.py:5 reaches app.backend._db",
        "tui/probe.py:6 reaches ctx.store.db",
    ]


def test_every_caller_is_checked() -> None:
    """The check reads the front ends and the core, not only the storage layer's neighbours."""
    names = {path.relative_to(ROOT).as_posix() for path in callers()}
    assert {"journal/review/build.py", "tui/backend.py", "journal/doctor.py"} <= names
    assert not any(name.startswith(STORAGE) for name in names)
