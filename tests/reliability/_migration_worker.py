"""Run the CLI with one extra, test-only schema revision on top of the real ones.

Usage: ``python _migration_worker.py SCRIPT_DIR NEW_HEAD CLI_ARGS...``

SCRIPT_DIR is a copy of journal/migrations with the extra revision added; the real code is used
for everything else (version check, backup before the upgrade, Alembic run, error translation).
"""

from __future__ import annotations

import sys

import alembic.config

import journal.db.opening
import journal.db.upgrade


def main() -> int:
    script_dir, new_head, cli_args = sys.argv[1], sys.argv[2], sys.argv[3:]
    journal.db.upgrade.REVISIONS = (*journal.db.upgrade.REVISIONS, new_head)
    journal.db.upgrade.HEAD = new_head
    journal.db.opening.HEAD = new_head
    original = alembic.config.Config.set_main_option

    def set_main_option(self: alembic.config.Config, name: str, value: str) -> None:
        original(self, name, script_dir if name == "script_location" else value)

    alembic.config.Config.set_main_option = set_main_option  # type: ignore[method-assign]
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]
    from journal.cli import main as cli

    return cli(cli_args)


if __name__ == "__main__":
    sys.exit(main())
