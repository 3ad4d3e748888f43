"""The core stays free of the UI, and quick commands stay free of heavy imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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


@pytest.mark.parametrize(
    "command",
    [
        ["list", "--json"],
        ["list", "--search", "smiled"],
        ["list", "--tag=-attention"],
        ["show", "1"],
        ["tags"],
        ["review", "--json"],
        ["export", "--week", "2026-W48"],
    ],
)
def test_read_commands_do_not_load_the_validation_layer(tmp_path: Path, command: list[str]) -> None:
    """Reading needs no input models: pydantic's import alone costs more than the whole read."""
    path = tmp_path / "j.db"
    from journal.cli import main

    assert main(["--db", str(path), "add", "The cashier smiled", "--well", "attention"]) == 0
    modules = loaded_modules(
        "import contextlib, io\n"
        "from journal.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['--db', {str(path)!r}, *{command!r}]) == 0"
    )
    assert "journal.values" in modules
    assert not {m for m in modules if m.split(".")[0] == "pydantic"}


def test_reading_a_current_journal_does_not_load_the_orm(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    from journal.db import open_database

    open_database(str(path)).close()
    modules = loaded_modules(
        f"from journal.cli import main\nmain(['--db', {str(path)!r}, 'list', '--json'])"
    )
    assert not {m for m in modules if m.split(".")[0] in ("sqlmodel", "sqlalchemy", "alembic")}
