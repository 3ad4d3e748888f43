"""Running Alembic on a test journal directly, to make files at an older schema."""

from __future__ import annotations

from pathlib import Path


def alembic_to(path: Path, revision: str, *, down: bool = False) -> None:
    """Run Alembic on ``path`` to ``revision`` the way ``journal.db`` runs it."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
            config = Config()
            config.set_main_option(
                "script_location", str(Path(__file__).resolve().parents[1] / "journal/migrations")
            )
            config.attributes["connection"] = connection
            if down:
                command.downgrade(config, revision)
            else:
                command.upgrade(config, revision)
    finally:
        engine.dispose()
