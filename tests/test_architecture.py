"""The core stays free of the UI, and quick commands stay free of heavy imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def loaded_modules(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return set(result.stdout.split())


def test_journal_package_never_imports_textual() -> None:
    import pkgutil

    import journal

    names = [m.name for m in pkgutil.walk_packages(journal.__path__, "journal.")]
    names = [n for n in names if not n.startswith("journal.migrations.")]
    modules = loaded_modules("\n".join(f"import {n}" for n in names))
    assert not {m for m in modules if m.split(".")[0] in ("textual", "tui")}


def test_importing_the_cli_loads_neither_textual_nor_sqlmodel() -> None:
    modules = loaded_modules("import journal.cli")
    heavy = {"textual", "sqlmodel", "sqlalchemy", "alembic", "pydantic", "tui"}
    assert not {m for m in modules if m.split(".")[0] in heavy}


def test_reading_a_current_journal_does_not_load_the_orm(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    from journal.db import open_database

    open_database(str(path)).close()
    modules = loaded_modules(
        f"from journal.cli import main\nmain(['--db', {str(path)!r}, 'list', '--json'])"
    )
    assert not {m for m in modules if m.split(".")[0] in ("sqlmodel", "sqlalchemy", "alembic")}
