"""Build the generated parts of docs/: the example coaching documents and the screenshots.

Run by ``make docs``. Everything comes from the real program on the demo journal, dated to a
fixed moment so that the output only changes when the program does.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
DEMO_NOW = "2026-11-20T18:00"
DEMO_WEEK = "2026-W47"
DEMO_MONTH = ("2026-10-21", "2026-11-20")
"""The demo's 31 days up to DEMO_NOW."""
ZONE = "Europe/Berlin"


def run(*args: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, *args], check=True, env=env)


def build_demo(folder: Path, env: dict[str, str]) -> Path:
    path = folder / "demo.db"
    run("-m", "journal.demo", str(path), "--now", DEMO_NOW, env=env)
    return path


def example_document(db: Path, env: dict[str, str]) -> Path:
    target = DOCS / "examples" / "coaching-week.md"
    target.parent.mkdir(exist_ok=True)
    run(
        "-m", "journal.cli", "--db", str(db), "export", "--week", DEMO_WEEK,
        "-o", str(target), "--force", env=env,
    )  # fmt: skip
    return target


def month_document(db: Path, env: dict[str, str]) -> Path:
    """The whole demo month in one document: what a coach reads before a monthly session."""
    target = DOCS / "examples" / "coaching-month.md"
    run(
        "-m", "journal.cli", "--db", str(db), "export", "--from", DEMO_MONTH[0],
        "--to", DEMO_MONTH[1], "-o", str(target), "--force", env=env,
    )  # fmt: skip
    return target


def main() -> int:
    import os

    env = {**os.environ, "SERVICE_JOURNAL_TZ": ZONE, "TZ": ZONE}
    with tempfile.TemporaryDirectory() as folder:
        db = build_demo(Path(folder), env)
        print(f"wrote {example_document(db, env).relative_to(DOCS.parent)}")
        print(f"wrote {month_document(db, env).relative_to(DOCS.parent)}")
        screenshots = DOCS / "screenshots.py"
        if screenshots.exists():
            run(str(screenshots), str(db), DEMO_WEEK, env={**env, "PYTHONPATH": str(DOCS.parent)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
